"""A ticket's life after opening (issue 12) in real Chromium: the back office edits, reassigns
and cancels a ticket from its page; the cancel reaches the planner over the broker (its
appointment is cancelled, it leaves the queue); a form on a version someone else changed is
refused with the reason and overwrites nothing; a deadline made from the work list's form shows
in its operator's work list.
"""
from __future__ import annotations

import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import APIError, http, rome, set_field, wait_for


def _submit(browser, form_id: str) -> None:
    browser.find_element(By.CSS_SELECTOR, f"#{form_id} button[type=submit]").click()


def test_back_office_edits_reassigns_and_cancels_from_the_ticket_page(browser, arianna):
    customer = f"Bar {uuid.uuid4().hex[:6]}"
    ticket_id = arianna.open_ticket(customer)
    appointment = arianna.schedule(ticket_id, "op-mario", rome(arianna.monday, 14))
    wait_for("the scheduling in the ticket's history", lambda: any(
        line["eventType"] == "appointment.scheduled.v1"
        for line in http("GET", f"{arianna.intake}/api/tickets/{ticket_id}/history")["items"]))

    # Edit: description, contact and the type's field, from the ticket page
    browser.get(f"{arianna.intake}/tickets/{ticket_id}")
    browser.find_element(By.CSS_SELECTOR, "#edit-panel summary").click()
    set_field(browser, browser.find_element(By.ID, "edit-description"), "Coffee machine leaks under the boiler")
    set_field(browser, browser.find_element(By.ID, "edit-contact"), "Sig. Bianchi, 333 1234567")
    _submit(browser, "edit-form")
    wait_for("the edited description", lambda: "leaks under the boiler" in browser.find_element(By.ID, "ticket-description").text)
    ticket = http("GET", f"{arianna.intake}/api/tickets/{ticket_id}")
    assert ticket["version"] == 2
    assert ticket["contact"] == "Sig. Bianchi, 333 1234567"
    assert "ticket.edited.v1" in browser.find_element(By.ID, "ticket-history").text

    # Reassign to a group and an operator
    Select(browser.find_element(By.ID, "reassign-group")).select_by_value("Technicians North")
    Select(browser.find_element(By.ID, "reassign-operator")).select_by_value("op-lucia")
    _submit(browser, "reassign-form")
    wait_for("the reassignment", lambda: "ticket.reassigned.v1" in browser.find_element(By.ID, "ticket-history").text)
    ticket = http("GET", f"{arianna.intake}/api/tickets/{ticket_id}")
    assert ticket["assignedGroup"] == "Technicians North"
    assert ticket["assignedOperatorID"] == "op-lucia"
    assert "Lucia Bianchi" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text

    # Cancel with a reason: the forms go, and the planner drops the appointment and the queue entry
    set_field(browser, browser.find_element(By.ID, "cancel-reason"), "The customer fixed it himself")
    _submit(browser, "cancel-form")
    wait_for("the cancelled ticket", lambda: not browser.find_elements(By.ID, "ticket-manage"))
    assert "The customer fixed it himself" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    assert http("GET", f"{arianna.intake}/api/tickets/{ticket_id}")["state"] == "cancelled"
    wait_for("the appointment cancelled on the planner", lambda: all(
        a["id"] != appointment["id"] for a in arianna.appointments("op-mario", arianna.monday)))
    wait_for("the ticket gone from the queue", lambda: arianna.queue_state(ticket_id) == "closed")


def test_a_form_on_a_stale_version_is_refused_and_overwrites_nothing(browser, arianna):
    ticket_id = arianna.open_ticket(f"Hotel {uuid.uuid4().hex[:6]}")
    browser.get(f"{arianna.intake}/tickets/{ticket_id}")
    # Someone else changes the ticket after the page was loaded
    http("POST", f"{arianna.intake}/api/tickets/{ticket_id}/state", {"version": 1, "stateID": "st-working"})

    set_field(browser, browser.find_element(By.ID, "cancel-reason"), "Duplicate")
    _submit(browser, "cancel-form")

    alert = wait_for("the refusal", lambda: browser.find_element(By.ID, "ticket-problem"))
    assert alert.get_attribute("role") == "alert"
    assert ticket_id and http("GET", f"{arianna.intake}/api/tickets/{ticket_id}")["state"] == "open"
    # The page shown again carries the current version: the user can retry at once
    assert browser.find_element(By.CSS_SELECTOR, "#cancel-form input[name=version]").get_attribute("value") == "2"


def _deadline_type(intake: str) -> None:
    """A task type with its own sequence (created once per test session; later calls are refused
    as duplicates, which is fine)."""
    for path, body in (
        ("sequences", {"prefix": "SCB", "name": "Scadenze browser", "padding": 6}),
        ("activity-types", {"code": "BROWSERDUE", "name": "Scadenza browser", "macroType": "task",
                            "expectedDurationMinutes": 30, "numberingPrefix": "SCB", "colour": "#8c564b",
                            "registrationType": "notBillable"}),
    ):
        try:
            http("POST", f"{intake}/api/setup/{path}", body)
        except APIError as error:
            assert error.status in (409, 422), error


def test_back_office_creates_a_deadline_and_finds_it_in_the_work_list(browser, arianna):
    _deadline_type(arianna.intake)
    description = f"Extinguisher check {uuid.uuid4().hex[:6]}"
    browser.get(f"{arianna.intake}/work")
    browser.find_element(By.ID, "new-deadline").click()
    Select(browser.find_element(By.ID, "deadline-type")).select_by_value("BROWSERDUE")
    Select(browser.find_element(By.ID, "deadline-customer")).select_by_index(1)
    Select(browser.find_element(By.ID, "deadline-operator")).select_by_value("op-mario")
    set_field(browser, browser.find_element(By.ID, "deadline-due"), arianna.monday.isoformat())
    browser.find_element(By.ID, "deadline-description").send_keys(description)
    browser.find_element(By.ID, "deadline-submit").click()
    number = wait_for("the deadline's page", lambda: browser.find_element(By.ID, "ticket-number").text.split(" ")[0]
                      if "/tickets/" in browser.current_url else None)
    assert number.startswith("SCB/")

    browser.get(f"{arianna.intake}/work?scope=operator:op-mario")
    assert number in browser.find_element(By.ID, "work-list").text
    views = browser.find_element(By.ID, "work-views").text
    assert "Scadenze superate" in views or "Overdue deadlines" in views
