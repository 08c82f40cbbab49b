#!/usr/bin/env python3
"""The anatomy check (`make test`): every service library keeps the shape of docs/ARCHITECTURE.md.

Reads the table of "A service's anatomy" in docs/ARCHITECTURE.md (folder -> modules it may
import; "the above" adds the rows before it) and every `Services/*/Library/**.swift`, and fails,
naming the file, the line and the module, when:

- a file imports a module its layer folder may not (a `Domain/` file importing `ServiceKit`);
  the service's own `<Name>Domain` (its `Domain/` folder as a module, Package.swift's
  `domainModule`) counts as part of "the above" for every layer but `Domain/`;
- a file sits in a top-level folder that is not a layer (`Channels/` instead of `Adapters/Channels/`),
  or at the library's root without being the `<Name>Service.swift` definition;
- the library reads the process environment (`ProcessInfo.processInfo.environment`, `getenv`):
  configuration comes only through `ServiceOptions` in `Main/`;
- a `sql:` argument (raw SQL: `db.execute(sql:)`, `Row.fetchAll(db, sql:)`, `db.cachedStatement(sql:)`…)
  has no `//` comment line (a `///` doc comment does not count) within the 4 lines above it, saying
  why it is not GRDB's query interface (`// Raw SQL stays: …`). One comment covers consecutive
  statements: a `sql:` within 12 lines after a covered `sql:` is covered too. Files named
  `*Migrations*`, or in such a folder (the stores' DDL), are exempt; `sql: String` (a parameter's
  or a tuple's type) is not an argument.

Usage: scripts/check-anatomy.py [--root DIR]   (DIR defaults to the repository root)
Exit status 0 when the tree keeps the anatomy, 1 when it does not, 2 when the table is missing.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# `import X`, `public import X`, `@_exported import X`, `import struct X.Y`, `@testable import X`.
IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*"
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?"
    r"([A-Za-z_]\w*)"
)
# Reading the process environment, the ways Swift code can.
ENVIRONMENT = re.compile(r"\bProcessInfo\s*(?:\.\s*processInfo|\(\s*\))\s*\.\s*environment\b|\bgetenv\s*\(")
# A raw SQL argument; `sql: String` is a declaration's type, not an argument.
RAW_SQL = re.compile(r"\bsql:(?!\s*String\b)")
# A plain `//` comment line (not a `///` doc comment): the reason raw SQL stays.
REASON = re.compile(r"^\s*//(?!/)")
REASON_REACH = 4  # lines above a `sql:` its reason may sit
RUN_REACH = 12  # lines after a covered `sql:` within which the next one shares its reason
BACKTICKED = re.compile(r"`([^`]+)`")
MODULE_NAME = re.compile(r"^[A-Za-z_]\w*$")
TABLE_HEADER = re.compile(r"^\|\s*folder\s*\|\s*holds\s*\|\s*may import\s*\|\s*$")
SERVICE_FILE = "<Name>Service.swift"
EVERYTHING = None  # the definition file may import anything
NOT_A_LAYER = "not a layer"  # reported once per folder, see `report`


class TableMissing(Exception):
    """The anatomy section has no table this script can read."""


@dataclass(frozen=True)
class Violation:
    """One place where a library leaves the anatomy: the file, its line, and why."""

    path: Path
    line: int
    reason: str

    def render(self, root: Path) -> str:
        """`path:line: reason`, the path relative to the repository."""
        return f"{self.path.relative_to(root)}:{self.line}: {self.reason}"


def read_rules(architecture: Path) -> dict[str, set[str] | None]:
    """Folder (`Domain/`, …, `<Name>Service.swift`) -> modules it may import, from the table."""
    lines = architecture.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if TABLE_HEADER.match(line)), None)
    if start is None:
        raise TableMissing(f"{architecture}: no '| folder | holds | may import |' table in 'A service's anatomy'")
    rules: dict[str, set[str] | None] = {}
    above: set[str] = set()
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3:
            continue
        folder = BACKTICKED.findall(cells[0])
        if not folder:
            continue
        allowed_text = cells[-1]
        if folder[0] == SERVICE_FILE or allowed_text.lower().startswith("everything"):
            rules[folder[0]] = EVERYTHING
            continue
        modules = {name for name in BACKTICKED.findall(allowed_text) if MODULE_NAME.match(name)}
        if "the above" in allowed_text:
            modules |= above
        rules[folder[0]] = modules
        above = modules
    if not any(name.endswith("/") for name in rules):
        raise TableMissing(f"{architecture}: the anatomy table names no folder")
    return rules


def code_lines(text: str) -> list[str]:
    """The file's lines with comments blanked (line numbers kept), so prose cannot trip a rule."""
    text = re.sub(r"/\*.*?\*/", lambda match: "\n" * match.group(0).count("\n"), text, flags=re.S)
    return [re.sub(r"//.*$", "", line) for line in text.splitlines()]


