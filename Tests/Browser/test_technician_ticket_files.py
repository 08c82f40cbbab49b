"""Issue 17: a file attached to a ticket in intake reaches the technician's appointment page.

The back office attaches a PDF to a ticket through intake's API; intake publishes
`ticket.attachment-added.v1` over the broker; Mario, logged in on his phone, sees the file on the
appointment page as a link to intake's download route, and that link, followed with his own
session cookie, gives back the same bytes.
"""
from __future__ import annotations

import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SESSION, wait_for
from test_technician_app import _appointment_for_mario, _log_in_as_mario, friday  # noqa: F401 (fixture)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\r\ntrailer\n%%EOF\n"


def _attach(intake: str, ticket_id: str, name: str, data: bytes) -> None:
    request = urllib.request.Request(
        f"{intake}/api/tickets/{ticket_id}/attachments?name={name}", data=data, method="POST")
    request.add_header("Authorization", f"Bearer {SESSION['token']}")
    request.add_header("Content-Type", "application/pdf")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201


def test_the_technician_sees_the_tickets_file_and_downloads_it(phone, arianna, webreport, friday):  # noqa: F811
    ticket_id, appointment_id = _appointment_for_mario(arianna, webreport, friday, 9)
    _attach(arianna.intake, ticket_id, "schema-impianto.pdf", PDF)
    _log_in_as_mario(phone, arianna, webreport)

    def listed():
        phone.get(f"{webreport}/appointments/{appointment_id}")
        WebDriverWait(phone, 20).until(EC.presence_of_element_located((By.ID, "files-heading")))
        return phone.find_elements(By.CSS_SELECTOR, ".wr-files a")

    links = wait_for("web-report to list the ticket's file", listed, timeout=60)
    assert [link.text for link in links] == ["schema-impianto.pdf"]
    href = links[0].get_attribute("href")
    assert href.startswith(f"{arianna.intake}/api/tickets/{ticket_id}/attachments/")

    # The link works with Mario's own session (the cookie the services share), not the admin's.
    cookie = {c["name"]: c["value"] for c in phone.get_cookies()}["arianna_session"]
    request = urllib.request.Request(href)
    request.add_header("Cookie", f"arianna_session={cookie}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read() == PDF
