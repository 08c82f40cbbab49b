"""The durable broker's bucket server (scripts/localbucket-serve.py) against localbucket itself.

Both serve the same folder: every write and delete goes through the patched server (as Tansu's
do), and every listing must come back from it byte for byte as the pinned localbucket, reading
the folder afresh, sends it. So an index that misses a write, keeps a deleted object, pages or
escapes differently, fails here."""

import base64
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
LOCALBUCKET = REPOSITORY / ".deps" / "bin" / "localbucket.py"
SERVE = REPOSITORY / "scripts" / "localbucket-serve.py"
RECORDS = "clusters/c/topics/t/partitions/0000000000/records/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: list[str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(command + ["--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{command[1]} did not listen on {port}")


def request(port: int, method: str, path: str, body: bytes = b"", headers=None) -> tuple[int, bytes]:
    call = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body if method == "PUT" else None,
                                  method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(call, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Servers:
    """localbucket as pinned (`plain`) and as the durable broker runs it (`patched`), on one folder."""

    def __init__(self, plain: int, patched: int):
        self.plain, self.patched = plain, patched

    def put(self, key: str, body: bytes = b"x", headers=None) -> int:
        return request(self.patched, "PUT", "/tansu/" + urllib.parse.quote(key), body, headers)[0]

    def delete(self, key: str) -> int:
        return request(self.patched, "DELETE", "/tansu/" + urllib.parse.quote(key))[0]

    def listing(self, **query: str) -> bytes:
        """One ListObjectsV2 page from both servers, which must be the same bytes."""
        path = "/tansu?" + urllib.parse.urlencode({"list-type": "2", **query})
        plain, patched = request(self.plain, "GET", path), request(self.patched, "GET", path)
        assert patched == plain, f"{path}\npatched: {patched}\nlocalbucket: {plain}"
        return patched[1]

    def every_page(self, **query: str) -> list[bytes]:
        """Every page of a listing, following the continuation tokens."""
        pages = [self.listing(**query)]
        while b"<NextContinuationToken>" in pages[-1]:
            token = pages[-1].split(b"<NextContinuationToken>")[1].split(b"<")[0].decode()
            pages.append(self.listing(**query, **{"continuation-token": token}))
        return pages


@pytest.fixture
def servers(tmp_path: Path):
    assert LOCALBUCKET.is_file(), f"{LOCALBUCKET} missing: run scripts/bootstrap.sh"
    (tmp_path / "tansu").mkdir()
    plain_port, patched_port = free_port(), free_port()
    plain = start([sys.executable, str(LOCALBUCKET), str(tmp_path)], plain_port)
    patched = start([sys.executable, str(SERVE), str(LOCALBUCKET), str(tmp_path)], patched_port)
    try:
        yield Servers(plain_port, patched_port)
    finally:
        for process in (plain, patched):
            process.kill()
            process.wait()


def batch(offset: int) -> str:
    return f"{RECORDS}{offset:020d}.batch"


def keys(pages: list[bytes]) -> list[str]:
    return [part.split(b"</Key>")[0].decode() for page in pages for part in page.split(b"<Key>")[1:]]


def test_a_partition_of_thousands_pages_as_localbucket_does(servers: Servers):
    for offset in range(0, 2_600):
        assert servers.put(batch(offset), offset.to_bytes(4, "big")) == 200
    servers.put("clusters/c/topics/t/partitions/0000000000/watermark.json", b"{}")
    pages = servers.every_page(prefix=RECORDS)
    assert len(pages) == 3
    assert keys(pages) == [batch(offset) for offset in range(2_600)]


def test_writes_overwrites_and_deletes_are_seen_at_once(servers: Servers):
    for offset in (5, 1, 3):
        servers.put(batch(offset))
    assert keys(servers.every_page(prefix=RECORDS)) == [batch(1), batch(3), batch(5)]
    servers.put(batch(2))
    servers.put(batch(3), b"rewritten, so a new size and ETag")
    assert servers.delete(batch(5)) == 204
    assert keys(servers.every_page(prefix=RECORDS)) == [batch(1), batch(2), batch(3)]
    for offset in (1, 2, 3):
        servers.delete(batch(offset))
    assert keys(servers.every_page(prefix=RECORDS)) == []
    servers.put(batch(9))
    assert keys(servers.every_page(prefix=RECORDS)) == [batch(9)]


def test_a_refused_conditional_write_changes_nothing(servers: Servers):
    servers.put(batch(1), b"first")
    servers.listing(prefix=RECORDS)
    assert servers.put(batch(1), b"second", {"If-None-Match": "*"}) == 412
    assert servers.put(batch(2), b"new", {"If-None-Match": "*"}) == 200
    assert keys(servers.every_page(prefix=RECORDS)) == [batch(1), batch(2)]


def test_markers_name_prefixes_and_small_pages(servers: Servers):
    for offset in range(0, 40):
        servers.put(batch(offset))
    servers.put("clusters/c/topics/u/partitions/0000000000/records/00000000000000000000.batch")
    for query in (
        {"prefix": RECORDS + "0000000000000000001"},
        {"prefix": RECORDS, "max-keys": "7"},
        {"prefix": RECORDS, "max-keys": "0"},
        {"prefix": RECORDS, "start-after": batch(17)},
        {"prefix": RECORDS, "start-after": batch(17) + "x"},
        {"prefix": RECORDS, "start-after": "clusters/a"},
        {"prefix": RECORDS, "start-after": "clusters/z"},
        {"prefix": RECORDS, "start-after": RECORDS[:-1]},
        {"prefix": RECORDS + "nothing"},
        {"prefix": "clusters/c/topics/missing/records/"},
    ):
        servers.every_page(**query)
    token = base64.urlsafe_b64encode(b"K:" + batch(30).encode()).decode()
    servers.listing(prefix=RECORDS, **{"continuation-token": token})
    servers.listing(prefix=RECORDS, **{"continuation-token": "not a token"})


def test_folders_with_subfolders_delimiters_and_odd_prefixes_list_the_slow_way_alike(servers: Servers):
    for offset in range(0, 5):
        servers.put(batch(offset))
    servers.listing(prefix=RECORDS)  # indexed as a leaf …
    servers.put(RECORDS + "nested/one.batch")  # … until a subfolder appears under it
    assert RECORDS + "nested/one.batch" in keys(servers.every_page(prefix=RECORDS))
    servers.put("clusters/c/meta.json", b"{}")
    for query in (
        {"prefix": "clusters/c/"},
        {"prefix": "clusters/c/", "delimiter": "/"},
        {"prefix": RECORDS, "encoding-type": "url"},
        {"prefix": "clusters/c/topics/t/partitions/0000000000/../0000000000/records/"},
        {"prefix": ""},
    ):
        servers.every_page(**query)
