"""Fixtures for the planner board's browser tests (SPEC R12, R13, R16).

They run real processes against the real broker: `arianna-intake` and `arianna-planner` from
`ARIANNA_BIN_DIR`, on free ports, with their own topic prefix and data folder, talking to the
broker in `ARIANNA_TEST_KAFKA_BROKERS` (both exported by `scripts/test.sh`), and Debian's
Chromium driven through `chromedriver`. Anything missing is a failure, never a skip: a green run
must mean the board really worked in a browser.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import socket
import sqlite3
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
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as ChromeService

ROME = ZoneInfo("Europe/Rome")
# Debian's packages by default; ARIANNA_CHROMIUM / ARIANNA_CHROMEDRIVER point elsewhere.
CHROMIUM = os.environ.get("ARIANNA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("ARIANNA_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _require(condition: bool, message: str) -> None:
    if not condition:
        pytest.fail(message, pytrace=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def iso(moment: dt.datetime) -> str:
    """The API's date-time format (UTC, milliseconds), as in the board's data-start attributes."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def rome(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ROME)


class APIError(Exception):
    def __init__(self, status: int, body: object):
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


# The administrator's session token once the `arianna` fixture has logged in: API calls present it
# as a bearer token, browsers as the `arianna_session` cookie (cookies ignore the port, so one
# login opens intake and the planner alike).
SESSION: dict[str, str] = {}
ADMIN_PASSWORD = os.environ.get("ARIANNA_ADMIN_PASSWORD", "arianna-admin")


