"""The planner board in a real browser (SPEC R12, R13, R16): drag and drop with real pointer
events, refusals, unscheduling, resizing, the keyboard, live updates and the tablet layout.

Every test opens its own calls and uses its own slots of the test week, so the tests do not
depend on each other's order.
"""
from __future__ import annotations

import datetime as dt
import uuid

from selenium.webdriver import ActionChains, Keys
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import http, iso, rome, wait_for

TIMEOUT = 15


def wait(driver, timeout: float = TIMEOUT) -> WebDriverWait:
    """A wait that retries when the board re-rendered under it (live updates replace elements)."""
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,))


def customer(label: str) -> str:
    return f"{label} {uuid.uuid4().hex[:6]}"


def open_board(driver, arianna, day: dt.date, view: str = "day"):
    driver.get(arianna.board_url(day, view))
    wait(driver).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#board.is-ready")))
    # Live updates are on: the page is listening before the test acts.
    wait(driver).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#board-live[data-state='on']")))


def card(driver, ticket_id: str):
    return driver.find_element(By.CSS_SELECTOR, f"#queue .card[data-ticket='{ticket_id}']")


def cell(driver, operator_id: str, start: dt.datetime):
    return driver.find_element(
        By.CSS_SELECTOR, f".planner__row[data-operator='{operator_id}'] .cell[data-start='{iso(start)}']")


def bar_for_ticket(driver, ticket_id: str, operator_id: str | None = None):
    scope = f".planner__row[data-operator='{operator_id}'] " if operator_id else ""
    found = driver.find_elements(By.CSS_SELECTOR, f"{scope}.bar[data-ticket='{ticket_id}']")
    return found[0] if found else None


def bar_data(driver, ticket_id: str, operator_id: str) -> dict | None:
    """A bar's data attributes read in one script call, so a live re-render between reads cannot go stale."""
    return driver.execute_script(
        "const bar = document.querySelector(arguments[0]);"
        "return bar ? Object.assign({}, bar.dataset) : null;",
        f".planner__row[data-operator='{operator_id}'] .bar[data-ticket='{ticket_id}']")


def settled_bar(driver, ticket_id: str, operator_id: str, start: str) -> dict:
    """Waits until the ticket's bar sits in the operator's row at `start`; answers its data attributes."""
    return wait(driver).until(lambda d: (lambda data: data if data and data.get("start") == start else None)(
        bar_data(d, ticket_id, operator_id)))


def drag(driver, source, target, *, ctrl: bool = False):
    """A mouse drag with real pointer events: press, move a little, move onto the target, release."""
    actions = ActionChains(driver, duration=50)
    if ctrl:
        actions.key_down(Keys.CONTROL)
    actions.move_to_element(source).click_and_hold().move_by_offset(12, 8).move_by_offset(12, 8)
    actions.move_to_element(target).pause(0.1).release()
    if ctrl:
        actions.key_up(Keys.CONTROL)
    actions.perform()


def wait_alert(driver) -> str:
    alert = wait(driver).until(EC.visibility_of_element_located((By.ID, "board-alert")))
    assert alert.get_attribute("role") == "alert"
    return alert.text


def test_dragging_a_call_onto_a_technician_schedules_it_and_publishes_the_event(browser, arianna):
    name = customer("Panificio")
    ticket = arianna.open_ticket(name)
    day = arianna.monday
    open_board(browser, arianna, day)

    drag(browser, card(browser, ticket), cell(browser, "op-mario", rome(day, 9)))

    bar = settled_bar(browser, ticket, "op-mario", iso(rome(day, 9)))
    assert name in bar["title"]
    assert not browser.find_elements(By.CSS_SELECTOR, f"#queue .card[data-ticket='{ticket}']")
    assert browser.find_element(By.ID, "board-alert").is_displayed() is False

    appointment = next(a for a in arianna.appointments("op-mario", day) if a.get("ticketID") == ticket)
    assert appointment["start"] == iso(rome(day, 9))
    assert appointment["end"] == iso(rome(day, 10))
    row = wait_for("appointment.scheduled.v1 to be published (outbox sentAt)", lambda: (
        (found := arianna.outbox_row("appointment.scheduled.v1", appointment["id"])) and found[1] and found))
    assert row[0] == "appointment.scheduled.v1"


