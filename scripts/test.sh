#!/usr/bin/env bash
# `make test`: bootstrap, build, start a broker on a free port, run every test tier against it,
# stop the broker. Integration and end-to-end tests read ARIANNA_TEST_KAFKA_BROKERS and fail
# (never skip) when it is missing. Then the browser tests (Tests/Browser, pytest + selenium in
# .deps/venv driving Debian's chromium), which fail the same way when anything is missing, and
# the integrators' examples (Tests/Examples runs examples/*.py against the real system).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

ARIANNA_WITH_BROWSER=1 bash scripts/bootstrap.sh
# Early and cheap: the anatomy check's own tests, then the check (docs/ARCHITECTURE.md, "A
# service's anatomy": what each layer may import, no environment read in a library).
echo "the anatomy and documentation checks' own tests, the anatomy check…"
PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 .deps/venv/bin/python -m pytest Tests/Scripts -q -p no:cacheprovider
python3 scripts/check-anatomy.py
# The code's one format (.swift-format; `make format` applies it): fails on any difference.
echo "swift format lint…"
swift format lint --strict --parallel --recursive Package.swift Services Shared Tests Benchmarks
echo "building…"
swift build
swift build --build-tests
bash scripts/check-compose.sh
# Every non-private declaration of Services/, Shared/ and Benchmarks/ has a `///` comment; the
# check reads the compiler's symbol graphs, so it runs after the build.
echo "the documentation check…"
python3 scripts/check-docs.py

BROKER_DIR="$(mktemp -d)/broker"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
trap 'bash scripts/broker.sh stop "$BROKER_DIR"' EXIT
bash scripts/broker.sh start "$BROKER_DIR" "$PORT" memory

export ARIANNA_TEST_KAFKA_BROKERS="127.0.0.1:$PORT"
export ARIANNA_BIN_DIR="$(swift build --show-bin-path)"
if [ $# -eq 0 ]; then
  # Four passes, so the timed tests are not starved of the machine's two cores: the unit and
  # broker-integration tests; the consumer-group split, whose group joins wait on the broker's
  # session timeouts and missed their deadline beside 800 other tests; then the end-to-end
  # tests, which start the real services; then the short chaos run (docs/RELIABILITY.md), which drives five services at full load for minutes.
  swift test --skip '^EndToEndTests\.' --skip 'ConsumerGroupSplitTests'
  echo "consumer-group split tests (two members and a checker joining one group on the broker)…"
  swift test --skip-build --filter 'ConsumerGroupSplitTests'
  echo "end-to-end tests (the real executables)…"
  swift test --skip-build --filter '^EndToEndTests\.' --skip 'ChaosMatrixTests'
  echo "the short chaos run (kill -9 of each service, 1,000 calls)…"
  swift test --skip-build --filter 'ChaosMatrixTests'
else
  swift test "$@"
fi

echo "benchmarks at a tiny size (so none of them rots; the figures mean nothing)…"
BENCH_TINY=1 bash scripts/bench.sh

echo "browser tests…"
[ -x .deps/venv/bin/python ] || { echo "missing .deps/venv: run ARIANNA_WITH_BROWSER=1 bash scripts/bootstrap.sh" >&2; exit 1; }
.deps/venv/bin/python -m pytest Tests/Browser -q

# The HTTP contract (docs/openapi/): every document valid OpenAPI 3.1 and served, and
# schemathesis fuzzing each service's JSON API against its document (no 5xx, nothing off-schema).
echo "HTTP contract tests…"
.deps/venv/bin/python -m pytest Tests/Contract -q

# The integrators' examples (examples/: call centre, external planner, accounting), each against
# the five executables and this broker; an example exits non-zero when it meets anything else
# than docs/asyncapi.yaml and the README say.
echo "integrator examples…"
.deps/venv/bin/python -m pytest Tests/Examples -q