def http(method: str, url: str, body: object | None = None, timeout: float = 10, token: str | None = None,
         anonymous: bool = False) -> object:
    """A JSON call; it presents `token`, else the board system's session — unless `anonymous`: a
    system with its own data folder has its own session key and refuses another system's token."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Accept", "application/json")
    bearer = None if anonymous else (token or SESSION.get("token"))
    if bearer:
        request.add_header("Authorization", f"Bearer {bearer}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        try:
            payload: object = json.loads(text)
        except ValueError:
            payload = text
        raise APIError(error.code, payload) from None


def paged_items(call, url: str) -> list:
    """Every item of a keyset-paged list (`{"items": […], "nextCursor": "…"}`), following the
    cursors: `call(method, url)` makes one request."""
    items, cursor = [], None
    while True:
        separator = "&" if "?" in url else "?"
        page = call("GET", url + (f"{separator}limit=200&cursor={cursor}" if cursor else f"{separator}limit=200"))
        items += page["items"]
        cursor = page.get("nextCursor")
        if not cursor:
            return items


def wait_for(what: str, probe, timeout: float = 30, interval: float = 0.2):
    """Polls `probe` until it returns something truthy; fails with `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except Exception as error:  # noqa: BLE001 - keep polling, report the last one
            last_error = error
        time.sleep(interval)
    pytest.fail(f"timed out waiting for {what}" + (f" (last error: {last_error})" if last_error else ""), pytrace=False)


@dataclass
class Arianna:
    """The two running services and ways to poke them."""

    intake: str
    planner: str
    data_dir: Path
    monday: dt.date
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)
    # The services' environment (broker, topic prefix, data folder), for fixtures that start more.
    env: dict[str, str] = field(default_factory=dict)

    def open_ticket(self, customer: str, code: str = "REPAIR") -> str:
        """Opens a ticket through intake's API and waits for the planner's queue to have it."""
        ticket = http("POST", f"{self.intake}/api/tickets", {
            "activityTypeCode": code,
            "customer": {"name": customer, "email": f"{uuid.uuid4().hex[:8]}@example.com"},
            "description": f"Browser test call for {customer}",
            "customFields": {"appliance": "Caldaia", "serial_number": "SN-0001"} if code == "WARRANTY" else {"appliance": "Caldaia"},
        })
        ticket_id = ticket["id"]
        wait_for(f"the planner to queue {customer}", lambda: self.queue_state(ticket_id) == "unscheduled")
        return ticket_id

    def queue_state(self, ticket_id: str) -> str | None:
        try:
            return http("GET", f"{self.planner}/api/queue/{ticket_id}")["state"]
        except APIError as error:
            if error.status == 404:
                return None
            raise

    def schedule(self, ticket_id: str, operator_id: str, start: dt.datetime) -> dict:
        return http("POST", f"{self.planner}/api/appointments",
                    {"ticketID": ticket_id, "operatorID": operator_id, "start": iso(start)})

    def appointments(self, operator_id: str, day: dt.date) -> list[dict]:
        start = rome(day, 0)
        end = start + dt.timedelta(days=1)
        query = f"operatorID={operator_id}&from={iso(start)}&to={iso(end)}&limit=200"
        return http("GET", f"{self.planner}/api/appointments?{query}")["items"]

    def outbox_row(self, event_type: str, appointment_id: str) -> tuple | None:
        """The planner's outbox row for an event about `appointment_id` (read-only)."""
        path = self.data_dir / "planner" / "planner.sqlite"
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute(
                "SELECT eventType, sentAt FROM outbox WHERE eventType = ? AND CAST(payload AS TEXT) LIKE ?",
                (event_type, f"%{appointment_id}%"),
            ).fetchone()
        finally:
            connection.close()

    def board_url(self, day: dt.date, view: str = "day", group: str | None = "Technicians North") -> str:
        url = f"{self.planner}/board?view={view}&date={day.isoformat()}"
        if group:
            url += "&group=" + urllib.request.quote(group)
        return url


def _start(binary: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([str(binary)], env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)

def _stop_all(processes: list, data_dir: Path) -> None:
    """Stops the services a fixture started (SIGTERM, then SIGKILL after 15 s) and removes their
    data folder unless ARIANNA_KEEP_BROWSER_DATA=1."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    if os.environ.get("ARIANNA_KEEP_BROWSER_DATA") != "1":
        shutil.rmtree(data_dir, ignore_errors=True)


def _ready(url: str) -> bool:
    try:
        return http("GET", f"{url}/health/ready", timeout=2, anonymous=True)["status"] == "ready"
    except Exception:  # noqa: BLE001 - not up yet
        return False


@pytest.fixture(scope="session")
def arianna():
    brokers = os.environ.get("ARIANNA_TEST_KAFKA_BROKERS")
    bin_dir = os.environ.get("ARIANNA_BIN_DIR")
    _require(bool(brokers), "ARIANNA_TEST_KAFKA_BROKERS is not set: run the browser tests through `make test` (scripts/test.sh)")
    _require(bool(bin_dir), "ARIANNA_BIN_DIR is not set: run the browser tests through `make test` (scripts/test.sh)")
    binaries = {name: Path(bin_dir) / f"arianna-{name}" for name in ("intake", "planner")}
    for name, binary in binaries.items():
        _require(binary.exists(), f"{binary} does not exist: build first (swift build)")

    data_dir = Path(tempfile.mkdtemp(prefix="arianna-browser-"))
    ports = {"intake": _free_port(), "planner": _free_port()}
    env = dict(os.environ)
    env.update({
        "ARIANNA_KAFKA_BROKERS": brokers,
        "ARIANNA_TOPIC_PREFIX": f"browser-{uuid.uuid4().hex[:10]}.",
        "ARIANNA_DATA_DIR": str(data_dir),
        "ARIANNA_INTAKE_PORT": str(ports["intake"]),
        "ARIANNA_PLANNER_PORT": str(ports["planner"]),
        "ARIANNA_TIME_ZONE": "Europe/Rome",
        "ARIANNA_LOG_LEVEL": "info",
    })
    today = dt.datetime.now(ROME).date()
    monday = today + dt.timedelta(days=(7 - today.weekday()) % 7 + 7)
    system = Arianna(
        intake=f"http://127.0.0.1:{ports['intake']}", planner=f"http://127.0.0.1:{ports['planner']}",
        data_dir=data_dir, monday=monday, env=env)
    try:
        for name, binary in binaries.items():
            log = data_dir / f"{name}.log"
            system.logs.append(log)
            system.processes.append(_start(binary, env, log))
        for url in (system.intake, system.planner):
            wait_for(f"{url}/health/ready", lambda url=url: _ready(url), timeout=120, interval=0.3)
        # Log in as the default administrator (a new store's `admin` user).
        SESSION["token"] = http("POST", f"{system.intake}/api/sessions",
                                {"username": "admin", "password": ADMIN_PASSWORD})["token"]
        # The operators reach the planner through intake's setup events.
        wait_for("the planner to know Mario and Lucia", lambda: {"op-mario", "op-lucia"} <= {
            o["id"] for o in http("GET", f"{system.planner}/api/operators?limit=200")["items"]}, timeout=60)
        # Presences for the test week (R8) and an absence (R9): the white and the grey.
        for operator in ("op-mario", "op-lucia"):
            http("POST", f"{system.planner}/api/presence-rules", {
                "operatorID": operator, "zone": "Milano", "frequency": "daily", "weekdays": [1, 2, 3, 4, 5],
                "start": "08:00", "end": "17:00", "validFrom": monday.isoformat()})
        job = http("POST", f"{system.planner}/api/presence-rules/generate",
                   {"from": monday.isoformat(), "to": (monday + dt.timedelta(days=6)).isoformat()})
        wait_for("presence generation", lambda: http(
            "GET", f"{system.planner}/api/generation-jobs/{job['id']}")["state"] == "done", timeout=60)
        http("POST", f"{system.planner}/api/absences", {
            "operatorID": "op-lucia", "firstDay": (monday + dt.timedelta(days=1)).isoformat(), "reason": "Training"})
        yield system
    finally:
        _stop_all(system.processes, data_dir)


@pytest.fixture(scope="session")
def _chrome_service():
    _require(Path(CHROMIUM).exists(), "chromium is not installed (ARIANNA_WITH_BROWSER=1 bash scripts/bootstrap.sh)")
    _require(Path(CHROMEDRIVER).exists(), "chromedriver is not installed (Debian package chromium-driver)")
    return ChromeService(executable_path=CHROMEDRIVER)


def _chrome(service: ChromeService, width: int, height: int) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--window-size={width},{height}", "--lang=en-GB"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_window_size(width, height)
    return driver


def log_in(driver: webdriver.Chrome, system: "Arianna") -> None:
    """Gives the browser the administrator's session cookie (valid on every service's port)."""
    driver.get(f"{system.intake}/health/live")
    driver.add_cookie({"name": "arianna_session", "value": SESSION["token"], "path": "/"})


@pytest.fixture
def browser(_chrome_service, request, arianna):
    """A desktop-sized headless Chromium, logged in as the administrator; on failure its console
    log is printed."""
    driver = _chrome(_chrome_service, 1400, 1000)
    log_in(driver, arianna)
    yield driver
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for entry in driver.get_log("browser"):
            print("browser:", entry)
        shot = Path(tempfile.gettempdir()) / f"board-failure-{request.node.name}.png"
        driver.save_screenshot(str(shot))
        print("screenshot:", shot)
    driver.quit()


@pytest.fixture
def tablet(_chrome_service, arianna):
    """A 768×1024 (portrait tablet) headless Chromium, logged in as the administrator."""
    driver = _chrome(_chrome_service, 768, 1024)
    log_in(driver, arianna)
    yield driver
    driver.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


# ---------------------------------------------------------------- availability pages and suggestions
# (appended for the planner's availability pages, R6–R9, and one-click suggestions, R12)


def set_field(driver, element, value: str) -> None:
    """Sets a date/time/number input the way a picker does (its widget's typing order depends on
    the locale), then fires the events a person's edit fires."""
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        element, value)


@pytest.fixture
def restore_working_hours(arianna):
    """Remembers Mario's and Lucia's working hours and puts them back after the test, so a test
    that sets hours through the page leaves the board tests' week as it found it."""
    operators = ("op-mario", "op-lucia")
    saved = {operator: http("GET", f"{arianna.planner}/api/working-hours?operatorID={operator}") for operator in operators}
    yield saved
    for operator, rows in saved.items():
        week: dict[str, list[dict]] = {}
        for row in rows:
            week.setdefault(str(row["weekday"]), []).append({"start": row["start"], "end": row["end"]})
        http("PUT", f"{arianna.planner}/api/working-hours", {"operatorIDs": [operator], "week": week})


@pytest.fixture
def later_monday(arianna) -> dt.date:
    """The Monday two weeks after the board tests' week: the availability page tests change
    presences and absences there only."""
    return arianna.monday + dt.timedelta(days=14)


# ---------------------------------------------------------------- the technician's app (web-report)
# (appended for web-report's to-do list and intervention report, R15, R16, R18)

DEMO_PASSWORD = "arianna-demo"


@pytest.fixture(scope="session")
def webreport(arianna) -> str:
    """`arianna-webreport` on a free port, on the same broker, topics and data folder as intake and
    the planner; stopped with them. Returns its base URL."""
    binary = Path(os.environ["ARIANNA_BIN_DIR"]) / "arianna-webreport"
    _require(binary.exists(), f"{binary} does not exist: build first (swift build)")
    port = _free_port()
    env = dict(arianna.env)
    env["ARIANNA_WEBREPORT_PORT"] = str(port)
    log = arianna.data_dir / "webreport.log"
    arianna.logs.append(log)
    process = _start(binary, env, log)
    arianna.processes.append(process)
    url = f"http://127.0.0.1:{port}"
    wait_for(f"{url}/health/ready", lambda: _ready(url), timeout=120, interval=0.3)
    return url


@pytest.fixture
def phone(_chrome_service, request):
    """Headless Chromium emulating a phone (390×844 CSS pixels, touch, mobile user agent), not
    logged in: the test logs in on intake's page like a technician would."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-GB"):
        options.add_argument(argument)
    options.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0, "touch": True},
        "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                     "Chrome/126.0 Mobile Safari/537.36",
    })
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=_chrome_service, options=options)
    yield driver
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for entry in driver.get_log("browser"):
            print("browser:", entry)
        shot = Path(tempfile.gettempdir()) / f"phone-failure-{request.node.name}.png"
        driver.save_screenshot(str(shot))
        print("screenshot:", shot)
    driver.quit()




# ---------------------------------------------------------------- billing (R19)
# (appended for the billing clerk's pages: its own intake, planner, web-report and billing, data
# folder and topic prefix, so it never disturbs the board tests' week; a ticket reaches billing
# the real way: opened in intake, scheduled in the planner, reported in web-report, closed)


@dataclass
class Billing:
    """Intake, planner, web-report and billing against the real broker."""

    intake: str
    planner: str
    webreport: str
    billing: str
    token: str
    monday: dt.date
    data_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def published(self, event_type: str, subject: str) -> bool:
        """Whether billing's outbox has relayed an event of `event_type` about `subject` to the broker."""
        path = self.data_dir / "billing" / "billing.sqlite"
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute(
                "SELECT 1 FROM outbox WHERE eventType = ? AND messageKey = ? AND sentAt IS NOT NULL",
                (event_type, subject)).fetchone() is not None
        finally:
            connection.close()

    def stock(self, warehouse: str, article: str) -> float:
        levels = self.call("GET", f"{self.billing}/api/stock?limit=200")["items"]
        return sum(level["quantity"] for level in levels
                   if level["warehouseID"] == warehouse and level["articleCode"] == article)

    def call(self, method: str, url: str, body: object | None = None) -> object:
        return http(method, url, body, token=self.token)

    def billed_ticket(self, customer: str, materials: list[dict], worked_minutes: int = 90) -> dict:
        """Opens a REPAIR ticket, schedules it for Mario, files his report with `materials` and
        waits for billing's draft of the closed ticket."""
        ticket = self.call("POST", f"{self.intake}/api/tickets", {
            "activityTypeCode": "REPAIR", "customer": {"name": customer, "email": f"{uuid.uuid4().hex[:8]}@example.com"},
            "description": f"Browser billing test for {customer}", "customFields": {"appliance": "Caldaia"}})
        ticket_id = ticket["id"]
        wait_for("the planner to queue the ticket", lambda: self.call("GET", f"{self.planner}/api/queue/{ticket_id}")["state"] == "unscheduled")
        appointment = self.call("POST", f"{self.planner}/api/appointments",
                                {"ticketID": ticket_id, "operatorID": "op-mario", "start": iso(rome(self.monday, 9))})
        appointment_id = appointment["id"]
        wait_for("web-report to know the appointment", lambda: any(
            item.get("appointmentID") == appointment_id
            for item in paged_items(self.call, f"{self.webreport}/api/operators/op-mario/todo")))
        # Web-report checks materials against billing's catalogue: wait until it has every code.
        for material in materials:
            wait_for(f"web-report to know {material['articleCode']}", lambda code=material["articleCode"]: any(
                hit["code"] == code for hit in self.call("GET", f"{self.webreport}/api/articles?q={code}")["items"]))
        # One work session of `worked_minutes`, ended an hour ago (a session may not lie in the future).
        end = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(hours=1)
        session = {"start": iso(end - dt.timedelta(minutes=worked_minutes)), "end": iso(end), "travelMinutes": 0}
        self.call("POST", f"{self.webreport}/api/appointments/{appointment_id}/report",
                  {"workDone": "Sostituito il filtro", "sessions": [session], "materials": materials})
        return wait_for("billing's draft", lambda: next(iter(self.call(
            "GET", f"{self.billing}/api/billing-documents?ticketID={ticket_id}")["items"]), None), timeout=60)


@pytest.fixture(scope="session")
def billing_system():
    brokers = os.environ.get("ARIANNA_TEST_KAFKA_BROKERS")
    bin_dir = os.environ.get("ARIANNA_BIN_DIR")
    _require(bool(brokers), "ARIANNA_TEST_KAFKA_BROKERS is not set: run the browser tests through `make test` (scripts/test.sh)")
    _require(bool(bin_dir), "ARIANNA_BIN_DIR is not set: run the browser tests through `make test` (scripts/test.sh)")
    names = ("intake", "planner", "webreport", "billing")
    binaries = {name: Path(bin_dir) / f"arianna-{name}" for name in names}
    for binary in binaries.values():
        _require(binary.exists(), f"{binary} does not exist: build first (swift build)")
    data_dir = Path(tempfile.mkdtemp(prefix="arianna-billing-browser-"))
    ports = {name: _free_port() for name in names}
    env = dict(os.environ)
    env.update({
        "ARIANNA_KAFKA_BROKERS": brokers, "ARIANNA_TOPIC_PREFIX": f"billing-{uuid.uuid4().hex[:10]}.",
        "ARIANNA_DATA_DIR": str(data_dir), "ARIANNA_TIME_ZONE": "Europe/Rome", "ARIANNA_LOG_LEVEL": "info",
    })
    env.update({f"ARIANNA_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    processes = []
    today = dt.datetime.now(ROME).date()
    monday = today + dt.timedelta(days=(7 - today.weekday()) % 7 + 7)
    try:
        for name, binary in binaries.items():
            processes.append(_start(binary, env, data_dir / f"{name}.log"))
        urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for url in urls.values():
            wait_for(f"{url}/health/ready", lambda url=url: _ready(url), timeout=120, interval=0.3)
        token = http("POST", f"{urls['intake']}/api/sessions", {"username": "admin", "password": ADMIN_PASSWORD},
                     anonymous=True)["token"]
        system = Billing(intake=urls["intake"], planner=urls["planner"], webreport=urls["webreport"],
                         billing=urls["billing"], token=token, monday=monday, data_dir=data_dir,
                         processes=processes)
        # The REPAIR type also gets a production order (R5 advanced palette): a boiler kit whose bill
        # of materials is two filters. Done first, so the snapshot reaches billing long before a ticket.
        for article in (
            {"code": "FILTER-01", "description": "Filtro caldaia", "descriptionEN": "Boiler filter", "unit": "pz",
             "price": "12.50", "vatRatePercent": 22, "kind": "material"},
            {"code": "KIT-CALDAIA", "description": "Kit caldaia", "unit": "pz", "price": "100", "vatRatePercent": 22,
             "kind": "finished-product"},
            {"code": "VALVE-3W", "description": "Valvola a tre vie", "descriptionEN": "Three-way valve", "unit": "pz",
             "price": "48", "vatRatePercent": 22, "kind": "material"},
        ):
            system.call("POST", f"{system.billing}/api/articles", article)
        system.call("PUT", f"{system.billing}/api/boms/KIT-CALDAIA", {"components": [{"code": "FILTER-01", "quantity": 2}]})
        system.call("PATCH", f"{system.intake}/api/setup/activity-types/at-repair",
                    {"productionOrder": {"documentType": "ODP", "articleCode": "KIT-CALDAIA", "quantity": 1}})
        wait_for("the planner to know Mario", lambda: "op-mario" in {
            o["id"] for o in system.call("GET", f"{system.planner}/api/operators?limit=200")["items"]}, timeout=60)
        system.call("POST", f"{system.planner}/api/presence-rules", {
            "operatorID": "op-mario", "zone": "Milano", "frequency": "daily", "weekdays": [1, 2, 3, 4, 5],
            "start": "08:00", "end": "17:00", "validFrom": monday.isoformat()})
        job = system.call("POST", f"{system.planner}/api/presence-rules/generate",
                          {"from": monday.isoformat(), "to": (monday + dt.timedelta(days=6)).isoformat()})
        wait_for("presence generation", lambda: system.call(
            "GET", f"{system.planner}/api/generation-jobs/{job['id']}")["state"] == "done", timeout=60)
        for article in (
            {"code": "LAB-HOUR", "description": "Manodopera", "descriptionEN": "Labour", "unit": "h", "price": "45",
             "vatRatePercent": 22, "kind": "labour"},
            # on the REPAIR type's billing palette in intake's default company
            {"code": "CALL-FEE", "description": "Diritto di chiamata", "descriptionEN": "Call-out fee", "unit": "pz",
             "price": "35", "vatRatePercent": 22, "kind": "service"},
        ):
            system.call("POST", f"{system.billing}/api/articles", article)
        # Mario's van (from intake's operator snapshot) gets five filters from the central warehouse.
        wait_for("billing to know Mario's van", lambda: "VAN-op-mario" in {
            w["id"] for w in system.call("GET", f"{system.billing}/api/warehouses?limit=200")["items"]}, timeout=60)
        system.call("POST", f"{system.billing}/api/stock/receipts",
                    {"articleCode": "FILTER-01", "quantity": 10, "warehouseID": "WH-CENTRAL"})
        system.call("POST", f"{system.billing}/api/stock/transfers",
                    {"articleCode": "FILTER-01", "quantity": 5, "warehouseID": "VAN-op-mario", "fromWarehouseID": "WH-CENTRAL"})
        yield system
    finally:
        _stop_all(processes, data_dir)


@pytest.fixture
def clerk_browser(_chrome_service, billing_system, request):
    """A desktop-sized headless Chromium with the administrator's session on billing's port."""
    driver = _chrome(_chrome_service, 1280, 900)
    driver.get(f"{billing_system.billing}/health/live")
    driver.add_cookie({"name": "arianna_session", "value": billing_system.token, "path": "/"})
    yield driver
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for entry in driver.get_log("browser"):
            print("browser:", entry)
    driver.quit()