def test_dropping_on_grey_is_refused_with_the_reason_and_the_call_snaps_back(browser, arianna):
    ticket = arianna.open_ticket(customer("Hotel"))
    tuesday = arianna.monday + dt.timedelta(days=1)
    open_board(browser, arianna, tuesday)
    grey = cell(browser, "op-lucia", rome(tuesday, 10))
    assert "cell--absent" in grey.get_attribute("class")

    drag(browser, card(browser, ticket), grey)

    message = wait_alert(browser)
    assert "Lucia Bianchi" in message and "absent" in message and "Training" in message
    wait(browser).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".ghost"))
    assert card(browser, ticket).is_displayed()
    assert bar_for_ticket(browser, ticket) is None
    assert arianna.queue_state(ticket) == "unscheduled"


def test_dropping_on_an_appointment_already_there_is_refused(browser, arianna):
    day = arianna.monday + dt.timedelta(days=3)
    first = arianna.open_ticket(customer("Studio"))
    arianna.schedule(first, "op-lucia", rome(day, 14))
    second = arianna.open_ticket(customer("Trattoria"))
    open_board(browser, arianna, day)

    drag(browser, card(browser, second), cell(browser, "op-lucia", rome(day, 14, 30)))

    message = wait_alert(browser)
    assert "already has" in message
    assert card(browser, second).is_displayed()
    assert arianna.queue_state(second) == "unscheduled"


def test_ctrl_dragging_an_appointment_to_the_lower_grid_unschedules_it(browser, arianna):
    ticket = arianna.open_ticket(customer("Farmacia"))
    day = arianna.monday
    appointment = arianna.schedule(ticket, "op-mario", rome(day, 11))
    open_board(browser, arianna, day)
    bar = wait(browser).until(lambda d: bar_for_ticket(d, ticket, "op-mario"))

    drag(browser, bar, browser.find_element(By.ID, "queue-cards"), ctrl=True)

    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#queue .card[data-ticket='{ticket}']"))
    assert bar_for_ticket(browser, ticket) is None
    assert arianna.queue_state(ticket) == "unscheduled"
    assert all(a["id"] != appointment["id"] for a in arianna.appointments("op-mario", day))
    wait_for("appointment.cancelled.v1 in the outbox", lambda: arianna.outbox_row("appointment.cancelled.v1", appointment["id"]))


def test_dragging_an_appointment_back_without_ctrl_keeps_it(browser, arianna):
    ticket = arianna.open_ticket(customer("Caseificio"))
    day = arianna.monday + dt.timedelta(days=3)
    arianna.schedule(ticket, "op-mario", rome(day, 8))
    open_board(browser, arianna, day)
    bar = wait(browser).until(lambda d: bar_for_ticket(d, ticket, "op-mario"))

    drag(browser, bar, browser.find_element(By.ID, "queue-cards"))

    assert "Ctrl" in wait_alert(browser)
    assert bar_for_ticket(browser, ticket, "op-mario") is not None
    assert arianna.queue_state(ticket) == "scheduled"


