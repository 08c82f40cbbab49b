"""Notification's back-office pages in a real browser (issue 10): the template editor's live
preview of the text and the HTML in either language, its refusal of a template naming an unknown variable (shown and announced), saving an
activity type's own template, and the outbox page.

The notification service is started here beside the shared fixture's intake and planner, with
the same broker, topic prefix and data folder (so it has intake's setup snapshots and accepts
the administrator's session cookie), sending to `.eml` files: SMTP is covered by NotificationTests.
"""
from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import _free_port, _ready, _start, wait_for


@pytest.fixture(scope="module")
def notification(arianna):
    """`arianna-notification` with the intake process's own environment and a port of its own."""
    with open(f"/proc/{arianna.processes[0].pid}/environ", "rb") as handle:
        env = dict(item.decode().split("=", 1) for item in handle.read().split(b"\0") if b"=" in item)
    port = _free_port()
    env.update({"ARIANNA_NOTIFICATION_PORT": str(port), "ARIANNA_MAIL_TRANSPORT": "file"})
    binary = Path(os.environ["ARIANNA_BIN_DIR"]) / "arianna-notification"
    process = _start(binary, env, arianna.data_dir / "notification.log")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/health/ready", lambda: _ready(url), timeout=120, interval=0.3)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _set_text(driver, element, text: str) -> None:
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        element, text)


def test_template_editor_previews_refuses_and_saves(browser, notification):
    browser.get(f"{notification}/templates")
    wait = WebDriverWait(browser, 30)
    # The activity types arrive from intake's setup snapshots.
    def repair_offered(driver):
        driver.get(f"{notification}/templates")
        return any("REPAIR" in option.text for option in driver.find_elements(By.CSS_SELECTOR, "#template-type option"))
    WebDriverWait(browser, 60, poll_frequency=1).until(repair_offered)
    Select(browser.find_element(By.ID, "template-type")).select_by_visible_text(
        next(o.text for o in browser.find_elements(By.CSS_SELECTOR, "#template-type option") if "REPAIR" in o.text))
    Select(browser.find_element(By.ID, "template-kind")).select_by_value("ticket-opened")
    text = browser.find_element(By.ID, "template-text")
    wait.until(lambda driver: "{{ticketNumber}}" in text.get_attribute("value"))
    wait.until(lambda driver: browser.find_element(By.ID, "preview-subject").text.strip() != "")
    html = browser.find_element(By.ID, "template-html")
    assert "{{#en}}" in html.get_attribute("value")

    # The preview shows the HTML version in a sandboxed frame, and follows the chosen language.
    frame = browser.find_element(By.ID, "preview-html")
    assert frame.get_attribute("sandbox") == ""
    wait.until(lambda driver: "Gentile" in (frame.get_attribute("srcdoc") or ""))
    Select(browser.find_element(By.ID, "preview-language")).select_by_value("en")
    wait.until(lambda driver: browser.find_element(By.ID, "preview-subject").text.startswith("We received your request"))
    wait.until(lambda driver: 'lang="en"' in (frame.get_attribute("srcdoc") or ""))
    Select(browser.find_element(By.ID, "preview-language")).select_by_value("it")

    # An HTML template printing a value unescaped is refused with the reason.
    _set_text(browser, html, "<p>{{{description}}}</p>")
    problem = browser.find_element(By.ID, "template-problem")
    wait.until(lambda driver: problem.is_displayed() and "{{{" in problem.text)
    _set_text(browser, html, "<p>Gentile {{customerName}}</p>")
    wait.until(lambda driver: "<p>Gentile Rossi Impianti S.r.l.</p>" in (frame.get_attribute("srcdoc") or ""))

    # A template naming an unknown variable: the reason appears in the alert region.
    _set_text(browser, text, "Ciao {{cliente}}\n\ntesto")
    wait.until(lambda driver: problem.is_displayed() and "cliente" in problem.text)
    assert problem.get_attribute("role") == "alert"
    browser.find_element(By.CSS_SELECTOR, "#template-form button[type=submit]").click()
    wait.until(lambda driver: "cliente" in problem.text)

    # A good one: the preview follows the typing, and it is saved.
    _set_text(browser, text, "Richiesta {{ticketNumber}} per {{customerName}}\n\nGrazie.")
    wait.until(lambda driver: browser.find_element(By.ID, "preview-subject").text
               == "Richiesta TCK/2026/000123 per Rossi Impianti S.r.l.")
    assert not problem.is_displayed()
    browser.find_element(By.CSS_SELECTOR, "#template-form button[type=submit]").click()
    state = browser.find_element(By.ID, "template-state")
    wait.until(lambda driver: state.text in ("Salvato.", "Saved."))


def test_outbox_page_lists_the_emails(browser, notification):
    browser.get(f"{notification}/outbox")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading in ("Posta in uscita", "Outbox")
    labels = [label.text for label in browser.find_elements(By.CSS_SELECTOR, "form[role=search] label span")]
    assert len(labels) == 2


def test_recipient_setting_page_saves_with_the_keyboard(browser, notification):
    """Who receives what for one activity type: checkboxes per event and recipient, a plain form
    with its CSRF token; unchecking the customer for scheduled appointments sticks."""
    wait = WebDriverWait(browser, 30)

    def repair_offered(driver):
        driver.get(f"{notification}/recipients")
        return any("REPAIR" in option.text for option in driver.find_elements(By.CSS_SELECTOR, "#recipients-type option"))
    WebDriverWait(browser, 60, poll_frequency=1).until(repair_offered)
    repair = next(o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#recipients-type option")
                  if "REPAIR" in o.text)
    browser.get(f"{notification}/recipients?activityTypeID={repair}")
    box = browser.find_element(By.ID, "r-appointment-scheduled.customer")
    assert box.is_selected() and box.get_attribute("aria-label")
    # The technician cannot be told of a cancelled ticket: no box there.
    assert not browser.find_elements(By.ID, "r-ticket-cancelled.technician")
    box.send_keys(" ")  # the keyboard toggles it
    assert not box.is_selected()
    browser.find_element(By.CSS_SELECTOR, "#recipients-form button[type=submit]").click()
    wait.until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "[role=status]")
               and "saved=1" in driver.current_url)
    assert not browser.find_element(By.ID, "r-appointment-scheduled.customer").is_selected()
    assert browser.find_element(By.ID, "r-appointment-scheduled.technician").is_selected()
