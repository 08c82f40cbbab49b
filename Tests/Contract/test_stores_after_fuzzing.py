"""No half-written rows (issue 14 point 2): after schemathesis has fuzzed the five services (this
file runs after test_schemathesis.py, on the same running system and data folder), each
service's SQLite store is opened read-only and must be whole: `PRAGMA integrity_check` is `ok`,
`PRAGMA foreign_key_check` finds nothing, and every change that writes several rows in one
transaction left all of them: a ticket its history and its `ticket.opened.v1` outbox row, an
appointment its `appointment.scheduled.v1` outbox row, a billing document its lines, an email job
the consumed event that caused it, a setup row its snapshot event. A failure lists the offending
rows. Billing's rows are real: a document is billed through the whole flow before the check.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import SERVICES, call

# (what must hold, SQL selecting the rows that break it) per service.
INVARIANTS: dict[str, list[tuple[str, str]]] = {
    "intake": [
        ("every ticket has its history", """
            SELECT t.id, t.number FROM ticket t
            WHERE NOT EXISTS (SELECT 1 FROM ticketHistory h WHERE h.ticketID = t.id)"""),
        ("every ticket has its ticket.opened.v1 outbox row", """
            SELECT t.id, t.number FROM ticket t
            WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.eventType = 'ticket.opened.v1' AND o.messageKey = t.id)"""),
        *[(f"every {table} row has its snapshot event", f"""
            SELECT r.id FROM {table} r
            WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.messageKey = '{prefix}:' || r.id)""")
          for table, prefix in (("practice", "practice"), ("activityState", "activity-state"),
                                ("activityType", "activity-type"), ("operatorGroup", "group"),
                                ("operator", "operator"), ("customer", "customer"),
                                ("mailingList", "mailing-list"), ("apiKey", "api-key"))],
        ("every site is in its customer's latest snapshot event", """
            SELECT s.id, s.customerID FROM site s
            WHERE NOT EXISTS (
                SELECT 1 FROM outbox o WHERE o.messageKey = 'customer:' || s.customerID
                AND o.sequence = (SELECT MAX(sequence) FROM outbox WHERE messageKey = 'customer:' || s.customerID)
                AND instr(CAST(o.payload AS TEXT), '"' || s.id || '"') > 0)"""),
    ],
    "planner": [
        ("every appointment has its appointment.scheduled.v1 outbox row", """
            SELECT a.id, a.ticketID FROM appointment a
            WHERE NOT EXISTS (
                SELECT 1 FROM outbox o WHERE o.eventType = 'appointment.scheduled.v1' AND o.messageKey = a.id)"""),
    ],
    "notification": [
        ("every email job has the consumed event that caused it", """
            SELECT j.id, j.eventID, j.eventType FROM emailJob j
            WHERE NOT EXISTS (SELECT 1 FROM inbox i WHERE i.eventID = j.eventID AND i.eventType = j.eventType)"""),
    ],
    "webreport": [],
    "billing": [
        ("every billing document has its lines", """
            SELECT d.id, d.number FROM billingDocument d
            WHERE NOT EXISTS (SELECT 1 FROM billingLine l WHERE l.documentID = d.id)"""),
    ],
}


def read_only(path: Path) -> sqlite3.Connection:
    """The store opened read-only (`mode=ro`: the check never writes, even by accident)."""
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)


def store_of(system, service: str) -> Path:
    """Where the running service keeps its store: `<data-dir>/<service>/<service>.sqlite`."""
    path = system.data_dir / service / f"{service}.sqlite"
    assert path.exists(), f"{service}'s store {path} does not exist"
    return path


def half_written(db: sqlite3.Connection, service: str) -> list[str]:
    """Every broken rule of `service`'s store, with up to 20 offending rows each."""
    problems: list[str] = []
    integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems.append(f"PRAGMA integrity_check: {integrity}")
    foreign = db.execute("PRAGMA foreign_key_check").fetchall()
    if foreign:
        problems.append(f"PRAGMA foreign_key_check (table, rowid, parent, fk): {foreign[:50]}")
    for rule, sql in INVARIANTS[service]:
        rows = db.execute(sql).fetchall()
        if rows:
            problems.append(f"{rule}: {len(rows)} rows break it, e.g. {rows[:20]}")
    return problems


