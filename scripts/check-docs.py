#!/usr/bin/env python3
"""The documentation check (`make test`, `make docs-check`): every non-private declaration of
the project's own code has a `///` comment.

Reads the compiler's symbol graphs, not the source text, so a declaration is what Swift says it
is (no guessing at attributes, locals or multi-line signatures):

- library modules: `swift package dump-symbol-graph --minimum-access-level internal
  --skip-synthesized-members` (writes `.build/<triple>/symbolgraph/<Module>.symbols.json`);
- executable modules (`arianna-bench`, `arianna-intake`, …), which that command skips:
  `swift-symbolgraph-extract` on the `.swiftmodule` the build left in `.build/…/Modules`, with
  the search paths, module maps and clang flags of the target's own compile command in SwiftPM's
  build description (`.build/<triple>/debug/description.json`). Run it after `swift build`.

A symbol counts when it has a source location under `Services/`, `Shared/` or `Benchmarks/` and
an access level other than private/fileprivate; it is a gap when it has no doc comment (a
protocol witness that inherits its requirement's comment is documented; synthesized members
have no location and do not count).

Usage: scripts/check-docs.py [--root DIR] [--graphs DIR ...]
  --graphs: read the `*.symbols.json` files of these folders instead of producing them (tests).
Prints `path:line: kind Name` per gap. Exit status 0 when nothing is missing, 1 when something
is, 2 when the symbol graphs could not be produced.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHECKED_FOLDERS = ("Services/", "Shared/", "Benchmarks/")
NOT_CHECKED_ACCESS = {"private", "fileprivate"}
# Flags of a compile command that take the next argument with them, and those that carry it.
PAIRED_FLAGS = {"-Xcc", "-I", "-F", "-module-cache-path", "-target", "-sdk", "-resource-dir"}
JOINED_FLAGS = ("-I", "-F")


def gaps_in(graph: dict, root: Path) -> set[tuple[str, int, str, str]]:
    """The undocumented symbols of one symbol graph: (path relative to root, line, kind, name)."""
    found = set()
    for symbol in graph.get("symbols", []):
        location = symbol.get("location")
        if not location:
            continue  # synthesized (memberwise init, CodingKeys conformances, …)
        if symbol.get("accessLevel") in NOT_CHECKED_ACCESS:
            continue
        relative = relative_path(location.get("uri", ""), root)
        if relative is None or not relative.startswith(CHECKED_FOLDERS):
            continue
        comment = symbol.get("docComment") or {}
        if any(line.get("text", "").strip() for line in comment.get("lines", [])):
            continue
        line = location.get("position", {}).get("line", 0) + 1
        found.add((relative, line, symbol["kind"]["identifier"], ".".join(symbol.get("pathComponents", []))))
    return found


def relative_path(uri: str, root: Path) -> str | None:
    """`file:///…/Shared/X.swift` as `Shared/X.swift` when it lies under root, else None."""
    if not uri.startswith("file://"):
        return None
    path = Path(uri[len("file://"):])
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def read_graphs(folders: list[Path], root: Path) -> set[tuple[str, int, str, str]]:
    """The gaps of every `*.symbols.json` in `folders` (extension graphs `A@B` included)."""
    found = set()
    for folder in folders:
        for file in sorted(folder.glob("*.symbols.json")):
            found |= gaps_in(json.loads(file.read_text(encoding="utf-8")), root)
    return found


def run(command: list[str], root: Path) -> subprocess.CompletedProcess:
    """A toolchain command in root; its output is shown only when it fails."""
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


def library_graphs(root: Path) -> Path:
    """Dumps the library modules' symbol graphs; returns the folder they were written to."""
    bin_path = Path(run(["swift", "build", "--show-bin-path"], root).stdout.strip())
    folder = bin_path.parent / "symbolgraph"
    shutil.rmtree(folder, ignore_errors=True)  # no graph of a module that no longer exists
    result = run(
        ["swift", "package", "dump-symbol-graph", "--minimum-access-level", "internal",
         "--skip-synthesized-members"], root)
    written = re.search(r"Files written to (\S+)", result.stdout + result.stderr)
    if result.returncode != 0 or not written:
        raise RuntimeError("swift package dump-symbol-graph failed:\n" + result.stdout + result.stderr)
    return Path(written.group(1))


def extractor_flags(arguments: list[str]) -> list[str]:
    """From a compile command's arguments, those `swift-symbolgraph-extract` needs to load the
    module's imports: search paths, clang module maps and flags, target, module cache."""
    flags, index = [], 0
    while index < len(arguments):
        argument = arguments[index]
        if argument in PAIRED_FLAGS and index + 1 < len(arguments):
            flags += [argument, arguments[index + 1]]
            index += 2
            continue
        if argument.startswith(JOINED_FLAGS) and argument not in PAIRED_FLAGS:
            flags.append(argument)
        index += 1
    return flags


def executable_graphs(root: Path, output: Path) -> Path:
    """Extracts the symbol graphs of the project's executable modules into `output`."""
    bin_path = Path(run(["swift", "build", "--show-bin-path"], root).stdout.strip()).resolve()
    description = json.loads((bin_path / "description.json").read_text(encoding="utf-8"))
    extractor = shutil.which("swift-symbolgraph-extract")
    if extractor is None:
        raise RuntimeError("swift-symbolgraph-extract is not on PATH (it ships with the toolchain)")
    for command in description["swiftCommands"].values():
        sources = [Path(source) for source in command.get("sources", [])]
        if command.get("isLibrary", True) or not sources:
            continue
        if not all(relative_path("file://" + str(source), root) for source in sources):
            continue  # an executable of a dependency
        if not all(relative_path("file://" + str(s), root).startswith(CHECKED_FOLDERS) for s in sources):
            continue
        module = command["moduleName"]
        result = run(
            [extractor, "-module-name", module, "-I", command["importPath"],
             "-minimum-access-level", "internal", "-skip-synthesized-members", "-output-dir", str(output)]
            + extractor_flags(command.get("otherArguments", [])), root)
        if result.returncode != 0 or not (output / f"{module}.symbols.json").exists():
            raise RuntimeError(f"swift-symbolgraph-extract failed on {module}:\n{result.stdout}{result.stderr}")
    return output


def main() -> int:
    """Checks the tree; prints the gaps, sorted by file and line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--graphs", type=Path, nargs="+")
    options = parser.parse_args()
    root = options.root.resolve()
    with tempfile.TemporaryDirectory(prefix="check-docs-") as scratch:
        try:
            folders = options.graphs or [library_graphs(root), executable_graphs(root, Path(scratch))]
        except (RuntimeError, OSError, KeyError, json.JSONDecodeError) as failure:
            print(f"check-docs: could not read the symbol graphs: {failure}", file=sys.stderr)
            return 2
        gaps = read_graphs(folders, root)
    for path, line, kind, name in sorted(gaps):
        print(f"{path}:{line}: {kind} {name}")
    if gaps:
        print(f"check-docs: {len(gaps)} non-private declarations without a /// comment", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
