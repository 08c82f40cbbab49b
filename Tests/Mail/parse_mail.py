#!/usr/bin/env python3
"""Parses stored .eml files with third-party parsers and prints what they found as JSON.

Python's `email` package reads the MIME structure and decodes headers and bodies; the
`icalendar` package (Debian python3-icalendar) reads any text/calendar part. The notification
tests run this on what the SMTP test server stored, so the messages are checked by code that
did not write them. Usage: parse_mail.py FILE... ; prints one JSON list, one object per file.
"""
import base64
import email
import email.policy
import json
import sys


def calendar_summary(data):
    import icalendar
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        events.append({
            "uid": str(event.get("UID")),
            "sequence": int(event.get("SEQUENCE", 0)),
            "status": str(event.get("STATUS", "")),
            "summary": str(event.get("SUMMARY", "")),
            "start": event.decoded("DTSTART").isoformat(),
            "end": event.decoded("DTEND").isoformat(),
            "organizer": str(event.get("ORGANIZER", "")),
            "attendees": [str(a) for a in (event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list) else [event.get("ATTENDEE")] if event.get("ATTENDEE") else [])],
        })
    return {"method": str(calendar.get("METHOD", "")), "events": events}


def summary(path):
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    parts = []
    calendars = []
    for part in message.walk():
        if part.is_multipart():
            parts.append({"type": part.get_content_type()})
            continue
        content = part.get_content()
        entry = {"type": part.get_content_type(), "charset": part.get_content_charset(),
                 "filename": part.get_filename(), "method": part.get_param("method")}
        if part.get_content_type() == "text/calendar":
            data = content.encode("utf-8") if isinstance(content, str) else content
            calendars.append(calendar_summary(data))
            entry["text"] = data.decode("utf-8")
        elif isinstance(content, str):
            entry["text"] = content
        else:
            entry["data"] = base64.b64encode(content).decode("ascii")
        parts.append(entry)
    return {
        "file": path,
        "envelopeFrom": str(message.get("X-Envelope-From", "")),
        "envelopeTo": str(message.get("X-Envelope-To", "")),
        "peer": str(message.get("X-Peer", "")),
        "dataStarted": int(message.get("X-Data-Started", "0") or 0),
        "subject": str(message.get("Subject", "")),
        "from": str(message.get("From", "")),
        "to": str(message.get("To", "")),
        "replyTo": str(message.get("Reply-To", "")),
        "messageID": str(message.get("Message-ID", "")),
        "date": str(message.get("Date", "")),
        "defects": [type(defect).__name__ for part in message.walk() for defect in part.defects],
        "parts": parts,
        "calendars": calendars,
    }


if __name__ == "__main__":
    print(json.dumps([summary(path) for path in sys.argv[1:]]))
