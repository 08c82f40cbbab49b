#!/usr/bin/env bash
# `make restore FROM=DIR`: puts a `make backup` copy in place of an empty data folder
# (ARIANNA_DATA_DIR, default ./data; it may exist but must hold nothing). Stop the system first.
# The broker's data goes back to DATA/broker/s3 for `make run`'s durable broker; each service's
# store and files are put in place by `arianna-<service> --restore-from`, which checks the store's
# integrity and marks unsent again the events sent after the broker copy was taken.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

FROM="${1:?usage: scripts/restore.sh BACKUP-DIR  (make restore FROM=BACKUP-DIR)}"
DATA="${ARIANNA_DATA_DIR:-$ROOT/data}"
[ -d "$FROM" ] || { echo "restore: there is no backup folder $FROM" >&2; exit 1; }
if [ -d "$DATA" ] && [ -n "$(ls -A "$DATA")" ]; then
  echo "restore: $DATA is not empty; restore only into an empty data folder (move it aside first)" >&2; exit 1
fi
BIN="${ARIANNA_BIN_DIR:-$(swift build --show-bin-path)}"
umask 077
mkdir -p "$DATA"

[ -f "$FROM/session.key" ] && cp -p "$FROM/session.key" "$DATA/session.key"
if [ -d "$FROM/broker-s3" ]; then
  mkdir -p "$DATA/broker"
  cp -a "$FROM/broker-s3" "$DATA/broker/s3"
  echo "restore: broker data put back in $DATA/broker/s3"
fi
for service in "${SERVICES[@]}"; do
  if [ ! -f "$FROM/$service/$service.sqlite" ]; then
    echo "restore: the backup has no store of $service: skipped"; continue
  fi
  "$BIN/arianna-$service" --data-dir "$DATA" --log-level warning --restore-from "$FROM"
  echo "restore: $service restored"
done
echo "restore: done; start the system on $DATA (make run with ARIANNA_DATA_DIR=$DATA)"
