#!/usr/bin/python3
"""An aiosmtpd server for the delivery tests, with faults to inject.

Every accepted message adds one line "RCPT<TAB>MAIL_FROM<TAB>MESSAGE-ID" to OUT/accepted.log (flushed at once), and with
--save also OUT/NNNNNN.eml. Prints "READY <port>" once listening; runs until its standard input closes.

Faults are chosen per recipient from a hash of the address, so a run is reproducible, and hit only the first attempt
of a recipient, so a sender that retries always gets through:
  --tempfail-percent P   answer "451 4.3.0" to DATA for P% of recipients (first attempt);
  --drop-percent P       close the connection without a reply after the message data for P% of recipients (first
                         attempt; the message is not kept);
  --refuse ADDRESS ...   answer "550 5.1.1" to RCPT TO for these addresses, always;
  --tempfail-all         answer "451" to every DATA (a server in trouble);
  --delay-ms N           wait N ms before answering DATA (to make a send last).

  faulty_smtp.py OUT [options]
"""
import argparse
import asyncio
import hashlib
import os
import socket
import sys

from aiosmtpd.controller import Controller


def bucket(address, salt):
    return int(hashlib.sha256((salt + address.lower()).encode()).hexdigest()[:8], 16) % 10000


class Handler:
    def __init__(self, args):
        self.args = args
        self.refused = {a.lower() for a in args.refuse}
        self.faulted = set()
        self.count = 0
        self.log = open(os.path.join(args.out, "accepted.log"), "a", buffering=1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.delay_ms:
            await asyncio.sleep(self.args.delay_ms / 1000)
        rcpt = envelope.rcpt_tos[0].lower()
        if self.args.tempfail_all:
            return "451 4.3.0 Try again later"
        first = rcpt not in self.faulted
        if first and bucket(rcpt, "temp") < self.args.tempfail_percent * 100:
            self.faulted.add(rcpt)
            return "451 4.3.0 Temporary failure, try again later"
        if first and bucket(rcpt, "drop") < self.args.drop_percent * 100:
            self.faulted.add(rcpt)
            server.transport.abort()
            return "421 4.4.2 dropped"
        self.count += 1
        message_id = ""
        for line in envelope.original_content.split(b"\r\n"):
            if not line:
                break
            if line.lower().startswith(b"message-id:"):
                message_id = line[11:].strip().decode("ascii", "replace")
        if self.args.save:
            with open(os.path.join(self.args.out, f"{self.count:06d}.eml"), "wb") as f:
                f.write(envelope.original_content)
        for r in envelope.rcpt_tos:
            self.log.write(f"{r}\t{envelope.mail_from}\t{message_id}\n")
        return f"250 2.0.0 Ok: queued as {self.count:06d}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--tempfail-percent", type=float, default=0)
    parser.add_argument("--drop-percent", type=float, default=0)
    parser.add_argument("--refuse", nargs="*", default=[])
    parser.add_argument("--tempfail-all", action="store_true")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()

    for attempt in range(5):
        controller = Controller(Handler(args), hostname="127.0.0.1", port=free_port())
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
