"""The board's queue with more calls than one page (issue 15): the filter form, the counts per
zone, the next page, scheduling a filtered call with the keyboard, and live updates that keep the
filtered page right (a new matching call appears, a scheduled one leaves, the counts follow).

The test opens its calls through intake's API in a zone of its own and cancels them at the end,
so the other board tests keep finding their calls on the queue's first page.
"""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
from selenium.webdriver import ActionChains, Keys
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import APIError, _chrome, http, iso, log_in, rome, wait_for
from test_board import bar_for_ticket, open_board, wait

PAGE = 50


def open_calls(arianna, zone: str, count: int, due: dt.datetime | None = None) -> list[str]:
    """Opens `count` tickets in `zone` through intake's API; returns their ids once the planner
    has queued them all."""
    ids = []
    for index in range(count):
        body = {
            "activityTypeCode": "REPAIR",
            "customer": {"name": f"Queue test {zone} {index:03d}", "email": f"{uuid.uuid4().hex[:8]}@example.com"},
            "description": f"Backlog call {index} in {zone}",
            "customFields": {"appliance": "Caldaia"},
            "siteZone": zone,
        }
        if due:
            body["dueAt"] = iso(due)
        ids.append(http("POST", f"{arianna.intake}/api/tickets", body)["id"])
    wait_for(f"the planner to queue {count} calls in {zone}", lambda: all(
        arianna.queue_state(ticket) == "unscheduled" for ticket in ids[-3:]), timeout=60)
    return ids


def waiting_in(arianna, zone: str) -> int:
    return http("GET", f"{arianna.planner}/api/queue?zone={zone}&limit=1")["counts"]["total"]


@pytest.fixture
def backlog(arianna):
    """More calls than one page in a zone of their own; cancelled afterwards."""
    zone = f"Backlog-{uuid.uuid4().hex[:6]}"
    ids = open_calls(arianna, zone, PAGE + 2)
    wait_for("every backlog call queued", lambda: waiting_in(arianna, zone) == PAGE + 2, timeout=60)
    extra: list[str] = []
    yield zone, ids, extra
    for ticket in ids + extra:
        try:
            version = http("GET", f"{arianna.intake}/api/tickets/{ticket}")["version"]
            http("POST", f"{arianna.intake}/api/tickets/{ticket}/cancel", {"reason": "browser test cleanup", "version": version})
        except APIError as error:
            pytest.fail(f"cancelling backlog call {ticket} failed: {error}")
    # The other board tests expect their calls on the queue's first page again.
    wait_for("the backlog cancelled", lambda: waiting_in(arianna, zone) == 0, timeout=60)


