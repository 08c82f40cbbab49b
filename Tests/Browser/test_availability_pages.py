"""The planner's availability pages in a real browser (SPEC R6–R9): "set hours" for several
operators at once, a presence recurrence and "generate recurrences" with its progress, an
absence turning the board grey, and refusals shown next to the form in the user's language.

They change only what the board tests do not use: working hours are put back afterwards, and
presences and absences go into the week two weeks after the board tests' week.
"""
from __future__ import annotations

import datetime as dt
import re
import urllib.parse
import uuid

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import http, iso, rome, set_field

TIMEOUT = 20


def wait(driver, timeout: float = TIMEOUT) -> WebDriverWait:
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,))


def flash(driver) -> str:
    """The message the page shows after it reloaded with the saved data."""
    box = wait(driver).until(EC.visibility_of_element_located((By.ID, "page-flash")))
    assert box.get_attribute("role") == "status"
    return box.text


def board_cell_class(driver, arianna, day: dt.date, operator_id: str, hour: int) -> str:
    driver.get(arianna.board_url(day))
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#board.is-ready")))
    cell = driver.find_element(
        By.CSS_SELECTOR, f".planner__row[data-operator='{operator_id}'] .cell[data-start='{iso(rome(day, hour))}']")
    return cell.get_attribute("class")


def test_set_hours_for_two_operators_at_once(browser, arianna, restore_working_hours):
    browser.get(f"{arianna.planner}/availability/hours")
    form = wait(browser).until(EC.presence_of_element_located((By.ID, "hours-form")))
    # The planner menu leads here from the board.
    assert browser.find_element(By.CSS_SELECTOR, ".planner-menu a[aria-current='page']").get_attribute("href").endswith(
        "/availability/hours")

    form.find_element(By.ID, "hours-op-op-mario").click()
    form.find_element(By.ID, "hours-op-op-lucia").click()
    # Saturday morning 09:00–12:30 on top of the standard week; Friday afternoon off.
    set_field(browser, form.find_element(By.NAME, "d6-1-start"), "09:00")
    set_field(browser, form.find_element(By.NAME, "d6-1-end"), "12:30")
    set_field(browser, form.find_element(By.NAME, "d5-2-start"), "")
    set_field(browser, form.find_element(By.NAME, "d5-2-end"), "")
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()

    assert flash(browser) == "Hours set for 2 operators."
    for operator in ("op-mario", "op-lucia"):
        rows = http("GET", f"{arianna.planner}/api/working-hours?operatorID={operator}")
        week = {(row["weekday"], row["start"], row["end"]) for row in rows}
        assert (6, "09:00", "12:30") in week, rows
        assert (5, "08:00", "12:00") in week and (5, "13:00", "17:00") not in week, rows
        assert (1, "13:00", "17:00") in week, rows
        summary = browser.find_element(By.CSS_SELECTOR, f"tr[data-operator='{operator}'] .hours-summary").text
        assert "Sat 09:00–12:30" in summary


def test_choosing_no_operator_is_refused_next_to_the_form(browser, arianna):
    browser.get(f"{arianna.planner}/availability/hours")
    form = wait(browser).until(EC.presence_of_element_located((By.ID, "hours-form")))
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    error = wait(browser).until(lambda d: form.find_element(By.CSS_SELECTOR, ".form-error[role='alert']"))
    wait(browser).until(lambda d: error.is_displayed())
    assert error.text == "Choose at least one operator."


