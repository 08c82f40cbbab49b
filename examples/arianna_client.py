"""What the three examples share: configuration from the environment, an HTTP session that
presents the API key, and the Kafka settings that matter on Arianna's broker.

Written only from the published contracts: docs/asyncapi.yaml (topics, CloudEvents envelope,
payloads) and the README's HTTP section (routes, API keys, errors).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
import uuid

import requests


def setting(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if not value:
        fail(f"{name} is not set")
    return value


def fail(message: str) -> None:
    """Every example exits non-zero on the first thing that is not as the contract says."""
    print(f"FAIL: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def say(message: str) -> None:
    print(message, flush=True)


def topic(name: str) -> str:
    """Broker name of an Arianna topic: test runs prefix every name (ARIANNA_TOPIC_PREFIX)."""
    return os.environ.get("ARIANNA_TOPIC_PREFIX", "") + name


def http_session(key: str) -> requests.Session:
    """Every call presents the API key; errors come back in English with Accept-Language: en."""
    session = requests.Session()
    session.headers.update({"Authorization": f"Bearer {key}", "Accept": "application/json", "Accept-Language": "en"})
    return session


def consumer_settings(group: str) -> dict:
    """A consumer of our own: its own group, offsets committed by hand after our work is done.

    session.timeout.ms 6000: Tansu (the broker tests and `make run` use) completes a group join in
    about half the session timeout, so librdkafka's default 45 s would make every start slow.
    """
    return {
        "bootstrap.servers": setting("ARIANNA_KAFKA_BROKERS"),
        "group.id": group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "session.timeout.ms": 6000,
        "heartbeat.interval.ms": 1000,
    }


def producer_settings() -> dict:
    return {"bootstrap.servers": setting("ARIANNA_KAFKA_BROKERS"), "enable.idempotence": True, "acks": "all"}


def now_rfc3339() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def cloud_event(event_type: str, source: str, subject: str, data: dict, correlation_id: str | None = None) -> bytes:
    """A CloudEvents 1.0 structured envelope, as docs/asyncapi.yaml's CloudEvent schema says."""
    envelope = {
        "specversion": "1.0", "id": str(uuid.uuid4()), "source": source, "type": event_type,
        "subject": subject, "time": now_rfc3339(), "datacontenttype": "application/json", "data": data,
    }
    if correlation_id:
        envelope["correlationid"] = correlation_id
    return json.dumps(envelope).encode()
