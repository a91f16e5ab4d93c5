-- The links of a mailing, numbered, written when the mailing is created from its compiled content. A click-redirect
-- URL names a link by its number (/t/c/TOKEN/N), and the redirect goes only to a URL in this table for the token's
-- mailing: an altered number or a URL that was never in the mailing cannot be redirected to (no open redirect).
CREATE TABLE mailing_links (
    mailing_id  INTEGER NOT NULL REFERENCES mailings(id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,                 -- 0-based, in ordinal order of the URLs
    url         TEXT    NOT NULL,
    PRIMARY KEY (mailing_id, n)
) WITHOUT ROWID;
