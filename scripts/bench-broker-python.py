#!/usr/bin/env python3
"""The raw broker round trip with the Python confluent-kafka client (issue 13).

The same measurement as `arianna-bench broker`, with another client on the same broker in the
same run: produce one small record (idempotent, acks=all), time until a consumer of its own
group receives it; one record every --pace ms after the previous delivery report. If this
client sees the same latency as ours, the figure is the broker's; if it is lower, ours adds it.

    .deps/venv/bin/python scripts/bench-broker-python.py --brokers 127.0.0.1:9092 --count 1000
    ... --producer linger.ms=0 --consumer fetch.wait.max.ms=10   (librdkafka properties)

confluent-kafka bundles its own librdkafka (printed first), independent of .deps/librdkafka.
"""
import argparse
import math
import sys
import threading
import time
import uuid

import confluent_kafka
from confluent_kafka import Consumer, Producer
from confluent_kafka.admin import AdminClient, NewTopic

# The settings our Swift client uses (Shared/Kafka: KafkaProducer, KafkaConsumerConfiguration),
# so that the two clients are compared like for like; --producer/--consumer override them.
PRODUCER = {"enable.idempotence": "true", "acks": "all", "linger.ms": "0",
            "socket.nagle.disable": "true", "message.timeout.ms": "30000"}
CONSUMER = {"enable.auto.commit": "true", "auto.offset.reset": "earliest",
            "fetch.wait.max.ms": "100", "socket.nagle.disable": "true",
            "session.timeout.ms": "6000", "heartbeat.interval.ms": "2000"}


def properties(pairs):
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            sys.exit(f"bench-broker-python: expected key=value, got {pair!r}")
        result[key] = value
    return result


def percentile(sorted_values, fraction):
    # The nearest-rank rule of Benchmarks/arianna-bench/Percentiles.swift.
    index = min(len(sorted_values) - 1, max(0, math.ceil(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brokers", default="127.0.0.1:9092")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--pace", type=float, default=2, help="pause between records, ms")
    parser.add_argument("--producer", action="append", default=[], help="librdkafka property key=value")
    parser.add_argument("--consumer", action="append", default=[], help="librdkafka property key=value")
    args = parser.parse_args()

    topic = f"bench.roundtrip.py.{uuid.uuid4().hex[:8]}"
    admin = AdminClient({"bootstrap.servers": args.brokers})
    for future in admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)]).values():
        future.result(timeout=30)

    producer = Producer({"bootstrap.servers": args.brokers, "client.id": "bench-python",
                         **PRODUCER, **properties(args.producer)})
    consumer = Consumer({"bootstrap.servers": args.brokers, "client.id": "bench-python",
                         "group.id": f"{topic}.group", **CONSUMER, **properties(args.consumer)})
    consumer.subscribe([topic])

    origin = time.monotonic_ns()
    samples = []
    done = threading.Event()

    def receive():
        # Warm-up record first (group join, first fetch), then the timed ones.
        while len(samples) < args.count + 1:
            message = consumer.poll(0.1)
            if message is None:
                continue
            if message.error():
                print(f"bench-broker-python: {message.error()}", file=sys.stderr)
                continue
            received = time.monotonic_ns() - origin
            samples.append((received - int(message.value())) / 1e6)
        done.set()

    receiver = threading.Thread(target=receive, daemon=True)
    receiver.start()

    acknowledged = []  # produce → delivery report, ms: the broker's write path alone

    def send(payload):
        started = time.monotonic_ns()
        delivered = threading.Event()
        failure = []

        def report(error, _message):
            if error is not None:
                failure.append(error)
            delivered.set()

        producer.produce(topic, value=payload, on_delivery=report)
        while not delivered.is_set():
            producer.poll(0.05)
        if failure:
            sys.exit(f"bench-broker-python: delivery failed: {failure[0]}")
        acknowledged.append((time.monotonic_ns() - started) / 1e6)

    send(str(time.monotonic_ns() - origin).encode())  # warm-up
    warm_up_deadline = time.monotonic() + 30
    while len(samples) < 1:
        if time.monotonic() > warm_up_deadline:
            sys.exit("bench-broker-python: the warm-up record did not arrive within 30 s")
        time.sleep(0.01)
    for _ in range(args.count):
        send(str(time.monotonic_ns() - origin).encode())
        if args.pace > 0:
            time.sleep(args.pace / 1000)
    if not done.wait(60):
        sys.exit(f"bench-broker-python: only {len(samples) - 1} of {args.count} records arrived within 60 s")
    consumer.close()

    client = f"python confluent-kafka {confluent_kafka.version()[0]}, librdkafka {confluent_kafka.libversion()[0]}"
    print(f"broker produce → consume ({client}): {summary(samples[1:])}")
    print(f"broker produce → delivery report ({client}): {summary(acknowledged[1:])}")


def summary(samples):
    timed = sorted(samples)
    figures = " ".join(f"{name}={percentile(timed, q):.1f} ms" for name, q in
                       (("p50", 0.50), ("p90", 0.90), ("p99", 0.99)))
    return f"n={len(timed)} {figures} max={timed[-1]:.1f} ms"


if __name__ == "__main__":
    main()
