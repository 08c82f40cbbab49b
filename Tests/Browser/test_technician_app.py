"""The technician's app (R15, R16, R18) in real Chromium emulating a phone (390×844, touch).

Mario logs in on intake's page and lands on his own to-do list on web-report; he opens an
appointment the planner gave him, records two work sessions, edits the materials proposed from the
activity type's billing articles, names the signer and closes the report: the page turns read-only
and, over the broker, intake closes the ticket. A second appointment closed with "another visit
needed" leaves the ticket open and puts it back in the planner's queue.
"""
from __future__ import annotations

import base64
import datetime as dt
import sqlite3
import subprocess
import tempfile
import urllib.request
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import DEMO_PASSWORD, http, iso, paged_items, rome, wait_for

# Sets a datetime-local input to an instant, written in the browser's own zone (as a person would
# pick it), and fires the events a picker fires.
SET_LOCAL = """
const input = arguments[0], date = new Date(arguments[1]);
const pad = n => String(n).padStart(2, '0');
input.value = date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) +
  'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
input.dispatchEvent(new Event('input', {bubbles: true}));
input.dispatchEvent(new Event('change', {bubbles: true}));
"""


@pytest.fixture(scope="module")
def friday(arianna) -> dt.date:
    """The Friday three weeks after the board tests' week, with presences generated: the board
    and suggestion tests fill their own week's Friday, so Mario's reports here never collide."""
    monday = arianna.monday + dt.timedelta(days=21)
    job = http("POST", f"{arianna.planner}/api/presence-rules/generate",
               {"from": monday.isoformat(), "to": (monday + dt.timedelta(days=6)).isoformat()})
    wait_for("presence generation", lambda: http(
        "GET", f"{arianna.planner}/api/generation-jobs/{job['id']}")["state"] == "done", timeout=60)
    return monday + dt.timedelta(days=4)


def _appointment_for_mario(arianna, webreport, friday: dt.date, hour: int) -> tuple[str, str]:
    """A REPAIR call scheduled on Mario's `friday`; waits until web-report has it."""
    customer = f"Officina {uuid.uuid4().hex[:6]}"
    ticket_id = arianna.open_ticket(customer)
    appointment = arianna.schedule(ticket_id, "op-mario", rome(friday, hour))
    wait_for("web-report to have the appointment", lambda: any(
        item["appointmentID"] == appointment["id"]
        for item in paged_items(http, f"{webreport}/api/operators/op-mario/todo")), timeout=60)
    return ticket_id, appointment["id"]


def _log_in_as_mario(phone, arianna, webreport) -> None:
    phone.get(f"{webreport}/")
    WebDriverWait(phone, 20).until(EC.url_contains("/login"))
    assert phone.current_url.startswith(arianna.intake)
    phone.find_element(By.NAME, "username").send_keys("mario")
    phone.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    phone.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
    WebDriverWait(phone, 20).until(EC.url_contains(f"{webreport}/todo"))


def _open_from_the_list(phone, webreport, friday: dt.date, appointment_id: str) -> None:
    phone.get(f"{webreport}/todo?range=day&day={friday.isoformat()}")
    link = phone.find_element(By.CSS_SELECTOR, f"a[href='/appointments/{appointment_id}']")
    # Phone first: the list is one column that fits the screen.
    assert phone.execute_script("return document.documentElement.scrollWidth") <= 390
    link.click()
    WebDriverWait(phone, 20).until(EC.presence_of_element_located((By.ID, "report-form")))


def _set_session(phone, item, start: dt.datetime, end: dt.datetime, travel: int) -> None:
    phone.execute_script(SET_LOCAL, item.find_element(By.CSS_SELECTOR, ".wr-start"), iso(start))
    phone.execute_script(SET_LOCAL, item.find_element(By.CSS_SELECTOR, ".wr-end"), iso(end))
    travel_input = item.find_element(By.CSS_SELECTOR, ".wr-travel")
    travel_input.clear()
    travel_input.send_keys(str(travel))


def _custom_fields(element) -> list[tuple[str, str]]:
    """The (label, value) pairs of the custom fields shown inside `element` (a `dl.wr-cf`)."""
    return [
        (label.get_attribute("textContent").strip(),
         label.find_element(By.XPATH, "following-sibling::dd[1]").get_attribute("textContent").strip())
        for label in element.find_elements(By.CSS_SELECTOR, ".wr-cf dt")
    ]


def _ticket_state(arianna, ticket_id: str) -> str:
    return http("GET", f"{arianna.intake}/api/tickets/{ticket_id}")["state"]


