#!/usr/bin/env bash
# `make backup [TO=DIR]`: an online, consistent copy of everything `make run` keeps, taken while
# the system runs (docs/SECURITY.md, "Backups"). DIR defaults to backups/<UTC time>; it must not
# exist or be empty. The data folder is ARIANNA_DATA_DIR (default ./data), the executables
# ARIANNA_BIN_DIR (default: `swift build --show-bin-path`).
#
#  1. the durable broker's data (Tansu's S3 bucket as local files in DATA/broker/s3; localbucket
#     writes each object by rename, so every copied object is whole) and the moment it was taken
#     (DIR/broker-copied-at): events the stores mark sent after it may be missing from the copy,
#     so a restore sends them again (consumers drop what they already applied: the inbox);
#  2. the session signing key (DATA/session.key), unless it comes from ARIANNA_SESSION_KEY;
#  3. each service's store through SQLite's online backup API (`arianna-<service> --backup-to`),
#     checked with PRAGMA integrity_check, then the service's other files (attachments, photos).
# The copy holds personal data and the signing key: it is created readable by its owner only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

DATA="${ARIANNA_DATA_DIR:-$ROOT/data}"
TO="${1:-$ROOT/backups/$(date -u +%Y%m%dT%H%M%SZ)}"
[ -d "$DATA" ] || { echo "backup: there is no data folder $DATA" >&2; exit 1; }
if [ -d "$TO" ] && [ -n "$(ls -A "$TO")" ]; then echo "backup: $TO is not empty; choose a new folder" >&2; exit 1; fi
BIN="${ARIANNA_BIN_DIR:-$(swift build --show-bin-path)}"
umask 077
mkdir -p "$TO"

if [ -d "$DATA/broker/s3" ]; then
  # The moment is noted before copying: an event sent while the copy runs counts as after it.
  date -u +%Y-%m-%dT%H:%M:%SZ >"$TO/broker-copied-at.tmp"
  cp -a "$DATA/broker/s3" "$TO/broker-s3"
  mv "$TO/broker-copied-at.tmp" "$TO/broker-copied-at"
  echo "backup: broker data copied (as of $(cat "$TO/broker-copied-at"))"
else
  echo "backup: no durable broker data in $DATA/broker/s3 (a memory broker, or Kafka elsewhere): not copied;" \
       "the stores' outboxes keep every event they published"
fi
[ -f "$DATA/session.key" ] && cp -p "$DATA/session.key" "$TO/session.key"

for service in "${SERVICES[@]}"; do
  if [ ! -f "$DATA/$service/$service.sqlite" ]; then
    echo "backup: $service has no store in $DATA/$service: skipped"; continue
  fi
  "$BIN/arianna-$service" --data-dir "$DATA" --log-level warning --backup-to "$TO"
  echo "backup: $service copied"
done
{
  echo "Arianna backup taken $(date -u +%Y-%m-%dT%H:%M:%SZ) from $DATA"
  echo "Restore into an empty data folder: make restore FROM=$TO (ARIANNA_DATA_DIR names the folder)."
} >"$TO/README.txt"
echo "backup: done in $TO"
