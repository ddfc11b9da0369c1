"""Parses each message of a maildir with Python's strict email policy (any defect raises) and prints one JSON
line per message: its headers, and the content type and text of each leaf part. Usage: strict-mail.py MAILDIR
"""
import email
import email.policy
import json
import mailbox
import sys

box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
for key in sorted(box.keys()):
    raw = box.get_bytes(key)
    message = email.message_from_bytes(raw, policy=email.policy.strict)
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(), "text": part.get_content()})
    if message.defects or any(part.defects for part in message.walk()):
        raise SystemExit(f"defects in {key}: {message.defects}")
    # aiosmtpd's Mailbox handler adds X-Peer and X-MailFrom/X-RcptTo when it stores the message.
    headers = [[name, str(value)] for name, value in message.items()]
    print(json.dumps({"headers": headers, "parts": parts, "crlf": b"\r\n" in raw}), flush=True)
