"""Login across services (R17) and the call-centre flow (R10) in real Chromium.

An anonymous visit to the planner goes to intake's login page and comes back; a call taken on
intake's operator page becomes a ticket with its history and reaches the planner's queue over the
broker; logging out ends the session.
"""
from __future__ import annotations

import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ADMIN_PASSWORD, _chrome, wait_for


def test_anonymous_planner_visit_logs_in_at_intake_and_returns(_chrome_service, arianna):
    driver = _chrome(_chrome_service, 1200, 900)
    try:
        target = arianna.board_url(arianna.monday)
        driver.get(target)
        WebDriverWait(driver, 20).until(EC.url_contains("/login"))
        assert driver.current_url.startswith(arianna.intake)
        driver.find_element(By.NAME, "username").send_keys("admin")
        driver.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
        WebDriverWait(driver, 20).until(EC.url_contains("/board"))
        assert driver.current_url.startswith(arianna.planner)
        assert driver.find_element(By.ID, "board").is_displayed()
        assert driver.find_element(By.CSS_SELECTOR, ".app-user-name").text.strip() != ""
    finally:
        driver.quit()


def test_wrong_password_is_refused_with_a_message(_chrome_service, arianna):
    driver = _chrome(_chrome_service, 1200, 900)
    try:
        driver.get(f"{arianna.intake}/login")
        driver.find_element(By.NAME, "username").send_keys("giulia")
        driver.find_element(By.NAME, "password").send_keys("not-her-password")
        driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
        WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
        assert "/login" in driver.current_url
        assert not driver.get_cookie("arianna_session")
    finally:
        driver.quit()


def test_call_centre_page_opens_a_ticket_that_reaches_the_planner(browser, arianna):
    customer = f"Trattoria {uuid.uuid4().hex[:6]}"
    browser.get(f"{arianna.intake}/tickets/new?find={customer}")
    browser.find_element(By.CSS_SELECTOR, "input[name=pick][value=new]").click()
    browser.find_element(By.NAME, "customerName").send_keys(customer)
    browser.find_element(By.NAME, "customerEmail").send_keys(f"{uuid.uuid4().hex[:8]}@trattoria.example")
    browser.find_element(By.NAME, "siteName").send_keys("Cucina")
    browser.find_element(By.NAME, "siteZone").send_keys("Milano")
    Select(browser.find_element(By.ID, "call-type")).select_by_value("REPAIR")
    # Only the chosen type's fields are shown; its required field is required in the browser too.
    appliance = browser.find_element(By.NAME, "field.REPAIR.appliance")
    assert appliance.is_displayed()
    assert not browser.find_element(By.NAME, "field.WARRANTY.serial_number").is_displayed()
    appliance.send_keys("Frigorifero")
    browser.find_element(By.NAME, "description").send_keys("Fridge not cooling")
    browser.find_element(By.ID, "call-submit").click()

    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "ticket-number")))
    number = browser.find_element(By.ID, "ticket-number").text.split()[0]
    assert number.startswith("TCK/")
    assert "Frigorifero" in browser.find_element(By.ID, "ticket-fields").text
    assert "ticket.opened.v1" in browser.find_element(By.ID, "ticket-history").text
    ticket_id = browser.current_url.rsplit("/", 1)[-1]
    wait_for("the planner to queue the call", lambda: arianna.queue_state(ticket_id) == "unscheduled")

    # The list finds it by customer name.
    browser.get(f"{arianna.intake}/tickets?q={customer}")
    assert number in browser.find_element(By.ID, "ticket-list").text


def test_call_centre_page_shows_every_problem_and_keeps_the_input(browser, arianna):
    browser.get(f"{arianna.intake}/tickets/new")
    browser.find_element(By.NAME, "customerName").send_keys("Cliente Senza Zona")
    browser.find_element(By.NAME, "siteName").send_keys("Magazzino")
    Select(browser.find_element(By.ID, "call-type")).select_by_value("REPAIR")
    browser.find_element(By.NAME, "field.REPAIR.appliance").send_keys("Forno")
    browser.find_element(By.NAME, "description").send_keys("Oven")
    browser.find_element(By.ID, "call-submit").click()
    problems = WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.ID, "call-problems")))
    assert "zone" in problems.text
    assert browser.find_element(By.NAME, "customerName").get_attribute("value") == "Cliente Senza Zona"


def test_logout_ends_the_session(_chrome_service, arianna):
    driver = _chrome(_chrome_service, 1200, 900)
    try:
        driver.get(f"{arianna.intake}/login?next=/tickets")
        driver.find_element(By.NAME, "username").send_keys("admin")
        driver.find_element(By.NAME, "password").send_keys(ADMIN_PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
        WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.ID, "ticket-list")))
        old_cookie = driver.get_cookie("arianna_session")["value"]
        driver.find_element(By.CSS_SELECTOR, ".app-logout button").click()
        WebDriverWait(driver, 20).until(EC.url_contains("/login"))
        driver.get(f"{arianna.intake}/tickets")
        WebDriverWait(driver, 20).until(EC.url_contains("/login"))
        # The old cookie, replayed, no longer opens intake: the session really ended.
        driver.add_cookie({"name": "arianna_session", "value": old_cookie, "path": "/"})
        driver.get(f"{arianna.intake}/tickets")
        WebDriverWait(driver, 20).until(EC.url_contains("/login"))
    finally:
        driver.quit()
