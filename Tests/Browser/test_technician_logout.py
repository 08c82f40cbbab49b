"""Logging out on a shared phone (issue 9, offline): the technician's pages kept for offline use
(the service worker's cache, the IndexedDB queue) must not outlive the session. Real Chromium
under mobile emulation, its network switched off with Chromium's emulation.

Reports still waiting to be sent are warned about: "Cancel" keeps them and the session, "OK"
logs out and deletes them with the rest (offline-queue.js).
"""
from __future__ import annotations

import datetime as dt
import uuid

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import wait_for
from test_technician_app import READ_QUEUE, _appointment_for_mario, _log_in_as_mario, friday  # noqa: F401 (fixture)

OFFLINE = {"offline": True, "latency": 5, "download_throughput": 64 * 1024, "upload_throughput": 64 * 1024}

# The URLs in web-report's page caches (empty when there is no cache at all).
CACHED_URLS = """
const done = arguments[arguments.length - 1];
caches.keys().then(names => Promise.all(names.map(name => caches.open(name).then(cache => cache.keys()))))
  .then(lists => done([].concat(...lists).map(request => request.url)), () => done(null));
"""

DATABASES = """
const done = arguments[arguments.length - 1];
indexedDB.databases().then(list => done(list.map(db => db.name)), () => done(null));
"""


def _controlled_by_the_service_worker(phone) -> None:
    wait_for("the service worker to control the page", lambda: phone.execute_script(
        "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)") or phone.refresh(), timeout=30)


def _log_out(phone) -> None:
    phone.find_element(By.CSS_SELECTOR, "form.app-logout button[type=submit]").click()


def test_after_logout_the_to_do_list_is_not_readable_offline(phone, arianna, webreport, friday):  # noqa: F811
    # Thursday of the technician tests' week: Friday's hours belong to test_technician_app.
    thursday = friday - dt.timedelta(days=1)
    _, appointment_id = _appointment_for_mario(arianna, webreport, thursday, 9)
    _log_in_as_mario(phone, arianna, webreport)
    todo = f"{webreport}/todo?range=day&day={thursday.isoformat()}"
    phone.get(todo)
    _controlled_by_the_service_worker(phone)
    phone.get(todo)  # through the service worker: now in its cache
    link = f"a[href='/appointments/{appointment_id}']"

    # Before logging out, the list is readable offline (so the check below means something).
    phone.set_network_conditions(**OFFLINE)
    try:
        phone.get(todo)
        assert phone.find_elements(By.CSS_SELECTOR, link)
    finally:
        phone.delete_network_conditions()

    phone.get(todo)
    _log_out(phone)
    WebDriverWait(phone, 20).until(EC.url_contains("/login"))

    # Offline after the logout: nothing of Mario's list comes back from the phone (Chromium
    # reports the navigation as failed: no network and nothing cached).
    phone.set_network_conditions(**OFFLINE)
    try:
        try:
            phone.get(todo)
        except WebDriverException as error:
            assert "ERR_INTERNET_DISCONNECTED" in str(error) or "ERR_FAILED" in str(error), error
        assert not phone.find_elements(By.CSS_SELECTOR, link)
        assert appointment_id not in phone.page_source
    finally:
        phone.delete_network_conditions()

    # And web-report's origin keeps no page of the list (a public asset opens the origin).
    phone.get(f"{webreport}/assets/webreport/manifest.json")
    cached = phone.execute_async_script(CACHED_URLS)
    assert cached is not None
    assert not [url for url in cached if "/todo" in url or "/appointments/" in url], cached


def test_reports_waiting_to_be_sent_are_warned_about_before_logging_out(phone, arianna, webreport, friday):  # noqa: F811
    _, appointment_id = _appointment_for_mario(arianna, webreport, friday - dt.timedelta(days=1), 11)
    _log_in_as_mario(phone, arianna, webreport)
    phone.get(f"{webreport}/appointments/{appointment_id}")
    WebDriverWait(phone, 20).until(EC.presence_of_element_located((By.ID, "report-form")))
    # A report that cannot leave the phone (the page's fetch fails as without a network, so the
    # logout request itself still goes): it waits in the queue.
    key = str(uuid.uuid4())
    phone.execute_async_script("""
        const done = arguments[arguments.length - 1];
        window.fetch = () => Promise.reject(new TypeError('no network'));
        window.ariannaQueue.add(arguments[0], {idempotencyKey: arguments[1], workDone: 'waiting'}).then(done, done);
    """, appointment_id, key)
    assert [entry["key"] for entry in phone.execute_async_script(READ_QUEUE)] == [key]

    # Cancel: still logged in, the report still waiting.
    _log_out(phone)
    alert = WebDriverWait(phone, 10).until(EC.alert_is_present())
    assert "1 report waiting to be sent" in alert.text
    alert.dismiss()
    assert phone.current_url.startswith(webreport)
    assert [entry["key"] for entry in phone.execute_async_script(READ_QUEUE)] == [key]

    # OK: logged out, and the queue is gone with the rest.
    _log_out(phone)
    WebDriverWait(phone, 10).until(EC.alert_is_present()).accept()
    WebDriverWait(phone, 20).until(EC.url_contains("/login"))
    phone.get(f"{webreport}/assets/webreport/manifest.json")
    databases = phone.execute_async_script(DATABASES)
    assert databases is not None and "arianna-webreport" not in databases
