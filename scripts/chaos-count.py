#!/usr/bin/env python3
"""Counts one chaos run (scripts/chaos-row.sh) from every store and topic.

    chaos-count.py settled WORK N      exit 0 once the flow has finished for N tickets
    chaos-count.py signal WORK WHAT    print one progress count (see SIGNALS)
    chaos-count.py count WORK N        print the row as JSON: lost, doubled and the details

WORK holds data/<service>/<service>.sqlite (opened read-only: `mode=ro`), mail/*.eml (the SMTP
sink's messages), tickets.jsonl (the driver's calls: ticket, appointment, report, customer email)
and topics.json (arianna-bench chaos-topics: what the broker's topics hold).

Lost: a call missing at any stage — intake's ticket and its closing, the planner's queue entry
and appointment, web-report's to-do item and report, notification's four emails (three to the
customer, one to the technician) as jobs sent and as messages in the sink, billing's draft, and
each once-per-call event on its topic. Doubled: a call with two of anything that must happen
once — two tickets for one key, two appointments or reports for one call, the same email
(recipient and subject) twice in the sink under two Message-IDs or twice in notification's jobs,
two invoices for one ticket, two distinct events of a once-per-call type for one ticket. A record
delivered twice with the same event id is not a double (at-least-once delivery; the inboxes skip it).

Re-sent at the SMTP edge: a message the sink holds more than once with the same Message-ID — one
email job sent again because notification died between the server's 250 and marking the job sent
(SMTP has no exactly-once; the Message-ID is the job's id, so a receiver drops the repeat). Counted
apart from the doubles (docs/RELIABILITY.md, "The SMTP edge"); lost counts each Message-ID once.
"""
import glob
import json
import os
import sqlite3
import sys
from collections import Counter

STORES = ("intake", "planner", "notification", "webreport", "billing")
# The event types that happen exactly once per call, and the topic each lives on.
ONCE_PER_CALL = {
    "ticket.opened.v1": "arianna.tickets", "ticket.closed.v1": "arianna.tickets",
    "appointment.scheduled.v1": "arianna.appointments", "intervention.report-issued.v1": "arianna.interventions",
    "intervention.closed.v1": "arianna.interventions", "billing.document.created.v1": "arianna.billing",
}
SIGNALS = {
    "intake": ("intake", "SELECT COUNT(*) FROM ticket WHERE state = 'closed'"),
    "planner": ("planner", "SELECT COUNT(*) FROM appointment"),
    "webreport": ("webreport", "SELECT COUNT(*) FROM interventionReport"),
    "billing": ("billing", "SELECT COUNT(*) FROM billingDocument"),
    "queue": ("planner", "SELECT COUNT(*) FROM queueEntry"),
    "notification": ("notification", "SELECT COUNT(*) FROM emailJob WHERE status = 'sent'"),
}


def store(work, name):
    path = os.path.join(work, "data", name, name + ".sqlite")
    connection = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=30)
    connection.execute("PRAGMA query_only = 1")
    return connection


def scalar(work, name, sql, *args):
    with store(work, name) as db:
        return db.execute(sql, args).fetchone()[0]


def mails(work):
    """(recipient, subject, Message-ID) of every message the sink stored."""
    found = []
    for path in glob.glob(os.path.join(work, "mail", "*.eml")):
        recipient = subject = message_id = ""
        with open(path, "rb") as handle:
            for raw in handle:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if not line:
                    break
                if line.startswith("X-Envelope-To: "):
                    recipient = line[len("X-Envelope-To: "):]
                elif line.lower().startswith("subject: "):
                    subject = line[len("subject: "):]
                elif line.lower().startswith("message-id: "):
                    message_id = line[len("message-id: "):].strip()
        found.append((recipient, subject, message_id))
    return found


