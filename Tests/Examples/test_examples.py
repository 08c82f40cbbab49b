"""The integrators' examples (examples/) run against the real system: the five executables from
ARIANNA_BIN_DIR on free ports, the broker in ARIANNA_TEST_KAFKA_BROKERS (both exported by
scripts/test.sh), keys created on intake as an administrator would. Each example is its own
process and exits non-zero when anything differs from the published contracts; this file only
prepares what a real deployment would already have (keys, a closed report for billing).
Anything missing is a failure, never a skip.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SERVICES = ("intake", "planner", "notification", "webreport", "billing")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(method: str, url: str, body: object | None = None, token: str | None = None) -> tuple[int, object]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(what: str, probe, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}", pytrace=False)


@pytest.fixture(scope="module")
def system():
    brokers, bin_dir = os.environ.get("ARIANNA_TEST_KAFKA_BROKERS"), os.environ.get("ARIANNA_BIN_DIR")
    if not brokers or not bin_dir:
        pytest.fail("ARIANNA_TEST_KAFKA_BROKERS and ARIANNA_BIN_DIR must be set: run through `make test`", pytrace=False)
    data_dir = Path(tempfile.mkdtemp(prefix="arianna-examples-"))
    ports = {name: _free_port() for name in SERVICES}
    prefix = f"examples-{uuid.uuid4().hex[:10]}."
    env = dict(os.environ, ARIANNA_KAFKA_BROKERS=brokers, ARIANNA_TOPIC_PREFIX=prefix, ARIANNA_DATA_DIR=str(data_dir),
               ARIANNA_LOG_LEVEL="info", **{f"ARIANNA_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    processes = []
    for name in SERVICES:
        binary = Path(bin_dir) / f"arianna-{name}"
        if not binary.exists():
            pytest.fail(f"{binary} does not exist: build first", pytrace=False)
        log = (data_dir / f"{name}.log").open("wb")
        processes.append(subprocess.Popen([str(binary)], env=env, stdout=log, stderr=subprocess.STDOUT))
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        for name, url in urls.items():
            wait_for(f"{name} to be ready", lambda url=url: call("GET", f"{url}/health/ready")[0] == 200, timeout=90)
        status, session = call("POST", f"{urls['intake']}/api/sessions",
                               {"username": "admin", "password": os.environ.get("ARIANNA_ADMIN_PASSWORD", "arianna-admin")})
        assert status in (200, 201), session
        yield {"urls": urls, "token": session["token"], "brokers": brokers, "prefix": prefix, "data": data_dir}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def key(system, name: str, permissions: list[str], services: list[str]) -> str:
    status, created = call("POST", f"{system['urls']['intake']}/api/api-keys",
                           {"name": name, "permissions": permissions, "services": services, "requestsPerMinute": 600},
                           token=system["token"])
    assert status == 201, created
    return created["secret"]


def run(system, example: str, api_key: str, **extra: str) -> str:
    urls = system["urls"]
    env = dict(os.environ, ARIANNA_API_KEY=api_key, ARIANNA_KAFKA_BROKERS=system["brokers"],
               ARIANNA_TOPIC_PREFIX=system["prefix"], ARIANNA_INTAKE_URL=urls["intake"],
               ARIANNA_PLANNER_URL=urls["planner"], ARIANNA_BILLING_URL=urls["billing"], **extra)
    result = subprocess.run([sys.executable, str(EXAMPLES / example)], env=env, capture_output=True, text=True,
                            timeout=180, cwd=EXAMPLES)
    print(result.stdout)
    assert result.returncode == 0, f"{example} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_three_integrators(system):
    urls, admin = system["urls"], system["token"]
    # Keys as an administrator creates them on intake's /api-keys page, each limited to its service.
    callcentre = key(system, "Call centre North", ["tickets.open", "tickets.read"], ["intake"])
    planning = key(system, "External planner", ["planner.schedule"], ["planner"])
    accounting = key(system, "Accounting", ["billing.read"], ["billing"])
    wait_for("the planner to know its key", lambda: call("GET", f"{urls['planner']}/api/queue", token=planning)[0] == 200)
    wait_for("billing to know its key",
             lambda: call("GET", f"{urls['billing']}/api/billing-documents", token=accounting)[0] == 200)

    # The company's availability, as the back office sets it up: presences for the next weeks.
    today = dt.date.today()
    wait_for("operators in the planner", lambda: call("GET", f"{urls['planner']}/api/operators", token=admin)[1]["items"])
    status, job = call("POST", f"{urls['planner']}/api/presence-rules/generate",
                       {"from": today.isoformat(), "to": (today + dt.timedelta(days=35)).isoformat()}, token=admin)
    assert status == 202, job
    wait_for("presences generated",
             lambda: call("GET", f"{urls['planner']}/api/generation-jobs/{job['id']}", token=admin)[1]["state"] == "done")

    out = run(system, "callcentre.py", callcentre)
    assert "call centre: OK" in out

    wait_for("two calls in the planner's queue", lambda: len(call("GET", f"{urls['planner']}/api/queue", token=admin)[1]["items"]) >= 2)
    out = run(system, "external_planner.py", planning)
    assert "external planner: OK" in out

    # Mario closes the first appointment's report: intake closes the ticket, billing drafts a document.
    appointments = call("GET", f"{urls['planner']}/api/appointments", token=admin)[1]["items"]
    appointment = appointments[0]["id"]
    # One hour of work that ended a minute ago (a work session may not lie in the future).
    end = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(minutes=1)
    session = {"start": (end - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "end": end.strftime("%Y-%m-%dT%H:%M:%SZ"), "travelMinutes": 0}
    wait_for("web-report to close the report", lambda: call(
        "POST", f"{urls['webreport']}/api/appointments/{appointment}/report",
        {"workDone": "Replaced the pump", "sessions": [session], "materials": []}, token=admin)[0] in (201, 409))

    ledger = str(system["data"] / "ledger.sqlite")
    out = run(system, "accounting.py", accounting, ACCOUNTING_LEDGER=ledger, ACCOUNTING_GROUP="accounting", ACCOUNTING_EXPECT="1")
    assert "accounting: OK (1 booked" in out
    # A replay from the start (a new group, e.g. after restoring a backup): nothing is booked twice.
    out = run(system, "accounting.py", accounting, ACCOUNTING_LEDGER=ledger, ACCOUNTING_GROUP="accounting-replay",
              ACCOUNTING_EXPECT="1")
    assert "accounting: OK (0 booked, 1 already in the ledger, 1 in all)" in out
