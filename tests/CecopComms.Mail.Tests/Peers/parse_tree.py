"""Parse one message with Python's email package and print its entity tree as JSON.

stdin: one message. Prints {"subject", "message_id", "from", "to", "body"} where body is a node:
{"type", "filename", and one of "children" (multipart), "message" (message/rfc822, same shape),
"groups" (message/delivery-status: [[name, value], ...] per block), "text" (text/*, decoded),
"bytes_hex" (anything else, transfer-decoded)}. The C# parser's tree is compared with this one.
"""
import email
import email.policy
import json
import sys


def addresses(msg, name):
    header = msg[name]
    if header is None:
        return []
    return [a.addr_spec for a in header.addresses]


def node(part):
    content_type = part.get_content_type()
    out = {"type": content_type, "filename": part.get_filename()}
    if part.get_content_maintype() == "multipart" and part.is_multipart():
        out["children"] = [node(p) for p in part.get_payload()]
    elif content_type in ("message/rfc822", "message/global") and part.is_multipart():
        out["message"] = message(part.get_payload()[0])
    elif content_type in ("message/delivery-status", "message/global-delivery-status") and part.is_multipart():
        out["groups"] = [[[k, str(v)] for k, v in block.items()] for block in part.get_payload()]
    elif part.get_content_maintype() == "text":
        out["text"] = part.get_content()
    else:
        out["bytes_hex"] = (part.get_payload(decode=True) or b"").hex()
    return out


def message(msg):
    return {
        "subject": str(msg["subject"]) if msg["subject"] is not None else None,
        "message_id": str(msg["message-id"]).strip() if msg["message-id"] is not None else None,
        "from": addresses(msg, "from"),
        "to": addresses(msg, "to"),
        "body": node(msg),
    }


def main():
    data = sys.stdin.buffer.read()
    msg = email.message_from_bytes(data, policy=email.policy.default)
    print(json.dumps(message(msg), ensure_ascii=False))


main()
