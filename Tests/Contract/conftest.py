"""Fixtures of the HTTP contract tests (issue 14 point 2).

The five services run as real processes (`arianna-*` from `ARIANNA_BIN_DIR`) against the real
broker in `ARIANNA_TEST_KAFKA_BROKERS` (both exported by `scripts/test.sh`), on free ports, with
their own topic prefix and one data folder (so intake's session is valid on all five), and the
administrator logged in. Anything missing is a failure, never a skip.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

SERVICES = ("intake", "planner", "notification", "webreport", "billing")
ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "docs" / "openapi"
ADMIN_PASSWORD = os.environ.get("ARIANNA_ADMIN_PASSWORD", "arianna-admin")


def _require(condition: bool, message: str) -> None:
    if not condition:
        pytest.fail(message, pytrace=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(method: str, url: str, body: object | None = None, token: str | None = None, timeout: float = 10):
    """A JSON call; returns (status, parsed body or text)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    try:
        return status, (json.loads(text) if text else None)
    except ValueError:
        return status, text


def _wait(what: str, probe, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if probe():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}", pytrace=False)


@dataclass
class System:
    """The five running services, their URLs and the administrator's session token."""

    urls: dict[str, str]
    data_dir: Path
    token: str = ""
    # A ticket opened through intake and queued by the planner, so fuzzing meets real objects.
    ticket_id: str = ""
    # Mario's appointment for another seed ticket, as web-report's to-do list has it.
    appointment_id: str = ""
    processes: list[subprocess.Popen] = field(default_factory=list)


def _seed_appointment(running: System) -> str:
    """Mario present next week (a presence rule, generated), a second ticket scheduled for him on
    Monday at 09:00 Rome time, and web-report's to-do list showing it: the appointment's id."""
    rome = ZoneInfo("Europe/Rome")
    today = dt.datetime.now(rome).date()
    monday = today + dt.timedelta(days=(7 - today.weekday()) % 7 + 7)
    planner, token = running.urls["planner"], running.token
    _wait("the planner to know Mario", lambda: any(
        o.get("id") == "op-mario" for o in (call("GET", f"{planner}/api/operators?limit=200", token=token)[1] or {}).get("items", [])), 60)
    status, rule = call("POST", f"{planner}/api/presence-rules", {
        "operatorID": "op-mario", "zone": "Milano", "frequency": "daily", "weekdays": [1, 2, 3, 4, 5],
        "start": "08:00", "end": "17:00", "validFrom": monday.isoformat()}, token=token)
    _require(status == 201, f"the presence rule was refused: {status} {rule}")
    status, job = call("POST", f"{planner}/api/presence-rules/generate",
                       {"from": monday.isoformat(), "to": (monday + dt.timedelta(days=6)).isoformat()}, token=token)
    _require(status == 202, f"presence generation was refused: {status} {job}")
    _wait("presence generation", lambda: call("GET", f"{planner}/api/generation-jobs/{job['id']}", token=token)[1]["state"] == "done", 60)
    status, ticket = call("POST", f"{running.urls['intake']}/api/tickets", {
        "activityTypeCode": "REPAIR", "customer": {"name": "Contract Visit", "email": "visit@example.com"},
        "description": "A visit the contract tests fuzz around", "customFields": {"appliance": "Caldaia"}}, token=token)
    _require(status == 201, f"opening the second seed ticket failed: {status} {ticket}")
    _wait("the planner to queue the second seed ticket", lambda: call(
        "GET", f"{planner}/api/queue/{ticket['id']}", token=token)[0] == 200, 60)
    start = dt.datetime(monday.year, monday.month, monday.day, 9, tzinfo=rome).astimezone(dt.timezone.utc)
    status, appointment = call("POST", f"{planner}/api/appointments", {
        "ticketID": ticket["id"], "operatorID": "op-mario", "start": start.strftime("%Y-%m-%dT%H:%M:%S.000Z")}, token=token)
    _require(status == 201, f"scheduling the seed appointment failed: {status} {appointment}")
    todo = f"{running.urls['webreport']}/api/operators/op-mario/todo?limit=200"
    _wait("web-report's to-do list to show the appointment", lambda: any(
        item["appointmentID"] == appointment["id"] for item in call("GET", todo, token=token)[1]["items"]), 60)
    return appointment["id"]


@pytest.fixture(scope="session")
def system():
    brokers = os.environ.get("ARIANNA_TEST_KAFKA_BROKERS")
    bin_dir = os.environ.get("ARIANNA_BIN_DIR")
    _require(bool(brokers), "ARIANNA_TEST_KAFKA_BROKERS is not set: run through `make test` (scripts/test.sh)")
    _require(bool(bin_dir), "ARIANNA_BIN_DIR is not set: run through `make test` (scripts/test.sh)")
    binaries = {name: Path(bin_dir) / f"arianna-{name}" for name in SERVICES}
    for binary in binaries.values():
        _require(binary.exists(), f"{binary} does not exist: build first (swift build)")
    data_dir = Path(tempfile.mkdtemp(prefix="arianna-contract-"))
    ports = {name: _free_port() for name in SERVICES}
    env = dict(os.environ)
    env.update({
        "ARIANNA_KAFKA_BROKERS": brokers,
        "ARIANNA_TOPIC_PREFIX": f"contract-{uuid.uuid4().hex[:10]}.",
        "ARIANNA_DATA_DIR": str(data_dir),
        "ARIANNA_TIME_ZONE": "Europe/Rome",
        "ARIANNA_LOG_LEVEL": "info",
        # Customer emails go to files in the data folder, not to an SMTP server.
        "ARIANNA_MAIL_TRANSPORT": "file",
    })
    env.update({f"ARIANNA_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    running = System(urls={name: f"http://127.0.0.1:{port}" for name, port in ports.items()}, data_dir=data_dir)
    try:
        for name, binary in binaries.items():
            log = (data_dir / f"{name}.log").open("wb")
            running.processes.append(subprocess.Popen([str(binary)], env=env, stdout=log, stderr=subprocess.STDOUT))
        for name, url in running.urls.items():
            _wait(f"{name} to be ready", lambda url=url: call("GET", f"{url}/health/ready", timeout=2)[0] == 200, 120)
        status, body = call("POST", f"{running.urls['intake']}/api/sessions", {"username": "admin", "password": ADMIN_PASSWORD})
        _require(status == 201 and isinstance(body, dict) and body.get("token"), f"admin login failed: {status} {body}")
        running.token = body["token"]
        status, ticket = call("POST", f"{running.urls['intake']}/api/tickets", {
            "activityTypeCode": "REPAIR", "customer": {"name": "Contract Test", "email": "contract@example.com"},
            "description": "A call the contract tests fuzz around", "customFields": {"appliance": "Caldaia"},
        }, token=running.token)
        _require(status == 201 and isinstance(ticket, dict), f"opening the seed ticket failed: {status} {ticket}")
        running.ticket_id = ticket["id"]
        _wait("the planner to queue the seed ticket", lambda: call(
            "GET", f"{running.urls['planner']}/api/queue/{running.ticket_id}", token=running.token)[0] == 200, 60)
        running.appointment_id = _seed_appointment(running)
        yield running
    finally:
        for process in running.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in running.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if os.environ.get("ARIANNA_KEEP_CONTRACT_DATA") != "1":
            shutil.rmtree(data_dir, ignore_errors=True)
