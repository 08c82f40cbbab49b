"""Ticket search that scales (issue 15), in real Chromium against the real services.

The back office types Italian words without their accents and finds the tickets that have them
(the FTS5 index folds accents and case), a page at a time: the "Next page" link continues the
same search and the last page offers the first one again.
"""
from __future__ import annotations

import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import http


def _rows(browser) -> list[str]:
    return [row.text for row in browser.find_elements(By.CSS_SELECTOR, "#ticket-list tbody tr")
            if row.find_elements(By.CSS_SELECTOR, "a")]


def test_a_search_without_accents_finds_them_a_page_at_a_time(browser, arianna):
    tag = uuid.uuid4().hex[:6]
    customers = [f"Pasticceria Perdità {tag} {index}" for index in range(3)]
    for customer in customers:
        http("POST", f"{arianna.intake}/api/tickets", {
            "activityTypeCode": "REPAIR", "customer": {"name": customer},
            "description": "La caldaia è in blocco", "customFields": {"appliance": "Caldaia murale"},
        })
    browser.get(f"{arianna.intake}/tickets?limit=2")
    search = browser.find_element(By.NAME, "q")
    search.send_keys(f"perdita CALDAIA {tag}")
    search.send_keys(Keys.ENTER)

    first = _rows(browser)
    assert len(first) == 2, first
    next_page = browser.find_element(By.ID, "ticket-next-page")
    assert "cursor=" in next_page.get_attribute("href") and f"q=perdita" in next_page.get_attribute("href")
    next_page.send_keys(Keys.ENTER)  # reachable and usable from the keyboard

    second = _rows(browser)
    assert len(second) == 1, second
    assert not browser.find_elements(By.ID, "ticket-next-page")
    found = " ".join(first + second)
    assert all(customer in found for customer in customers), found
    browser.find_element(By.ID, "ticket-first-page").click()
    assert _rows(browser) == first
