"""The customer's link to the signed report (issue 9 point 4): opened without any session, and
replaced by the back office from the report's page (the old link then answers 404). Real
Chromium for the back office's button; the customer's side is a plain HTTP client with no
session at all, as a mail client's browser would be.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import http, iso
from test_technician_app import _appointment_for_mario, friday  # noqa: F401 (fixture)


def _fetch_anonymously(url: str) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url), timeout=10) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        return response.read()


def _pdf_text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_the_back_office_replaces_the_customers_link(browser, arianna, webreport, friday):  # noqa: F811
    # Thursday of the technician tests' week, an hour no other test uses.
    _, appointment_id = _appointment_for_mario(arianna, webreport, friday - dt.timedelta(days=1), 14)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    http("POST", f"{webreport}/api/appointments/{appointment_id}/report", {
        "sessions": [{"start": iso(now - dt.timedelta(hours=2)), "end": iso(now - dt.timedelta(hours=1))}],
        "workDone": "Serviced the boiler for the customer's link", "materials": [], "signedBy": "Carla Bruni"})

    browser.get(f"{webreport}/appointments/{appointment_id}")
    shown = browser.find_element(By.ID, "customer-link-url").text.strip()
    assert "/customer.pdf?key=" in shown
    old = shown if shown.startswith("http") else webreport + shown
    text = _pdf_text(_fetch_anonymously(old))
    assert "Serviced the boiler for the customer's link" in text
    assert "Carla Bruni" in text

    browser.find_element(By.ID, "customer-link-renew").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.ID, "customer-link-url").text.strip() not in ("", shown))
    new = browser.find_element(By.ID, "customer-link-url").text.strip()
    new = new if new.startswith("http") else webreport + new
    assert new != old and "/customer.pdf?key=" in new
    assert "Carla Bruni" in _pdf_text(_fetch_anonymously(new))
    with pytest.raises(urllib.error.HTTPError) as refused:
        _fetch_anonymously(old)
    assert refused.value.code == 404
