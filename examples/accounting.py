"""An accounting system: takes billing documents from arianna.billing into its own ledger,
exactly once on its side, and fetches each document's lines over HTTP with its API key.

Kafka (docs/asyncapi.yaml): billing.document.created.v1 on arianna.billing, keyed by the
document id; delivery is at least once, so the ledger records each event id in the same SQLite
transaction as the document, and commits the Kafka offset only after that transaction: a
redelivered or replayed event is skipped, a crash in between loses nothing.
HTTP (README, "Billing"): GET /api/billing-documents/{id} with a key holding billing.read.

Environment: ARIANNA_BILLING_URL, ARIANNA_API_KEY, ARIANNA_KAFKA_BROKERS, ARIANNA_TOPIC_PREFIX,
ACCOUNTING_LEDGER (SQLite file), ACCOUNTING_GROUP (its consumer group), ACCOUNTING_EXPECT (how
many documents the ledger must hold before it stops; it waits at most 90 s).
"""
from __future__ import annotations

import json
import sqlite3
import time

from confluent_kafka import Consumer, KafkaException

from arianna_client import consumer_settings, fail, http_session, say, setting, topic


def open_ledger(path: str) -> sqlite3.Connection:
    ledger = sqlite3.connect(path, isolation_level=None)
    ledger.executescript("""
        CREATE TABLE IF NOT EXISTS processedEvent (eventID TEXT PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS document (
            documentID TEXT PRIMARY KEY, number TEXT NOT NULL, ticketNumber TEXT NOT NULL,
            totalCents INTEGER NOT NULL, lineCount INTEGER NOT NULL);
    """)
    return ledger


def book(ledger: sqlite3.Connection, envelope: dict, lines: int) -> bool:
    """Books the document and its event id in one transaction; False when already booked."""
    data = envelope["data"]
    ledger.execute("BEGIN IMMEDIATE")
    try:
        if ledger.execute("SELECT 1 FROM processedEvent WHERE eventID = ?", (envelope["id"],)).fetchone():
            ledger.execute("ROLLBACK")
            return False
        ledger.execute("INSERT INTO processedEvent (eventID) VALUES (?)", (envelope["id"],))
        ledger.execute("INSERT OR IGNORE INTO document VALUES (?, ?, ?, ?, ?)",
                       (data["documentID"], data["number"], data["ticketNumber"], data["totalCents"], lines))
        ledger.execute("COMMIT")
        return True
    except Exception:
        ledger.execute("ROLLBACK")
        raise


if __name__ == "__main__":
    billing, key = setting("ARIANNA_BILLING_URL"), setting("ARIANNA_API_KEY")
    expected = int(setting("ACCOUNTING_EXPECT", "1"))
    http = http_session(key)
    ledger = open_ledger(setting("ACCOUNTING_LEDGER"))
    consumer = Consumer(consumer_settings(setting("ACCOUNTING_GROUP", "accounting")))
    consumer.subscribe([topic("arianna.billing")])

    booked = skipped = 0
    deadline = time.monotonic() + 90
    count = lambda: ledger.execute("SELECT COUNT(*) FROM document").fetchone()[0]  # noqa: E731

    def caught_up() -> bool:
        """Whether we read to the end of every partition assigned to us (a batch job stops there)."""
        assigned = consumer.assignment()
        if not assigned:
            return False
        for position in consumer.position(assigned):
            _, high = consumer.get_watermark_offsets(position, timeout=5)
            if high > 0 and position.offset < high:
                return False
        return True

    while time.monotonic() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            if count() >= expected and caught_up():
                break
            continue
        if message.error():
            raise KafkaException(message.error())
        envelope = json.loads(message.value())
        if envelope.get("type") == "billing.document.created.v1":
            document_id = envelope["data"]["documentID"]
            answer = http.get(f"{billing}/api/billing-documents/{document_id}", timeout=10)
            if answer.status_code != 200:
                fail(f"fetching {document_id} answered {answer.status_code}: {answer.text}")
            document = answer.json()
            # The event's totalCents is the sum of the lines before VAT: HTTP calls it taxableCents
            # (its totalCents adds the VAT). A draft has no number yet: the event's is a label.
            if document["taxableCents"] != envelope["data"]["totalCents"]:
                fail(f"{document_id}: the event says {envelope['data']['totalCents']}, HTTP {document['taxableCents']}")
            if book(ledger, envelope, len(document["lines"])):
                booked += 1
                say(f"booked {envelope['data']['number']} ({document['ticketNumber']}): "
                    f"{document['taxableCents'] / 100:.2f} EUR before VAT, {len(document['lines'])} lines")
            else:
                skipped += 1
        # other types on the topic (articles, production orders, newer versions): not ours
        consumer.commit(message=message, asynchronous=False)  # only after the ledger's commit
    consumer.close()

    if count() < expected:
        fail(f"the ledger holds {count()} documents, expected {expected}")
    say(f"accounting: OK ({booked} booked, {skipped} already in the ledger, {count()} in all)")