def _eventually(what: str, probe, timeout: float = 60):
    """probe()'s first truthy answer, polled until `timeout`; a failure names `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = probe()
        if answer:
            return answer
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}", pytrace=False)


@pytest.fixture(scope="module")
def billed(system) -> str:
    """A billing document made by the real flow once the fuzzing is over, so the store check
    meets real billing rows (the fuzzing never makes one): a new ticket, scheduled for Mario in
    the week the seed gave him presences, reported on web-report by the administrator, closed by
    intake and billed by billing. Returns the document's id."""
    token, urls = system.token, system.urls
    status, ticket = call("POST", f"{urls['intake']}/api/tickets", {
        "activityTypeCode": "REPAIR", "customer": {"name": "Contract Billing", "email": "billing@example.com"},
        "description": "A visit billed before the store check", "customFields": {"appliance": "Caldaia"}}, token=token)
    assert status == 201, f"opening the ticket to bill failed: {status} {ticket}"
    _eventually("the planner to queue the ticket to bill",
                lambda: call("GET", f"{urls['planner']}/api/queue/{ticket['id']}", token=token)[0] == 200)
    rome = ZoneInfo("Europe/Rome")
    today = dt.datetime.now(rome).date()
    monday = today + dt.timedelta(days=(7 - today.weekday()) % 7 + 7)  # the seed's week (conftest)
    appointment = None
    for day in range(0, 5):
        for hour in (14, 15, 16):
            start = dt.datetime(monday.year, monday.month, monday.day, hour, tzinfo=rome) + dt.timedelta(days=day)
            status, answer = call("POST", f"{urls['planner']}/api/appointments", {
                "ticketID": ticket["id"], "operatorID": "op-mario",
                "start": start.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")}, token=token)
            if status == 201:
                appointment = answer["id"]
                break
        if appointment:
            break
    assert appointment, f"no slot of Mario's seeded week took the appointment: last answer {status} {answer}"
    _eventually("web-report's to-do list to show the appointment", lambda: any(
        item["appointmentID"] == appointment
        for item in call("GET", f"{urls['webreport']}/api/operators/op-mario/todo?limit=200", token=token)[1]["items"]))
    now = dt.datetime.now(dt.timezone.utc)
    status, report = call("POST", f"{urls['webreport']}/api/appointments/{appointment}/report", {
        "workDone": "Replaced the thermostat",
        "sessions": [{"start": (now - dt.timedelta(minutes=120)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                      "end": (now - dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ"), "travelMinutes": 15}],
        "materials": [{"articleCode": "FILTER-01", "description": "Filter", "quantity": 2}]}, token=token)
    assert status == 201, f"filing the report failed: {status} {report}"
    documents = _eventually("billing's document for the reported ticket", lambda: call(
        "GET", f"{urls['billing']}/api/billing-documents?ticketID={ticket['id']}", token=token)[1].get("items"))
    return documents[0]["id"]


@pytest.mark.parametrize("service", SERVICES)
def test_the_store_holds_no_half_written_rows_after_fuzzing(system, billed, service):
    with read_only(store_of(system, service)) as db:
        # The check must meet real data, or it proves nothing.
        events = db.execute("SELECT (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM inbox)").fetchone()[0]
        assert events > 0, f"{service}'s store has no events at all"
        if service == "billing":
            lines = db.execute("SELECT COUNT(*) FROM billingLine WHERE documentID = ?", (billed,)).fetchone()[0]
            assert lines > 0, f"billing's store has no lines for the document {billed} made before the check"
        problems = half_written(db, service)
    assert not problems, f"{service}'s store after fuzzing:\n" + "\n".join(problems)


def test_the_check_finds_a_ticket_written_by_half(system, tmp_path):
    """The check has teeth: in a copy of intake's store (SQLite's backup API), the seed ticket
    loses its history and its ticket.opened.v1 outbox row, and both rules name it."""
    copy = sqlite3.connect(tmp_path / "intake.sqlite")
    with read_only(store_of(system, "intake")) as source:
        source.backup(copy)
    with copy:
        copy.execute("DELETE FROM ticketHistory WHERE ticketID = ?", (system.ticket_id,))
        copy.execute("DELETE FROM outbox WHERE eventType = 'ticket.opened.v1' AND messageKey = ?", (system.ticket_id,))
    problems = half_written(copy, "intake")
    copy.close()
    assert [p for p in problems if p.startswith("every ticket has its history") and system.ticket_id in p], problems
    assert [p for p in problems if p.startswith("every ticket has its ticket.opened.v1") and system.ticket_id in p], problems
