"""Verify the DKIM signatures of a message with dkimpy, without DNS.

usage: dkim_verify.py PUBLIC_KEY_BASE64_FILE < message
The TXT record is built from the file's base64 SubjectPublicKeyInfo. Prints "True" or "False" and
dkimpy's log on stderr.
"""
import logging
import sys

import dkim


def main():
    with open(sys.argv[1]) as f:
        public_key = f.read().strip()
    record = ("v=DKIM1; k=rsa; p=" + public_key).encode("ascii")

    def dnsfunc(name, timeout=5):
        return record

    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG)
    data = sys.stdin.buffer.read()
    ok = dkim.verify(data, logger=logging.getLogger("dkim"), dnsfunc=dnsfunc)
    print(ok)


main()
