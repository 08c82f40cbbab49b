"""One-click scheduling of a suggested slot on the board (SPEC R12, best-slot suggestions), and
refusals in the user's language: an Italian board explains a refused drop in Italian.
"""
from __future__ import annotations

import datetime as dt
import urllib.parse

from selenium.webdriver import Keys
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import iso, rome, wait_for
from test_board import bar_for_ticket, card, cell, customer, drag, wait, wait_alert


def open_whole_board(driver, arianna, day: dt.date):
    """The board with every operator (no group chosen): a suggestion may be for anybody who
    may take the call, the back office included."""
    driver.get(arianna.board_url(day, group=None))
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#board.is-ready")))
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#board-live[data-state='on']")))


def open_suggestions(driver, ticket_id: str) -> list:
    """Presses the call's Suggest button and waits for the slots."""
    button = card(driver, ticket_id).find_element(By.CSS_SELECTOR, ".card__suggest")
    assert button.tag_name == "button"
    button.click()
    panel = wait(driver).until(EC.visibility_of_element_located((By.ID, "suggestions")))
    wait(driver).until(lambda d: panel.get_attribute("data-state") == "ready" and panel.get_attribute("data-ticket") == ticket_id)
    slots = panel.find_elements(By.CSS_SELECTOR, ".suggestion__take")
    assert slots, panel.text
    return slots


def test_one_click_on_a_suggested_slot_schedules_the_call(browser, arianna):
    ticket = arianna.open_ticket(customer("Gelateria"))
    friday = arianna.monday + dt.timedelta(days=4)
    open_whole_board(browser, arianna, friday)

    slots = open_suggestions(browser, ticket)
    first = slots[0]
    # The slot says who, when and why; the keyboard lands on it.
    assert browser.switch_to.active_element == first
    operator, start = first.get_attribute("data-operator"), first.get_attribute("data-start")
    assert browser.find_elements(By.CSS_SELECTOR, f".planner__row[data-operator='{operator}']")
    assert first.find_element(By.CSS_SELECTOR, ".suggestion__why").text.startswith("free on ")
    assert "Schedule" in first.get_attribute("aria-label")

    first.send_keys(Keys.ENTER)

    bar = wait(browser).until(lambda d: bar_for_ticket(d, ticket, operator))
    assert bar.get_attribute("data-start") == start
    assert not browser.find_elements(By.CSS_SELECTOR, f"#queue .card[data-ticket='{ticket}']")
    assert browser.find_element(By.ID, "suggestions").is_displayed() is False
    assert browser.find_element(By.ID, "board-alert").is_displayed() is False
    assert arianna.queue_state(ticket) == "scheduled"
    stored = [a for a in arianna.appointments(operator, friday) if a.get("ticketID") == ticket]
    assert stored and stored[0]["start"] == start


def test_a_slot_taken_meanwhile_is_refused_in_an_alert(browser, arianna):
    ticket = arianna.open_ticket(customer("Ferramenta"))
    other = arianna.open_ticket(customer("Cartoleria"))
    friday = arianna.monday + dt.timedelta(days=4)
    open_whole_board(browser, arianna, friday)

    first = open_suggestions(browser, ticket)[0]
    operator, start = first.get_attribute("data-operator"), first.get_attribute("data-start")
    # Someone else takes that very slot first.
    taken = arianna.schedule(other, operator, dt.datetime.fromisoformat(start.replace("Z", "+00:00")))
    assert taken["start"] == start
    wait(browser).until(lambda d: bar_for_ticket(d, other, operator))

    browser.find_element(By.CSS_SELECTOR, f".suggestion__take[data-operator='{operator}'][data-start='{start}']").click()

    message = wait_alert(browser)
    assert "already has" in message, message
    assert arianna.queue_state(ticket) == "unscheduled"
    assert card(browser, ticket).is_displayed()
    # Fresh slots are offered again, none of them the one just taken by the other call.
    panel = browser.find_element(By.ID, "suggestions")
    wait(browser).until(lambda d: panel.get_attribute("data-state") == "ready" and not d.find_elements(
        By.CSS_SELECTOR, f".suggestion__take[data-operator='{operator}'][data-start='{start}']"))


def test_an_italian_board_explains_a_refused_drop_in_italian(browser, arianna):
    ticket = arianna.open_ticket(customer("Osteria"))
    tuesday = arianna.monday + dt.timedelta(days=1)
    path = urllib.parse.urlsplit(arianna.board_url(tuesday))
    browser.get(f"{arianna.planner}/lang/it?back=" + urllib.parse.quote(f"{path.path}?{path.query}"))
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#board.is-ready")))
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#board-live[data-state='on']")))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "it"
    grey = cell(browser, "op-lucia", rome(tuesday, 11))
    assert "cell--absent" in grey.get_attribute("class")

    drag(browser, card(browser, ticket), grey)

    message = wait_alert(browser)
    assert "Lucia Bianchi è assente il" in message and "Training" in message, message
    assert arianna.queue_state(ticket) == "unscheduled"
    wait_for("the refused call to stay in the queue", lambda: card(browser, ticket).is_displayed())