def test_presence_rule_and_generate_recurrences_show_progress_then_what_was_written(browser, arianna, later_monday):
    zone = f"Bergamo {uuid.uuid4().hex[:4]}"
    # Before: nothing generated that week, so Lucia is off duty on the board.
    assert "cell--away" in board_cell_class(browser, arianna, later_monday, "op-lucia", 10)

    browser.get(f"{arianna.planner}/availability/presences")
    form = wait(browser).until(EC.presence_of_element_located((By.ID, "rule-form")))
    Select(form.find_element(By.NAME, "operatorID")).select_by_value("op-lucia")
    form.find_element(By.NAME, "zone").send_keys(zone)
    Select(form.find_element(By.NAME, "frequency")).select_by_value("weekly")
    # Weekly shows the weekdays and hides the day of the month.
    assert form.find_element(By.CSS_SELECTOR, "[data-show-for='monthly']").is_displayed() is False
    set_field(browser, form.find_element(By.NAME, "start"), "09:00")
    set_field(browser, form.find_element(By.NAME, "end"), "15:00")
    set_field(browser, form.find_element(By.NAME, "validFrom"), later_monday.isoformat())
    set_field(browser, form.find_element(By.NAME, "validTo"), (later_monday + dt.timedelta(days=27)).isoformat())
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()

    assert flash(browser) == "Recurrence added."
    row = browser.find_element(By.XPATH, f"//table[@id='rules-table']//tr[td[text()='{zone}']]")
    assert "Lucia Bianchi" in row.text and "Every week: Mon, Tue, Wed, Thu, Fri" in row.text and "09:00–15:00" in row.text
    rules = http("GET", f"{arianna.planner}/api/presence-rules?operatorID=op-lucia&limit=200")["items"]
    assert any(rule["zone"] == zone and rule["frequency"] == "weekly" for rule in rules)

    generate = browser.find_element(By.ID, "generate-form")
    set_field(browser, generate.find_element(By.NAME, "from"), later_monday.isoformat())
    set_field(browser, generate.find_element(By.NAME, "to"), (later_monday + dt.timedelta(days=4)).isoformat())
    generate.find_element(By.CSS_SELECTOR, "input[name='operatorIDs'][value='op-lucia']").click()
    generate.find_element(By.ID, "generate-button").click()

    progress = wait(browser).until(EC.visibility_of_element_located((By.ID, "generate-progress")))
    wait(browser).until(lambda d: progress.get_attribute("data-state") == "done")
    seen = progress.get_attribute("data-seen").split()
    assert seen[0] in ("pending", "running") and seen[-1] == "done", seen
    assert browser.find_element(By.ID, "generate-bar").get_attribute("value") == "100"
    status = browser.find_element(By.ID, "generate-status")
    assert status.get_attribute("role") == "status"
    written = re.search(r"Done: (\d+) presences written, (\d+) already there", status.text)
    assert written, status.text
    assert int(written.group(1)) >= 5
    assert browser.find_element(By.ID, "generate-button").is_enabled()

    # The presences appear on the board: Lucia is white in the new zone's hours.
    assert "cell--present" in board_cell_class(browser, arianna, later_monday, "op-lucia", 10)
    presences = http("GET", f"{arianna.planner}/api/presences?from={later_monday.isoformat()}"
                            f"&to={later_monday.isoformat()}&operatorID=op-lucia&limit=200")["items"]
    assert any(presence["zone"] == zone for presence in presences), presences


def test_an_absence_added_on_the_page_is_grey_on_the_board(browser, arianna, later_monday):
    tuesday = later_monday + dt.timedelta(days=1)
    reason = f"Dentist {uuid.uuid4().hex[:4]}"
    browser.get(f"{arianna.planner}/availability/absences")
    form = wait(browser).until(EC.presence_of_element_located((By.ID, "absence-form")))
    Select(form.find_element(By.NAME, "operatorID")).select_by_value("op-mario")
    set_field(browser, form.find_element(By.NAME, "firstDay"), tuesday.isoformat())
    form.find_element(By.NAME, "reason").send_keys(reason)
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()

    assert flash(browser) == "Absence added."
    row = browser.find_element(By.XPATH, f"//table[@id='absences-table']//tr[td[text()='{reason}']]")
    assert "Mario Rossi" in row.text and tuesday.isoformat() in row.text

    classes = board_cell_class(browser, arianna, tuesday, "op-mario", 10)
    assert "cell--absent" in classes
    cell = browser.find_element(
        By.CSS_SELECTOR, f".planner__row[data-operator='op-mario'] .cell[data-start='{iso(rome(tuesday, 10))}']")
    assert cell.get_attribute("title") == reason
    # Lucia is not affected.
    assert "cell--absent" not in browser.find_element(
        By.CSS_SELECTOR, f".planner__row[data-operator='op-lucia'] .cell[data-start='{iso(rome(tuesday, 10))}']"
    ).get_attribute("class")


def test_an_italian_page_shows_the_apis_refusal_in_italian_next_to_the_form(browser, arianna, later_monday):
    back = urllib.parse.quote("/availability/absences")
    browser.get(f"{arianna.planner}/lang/it?back={back}")
    form = wait(browser).until(EC.presence_of_element_located((By.ID, "holiday-form")))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "it"
    set_field(browser, form.find_element(By.NAME, "day"), (later_monday + dt.timedelta(days=5)).isoformat())
    form.find_element(By.NAME, "name").send_keys("   ")
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()

    error = form.find_element(By.CSS_SELECTOR, ".form-error")
    wait(browser).until(lambda d: error.is_displayed())
    assert error.get_attribute("role") == "alert"
    assert error.text == "Dai un nome alla festività (name), ad es. Liberazione."
    assert all(holiday["day"] != (later_monday + dt.timedelta(days=5)).isoformat()
               for holiday in http("GET", f"{arianna.planner}/api/holidays?limit=200")["items"])
