#!/usr/bin/env bash
# Checks compose/ without a container engine (part of `make test`; `make check-compose` alone):
#  1. Debian's `docker-compose config -q`: the file's syntax, the Compose schema, anchors and
#     merge keys, variable interpolation, named volumes and dependencies between services;
#  2. the same without ARIANNA_SESSION_KEY must fail: the file refuses to start without the key;
#  3. references docker-compose cannot check without an engine: the build context and its
#     Dockerfile exist, each service's command is an executable product of Package.swift, each
#     service publishes and health-checks its own default port (scripts/env.sh), and every
#     ARIANNA_* setting the file passes is one the code reads.
# Not exercised: building the image, pulling apache/kafka, starting anything (no Docker engine).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
FILE=compose/docker-compose.yml
command -v docker-compose >/dev/null || { echo "check-compose: docker-compose missing; run scripts/bootstrap.sh" >&2; exit 1; }

DUMMY_KEY="check-compose-dummy-session-key-0123456789"
ARIANNA_SESSION_KEY="$DUMMY_KEY" docker-compose -f "$FILE" config -q
if env -u ARIANNA_SESSION_KEY docker-compose -f "$FILE" config -q 2>/dev/null; then
  echo "check-compose: $FILE starts without ARIANNA_SESSION_KEY; it must refuse" >&2; exit 1
fi

ports=""
for service in "${SERVICES[@]}"; do ports+="$service=${SERVICE_PORT[$service]} "; done
ARIANNA_SESSION_KEY="$DUMMY_KEY" docker-compose -f "$FILE" config \
  | PORTS="$ports" python3 scripts/check-compose-references.py
echo "compose: $FILE passes docker-compose config and the reference checks (not built or started: no engine)"
