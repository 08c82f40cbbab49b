"""The documentation check itself (scripts/check-docs.py), run on a tiny symbol graph written in
a temp folder, so a checker that reports too little (or too much) cannot pass `make test`."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
CHECKER = REPOSITORY / "scripts" / "check-docs.py"


def symbol(name: str, access: str, path: str | None, line: int, doc: str | None = None,
           kind: str = "swift.property", doc_module: str = "Demo") -> dict:
    """One symbol as the compiler writes it: location and doc comment only when given."""
    entry = {
        "kind": {"identifier": kind, "displayName": "Property"},
        "identifier": {"precise": "s:Demo" + name, "interfaceLanguage": "swift"},
        "pathComponents": name.split("."),
        "names": {"title": name.split(".")[-1]},
        "accessLevel": access,
    }
    if path is not None:
        entry["location"] = {"uri": "file://" + path, "position": {"line": line - 1, "character": 4}}
    if doc is not None:
        entry["docComment"] = {"module": doc_module, "lines": [{"text": doc}]}
    return entry


def graph(root: Path, symbols: list[dict]) -> Path:
    """A folder holding one module's symbol graph."""
    folder = root / "graphs"
    folder.mkdir()
    document = {"metadata": {}, "module": {"name": "Demo"}, "symbols": symbols, "relationships": []}
    (folder / "Demo.symbols.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


def run(root: Path, folder: Path) -> subprocess.CompletedProcess:
    """The checker on the prepared graphs, as `make test` runs it."""
    return subprocess.run(
        [sys.executable, str(CHECKER), "--root", str(root), "--graphs", str(folder)],
        capture_output=True, text=True, timeout=60)


def test_only_the_undocumented_symbol_is_reported(tmp_path: Path) -> None:
    source = str(tmp_path / "Shared" / "Demo" / "Ticket.swift")
    folder = graph(tmp_path, [
        symbol("Ticket.number", "internal", source, 3, doc="The ticket's yearly number, for the call list."),
        symbol("Ticket.summary", "package", source, 5),
        symbol("Ticket.cache", "private", source, 7),
        symbol("Ticket.init(number:summary:)", "internal", None, 0, kind="swift.init"),
    ])
    result = run(tmp_path, folder)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["Shared/Demo/Ticket.swift:5: swift.property Ticket.summary"]


def test_a_documented_tree_passes(tmp_path: Path) -> None:
    source = str(tmp_path / "Services" / "Demo" / "Library" / "Domain" / "Call.swift")
    folder = graph(tmp_path, [
        symbol("Call.id", "public", source, 2, doc="The call's id, the key of every event about it."),
        # A protocol witness documented at its requirement, in another module.
        symbol("Call.description", "internal", source, 4, doc="A textual representation.", doc_module="Swift"),
        symbol("Call.hidden", "fileprivate", source, 6),
    ])
    result = run(tmp_path, folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_code_outside_the_checked_folders_and_blank_comments(tmp_path: Path) -> None:
    folder = graph(tmp_path, [
        symbol("Fixture.rome", "internal", str(tmp_path / "Tests" / "Support" / "Rome.swift"), 1),
        symbol("Dependency.x", "public", "/elsewhere/Shared/X.swift", 1),
        symbol("Bench.count", "internal", str(tmp_path / "Benchmarks" / "bench" / "Bench.swift"), 9, doc="  "),
    ])
    result = run(tmp_path, folder)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["Benchmarks/bench/Bench.swift:9: swift.property Bench.count"]


def test_compile_flags_kept_for_the_extractor() -> None:
    spec = importlib.util.spec_from_file_location("check_docs", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    arguments = [
        "-target", "x86_64-unknown-linux-gnu", "-incremental", "-Onone", "-DDEBUG",
        "-Xcc", "-fmodule-map-file=/b/CNIOLinux.build/module.modulemap", "-Xcc", "-I", "-Xcc", "/c/include",
        "-I/deps/librdkafka/include", "-module-cache-path", "/b/ModuleCache", "-swift-version", "6",
        "-enable-upcoming-feature", "InternalImportsByDefault", "-package-name", "main",
    ]
    assert module.extractor_flags(arguments) == [
        "-target", "x86_64-unknown-linux-gnu",
        "-Xcc", "-fmodule-map-file=/b/CNIOLinux.build/module.modulemap", "-Xcc", "-I", "-Xcc", "/c/include",
        "-I/deps/librdkafka/include", "-module-cache-path", "/b/ModuleCache",
    ]
