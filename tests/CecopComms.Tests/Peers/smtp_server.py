#!/usr/bin/python3
"""An aiosmtpd server for the mail interop tests.

Each message it accepts is saved as OUT/NNNN.eml (the bytes after DATA, dot-unstuffed by aiosmtpd) with
OUT/NNNN.json beside it holding the envelope and the session: EHLO name, signed-in user and mechanism, TLS, and the
number of the connection it came on. Prints "READY <port>" once listening on 127.0.0.1; runs until killed or until its
standard input closes.

  smtp_server.py OUT [--starttls CERT KEY] [--require-starttls]
                     [--auth-required USER:PASS] [--oauth USER:TOKEN]
                     [--refuse ADDRESS ...]          550 5.1.1 at RCPT TO for these recipients
                     [--refuse-sender ADDRESS ...]   553 5.7.1 at MAIL FROM for these senders
                     [--tempfail ADDRESS ...]        451 4.3.0 after DATA for these recipients
                     [--drop ADDRESS ...]            the connection closes without a reply after DATA for these recipients

--auth-required offers PLAIN and LOGIN (and XOAUTH2 with --oauth) and answers 530 at MAIL FROM before sign-in; AUTH
is offered in clear text unless --starttls is given, in which case it needs TLS first.
"""
import argparse
import base64
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.out = args.out
        self.refused = {a.lower() for a in args.refuse}
        self.refused_senders = {a.lower() for a in args.refuse_sender}
        self.tempfail = {a.lower() for a in args.tempfail}
        self.drop = {a.lower() for a in args.drop}
        self.oauth = args.oauth.split(":", 1) if args.oauth else None
        self.count = 0
        # Connections numbered by the client's address and port: aiosmtpd makes a new session after STARTTLS.
        self.connections = {}

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        self.connections.setdefault(session.peer, len(self.connections) + 1)
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if address.lower() in self.refused_senders:
            return f"553 5.7.1 <{address}>: Sender address rejected: not owned by user"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        first = envelope.rcpt_tos[0].lower()
        if first in self.drop:
            server.transport.abort()
            return "421 4.4.2 dropped"
        if first in self.tempfail:
            return "451 4.3.0 Temporary failure, try again later"
        self.count += 1
        name = os.path.join(self.out, f"{self.count:04d}")
        with open(name + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        auth = session.auth_data
        with open(name + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "mail_options": envelope.mail_options, "ehlo": session.host_name,
                       "user": auth.login.decode() if isinstance(auth, LoginPassword) else None,
                       "mechanism": getattr(session, "cecop_mechanism", None),
                       "connection": self.connections.get(session.peer, 0),
                       "tls": session.ssl is not None}, f)
        # Renamed last so a reader never sees half a message.
        os.rename(name + ".eml.tmp", name + ".eml")
        return f"250 2.0.0 Ok: queued as {self.count:04d}"

    async def auth_XOAUTH2(self, server, args):
        """XOAUTH2 as Google and Microsoft 365 answer it: on a bad token a 334 with a JSON error, then 535."""
        if self.oauth is None:
            await server.push("504 5.5.4 Unrecognized authentication type")
            return AuthResult(success=False, handled=True)
        if len(args) == 1:
            blob = await server.challenge_auth("", encode_to_b64=False)
            if not isinstance(blob, bytes):
                return AuthResult(success=False, handled=True)
        else:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except Exception:
                await server.push("501 5.5.2 Can't decode base64")
                return AuthResult(success=False, handled=True)
        fields = dict(part.split("=", 1) for part in blob.decode().split("\x01") if "=" in part)
        user, token = self.oauth
        if fields.get("user") == user and fields.get("auth") == "Bearer " + token:
            server.session.cecop_mechanism = "XOAUTH2"
            return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))
        error = base64.b64encode(json.dumps({"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"}).encode())
        await server.push(b"334 " + error)
        await server._reader.readline()
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--auth-required", metavar="USER:PASS")
    parser.add_argument("--oauth", metavar="USER:TOKEN")
    parser.add_argument("--refuse", nargs="*", default=[])
    parser.add_argument("--refuse-sender", nargs="*", default=[])
    parser.add_argument("--tempfail", nargs="*", default=[])
    parser.add_argument("--drop", nargs="*", default=[])
    args = parser.parse_args()

    kwargs = {}
    if args.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.starttls)
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = args.require_starttls
    if args.auth_required:
        user, password = args.auth_required.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == user and auth_data.password.decode() == password)
            if ok:
                session.cecop_mechanism = mechanism
            # handled=False makes aiosmtpd answer 535 itself.
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.starttls))
    if not args.oauth:
        kwargs["auth_exclude_mechanism"] = ["XOAUTH2"]

    # The free port can be taken by someone else before we bind it: try a few.
    for attempt in range(5):
        controller = Controller(Handler(args), hostname="127.0.0.1", port=free_port(), **kwargs)
        try:
            controller.start()
            break
        except OSError:
            if attempt == 4:
                raise
    print(f"READY {controller.port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