def test_a_technician_closes_an_intervention_from_the_phone(phone, arianna, webreport, friday):
    ticket_id, appointment_id = _appointment_for_mario(arianna, webreport, friday, 14)
    _log_in_as_mario(phone, arianna, webreport)
    assert phone.find_element(By.CSS_SELECTOR, "h1").text.strip() != ""
    # The list shows the ticket's custom fields by their type's label (issue 9), and so does the page.
    phone.get(f"{webreport}/todo?range=day&day={friday.isoformat()}")
    entry = phone.find_element(By.XPATH, f"//a[@href='/appointments/{appointment_id}']/ancestor::li")
    assert _custom_fields(entry) == [("Apparecchio / Appliance", "Caldaia")]
    _open_from_the_list(phone, webreport, friday, appointment_id)
    assert _custom_fields(phone.find_element(By.CSS_SELECTOR, ".wr-single")) == [("Apparecchio / Appliance", "Caldaia")]

    # Two work sessions earlier today: the first is prefilled, the second added.
    now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
    _set_session(phone, phone.find_element(By.CSS_SELECTOR, "#sessions .wr-session"),
                 now - dt.timedelta(hours=3), now - dt.timedelta(hours=2), 20)
    phone.find_element(By.ID, "add-session").click()
    sessions = phone.find_elements(By.CSS_SELECTOR, "#sessions .wr-session")
    assert len(sessions) == 2
    _set_session(phone, sessions[1], now - dt.timedelta(minutes=90), now - dt.timedelta(minutes=45), 0)

    # The activity type's billing article is proposed; its quantity is edited.
    fee = phone.find_element(By.CSS_SELECTOR, "tr.wr-material[data-code='CALL-FEE'] .wr-qty")
    assert fee.get_attribute("value") == "1"
    fee.clear()
    fee.send_keys("2")

    phone.find_element(By.ID, "work-done").send_keys("Replaced the thermostat and tested the cycle")
    # A photo from the "camera": a JPEG the browser itself encodes, picked in the file input.
    jpeg = phone.execute_script(
        "const c = document.createElement('canvas'); c.width = 64; c.height = 48;"
        "const g = c.getContext('2d'); g.fillStyle = '#c0392b'; g.fillRect(0, 0, 64, 48);"
        "return c.toDataURL('image/jpeg', 0.8).split(',')[1];")
    with tempfile.NamedTemporaryFile(suffix=".jpg", delete=False) as photo:
        photo.write(base64.b64decode(jpeg))
    phone.find_element(By.ID, "photo-input").send_keys(photo.name)
    WebDriverWait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#photo-list li img"))
    Path(photo.name).unlink()
    # The customer signs on the screen (pointer events), then her name is typed.
    pad = phone.find_element(By.ID, "signature-pad")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", pad)
    ActionChains(phone).move_to_element_with_offset(pad, -100, 0).click_and_hold() \
        .move_by_offset(60, -25).move_by_offset(60, 40).move_by_offset(60, -30).release().perform()
    phone.find_element(By.ID, "signed-by").send_keys("Anna Neri")
    phone.find_element(By.ID, "close-report").click()

    # The page reloads read-only with the totals the server computed: 60 + 45 minutes.
    WebDriverWait(phone, 20).until(EC.presence_of_element_located((By.ID, "report-worked")))
    assert "105" in phone.find_element(By.ID, "report-worked").text
    assert not phone.find_elements(By.ID, "report-form")
    assert "CALL-FEE" in phone.find_element(By.CSS_SELECTOR, ".wr-report table").text
    assert phone.find_element(By.ID, "report-signer").text == "Anna Neri"
    assert len(phone.find_elements(By.CSS_SELECTOR, ".wr-report .wr-photos img")) == 1
    signature = phone.find_element(By.CSS_SELECTOR, "img.wr-signature-image")
    assert phone.execute_script("return arguments[0].complete && arguments[0].naturalWidth", signature) == 600

    # The PDF, downloaded with Mario's session, holds the customer, the work and the signer.
    pdf_url = phone.find_element(By.ID, "report-pdf").get_attribute("href")
    request = urllib.request.Request(pdf_url, headers={
        "Authorization": f"Bearer {phone.get_cookie('arianna_session')['value']}", "Accept-Language": "en"})
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        pdf = response.read()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Officina" in text
    assert "Replaced the thermostat and tested the cycle" in text
    assert "Anna Neri" in text

    # Over the broker, intake closes the ticket with the worked time.
    wait_for("intake to close the ticket", lambda: _ticket_state(arianna, ticket_id) == "closed", timeout=60)
    ticket = http("GET", f"{arianna.intake}/api/tickets/{ticket_id}")
    assert ticket["workedMinutes"] == 105

    # A second close of the same appointment is refused with a message.
    try:
        http("POST", f"{webreport}/api/appointments/{appointment_id}/report", {
            "sessions": [{"start": iso(now - dt.timedelta(hours=1)), "end": iso(now)}], "workDone": "Again"})
        raise AssertionError("a closed report was accepted again")
    except Exception as error:  # noqa: BLE001 - APIError expected
        assert getattr(error, "status", None) == 409


