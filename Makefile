# The two commands a newcomer needs: `make run` and `make test`. See README.md.
export PKG_CONFIG_PATH := $(CURDIR)/.deps/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH))

.PHONY: run test build bootstrap bench chaos clean-data backup restore check-compose check-anatomy docs-check format

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

bootstrap:
	@bash scripts/bootstrap.sh

build: bootstrap
	swift build

bench: bootstrap
	@bash scripts/bench.sh

# The chaos matrix (scripts/chaos.sh, docs/RELIABILITY.md): CHAOS_TICKETS=10000, CHAOS_ROWS="…".
chaos: bootstrap
	@bash scripts/chaos.sh

clean-data:
	rm -rf data

# An online copy of every store, the broker's data and the session key (scripts/backup.sh);
# `make backup TO=DIR` chooses the folder (default backups/<UTC time>).
backup:
	@bash scripts/backup.sh $(TO)

# Puts a backup in place of an empty data folder: `make restore FROM=DIR` (scripts/restore.sh).
restore:
	@test -n "$(FROM)" || { echo "usage: make restore FROM=<backup folder>" >&2; exit 2; }
	@bash scripts/restore.sh "$(FROM)"

# compose/ checked without a container engine (also part of `make test`).
check-compose:
	@bash scripts/check-compose.sh

# Every service library against docs/ARCHITECTURE.md's anatomy (also part of `make test`).
check-anatomy:
	@python3 scripts/check-anatomy.py

# Every non-private declaration in Services/, Shared/, Benchmarks/ has a `///` comment, read from
# the compiler's symbol graphs (also part of `make test`).
docs-check:
	@bash -c 'source scripts/env.sh && swift build && python3 scripts/check-docs.py'

# Formats every Swift file the way .swift-format says (`make test` fails on any difference).
format:
	swift format format --in-place --parallel --recursive Package.swift Services Shared Tests Benchmarks
