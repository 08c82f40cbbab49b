#!/usr/bin/env bash
# `make chaos`: the chaos matrix of docs/RELIABILITY.md. For each row (scripts/chaos-row.sh) a
# fresh system — broker, SMTP sink, the five services of the release build, in a temporary
# folder — takes CHAOS_TICKETS calls end to end while one fault is injected mid-stream; then the
# row is counted from every store and topic. Prints the table (Markdown) and exits non-zero if
# any row lost or doubled anything, left the flow unfinished, or mismatched the dead-letter set.
#
#   CHAOS_TICKETS=10000   calls per row
#   CHAOS_ROWS="…"        the rows to run (default: all but kill-each, in the order below)
#   CHAOS_DEBUG=1         use the debug build already made (what `make test` runs) instead of
#                         building the release one
#   CHAOS_BROKER=durable  every row on the durable broker (default: memory, faster; the
#                         broker-restart row always uses the durable one)
#   CHAOS_BIN=DIR         the service and bench executables in DIR, built already
#   CHAOS_CONNECTIONS=16  calls the driver keeps in flight (more keeps a durable broker's
#                         hops, about a second each, busy)
#   CHAOS_KEEP=1          keep each row's temporary folder (logs, stores, mails) for a look
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
ALL_ROWS="kill-intake kill-planner kill-notification kill-webreport kill-billing relay-ack-mark broker-restart poison slow-smtp disk-full"
export CHAOS_TICKETS="${CHAOS_TICKETS:-10000}"
ROWS="${CHAOS_ROWS:-$ALL_ROWS}"

if [ -n "${CHAOS_BIN:-}" ]; then
  BIN="$CHAOS_BIN"  # binaries built already (e.g. by an earlier run)
elif [ -n "${CHAOS_DEBUG:-}" ]; then
  BIN="$(swift build --show-bin-path)"
else
  bash scripts/bootstrap.sh
  swift build -c release --scratch-path .build-release
  BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)"
fi
export BIN
export CHAOS_RESULTS
CHAOS_RESULTS="$(mktemp)"
trap 'rm -f "$CHAOS_RESULTS"' EXIT

echo "chaos: $CHAOS_TICKETS calls per row; rows: $ROWS"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); binaries $BIN"
for row in $ROWS; do
  echo "row $row…"
  started=$(date +%s)
  if [ "$row" = disk-full ]; then
    # A size-limited tmpfs over the planner's folder, seen only by this row's processes.
    unshare -m --propagation private bash scripts/chaos-row.sh "$row" || echo "{\"row\": \"$row\", \"failed\": true}" >>"$CHAOS_RESULTS"
  else
    bash scripts/chaos-row.sh "$row" || echo "{\"row\": \"$row\", \"failed\": true}" >>"$CHAOS_RESULTS"
  fi
  echo "row $row: $(( $(date +%s) - started )) s"
done

"${ARIANNA_PYTHON:-/usr/bin/python3}" - "$CHAOS_RESULTS" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
print()
print("| Fault | Calls | Lost | Doubled | Re-sent at the SMTP edge, same Message-ID | Dead letters | Recovery | Redelivered records | Notes |")
print("|---|---:|---:|---:|---:|---|---:|---:|---|")
bad = False
for row in rows:
    if row.get("failed"):
        print("| %s | – | – | – | – | – | – | – | the row did not run to the end (see its log above) |" % row["row"])
        bad = True
        continue
    dead = row["deadLetterCheck"] if row["deadLetterCheck"] != "-" else ("0 (none expected)" if row["deadLetters"] == 0 else "%d UNEXPECTED" % row["deadLetters"])
    recovery = "%.1f s" % (row["recoveryMs"] / 1000) if row.get("recoveryMs") is not None else "–"
    notes = []
    if row["driverStatus"] != 0: notes.append("driver failed")
    if not row["settled"]: notes.append("flow unfinished")
    if row.get("note"): notes.append(row["note"])
    for key, value in sorted({**row["lostDetail"], **{"doubled " + k: v for k, v in row["doubledDetail"].items()}}.items()):
        notes.append("%s: %d" % (key, value))
    # A re-sent email (same job, same Message-ID) is SMTP's at-least-once, not a double in our
    # stores: shown in its own column and not a failure (docs/RELIABILITY.md, "The SMTP edge").
    print("| %s | %d | %d | %d | %d | %s | %s | %d | %s |" % (row["row"], row["tickets"], row["lost"], row["doubled"],
                                                           row.get("resentSameMessageID", 0), dead, recovery,
                                                           row["redeliveredRecords"], "; ".join(notes)))
    bad |= row["lost"] > 0 or row["doubled"] > 0 or row["driverStatus"] != 0 or not row["settled"] \
        or row["deadLetterCheck"] == "MISMATCH" or (row["deadLetterCheck"] == "-" and row["deadLetters"] != 0) or bool(row.get("note"))
sys.exit(1 if bad else 0)
PY
