"""The anatomy check itself (scripts/check-anatomy.py), run on small trees made in a temp folder
with the repository's real anatomy table, so a broken checker cannot pass `make test` silently."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
CHECKER = REPOSITORY / "scripts" / "check-anatomy.py"


def run(root: Path) -> subprocess.CompletedProcess:
    """The checker on `root`, as `make test` runs it."""
    return subprocess.run(
        [sys.executable, str(CHECKER), "--root", str(root)], capture_output=True, text=True, timeout=60)


def write(root: Path, relative: str, text: str) -> Path:
    """One Swift file of the temp tree."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A service that keeps the anatomy: the real table, one file per layer."""
    (tmp_path / "docs").mkdir()
    shutil.copy(REPOSITORY / "docs" / "ARCHITECTURE.md", tmp_path / "docs" / "ARCHITECTURE.md")
    library = "Services/Demo/Library/"
    write(tmp_path, library + "DemoService.swift", "public import ServiceKit\nimport Hummingbird\n")
    write(tmp_path, library + "Domain/Rules.swift",
          "import Foundation\npublic import AriannaWording\nimport AriannaProtocol\n"
          "// ProcessInfo.processInfo.environment is only mentioned here, in a comment\n")
    write(tmp_path, library + "Store/DemoStore.swift", "import GRDB\npublic import ServiceKit\n")
    write(tmp_path, library + "Events/DemoEventHandler.swift", "import GRDB\nimport AriannaKafka\n")
    write(tmp_path, library + "Web/Setup/SetupController.swift", "public import Hummingbird\nimport Mustache\nimport GRDB\n")
    write(tmp_path, library + "Adapters/Mail/SMTP.swift", "import CCurl\nimport Hummingbird\n")
    write(tmp_path, "Services/Demo/Main/main.swift", "import Foundation\nlet x = ProcessInfo.processInfo.environment\n")
    return tmp_path


def test_a_tree_that_keeps_the_anatomy_passes(tree: Path) -> None:
    result = run(tree)
    assert result.returncode == 0, result.stderr
    assert "keeps the anatomy" in result.stdout


def test_a_domain_file_importing_servicekit_fails_naming_the_file_and_the_import(tree: Path) -> None:
    write(tree, "Services/Demo/Library/Domain/Refusal.swift", "import Foundation\npublic import ServiceKit\n")
    result = run(tree)
    assert result.returncode == 1
    assert "Services/Demo/Library/Domain/Refusal.swift:2: imports ServiceKit, which Domain/ may not" in result.stderr


def test_the_layers_import_their_own_domain_module_but_not_another_services(tree: Path) -> None:
    write(tree, "Services/Demo/Library/Store/Filing.swift", "import GRDB\nimport DemoDomain\n")
    write(tree, "Services/Demo/Library/Web/Other.swift", "import Hummingbird\nimport BillingDomain\n")
    write(tree, "Services/Demo/Library/Domain/Itself.swift", "import Foundation\nimport DemoDomain\n")
    result = run(tree)
    assert result.returncode == 1
    assert "Filing.swift" not in result.stderr
    assert "Services/Demo/Library/Web/Other.swift:2: imports BillingDomain, which Web/ may not" in result.stderr
    assert "Services/Demo/Library/Domain/Itself.swift:2: imports DemoDomain, which Domain/ may not" in result.stderr


def test_a_store_file_importing_hummingbird_fails(tree: Path) -> None:
    write(tree, "Services/Demo/Library/Store/DemoView.swift", "import GRDB\n@preconcurrency public import Hummingbird\n")
    result = run(tree)
    assert result.returncode == 1
    assert "Store/DemoView.swift:2: imports Hummingbird, which Store/ may not" in result.stderr


