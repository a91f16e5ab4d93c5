#!/usr/bin/python3
"""An aiosmtpd server for the SMTP interop tests.

Each message it accepts is saved as OUT/NNNN.eml (the bytes after DATA, dot-unstuffed by aiosmtpd) with
OUT/NNNN.json beside it holding the envelope. Prints "READY <port>" once listening; runs until killed or
until its standard input closes.

  smtp_server.py OUT [--starttls CERT KEY] [--require-starttls] [--auth-required USER:PASS]
                     [--refuse ADDRESS ...] [--smtputf8]
"""
import argparse
import json
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, out, refused):
        self.out = out
        self.refused = {a.lower() for a in refused}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.out, f"{self.count:04d}")
        with open(name + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(name + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "mail_options": envelope.mail_options, "smtp_utf8": envelope.smtp_utf8,
                       "tls": session.ssl is not None}, f)
        # Renamed last so a reader never sees half a message.
        os.rename(name + ".eml.tmp", name + ".eml")
        return f"250 2.0.0 Ok: queued as {self.count:04d}"


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
    parser.add_argument("--refuse", nargs="*", default=[])
    parser.add_argument("--smtputf8", action="store_true")
    args = parser.parse_args()

    kwargs = {"enable_SMTPUTF8": args.smtputf8}
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
            # handled=False makes aiosmtpd answer 535 itself; by default it answers nothing.
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)

    # The free port can be taken by someone else before we bind it: try a few.
    for attempt in range(5):
        controller = Controller(Handler(args.out, args.refuse), hostname="127.0.0.1", port=free_port(), **kwargs)
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
