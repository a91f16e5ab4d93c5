"""Parse messages with Python's email package and print what a reader would see, as JSON.

stdin: one message ("headers" lists the top-level fields in order, with their decoded values). With --utf8 the headers are RFC 6532 raw UTF-8: Python 3.11 reads header bytes
as ASCII with surrogate escapes, so they are decoded as UTF-8 before the header parser sees them.
Prints one JSON object.
"""
import email
import email.policy
import json
import sys


def defects_of(obj):
    return [type(d).__name__ + ": " + str(d) for d in getattr(obj, "defects", [])]


def addresses(msg, name):
    header = msg[name]
    if header is None:
        return None
    out = []
    for a in header.addresses:
        out.append({"name": a.display_name, "address": a.addr_spec})
    return {"addresses": out, "defects": defects_of(header)}


def utf8_headers(msg):
    for part in msg.walk():
        part._headers = [
            (name, value.encode("ascii", "surrogateescape").decode("utf-8"))
            for name, value in part._headers
        ]


def describe(data, utf8):
    msg = email.message_from_bytes(data, policy=email.policy.default)
    if utf8:
        utf8_headers(msg)
    result = {
        "defects": defects_of(msg),
        "header_defects": {},
        "subject": str(msg["subject"]) if msg["subject"] is not None else None,
        "message_id": str(msg["message-id"]) if msg["message-id"] is not None else None,
        "headers": [[name, str(value)] for name, value in msg.items()],
        "parts": [],
    }
    for name in ("from", "to", "cc", "reply-to", "sender"):
        a = addresses(msg, name)
        if a is not None:
            result[name] = a["addresses"]
            if a["defects"]:
                result["header_defects"][name] = a["defects"]
    for name in set(k.lower() for k in msg.keys()):
        for value in msg.get_all(name, []):
            d = defects_of(value)
            if d:
                result["header_defects"].setdefault(name, []).extend(d)
    for part in msg.walk():
        info = {
            "content_type": part.get_content_type(),
            "defects": defects_of(part),
            "filename": part.get_filename(),
            "content_id": part.get("content-id"),
            "disposition": part.get_content_disposition(),
        }
        for name in set(k.lower() for k in part.keys()):
            for value in part.get_all(name, []):
                d = defects_of(value)
                if d:
                    info["defects"].extend(name + ": " + x for x in d)
        if not part.is_multipart():
            info["bytes_hex"] = (part.get_payload(decode=True) or b"").hex()
            if part.get_content_maintype() == "text":
                info["text"] = part.get_content()
        result["parts"].append(info)
    return result


def main():
    data = sys.stdin.buffer.read()
    print(json.dumps(describe(data, "--utf8" in sys.argv[1:]), ensure_ascii=False))


main()
