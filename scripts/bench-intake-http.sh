#!/usr/bin/env bash
# Intake's HTTP channel at full speed (issue 13): logs in as the administrator, then `wrk`
# (Debian's) opens tickets with `POST /api/tickets`, unpaced, on CONNECTIONS connections for
# DURATION (scripts/bench-intake-http.lua gives every request its own Idempotency-Key and
# prints tickets/s and p50/p90/p99). Usage: bench-intake-http.sh INTAKE_URL CONNECTIONS DURATION
set -euo pipefail
intake="$1"; connections="$2"; duration="$3"
token="$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"${ARIANNA_ADMIN_PASSWORD:-arianna-admin}\"}" "$intake/api/sessions" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
threads=$(( connections < 2 ? 1 : 2 ))
echo "intake HTTP: wrk, $connections connections, $threads threads, $duration, unpaced"
ARIANNA_BENCH_TOKEN="$token" wrk --threads "$threads" --connections "$connections" --duration "$duration" \
  --timeout 10s --script "$(dirname "${BASH_SOURCE[0]}")/bench-intake-http.lua" "$intake" -- "$(date +%s)-$RANDOM"
