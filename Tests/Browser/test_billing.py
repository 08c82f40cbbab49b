"""The billing clerk's pages in a real browser (R19): a ticket opened in intake, scheduled in the
planner and reported in web-report is billed through the real broker; the clerk changes a line's
price and discount, confirms, and the document has its number. (A line whose article billing does
not know is flagged and blocks confirmation — `DocumentDrafterTests`, `DocumentLifecycleTests`;
through the real flow web-report already refuses such a code, so it cannot reach billing here.)"""
from __future__ import annotations

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import http, wait_for


def test_a_clerk_edits_a_line_and_confirms(billing_system, clerk_browser):
    assert billing_system.stock("VAN-op-mario", "FILTER-01") == 5
    draft = billing_system.billed_ticket("Rossi Impianti", materials=[
        {"articleCode": "FILTER-01", "description": "Filtro", "quantity": 2},
        {"articleCode": "VALVE-3W", "description": "Valvola", "quantity": 1},
    ])
    driver = clerk_browser
    wait = WebDriverWait(driver, 15)

    # The list shows the draft; its page lists the lines, the valve at its catalogue price
    driver.get(f"{billing_system.billing}/documents?status=draft")
    driver.find_element(By.CSS_SELECTOR, f'tr[data-document="{draft["id"]}"] a').click()
    wait.until(EC.presence_of_element_located((By.ID, "document-lines")))
    assert driver.find_element(By.CSS_SELECTOR, "main, [role=main]")
    valve = driver.find_element(By.CSS_SELECTOR, 'tr[data-article="VALVE-3W"]')
    assert "line--flagged" not in (valve.get_attribute("class") or "")
    position = valve.get_attribute("data-line")

    # The clerk changes the valve's price and discount with the keyboard-reachable form and saves
    driver.find_element(By.ID, f"edit-line-{position}").click()
    price = wait.until(EC.presence_of_element_located((By.NAME, "price")))
    label = driver.find_element(By.XPATH, "//input[@name='price']/ancestor::label")
    assert label.text.strip().startswith("Price")
    price.clear()
    price.send_keys("80")
    discount = driver.find_element(By.NAME, "discountPercent")
    discount.clear()
    discount.send_keys("10")
    driver.find_element(By.CSS_SELECTOR, "#line-form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
    changes = driver.find_element(By.ID, "document-changes").text
    assert "price" in changes and "discount" in changes

    # … and confirms: the document is numbered and no longer editable
    driver.find_element(By.CSS_SELECTOR, "#confirm-form button").click()
    heading = wait.until(EC.text_to_be_present_in_element((By.ID, "document-label"), "FAT/"))
    assert heading
    assert re.search(r"FAT/\d{4}/\d{6}", driver.find_element(By.ID, "document-label").text)
    assert driver.find_element(By.ID, "document-status").text == "Confirmed"
    assert not driver.find_elements(By.ID, "confirm-form")
    assert not driver.find_elements(By.ID, "edit-line-1")

    # The API agrees: the REPAIR type's call-out fee (its billing palette, R5), labour 1.5 h × 45 = 67.50, filters 2 × 12.50, the valve re-priced 80 less 10 % = 72.00
    document = http("GET", f"{billing_system.billing}/api/billing-documents/{draft['id']}", token=billing_system.token)
    assert document["status"] == "confirmed"
    amounts = {line["articleCode"]: line["amountCents"] for line in document["lines"]}
    assert amounts["CALL-FEE"] == 3500
    assert amounts["LAB-HOUR"] == 6750
    assert amounts["FILTER-01"] == 2500
    assert amounts["VALVE-3W"] == 7200
    assert document["taxableCents"] == sum(line["amountCents"] for line in document["lines"])

    # End to end: the confirmation went out on the broker, and the report's materials left Mario's van
    assert wait_for("billing.document.confirmed.v1 on the broker",
                    lambda: billing_system.published("billing.document.confirmed.v1", draft["id"]))
    assert billing_system.stock("VAN-op-mario", "FILTER-01") == 3
    assert billing_system.stock("VAN-op-mario", "VALVE-3W") == -1, "issued from an empty van: negative, with a warning"

    # … and the ticket of a type with a production order setting got its order, BOM exploded
    orders = [o for o in billing_system.call("GET", f"{billing_system.billing}/api/production-orders?limit=200")["items"]
              if o["ticketID"] == draft["ticketID"]]
    assert len(orders) == 1
    assert orders[0]["articleCode"] == "KIT-CALDAIA"
    assert orders[0]["components"] == [{"articleCode": "FILTER-01", "description": "Filtro caldaia", "quantity": 2}]
    assert orders[0]["status"] == "done", "the ticket's close completes its order"
    assert billing_system.published("production-order.created.v1", draft["ticketID"])