def test_reading_the_environment_in_the_library_fails_but_not_in_main(tree: Path) -> None:
    write(tree, "Services/Demo/Library/Store/Settings.swift",
          "import Foundation\nlet group = ProcessInfo.processInfo.environment[\"X\"]\nlet home = getenv(\"HOME\")\n")
    result = run(tree)
    assert result.returncode == 1
    assert "Store/Settings.swift:2: reads the process environment" in result.stderr
    assert "Store/Settings.swift:3: reads the process environment" in result.stderr
    assert "Main/" not in result.stderr.split("configuration comes through")[0]


def test_the_layers_may_import_their_own_domain_module_but_not_another_services(tree: Path) -> None:
    write(tree, "Services/Demo/Library/Store/DemoRecords.swift", "import GRDB\npublic import DemoDomain\n")
    write(tree, "Services/Demo/Library/Web/DemoPage.swift", "import Hummingbird\nimport DemoDomain\nimport OtherDomain\n")
    write(tree, "Services/Demo/Library/Domain/Loop.swift", "import Foundation\nimport DemoDomain\n")
    result = run(tree)
    assert result.returncode == 1
    assert "Store/DemoRecords.swift" not in result.stderr
    assert "Web/DemoPage.swift:2" not in result.stderr
    assert "Web/DemoPage.swift:3: imports OtherDomain, which Web/ may not" in result.stderr
    assert "Domain/Loop.swift:2: imports DemoDomain, which Domain/ may not" in result.stderr


def test_a_feature_folder_beside_the_layers_fails(tree: Path) -> None:
    write(tree, "Services/Demo/Library/Channels/CSV/CSVTable.swift", "import Foundation\n")
    write(tree, "Services/Demo/Library/DemoLogKey.swift", "import Logging\n")
    result = run(tree)
    assert result.returncode == 1
    assert "Services/Demo/Library/Channels/ (1 file): not a layer" in result.stderr
    assert "Services/Demo/Library/DemoLogKey.swift:1: sits at the library's root" in result.stderr


def test_raw_sql_needs_a_reason_line_above_it_unless_in_a_migrations_file(tree: Path) -> None:
    write(tree, "Services/Demo/Library/Store/DemoQueries.swift", """import GRDB

func names(_ db: Database) throws -> [String] {
    try String.fetchAll(db, sql: "SELECT name FROM operatorGroup WHERE active ORDER BY name")
}

/// A doc comment is not a reason.
func count(_ db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0
}

func hot(_ db: Database, id: String) throws -> Bool {
    // Raw SQL stays: a cached statement on the hot path (issue 15).
    let statement = try db.cachedStatement(
        sql: "SELECT EXISTS (SELECT 1 FROM ticket WHERE id = ?)")
    let second = try db.cachedStatement(sql: "SELECT 1")
    _ = second
    return try Bool.fetchOne(statement, arguments: [id]) ?? false
}

func statement() -> (sql: String, arguments: StatementArguments) { ("", []) }
// let old = try Row.fetchAll(db, sql: "SELECT * FROM site")
""")
    write(tree, "Services/Demo/Library/Store/DemoMigrations.swift",
          "import GRDB\nfunc migrate(_ db: Database) throws {\n    try db.execute(sql: \"CREATE TABLE x (id TEXT)\")\n}\n")
    result = run(tree)
    assert result.returncode == 1
    assert "Store/DemoQueries.swift:4: raw SQL with no `// Raw SQL stays: …` line above it" in result.stderr
    assert "Store/DemoQueries.swift:9: raw SQL with no" in result.stderr
    # Covered by the reason above it, the next statement of the run too; a type and a comment are not SQL.
    for line in (15, 16, 21, 22):
        assert f"DemoQueries.swift:{line}:" not in result.stderr
    assert "DemoMigrations.swift" not in result.stderr
    assert result.stderr.count("raw SQL with no") == 2


def test_without_the_anatomy_table_the_checker_refuses_to_pass(tree: Path) -> None:
    (tree / "docs" / "ARCHITECTURE.md").write_text("# Architecture\n\nNo table here.\n", encoding="utf-8")
    result = run(tree)
    assert result.returncode == 2
    assert "may import" in result.stderr
