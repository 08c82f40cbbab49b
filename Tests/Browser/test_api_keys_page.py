"""The API keys page (issue 16) in real Chromium: an administrator creates a key limited to the
planner with a rate limit, sees the secret once, the key works on the planner (over the broker),
its last use appears on the page, and revoking it with the keyboard stops it on the planner.
"""
from __future__ import annotations

import urllib.error
import urllib.request
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import wait_for


def planner_status(planner: str, key: str) -> int:
    request = urllib.request.Request(f"{planner}/api/queue", headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_key_limited_to_the_planner_works_there_shows_its_last_use_and_is_revoked(browser, arianna):
    name = f"Planner {uuid.uuid4().hex[:6]}"
    browser.get(f"{arianna.intake}/api-keys")
    form = browser.find_element(By.ID, "api-key-form")
    form.find_element(By.NAME, "name").send_keys(name)
    form.find_element(By.CSS_SELECTOR, "input[name=permissions][value='planner.schedule']").click()
    form.find_element(By.CSS_SELECTOR, "input[name=services][value=planner]").click()
    form.find_element(By.NAME, "requestsPerMinute").send_keys("60")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    # The answer is a new page: wait for it rather than read the old one.
    secret = WebDriverWait(browser, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#new-secret code"))).text.strip()
    assert secret.startswith("ak_")
    row = browser.find_element(By.XPATH, f"//table[@id='api-key-list']//tr[td[1][normalize-space()='{name}']]")
    assert "planner" in row.text and "60" in row.text

    # The planner learns the key from setup.api-key.v1; its use comes back as api-key.used.v1.
    wait_for("the planner to accept the key", lambda: planner_status(arianna.planner, secret) == 200)

    def last_use_shown():
        browser.get(f"{arianna.intake}/api-keys")
        cell = browser.find_element(
            By.XPATH, f"//table[@id='api-key-list']//tr[td[1][normalize-space()='{name}']]/td[contains(@class,'key-last-use')]")
        return "(planner)" in cell.text

    wait_for("the last use on the page", last_use_shown)

    # Revoke with the keyboard: focus the row's button and press Enter.
    button = browser.find_element(
        By.XPATH, f"//table[@id='api-key-list']//tr[td[1][normalize-space()='{name}']]//button[@type='submit']")
    button.send_keys(Keys.ENTER)
    wait_for("the planner to refuse the revoked key", lambda: planner_status(arianna.planner, secret) == 401, timeout=10)
