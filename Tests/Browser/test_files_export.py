"""Files as an Italian office has them (issue 17), in real Chromium against the real services.

The ticket list's "Export CSV" button downloads the current search; Python's `csv` module — a
reader that is not ours — reads it back with Excel's Italian settings (`;`, UTF-8 with a BOM)
and gets the accented names intact. A photo attached on the ticket page is listed there and
downloads byte for byte.
"""
from __future__ import annotations

import csv
import tempfile
import zipfile
import time
import urllib.request
import uuid
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SESSION, http

PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x0D, 0x0A, 0, 1])


def _downloaded(folder: Path, timeout: float = 30) -> Path:
    """The one finished download: chromium creates the final name empty beside a `.crdownload` it fills,
    so the file counts only once no partial file is left and its size held still across two looks."""
    deadline = time.monotonic() + timeout
    last_size = -1
    while time.monotonic() < deadline:
        files = list(folder.iterdir())
        done = [p for p in files if not p.name.endswith(".crdownload")]
        if done and len(done) == len(files):
            size = done[0].stat().st_size
            if size > 0 and size == last_size:
                return done[0]
            last_size = size
        time.sleep(0.2)
    raise AssertionError(f"nothing was downloaded into {folder}")


def test_the_ticket_search_exports_as_csv_that_a_csv_reader_reads_back(browser, arianna):
    tag = uuid.uuid4().hex[:6]
    names = [f"Caffè Città {tag}", f"Pâtisserie Ça Va {tag}"]
    for name in names:
        http("POST", f"{arianna.intake}/api/tickets", {
            "activityTypeCode": "REPAIR", "customer": {"name": name},
            "description": "Perde acqua; «urgente»", "customFields": {"appliance": "Macchina espresso"},
        })
    folder = Path(tempfile.mkdtemp(prefix="arianna-export-"))
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    browser.get(f"{arianna.intake}/tickets")
    search = browser.find_element(By.NAME, "q")
    search.send_keys(tag)
    browser.find_element(By.ID, "ticket-export").click()
    path = _downloaded(folder)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    customer = header.index("Customer") if "Customer" in header else header.index("Cliente")
    description = header.index("Description") if "Description" in header else header.index("Descrizione")
    assert sorted(row[customer] for row in body) == sorted(names)
    assert all(row[description] == "Perde acqua; «urgente»" for row in body)


def test_the_ticket_search_exports_as_a_workbook_that_zipfile_reads(browser, arianna):
    tag = uuid.uuid4().hex[:6]
    name = f"Caffè Città {tag}"
    http("POST", f"{arianna.intake}/api/tickets", {
        "activityTypeCode": "REPAIR", "customer": {"name": name}, "description": "Guasto",
        "customFields": {"appliance": "Forno"},
    })
    folder = Path(tempfile.mkdtemp(prefix="arianna-xlsx-"))
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    browser.get(f"{arianna.intake}/tickets")
    browser.find_element(By.NAME, "q").send_keys(tag)
    browser.find_element(By.ID, "ticket-export-xlsx").click()
    path = _downloaded(folder)
    assert path.suffix == ".xlsx"
    with zipfile.ZipFile(path) as workbook:
        names = workbook.namelist()
        assert "xl/workbook.xml" in names
        strings = workbook.read("xl/sharedStrings.xml").decode("utf-8")
    assert name in strings


def test_a_photo_attached_on_the_ticket_page_is_listed_and_downloads_intact(browser, arianna):
    ticket = http("POST", f"{arianna.intake}/api/tickets", {
        "activityTypeCode": "REPAIR", "customer": {"name": f"Bar Sport {uuid.uuid4().hex[:6]}"},
        "description": "Foto del guasto", "customFields": {"appliance": "Frigo"},
    })
    photo = Path(tempfile.mkdtemp(prefix="arianna-photo-")) / "foto guasto è.png"
    photo.write_bytes(PNG)
    browser.get(f"{arianna.intake}/tickets/{ticket['id']}")
    browser.find_element(By.ID, "attachment-file").send_keys(str(photo))
    browser.find_element(By.ID, "attachment-submit").click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#attachment-list a")))
    link = browser.find_element(By.CSS_SELECTOR, "#attachment-list a")
    assert link.text == "foto guasto è.png"
    request = urllib.request.Request(link.get_attribute("href"))
    request.add_header("Authorization", f"Bearer {SESSION['token']}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"] == "image/png"
        assert response.read() == PNG
