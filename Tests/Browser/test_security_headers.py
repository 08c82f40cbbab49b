"""Issue 14 §3 in a real browser: with every service sending `Content-Security-Policy`
(`script-src 'self'`, no inline script), Chromium logs no CSP violation on the main pages of the
five services, a login form posted on intake returns to another service's page (form-action), and
a violation, when there is one, is seen (so a clean log means something).

The five executables run here against the real broker with every service's port in the
environment, as `make run` starts them."""
from __future__ import annotations

import os
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import (ADMIN_PASSWORD, DEMO_PASSWORD, _chrome, _free_port, _ready, _require, _start, _stop_all, http,
                      wait_for)

NAMES = ("intake", "planner", "notification", "webreport", "billing")


@pytest.fixture(scope="module")
def five():
    """The five services on free ports, each knowing the others' addresses; returns their URLs."""
    brokers = os.environ.get("ARIANNA_TEST_KAFKA_BROKERS")
    bin_dir = os.environ.get("ARIANNA_BIN_DIR")
    _require(bool(brokers), "ARIANNA_TEST_KAFKA_BROKERS is not set: run the browser tests through `make test`")
    _require(bool(bin_dir), "ARIANNA_BIN_DIR is not set: run the browser tests through `make test`")
    data_dir = Path(tempfile.mkdtemp(prefix="arianna-csp-browser-"))
    ports = {name: _free_port() for name in NAMES}
    env = dict(os.environ)
    env.update({
        "ARIANNA_KAFKA_BROKERS": brokers, "ARIANNA_TOPIC_PREFIX": f"csp-{uuid.uuid4().hex[:10]}.",
        "ARIANNA_DATA_DIR": str(data_dir), "ARIANNA_TIME_ZONE": "Europe/Rome", "ARIANNA_LOG_LEVEL": "info",
        "ARIANNA_MAIL_TRANSPORT": "file",
    })
    env.update({f"ARIANNA_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    processes = []
    try:
        for name in NAMES:
            binary = Path(bin_dir) / f"arianna-{name}"
            _require(binary.exists(), f"{binary} does not exist: build first (swift build)")
            processes.append(_start(binary, env, data_dir / f"{name}.log"))
        urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for url in urls.values():
            wait_for(f"{url}/health/ready", lambda url=url: _ready(url), timeout=120, interval=0.3)
        urls["token"] = http("POST", f"{urls['intake']}/api/sessions",
                             {"username": "admin", "password": ADMIN_PASSWORD}, anonymous=True)["token"]
        yield urls
    finally:
        _stop_all(processes, data_dir)


@pytest.fixture
def chrome(_chrome_service, request):
    driver = _chrome(_chrome_service, 1280, 900)
    yield driver
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for entry in driver.get_log("browser"):
            print("browser:", entry)
    driver.quit()


def csp_violations(driver) -> list[str]:
    """The console's CSP complaints since the last call (reading the log empties it)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]]


def settle(driver) -> None:
    """Waits for the page and its deferred scripts (and their first fetches) to have run."""
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(0.8)


def log_in_on_the_page(driver, five, username: str, password: str, next_url: str) -> None:
    driver.get(f"{five['intake']}/login?next={urllib.request.quote(next_url, safe='')}")
    settle(driver)
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    WebDriverWait(driver, 20).until(EC.url_to_be(next_url))
    settle(driver)


def test_every_response_names_the_policy(five):
    for name in NAMES:
        request = urllib.request.Request(f"{five[name]}/health/live")
        with urllib.request.urlopen(request, timeout=10) as response:
            policy = response.headers["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["X-Frame-Options"] == "DENY"
            assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_main_pages_of_the_five_services_log_no_csp_violation(chrome, five):
    # An email in notification's outbox (its page shows the message in a sandboxed frame).
    ticket = http("POST", f"{five['intake']}/api/tickets", {
        "activityTypeCode": "REPAIR", "customer": {"name": "Bar Centrale", "email": "bar@example.com"},
        "description": "Fridge is warm", "customFields": {"appliance": "Frigo"}}, token=five["token"])
    email = wait_for("the ticket's email in the outbox", lambda: next(iter(
        e for e in http("GET", f"{five['notification']}/api/emails?limit=200", token=five["token"])["items"]
        if e["recipient"] == "bar@example.com" and e.get("subject")), None), timeout=60)

    # The login form posts on intake and returns to the planner's board: another origin.
    log_in_on_the_page(chrome, five, "admin", ADMIN_PASSWORD, f"{five['planner']}/board")
    assert csp_violations(chrome) == []
    pages = [
        f"{five['intake']}/work", f"{five['intake']}/tickets", f"{five['intake']}/tickets/{ticket['id']}",
        f"{five['intake']}/tickets/new", f"{five['intake']}/setup",
        f"{five['planner']}/board", f"{five['planner']}/availability",
        f"{five['notification']}/outbox", f"{five['notification']}/outbox/{email['id']}", f"{five['notification']}/templates",
        f"{five['billing']}/documents", f"{five['billing']}/articles", f"{five['billing']}/stock", f"{five['billing']}/mrp",
    ]
    for url in pages:
        chrome.get(url)
        settle(chrome)
        assert "Something went wrong" not in chrome.page_source, url
        assert csp_violations(chrome) == [], url


def test_the_technicians_to_do_list_runs_its_scripts_without_a_violation(chrome, five):
    log_in_on_the_page(chrome, five, "mario", DEMO_PASSWORD, f"{five['webreport']}/todo")
    # offline-queue.js (an asset file) ran: it links the app manifest.
    WebDriverWait(chrome, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "link[rel=manifest]"))
    assert csp_violations(chrome) == []


def test_an_inline_script_is_refused_and_seen(chrome, five):
    """The control: the policy really blocks inline script, and the log shows it."""
    chrome.get(f"{five['intake']}/login")
    settle(chrome)
    csp_violations(chrome)
    chrome.execute_script(
        "var s = document.createElement('script'); s.textContent = 'document.title = \"pwned\"';"
        "document.head.appendChild(s);")
    time.sleep(0.5)
    assert chrome.title != "pwned"
    assert any("inline script" in message for message in csp_violations(chrome))