def calls(work):
    with open(os.path.join(work, "tickets.jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def settled(work, n):
    """The flow is over: every call billed, every email sent or failed for good, no outbox row left."""
    if scalar(work, "billing", "SELECT COUNT(*) FROM billingDocument") < n:
        return False
    if scalar(work, "intake", "SELECT COUNT(*) FROM ticket WHERE state = 'closed'") < n:
        return False
    if scalar(work, "notification", "SELECT COUNT(*) FROM emailJob WHERE status = 'queued'") > 0:
        return False
    # A job that failed for good is final too (it is counted as lost, not waited for).
    sent = scalar(work, "notification", "SELECT COUNT(*) FROM emailJob WHERE status = 'sent'")
    if sent + scalar(work, "notification", "SELECT COUNT(*) FROM emailJob WHERE status = 'failed'") < 4 * n:
        return False
    if len(mails(work)) < sent:
        return False
    return all(scalar(work, name, "SELECT COUNT(*) FROM outbox WHERE sentAt IS NULL") == 0 for name in STORES)


def count(work, n):
    rows = calls(work)
    tickets = {row["ticket"] for row in rows}
    appointments = {row["appointment"] for row in rows}
    number_of = {}
    lost, doubled = Counter(), Counter()
    lost["driver: calls not taken through"] = n - len(tickets)

    with store(work, "intake") as db:
        found = dict(db.execute("SELECT id, state FROM ticket WHERE idempotencyKey IS NOT NULL"))
        number_of = dict(db.execute("SELECT id, number FROM ticket"))
        lost["intake: tickets"] = len(tickets - found.keys())
        lost["intake: tickets not closed"] = sum(1 for t in tickets if found.get(t) != "closed")
        doubled["intake: tickets beyond the calls"] = len(found) - len(tickets & found.keys())
    with store(work, "planner") as db:
        queued = Counter(t for (t,) in db.execute("SELECT ticketID FROM queueEntry"))
        booked = Counter(t for (t,) in db.execute("SELECT ticketID FROM appointment WHERE ticketID IS NOT NULL"))
        lost["planner: queue entries"] = len(tickets - queued.keys())
        lost["planner: appointments"] = len(tickets - booked.keys())
        doubled["planner: appointments per call"] = sum(c - 1 for c in booked.values() if c > 1)
    with store(work, "webreport") as db:
        todo = {a for (a,) in db.execute("SELECT appointmentID FROM todoItem")}
        reports = Counter(t for (t,) in db.execute("SELECT ticketID FROM interventionReport"))
        lost["webreport: to-do items"] = len(appointments - todo)
        lost["webreport: reports"] = len(tickets - reports.keys())
        doubled["webreport: reports per call"] = sum(c - 1 for c in reports.values() if c > 1)
    with store(work, "billing") as db:
        invoices = Counter(t for (t,) in db.execute("SELECT ticketID FROM billingDocument WHERE kind = 'invoice'"))
        lost["billing: drafts"] = len(tickets - invoices.keys())
        doubled["billing: invoices per ticket"] = sum(c - 1 for c in invoices.values() if c > 1)

    # Emails: per call three to the customer (received, appointment, completed) and one to the
    # technician ("Nuovo appuntamento … (TCK/…)"); a call is found by its customer's address or its number.
    numbers = {number_of.get(t, "?") for t in tickets}
    emails = {row["email"] for row in rows}

    def email_losses(pairs, label):
        per_customer = Counter(r for r, _ in pairs if r in emails)
        technician = {s.rsplit("(", 1)[-1].rstrip(")") for r, s in pairs if r not in emails}
        lost[label + " to customers"] = sum(max(0, 3 - per_customer.get(e, 0)) for e in emails)
        lost[label + " to technicians"] = len(numbers - technician)
        doubled[label + " (same recipient and subject)"] = sum(c - 1 for c in Counter(pairs).values() if c > 1)

    with store(work, "notification") as db:
        jobs = db.execute("SELECT recipient, subject FROM emailJob WHERE status = 'sent'").fetchall()
        lost["notification: jobs failed or queued"] = db.execute(
            "SELECT COUNT(*) FROM emailJob WHERE status != 'sent'").fetchone()[0]
    email_losses([(r, s or "") for r, s in jobs], "notification: emails sent")
    # The sink: one message per Message-ID; a repeated Message-ID is the same job re-sent at the
    # SMTP edge (its own column), two Message-IDs for one recipient and subject stay a double.
    received = mails(work)
    once = {}
    for recipient, subject, message_id in received:
        once.setdefault(message_id or object(), (recipient, subject))
    resent = len(received) - len(once)
    email_losses(list(once.values()), "sink: emails received")

    for name in STORES:
        lost[name + ": outbox unsent"] = scalar(work, name, "SELECT COUNT(*) FROM outbox WHERE sentAt IS NULL")

    # No topics.json: chaos-topics could not read the broker back (the row's note says so). Every
    # once-per-call event then counts as lost on the topics, so the row fails rather than passes.
    topics = {}
    if os.path.exists(os.path.join(work, "topics.json")):
        with open(os.path.join(work, "topics.json"), encoding="utf-8") as handle:
            topics = json.load(handle)
    for event_type, topic in ONCE_PER_CALL.items():
        figures = topics.get("types", {}).get(event_type, {})
        lost["topic %s: %s" % (topic, event_type)] = len(tickets - set(figures.get("subjectList", [])))
        doubled["topic %s: %s" % (topic, event_type)] = figures.get("subjectsWithSeveral", 0)
    redelivered = sum(t.get("records", 0) - t.get("events", 0) for t in topics.get("types", {}).values())

    return {
        "lost": sum(lost.values()), "doubled": sum(doubled.values()),
        "deadLetters": topics.get("topics", {}).get("arianna.deadletter", 0),
        "redeliveredRecords": redelivered, "emails": len(received), "resentSameMessageID": resent,
        "lostDetail": {k: v for k, v in lost.items() if v}, "doubledDetail": {k: v for k, v in doubled.items() if v},
    }


def main(argv):
    if len(argv) != 4 or argv[1] not in ("settled", "signal", "count"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, work, value = argv[1], argv[2], argv[3]
    if mode == "settled":
        try:
            return 0 if settled(work, int(value)) else 1
        except sqlite3.Error:
            return 1
    if mode == "signal":
        name, sql = SIGNALS[value]
        try:
            print(scalar(work, name, sql))
        except sqlite3.Error:
            print(-1)
        return 0
    print(json.dumps(count(work, int(value)), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