def test_dragging_an_appointment_moves_it(browser, arianna):
    ticket = arianna.open_ticket(customer("Ottica"))
    day = arianna.monday + dt.timedelta(days=4)
    appointment = arianna.schedule(ticket, "op-mario", rome(day, 9))
    open_board(browser, arianna, day)
    bar = wait(browser).until(lambda d: bar_for_ticket(d, ticket, "op-mario"))

    # Grab the bar near its left edge and drop it on Lucia at 13:00.
    actions = ActionChains(browser, duration=50)
    actions.move_to_element_with_offset(bar, -bar.size["width"] // 2 + 4, 0).click_and_hold()
    actions.move_by_offset(10, 10).move_to_element(cell(browser, "op-lucia", rome(day, 13))).pause(0.1).release().perform()

    settled_bar(browser, ticket, "op-lucia", iso(rome(day, 13)))
    stored = next(a for a in arianna.appointments("op-lucia", day) if a["id"] == appointment["id"])
    assert stored["end"] == iso(rome(day, 14))
    wait_for("appointment.moved.v1 in the outbox", lambda: arianna.outbox_row("appointment.moved.v1", appointment["id"]))


def test_dragging_the_right_edge_resizes_the_appointment(browser, arianna):
    ticket = arianna.open_ticket(customer("Ferramenta"))
    day = arianna.monday
    appointment = arianna.schedule(ticket, "op-lucia", rome(day, 13))
    open_board(browser, arianna, day)
    bar = wait(browser).until(lambda d: bar_for_ticket(d, ticket, "op-lucia"))
    width_before = bar.size["width"]
    cell_width = cell(browser, "op-lucia", rome(day, 13)).size["width"]
    handle = bar.find_element(By.CSS_SELECTOR, ".bar__handle")

    ActionChains(browser, duration=50).move_to_element(handle).click_and_hold() \
        .move_by_offset(cell_width // 2, 0).move_by_offset(cell_width + cell_width // 2, 0).pause(0.1).release().perform()

    wait(browser).until(
        lambda d: (b := bar_for_ticket(d, ticket, "op-lucia")) and b.get_attribute("data-end") == iso(rome(day, 15)))
    assert bar_for_ticket(browser, ticket, "op-lucia").size["width"] > width_before * 1.5
    stored = next(a for a in arianna.appointments("op-lucia", day) if a["id"] == appointment["id"])
    assert stored["start"] == iso(rome(day, 13))
    assert stored["end"] == iso(rome(day, 15))


def test_the_keyboard_schedules_and_unschedules(browser, arianna):
    ticket = arianna.open_ticket(customer("Ristorante"))
    day = arianna.monday + dt.timedelta(days=2)
    open_board(browser, arianna, day)
    the_card = card(browser, ticket)
    assert the_card.get_attribute("tabindex") == "0"
    assert the_card.get_attribute("aria-label")

    # Pick up the call, walk to Mario (second row) at 10:00, drop it.
    browser.execute_script("arguments[0].focus()", the_card)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait(browser).until(
        lambda d: "cell" in d.switch_to.active_element.get_attribute("class"))
    focused = "const e = document.activeElement; return {start: e.dataset.start, label: e.getAttribute('aria-label')};"
    assert browser.execute_script(focused)["start"] == iso(rome(day, 8))
    ActionChains(browser).send_keys(Keys.ARROW_DOWN, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT,
                                    Keys.ARROW_RIGHT).perform()
    target = browser.execute_script(focused)
    assert target["start"] == iso(rome(day, 10))
    assert "Mario Rossi" in target["label"]
    ActionChains(browser).send_keys(Keys.ENTER).perform()

    settled_bar(browser, ticket, "op-mario", iso(rome(day, 10)))

    # Shift+→ lengthens it by half an hour; Delete unschedules it.
    browser.execute_script("arguments[0].focus()", bar_for_ticket(browser, ticket, "op-mario"))
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT).key_up(Keys.SHIFT).perform()
    wait(browser).until(
        lambda d: (b := bar_for_ticket(d, ticket, "op-mario")) and b.get_attribute("data-end") == iso(rome(day, 11, 30)))
    browser.execute_script("arguments[0].focus()", bar_for_ticket(browser, ticket, "op-mario"))
    ActionChains(browser).send_keys(Keys.DELETE).perform()
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#queue .card[data-ticket='{ticket}']"))
    assert arianna.queue_state(ticket) == "unscheduled"


def test_escape_cancels_a_keyboard_pick_up(browser, arianna):
    ticket = arianna.open_ticket(customer("Libreria"))
    open_board(browser, arianna, arianna.monday + dt.timedelta(days=2))
    browser.execute_script("arguments[0].focus()", card(browser, ticket))
    ActionChains(browser).send_keys(Keys.ENTER, Keys.ARROW_RIGHT, Keys.ESCAPE).perform()

    wait(browser).until(
        lambda d: d.switch_to.active_element.get_attribute("data-ticket") == ticket)
    assert arianna.queue_state(ticket) == "unscheduled"


def test_right_click_on_an_empty_cell_creates_an_appointment(browser, arianna):
    day = arianna.monday + dt.timedelta(days=2)
    title = customer("Team meeting")
    open_board(browser, arianna, day)

    ActionChains(browser).context_click(cell(browser, "op-mario", rome(day, 14))).perform()
    dialog = wait(browser).until(EC.visibility_of_element_located((By.ID, "new-appointment")))
    dialog.find_element(By.ID, "new-appointment-title").send_keys(title)
    dialog.find_element(By.CSS_SELECTOR, "#new-appointment-minutes option[value='90']").click()
    dialog.find_element(By.ID, "new-appointment-create").click()

    bar = wait(browser).until(lambda d: d.execute_script(
        "const bar = [...document.querySelectorAll(\".planner__row[data-operator='op-mario'] .bar\")]"
        ".find(b => b.dataset.title === arguments[0]);"
        "return bar ? Object.assign({}, bar.dataset) : null;", title))
    assert bar["start"] == iso(rome(day, 14))
    assert bar["end"] == iso(rome(day, 15, 30))


def test_a_touch_drag_schedules_a_call(browser, arianna):
    ticket = arianna.open_ticket(customer("Pasticceria"))
    day = arianna.monday + dt.timedelta(days=4)
    open_board(browser, arianna, day)
    source = card(browser, ticket)
    target = cell(browser, "op-lucia", rome(day, 15))

    finger = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(browser, mouse=finger, duration=50)
    actions.pointer_action.move_to(source).pointer_down().move_by(10, -10).move_by(10, -10) \
        .move_to(target).pause(0.1).pointer_up()
    actions.perform()

    settled_bar(browser, ticket, "op-lucia", iso(rome(day, 15)))


def test_another_users_change_appears_without_a_reload(browser, arianna):
    ticket = arianna.open_ticket(customer("Gelateria"))
    day = arianna.monday + dt.timedelta(days=4)
    open_board(browser, arianna, day)
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#queue .card[data-ticket='{ticket}']"))
    browser.execute_script("window.__sameDocument = true")

    arianna.schedule(ticket, "op-mario", rome(day, 16))

    wait(browser).until(lambda d: bar_for_ticket(d, ticket, "op-mario"))
    assert not browser.find_elements(By.CSS_SELECTOR, f"#queue .card[data-ticket='{ticket}']")
    assert browser.execute_script("return window.__sameDocument === true")


def test_the_page_follows_the_language_switcher(browser, arianna):
    open_board(browser, arianna, arianna.monday)
    browser.find_element(By.CSS_SELECTOR, ".app-lang a[hreflang='it']").click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "it")
    assert "Chiamate da pianificare" in browser.find_element(By.ID, "queue-heading").text
    assert "view=day" in browser.current_url
    browser.find_element(By.CSS_SELECTOR, ".app-lang a[hreflang='en']").click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert "Calls to schedule" in browser.find_element(By.ID, "queue-heading").text