def test_another_visit_needed_puts_the_ticket_back_in_the_planners_queue(phone, arianna, webreport, friday):
    ticket_id, appointment_id = _appointment_for_mario(arianna, webreport, friday, 16)
    _log_in_as_mario(phone, arianna, webreport)
    _open_from_the_list(phone, webreport, friday, appointment_id)

    now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
    _set_session(phone, phone.find_element(By.CSS_SELECTOR, "#sessions .wr-session"),
                 now - dt.timedelta(hours=1), now - dt.timedelta(minutes=30), 15)
    phone.find_element(By.ID, "work-done").send_keys("Found a cracked heat exchanger")
    phone.find_element(By.ID, "outcome-another").click()
    # Without a note the report is refused, with a message, and nothing is written.
    phone.find_element(By.ID, "close-report").click()
    error = WebDriverWait(phone, 20).until(lambda d: d.find_element(By.ID, "report-error").text.strip())
    assert "another visit" in error.lower()
    phone.find_element(By.ID, "visit-note").send_keys("Heat exchanger to be ordered")
    phone.find_element(By.CSS_SELECTOR, "tr.wr-material[data-code='CALL-FEE'] .wr-remove").click()
    phone.find_element(By.ID, "close-report").click()
    WebDriverWait(phone, 20).until(EC.presence_of_element_located((By.ID, "report-outcome")))
    assert "another visit" in phone.find_element(By.ID, "report-outcome").text.lower()

    # The ticket goes back to the planner's queue and stays open in intake, with the note.
    wait_for("the planner to queue the call again", lambda: arianna.queue_state(ticket_id) == "unscheduled", timeout=60)
    assert _ticket_state(arianna, ticket_id) == "open"
    history = http("GET", f"{arianna.intake}/api/tickets/{ticket_id}/history?limit=500")["items"]
    assert any("Heat exchanger to be ordered" in entry["summary"] for entry in history)


READ_QUEUE = """
const done = arguments[arguments.length - 1];
const opening = indexedDB.open('arianna-webreport', 1);
opening.onsuccess = () => {
  const db = opening.result;
  const request = db.transaction('waiting-reports', 'readonly').objectStore('waiting-reports').getAll();
  request.onsuccess = () => { db.close(); done(request.result); };
  request.onerror = () => done(null);
};
opening.onerror = () => done(null);
"""


def test_a_report_filed_offline_waits_and_is_sent_exactly_once(phone, arianna, webreport, friday):
    ticket_id, appointment_id = _appointment_for_mario(arianna, webreport, friday, 11)
    _log_in_as_mario(phone, arianna, webreport)
    _open_from_the_list(phone, webreport, friday, appointment_id)
    # The service worker takes the page over (then pages visited stay readable offline).
    wait_for("the service worker to control the page", lambda: phone.execute_script(
        "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)") or phone.refresh(), timeout=30)
    WebDriverWait(phone, 20).until(EC.presence_of_element_located((By.ID, "report-form")))

    now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
    _set_session(phone, phone.find_element(By.CSS_SELECTOR, "#sessions .wr-session"),
                 now - dt.timedelta(hours=2), now - dt.timedelta(hours=1), 10)
    phone.find_element(By.ID, "work-done").send_keys("Cleaned the burner without a network")

    # No network (Chromium's emulation): closing keeps the report on the phone and says so.
    phone.set_network_conditions(offline=True, latency=5, download_throughput=64 * 1024, upload_throughput=64 * 1024)
    try:
        phone.find_element(By.ID, "close-report").click()
        WebDriverWait(phone, 20).until(EC.visibility_of_element_located((By.ID, "report-waiting")))
        WebDriverWait(phone, 20).until(lambda d: "1 report waiting to be sent" in d.find_element(By.ID, "offline-status").text)
        queued = phone.execute_async_script(READ_QUEUE)
        assert len(queued) == 1 and queued[0]["appointmentID"] == appointment_id
        report = queued[0]["report"]
        assert report["idempotencyKey"]
    finally:
        phone.delete_network_conditions()

    # The network is back: the report goes by itself and the page turns read-only.
    WebDriverWait(phone, 40).until(EC.presence_of_element_located((By.ID, "report-outcome")))
    assert phone.execute_async_script(READ_QUEUE) == []
    wait_for("intake to close the ticket", lambda: _ticket_state(arianna, ticket_id) == "closed", timeout=60)

    # Sent a second time with the same key, it is the same report, not a second one.
    again = http("POST", f"{webreport}/api/appointments/{appointment_id}/report", report)
    path = arianna.data_dir / "webreport" / "webreport.sqlite"
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute(
            "SELECT id FROM interventionReport WHERE appointmentID = ?", (appointment_id,)).fetchall()
    finally:
        connection.close()
    assert rows == [(again["id"],)]
    history = http("GET", f"{arianna.intake}/api/tickets/{ticket_id}/history?limit=500")["items"]
    assert sum(1 for entry in history if entry["summary"].startswith("Closed by intervention report")) == 1

    # Without a network, the pages already opened are still readable.
    phone.set_network_conditions(offline=True, latency=5, download_throughput=64 * 1024, upload_throughput=64 * 1024)
    try:
        phone.get(f"{webreport}/appointments/{appointment_id}")
        assert "Cleaned the burner without a network" in phone.find_element(By.ID, "main").text
    finally:
        phone.delete_network_conditions()
