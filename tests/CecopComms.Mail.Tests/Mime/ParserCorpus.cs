using System.Text;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Hand-written messages that are hard to read right: deep nesting, folded encoded words, legacy charsets, broken structure.</summary>
internal static class ParserCorpus
{
    private sealed record Case(string Text, bool Crlf = true, bool Latin1 = false);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["nested-multiparts"] = new("""
            From: CECOP <news@cecop.coop>
            To: Ana <ana.lopez@example.org>
            Subject: Nested
            Message-ID: <nested.1@cecop.coop>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            This is the preamble; readers ignore it.
            --outer
            Content-Type: multipart/alternative; boundary="outer-alt"

            --outer-alt
            Content-Type: text/plain; charset=utf-8

            Plain text, café.
            --outer-alt
            Content-Type: multipart/related; boundary=rel

            --rel
            Content-Type: text/html; charset=utf-8

            <p>HTML <img src="cid:logo@cecop.coop"></p>
            --rel
            Content-Type: image/gif
            Content-Transfer-Encoding: base64
            Content-ID: <logo@cecop.coop>

            R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=
            --rel--
            --outer-alt--
            --outer
            Content-Type: application/pdf
            Content-Disposition: attachment;
             filename*=utf-8''Relazione%20annuale%20%E2%80%94%202021.pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQKJcOkw7zDtsOfCg==
            --outer--
            Epilogue, also ignored.
            """),
        ["folded-encoded-subject"] = new("""
            From: =?iso-8859-1?q?Jos=E9_N=FA=F1ez?= <jose@example.es>
            To: =?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@example.bg>
            Subject: =?utf-8?q?Relazione_annuale_=E2=80=94_cooperative?=
             =?utf-8?b?IGluZHVzdHJpYWxpIGUgZGkgc2Vydml6aQ==?=
            	=?windows-1252?q?_=96_=80_2021?= plain tail
            Message-ID: <folded.1@cecop.coop>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=us-ascii

            Body.
            """),
        ["latin1-qp"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: =?ISO-8859-1?Q?R=E9sum=E9_de_l'ann=E9e?=
            MIME-Version: 1.0
            Content-Type: text/plain; charset="iso-8859-1"
            Content-Transfer-Encoding: quoted-printable

            Ch=E8re coop=E9rative, voici le r=E9sum=E9 de l'ann=E9e. Cette ligne est tr=
            =E8s longue et continue apr=E8s un saut doux.
            Fin =3D termin=E9.
            """),
        ["iso-8859-15-euro"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: =?iso-8859-15?q?Cotisation_=A4_50?=
            MIME-Version: 1.0
            Content-Type: text/plain; charset=iso-8859-15
            Content-Transfer-Encoding: 8bit

            Cotisation annuelle : 50 ¤, payable à réception.
            """, Latin1: true),
        ["missing-final-boundary"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: Cut short
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            First part.
            --b1
            Content-Type: text/plain; charset=utf-8

            Second part, and the close delimiter never comes.
            """),
        ["lf-only"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: LF only
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary=lf

            --lf
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Gr=C3=BC=C3=9Fe aus Br=C3=BCssel
            --lf
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: base64

            PHA+R3LDvMOfZSBhdXMgQnLDvHNzZWw8L3A+
            --lf--
            """, Crlf: false),
        ["rfc2231-continuations"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: Files
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="files"

            --files
            Content-Type: text/plain; charset=utf-8

            Two files.
            --files
            Content-Type: application/octet-stream;
             name*0*=utf-8''Spo%C5%82dzielnie%20pracy;
             name*1=" - raport ";
             name*2*=%C5%81%C3%B3d%C5%BA.xlsx
            Content-Disposition: attachment;
             filename*0*=utf-8''Spo%C5%82dzielnie%20pracy;
             filename*1=" - raport ";
             filename*2*=%C5%81%C3%B3d%C5%BA.xlsx
            Content-Transfer-Encoding: base64

            UEsDBBQAAAAIAA==
            --files
            Content-Type: application/octet-stream; name="=?utf-8?B?w4lsw6htZW50cy5jc3Y=?="
            Content-Disposition: attachment; filename="=?utf-8?B?w4lsw6htZW50cy5jc3Y=?="

            a;b
            --files--
            """),
        ["headers-only"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: Nothing follows
            Message-ID: <empty.1@cecop.coop>
            """),
        ["forwarded-message"] = new("""
            From: Marco Rossi <marco.rossi@example.it>
            To: news@cecop.coop
            Subject: Fwd: =?utf-8?q?Perch=C3=A9_no=3F?=
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="fwd"

            --fwd
            Content-Type: text/plain; charset=utf-8

            See below.
            --fwd
            Content-Type: message/rfc822

            From: Giulia <giulia@example.it>
            To: Marco Rossi <marco.rossi@example.it>
            Subject: =?utf-8?q?Perch=C3=A9_no=3F?=
            Message-ID: <inner.1@example.it>
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Perché no?
            --inner
            Content-Type: text/html; charset=utf-8

            <p>Perché no?</p>
            --inner--

            --fwd--
            """),
        ["base64-ragged"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: Ragged base64
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            WmHFvMOzxYLEhyBnxJnFm2zEhSBqYcW6xYQsIHNw
            w7PFgmR6aWVsbmllIHByYWN5
            IGkgY2Fmw6kuCg==
            """),
        ["digest"] = new("""
            From: list@cecop.coop
            To: ana.lopez@example.org
            Subject: Digest
            MIME-Version: 1.0
            Content-Type: multipart/digest; boundary="dig"

            --dig

            From: a@example.org
            Subject: First

            One.
            --dig

            From: b@example.org
            Subject: Second

            Two.
            --dig--
            """),
        ["boundary-lookalikes"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: Lookalikes
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="sep"

            --sep
            Content-Type: text/plain; charset=utf-8

            --sepX is not a delimiter, nor is -- sep or ---sep.
            --sep  
            Content-Type: text/plain; charset=utf-8

            A delimiter may end in blanks.

            --sep--  
            """),
        ["windows-1252-8bit"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org
            Subject: Quotes
            MIME-Version: 1.0
            Content-Type: text/plain; charset=windows-1252
            Content-Transfer-Encoding: 8bit

            “Cooperatives” – worker-owned — €5.
            """, Latin1: true),
        ["no-content-type"] = new("""
            From: news@cecop.coop
            To: ana.lopez@example.org, "Rossi, Marco" <marco.rossi@example.it>
            Subject:   spaced subject
            Date: Tue, 15 Jun 2021 08:02:11 +0000

            Plain ASCII, no MIME headers at all.
            """),
    };

    public static IEnumerable<string> Names => Cases.Keys;

    /// <summary>The message as bytes: CRLF unless the case says LF, Latin-1 (one byte per character, windows-1252 for the C1 range) when asked.</summary>
    public static byte[] Bytes(string name)
    {
        var c = Cases[name];
        var text = c.Text.ReplaceLineEndings("\n") + "\n";
        if (c.Crlf)
            text = text.Replace("\n", "\r\n");
        return c.Latin1 ? CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text) : Encoding.UTF8.GetBytes(text);
    }
}