def cards(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#queue-cards .card")


def zone_option(driver, zone: str) -> str:
    return Select(driver.find_element(By.ID, "queue-filter-zone")).first_selected_option.text


def test_filtering_the_queue_by_zone_paging_and_scheduling_one_with_the_keyboard(browser, arianna, backlog):
    zone, ids, extra = backlog
    day = arianna.monday + dt.timedelta(days=4)
    open_board(browser, arianna, day)

    # The filter form is labelled; choosing the zone and submitting shows that zone only.
    select = browser.find_element(By.ID, "queue-filter-zone")
    label = browser.find_element(By.CSS_SELECTOR, "label[for='queue-filter-zone']")
    assert label.text.startswith("Zone") or label.text.startswith("Zona")
    Select(select).select_by_value(zone)
    browser.find_element(By.ID, "queue-filter-apply").click()
    wait(browser).until(lambda d: f"zone={zone}" in d.current_url and d.find_elements(By.CSS_SELECTOR, "#board.is-ready"))
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#board-live[data-state='on']"))

    assert browser.find_element(By.ID, "queue-count").text == str(PAGE + 2)
    assert zone_option(browser, zone) == f"{zone} ({PAGE + 2})"
    shown = cards(browser)
    assert len(shown) == PAGE
    assert all(zone in card.text for card in shown)
    next_link = browser.find_element(By.ID, "queue-next")
    assert next_link.is_displayed()

    # The next page holds the rest, and a link back to the first.
    next_link.click()
    wait(browser).until(lambda d: "cursor=" in d.current_url and len(cards(d)) == 2)
    assert not browser.find_element(By.ID, "queue-next").is_displayed()
    browser.find_element(By.ID, "queue-first").click()
    wait(browser).until(lambda d: "cursor=" not in d.current_url and len(cards(d)) == PAGE)
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#board-live[data-state='on']"))

    # Schedule the first call with the keyboard: pick it up, drop it on the first cell (Lucia, 08:00).
    first = cards(browser)[0]
    ticket = first.get_attribute("data-ticket")
    browser.execute_script("arguments[0].focus()", first)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait(browser).until(lambda d: "cell" in d.switch_to.active_element.get_attribute("class"))
    assert browser.switch_to.active_element.get_attribute("data-start") == iso(rome(day, 8))
    ActionChains(browser).send_keys(Keys.ENTER).perform()

    wait(browser).until(lambda d: bar_for_ticket(d, ticket, "op-lucia"))
    # It leaves the queue, the counts follow, and the page fills up again from the next one.
    wait(browser).until(lambda d: d.find_element(By.ID, "queue-count").text == str(PAGE + 1))
    assert not browser.find_elements(By.CSS_SELECTOR, f"#queue-cards .card[data-ticket='{ticket}']")
    assert len(cards(browser)) == PAGE
    wait(browser).until(lambda d: zone_option(d, zone) == f"{zone} ({PAGE + 1})")
    assert arianna.queue_state(ticket) == "scheduled"


def test_a_new_matching_call_appears_live_and_another_zones_call_does_not(browser, arianna, backlog):
    zone, ids, extra = backlog
    day = arianna.monday + dt.timedelta(days=4)
    browser.get(arianna.board_url(day) + f"&zone={zone}")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#board.is-ready"))
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#board-live[data-state='on']"))
    browser.execute_script("window.__sameDocument = true")
    assert browser.find_element(By.ID, "queue-count").text == str(PAGE + 2)

    # An overdue call in the zone goes to the top of the shown page without a reload…
    overdue = open_calls(arianna, zone, 1, due=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2))
    other = open_calls(arianna, f"Elsewhere-{uuid.uuid4().hex[:6]}", 1)
    extra += overdue + other
    wait(browser).until(lambda d: d.find_element(By.ID, "queue-count").text == str(PAGE + 3))
    assert cards(browser)[0].get_attribute("data-ticket") == overdue[0]
    assert len(cards(browser)) == PAGE
    # …a call of another zone does not show
    assert not browser.find_elements(By.CSS_SELECTOR, f"#queue-cards .card[data-ticket='{other[0]}']")

    # A call scheduled by someone else leaves the page and the count.
    arianna.schedule(overdue[0], "op-mario", rome(day, 14))
    wait(browser).until(lambda d: d.find_element(By.ID, "queue-count").text == str(PAGE + 2))
    assert not browser.find_elements(By.CSS_SELECTOR, f"#queue-cards .card[data-ticket='{overdue[0]}']")
    assert browser.execute_script("return window.__sameDocument === true")


@pytest.fixture
def narrow(_chrome_service, arianna):
    """A 390×844 window (a phone's width), logged in as the administrator."""
    driver = _chrome(_chrome_service, 390, 844)
    log_in(driver, arianna)
    yield driver
    driver.quit()


def test_the_filter_form_works_on_a_phone_width_with_the_keyboard_alone(narrow, arianna, backlog):
    zone, ids, extra = backlog
    narrow.get(arianna.board_url(arianna.monday + dt.timedelta(days=4)))
    wait(narrow).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#board.is-ready"))
    width = narrow.execute_script("return window.innerWidth")
    form = narrow.find_element(By.ID, "queue-filters")
    box = narrow.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right]", form)
    assert box[0] >= 0 and box[1] <= width + 0.5, f"the filter form overflows: {box} in {width}"
    # Every control has a visible label and is at least 36 px high (touch).
    for control in form.find_elements(By.CSS_SELECTOR, "select, input:not([type=hidden])"):
        label = form.find_element(By.CSS_SELECTOR, f"label[for='{control.get_attribute('id')}']")
        assert label.text.strip()
        assert control.size["height"] >= 36

    # Type the zone into the search field and press Enter: the form submits, no pointer needed.
    search = narrow.find_element(By.ID, "queue-filter-q")
    narrow.execute_script("arguments[0].focus()", search)
    ActionChains(narrow).send_keys(zone, Keys.ENTER).perform()
    wait(narrow).until(lambda d: "q=" in d.current_url and d.find_elements(By.CSS_SELECTOR, "#board.is-ready"))
    assert narrow.find_element(By.ID, "queue-count").text == str(PAGE + 2)
    assert narrow.find_element(By.ID, "queue-filter-q").get_attribute("value") == zone
    assert narrow.find_element(By.ID, "queue-filter-clear").is_displayed()