def test_the_board_fits_a_tablet_without_horizontal_overflow(tablet, arianna):
    for view in ("day", "week"):
        open_board(tablet, arianna, arianna.monday, view)
        width = tablet.execute_script("return window.innerWidth")
        assert tablet.execute_script("return document.documentElement.scrollWidth") <= width
        for selector in (".app-header", ".board__toolbar", ".board__side", "#planner-scroll", "#queue"):
            box = tablet.execute_script(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.left, r.right]", selector)
            assert box[0] >= 0 and box[1] <= width + 0.5, f"{selector} overflows in the {view} view: {box}"
        # Day view: every cell visible without scrolling sideways; week view scrolls inside its own box.
        scroll = tablet.find_element(By.ID, "planner-scroll")
        if view == "day":
            assert scroll.get_attribute("scrollWidth") == scroll.get_attribute("clientWidth")
        # Touch targets: rows at least 44 px high.
        row = tablet.find_element(By.CSS_SELECTOR, ".planner__row")
        assert row.size["height"] >= 44


def test_a_call_back_for_another_visit_shows_the_technicians_note_live_and_after_a_reload(browser, arianna, webreport):
    ticket = arianna.open_ticket(customer("Pasticceria"))
    day = arianna.monday + dt.timedelta(days=3)
    appointment = arianna.schedule(ticket, "op-mario", rome(day, 15))
    open_board(browser, arianna, day)
    wait(browser).until(lambda d: bar_for_ticket(d, ticket, "op-mario"))
    browser.execute_script("window.__sameDocument = true")

    # When Mario's report says another visit is needed, with a note that looks like markup
    now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
    note = "Order the <b>pump</b> & call first"
    wait_for("web-report to know the appointment", lambda: _file_another_visit(webreport, appointment["id"], now, note), timeout=60)

    # Then the call comes back to the lower grid, live, with the note as text on its card
    note_box = wait(browser, 60).until(lambda d: d.find_elements(
        By.CSS_SELECTOR, f"#queue .card[data-ticket='{ticket}'] .card__note"))[0]
    assert browser.execute_script("return window.__sameDocument === true")
    assert note in note_box.text
    assert not note_box.find_elements(By.TAG_NAME, "b"), "the note is text, not markup"
    # and the page rendered by the server shows it the same way
    open_board(browser, arianna, day)
    note_box = card(browser, ticket).find_element(By.CSS_SELECTOR, ".card__note")
    assert note in note_box.text
    assert not note_box.find_elements(By.TAG_NAME, "b")


def _file_another_visit(webreport: str, appointment_id: str, now: dt.datetime, note: str) -> bool:
    try:
        http("POST", f"{webreport}/api/appointments/{appointment_id}/report", {
            "sessions": [{"start": iso(now - dt.timedelta(hours=1)), "end": iso(now - dt.timedelta(minutes=30))}],
            "workDone": "Diagnosed the leak", "outcome": "another-visit-needed", "visitNote": note})
        return True
    except Exception as error:  # noqa: BLE001 - 404 until web-report has the appointment
        if getattr(error, "status", None) == 404:
            return False
        raise