def check_file(path: Path, library: Path, service: str, rules: dict[str, set[str] | None]) -> list[Violation]:
    """What is wrong with one library file."""
    relative = path.relative_to(library)
    text = path.read_text(encoding="utf-8")
    lines = code_lines(text)
    found: list[Violation] = []
    if len(relative.parts) == 1:
        if relative.name == f"{service}Service.swift":
            allowed = rules.get(SERVICE_FILE, EVERYTHING)
            where = SERVICE_FILE
        else:
            found.append(Violation(path, 1, f"sits at the library's root; only {service}Service.swift may (move it into a layer)"))
            allowed, where = EVERYTHING, ""
    else:
        where = relative.parts[0] + "/"
        if where not in rules:
            found.append(Violation(path, 0, NOT_A_LAYER))
            allowed = EVERYTHING
        else:
            allowed = rules[where]
    # The service's Domain/ folder, when it is a module of its own, is imported by the other layers.
    own_domain = f"{service}Domain" if where != "Domain/" else None
    for number, line in enumerate(lines, start=1):
        match = IMPORT.match(line)
        if match and allowed is not EVERYTHING and match.group(1) not in allowed and match.group(1) != own_domain:
            found.append(Violation(
                path, number, f"imports {match.group(1)}, which {where} may not (allowed: {', '.join(sorted(allowed))})"))
        if ENVIRONMENT.search(line):
            found.append(Violation(
                path, number, "reads the process environment; configuration comes through ServiceOptions in Main/"))
    if not any("Migrations" in part for part in relative.parts):
        found += unexplained_sql(path, text.splitlines(), lines)
    return found


def unexplained_sql(path: Path, raw: list[str], lines: list[str]) -> list[Violation]:
    """Each raw `sql:` argument with no `//` line saying why within the 4 lines above it (or
    within 12 lines after a covered one): plain reads and writes use records and the query interface."""
    found: list[Violation] = []
    last_covered: int | None = None
    for index, line in enumerate(lines):
        if not RAW_SQL.search(line):
            continue
        above = raw[max(0, index - REASON_REACH):index]
        covered = any(REASON.match(previous) for previous in above) or (
            last_covered is not None and index - last_covered <= RUN_REACH)
        if covered:
            last_covered = index
        else:
            found.append(Violation(
                path, index + 1,
                "raw SQL with no `// Raw SQL stays: …` line above it; use the record's Columns and the query interface,"
                " or say why it stays (hot, FTS5, keyset row values, aggregate, DDL)"))
    return found


def check(root: Path) -> list[Violation]:
    """Every violation in `root`'s service libraries, in path order."""
    rules = read_rules(root / "docs" / "ARCHITECTURE.md")
    found: list[Violation] = []
    for library in sorted((root / "Services").glob("*/Library")):
        service = library.parent.name
        for path in sorted(library.rglob("*.swift")):
            found += check_file(path, library, service, rules)
    return found


def report(found: list[Violation], root: Path) -> list[str]:
    """One line per violation, except that a folder outside the layers is named once, with its
    file count, rather than once per file."""
    lines: list[str] = []
    folders: dict[Path, int] = {}
    for violation in found:
        if violation.reason == NOT_A_LAYER:
            library = next(parent for parent in violation.path.parents if parent.name == "Library")
            folder = library / violation.path.relative_to(library).parts[0]
            folders[folder] = folders.get(folder, 0) + 1
        else:
            lines.append(violation.render(root))
    for folder, count in folders.items():
        lines.append(
            f"{folder.relative_to(root)}/ ({count} file{'' if count == 1 else 's'}): not a layer (Domain/, Store/, Events/, Web/, Adapters/);"
            " a feature is a sub-folder inside a layer")
    return lines


def main(arguments: list[str]) -> int:
    """Runs the check and prints each violation on its own line."""
    parser = argparse.ArgumentParser(description="Checks every service library against docs/ARCHITECTURE.md's anatomy.")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    options = parser.parse_args(arguments)
    root = options.root.resolve()
    try:
        found = check(root)
    except TableMissing as problem:
        print(f"check-anatomy: {problem}", file=sys.stderr)
        return 2
    lines = report(found, root)
    for line in lines:
        print(line, file=sys.stderr)
    if found:
        print(f"check-anatomy: {len(lines)} problem(s) with 'A service's anatomy' (docs/ARCHITECTURE.md)", file=sys.stderr)
        return 1
    print("check-anatomy: every service library keeps the anatomy")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
