#!/usr/bin/env bash
# Starts or stops a local Kafka-compatible broker (Tansu) for runs and tests.
#
#   scripts/broker.sh start DIR PORT [durable|memory]   start, wait until it accepts connections
#   scripts/broker.sh stop DIR                           stop what `start DIR` started
#
# durable (default): Tansu keeps topics in an S3 bucket served by localbucket from DIR/s3, so
# they survive a restart. memory: nothing is kept (fast; what the tests use).
#
# `start` also writes DIR/client.properties: the librdkafka settings that suit this storage
# engine (Tansu 0.6 answers an empty fetch only after the client's whole fetch.wait.max.ms, and
# on S3 every fetch lists the partition's objects). Services and benchmarks take them from
#   export ARIANNA_KAFKA_PROPERTIES="$(cat DIR/client.properties)"
# (docs/BENCHMARKS.md, "The broker's latency (issue 13)").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TANSU="$ROOT/.deps/bin/tansu"
LOCALBUCKET="$ROOT/.deps/bin/localbucket.py"
# localbucket with listings that walk only the prefix's folder (see the script).
LOCALBUCKET_SERVE="$ROOT/scripts/localbucket-serve.py"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() { # port seconds what
  local i
  for ((i = 0; i < $2 * 10; i++)); do port_open "$1" && return 0; sleep 0.1; done
  echo "broker.sh: $3 did not open port $1 within $2 s" >&2; return 1
}

stop_pid() { # pidfile
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start DIR PORT [durable|memory] | stop DIR" >&2; exit 2; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

case "$cmd" in
start)
  port=${3:?port}; mode=${4:-durable}
  [ -x "$TANSU" ] || { echo "broker.sh: $TANSU missing; run scripts/bootstrap.sh" >&2; exit 1; }
  if port_open "$port"; then echo "broker.sh: port $port is already in use" >&2; exit 1; fi
  storage="memory://tansu/"
  # memory: a fetch is cheap, so a short wait bounds a new record's delay to ~10 ms (at the cost
  # of ~100 empty fetches a second per idle consumer). durable: every fetch costs S3 listings
  # and a GET on localbucket, so fewer, longer waits keep it from being swamped.
  client_properties="fetch.wait.max.ms=10"
  if [ "$mode" = durable ]; then
    # Tansu 0.6's S3 engine hands the same producer id to several producers (two services got
    # PID{Id:3,Epoch:0}), so idempotent producers mix their sequence numbers and librdkafka stops
    # them with a fatal OUT_OF_ORDER_SEQUENCE_NUMBER (docs/RELIABILITY.md, finding 3). Without
    # idempotence the broker's producer ids are not used; acks=all and librdkafka's retries (until
    # message.timeout.ms) keep every record, and one request in flight per connection keeps a
    # partition's order across a retry. A retried send may store a record twice: every consumer's
    # inbox skips an event id it has seen, so that costs a redelivered record, never a double effect.
    # linger.ms=200: Tansu's S3 engine stores one object per produce request and a fetch returns
    # one object per partition, about 12 fetches a second here; a ticket every 55 ms as its own
    # object left the planner 4 s behind. Waiting up to 200 ms lets a producer put what arrived
    # meanwhile into one object (docs/BENCHMARKS.md, issue 13 (3)): one ticket at a time p99
    # 4.8 s → 0.7 s, a burst of 1,000 drained in 7.4 → 1.8 s.
    client_properties="fetch.wait.max.ms=250 linger.ms=200 enable.idempotence=false acks=all max.in.flight.requests.per.connection=1"
  fi
  if [ "$mode" = durable ]; then
    s3port=$(free_port)
    mkdir -p "$dir/s3/tansu"
    python3 "$LOCALBUCKET_SERVE" "$LOCALBUCKET" "$dir/s3" --host 127.0.0.1 --port "$s3port" >"$dir/localbucket.log" 2>&1 &
    echo $! >"$dir/localbucket.pid"
    wait_port "$s3port" 10 localbucket
    storage="s3://tansu/"
    export AWS_ENDPOINT="http://127.0.0.1:$s3port" AWS_ALLOW_HTTP=true \
      AWS_ACCESS_KEY_ID=arianna AWS_SECRET_ACCESS_KEY=arianna AWS_DEFAULT_REGION=eu-south-1
  fi
  "$TANSU" broker --listener-url "tcp://127.0.0.1:$port" --advertised-listener-url "tcp://127.0.0.1:$port" \
    --storage-engine "$storage" >"$dir/tansu.log" 2>&1 &
  echo $! >"$dir/tansu.pid"
  wait_port "$port" 20 tansu || { tail -20 "$dir/tansu.log" >&2; exit 1; }
  echo "$client_properties" >"$dir/client.properties"
  echo "broker: 127.0.0.1:$port ($mode, logs in $dir, client properties: $client_properties)"
  ;;
stop)
  stop_pid "$dir/tansu.pid"
  stop_pid "$dir/localbucket.pid"
  ;;
*) echo "usage: $0 start DIR PORT [durable|memory] | stop DIR" >&2; exit 2 ;;
esac
