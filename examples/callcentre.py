"""A call-centre system: opens tickets over HTTP and over Kafka, handles rejections and replays.

HTTP (README, "Intake"): POST /api/tickets with the key (tickets.open); an `Idempotency-Key`
makes a retry safe (the same ticket comes back, 200); bad input is 422 with every problem.
Kafka (docs/asyncapi.yaml): publish intake.request.v1 on arianna.intake.requests, keyed by your
requestID; read intake.reply.v1 on arianna.intake.replies: accepted with the ticket number, or
rejected with reasons. Sending the same requestID again replays the answer (same ticket).

Environment: ARIANNA_INTAKE_URL, ARIANNA_API_KEY, ARIANNA_KAFKA_BROKERS, ARIANNA_TOPIC_PREFIX.
"""
from __future__ import annotations

import json
import time
import uuid

from confluent_kafka import Consumer, KafkaException, Producer

from arianna_client import (cloud_event, consumer_settings, fail, http_session, producer_settings, say, setting,
                            topic)

SYSTEM = "callcentre-north"


def over_http(intake: str, key: str) -> None:
    http = http_session(key)
    call = {"activityTypeCode": "REPAIR", "customer": {"name": "Bar Sport", "email": "bar@sport.example"},
            "description": "Coffee machine leaks", "customFields": {"appliance": "Coffee machine"}}
    idempotency = f"{SYSTEM}-{uuid.uuid4()}"
    first = http.post(f"{intake}/api/tickets", json=call, headers={"Idempotency-Key": idempotency}, timeout=10)
    if first.status_code != 201:
        fail(f"opening a ticket over HTTP answered {first.status_code}: {first.text}")
    ticket = first.json()
    say(f"HTTP: opened {ticket['number']}")
    # A retry after a timeout: same key, same ticket, nothing opened twice.
    retry = http.post(f"{intake}/api/tickets", json=call, headers={"Idempotency-Key": idempotency}, timeout=10)
    if retry.status_code != 200 or retry.json()["id"] != ticket["id"]:
        fail(f"the retry should give back the same ticket with 200, got {retry.status_code}: {retry.text}")
    say("HTTP: the retry gave back the same ticket")
    # A rejection: a body that is not a ticket is 400; a ticket that breaks the rules is 422 with
    # every problem at once. Fix and resend, or hand it to a person.
    bad = http.post(f"{intake}/api/tickets", json={"activityTypeCode": "NO-SUCH-TYPE", "customer": {"name": ""}, "description": "?"}, timeout=10)
    if bad.status_code != 422:
        fail(f"a bad ticket should be refused with 422, got {bad.status_code}: {bad.text}")
    say(f"HTTP: refused as expected: {bad.text[:160]}")


def over_kafka() -> None:
    requests_topic, replies_topic = topic("arianna.intake.requests"), topic("arianna.intake.replies")
    consumer = Consumer(consumer_settings(f"{SYSTEM}-replies-{uuid.uuid4().hex[:8]}"))
    consumer.subscribe([replies_topic])
    producer = Producer(producer_settings())

    good_id, bad_id = f"{SYSTEM}-{uuid.uuid4().hex[:10]}", f"{SYSTEM}-{uuid.uuid4().hex[:10]}"
    good = {"requestID": good_id, "system": SYSTEM, "activityTypeCode": "REPAIR",
            "customer": {"name": "Rossi Impianti S.r.l.", "email": "facilities@rossi.example"},
            "siteZone": "Milano", "description": "Boiler stops after ten minutes",
            "customFields": {"appliance": "Caldaia a condensazione"}}
    bad = {"requestID": bad_id, "system": SYSTEM, "customer": {"name": "Nobody"}}

    def send(data: dict) -> None:
        producer.produce(requests_topic, key=data["requestID"],
                         value=cloud_event("intake.request.v1", f"/{SYSTEM}", data["requestID"], data, data["requestID"]))
        if producer.flush(10) != 0:
            fail("the request was not delivered to the broker")

    send(good)
    send(bad)
    send(good)  # a replay (e.g. after a crash before we saw the reply): same requestID, new event id
    say("Kafka: sent a request, a bad one and a replay")

    replies: dict[str, list[dict]] = {good_id: [], bad_id: []}
    deadline = time.monotonic() + 60
    while (len(replies[good_id]) < 2 or not replies[bad_id]) and time.monotonic() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            raise KafkaException(message.error())
        envelope = json.loads(message.value())
        if envelope.get("type") != "intake.reply.v1":
            continue  # unknown types: ignore, newer versions may appear
        reply = envelope["data"]
        if reply["requestID"] in replies:
            replies[reply["requestID"]].append(reply)
        consumer.commit(message=message, asynchronous=False)
    consumer.close()

    if len(replies[good_id]) < 2 or not replies[bad_id]:
        fail(f"not every reply arrived within 60 s: {replies}")
    first, replay = replies[good_id][:2]
    if first["status"] != "accepted" or replay["status"] != "accepted" or first["ticketNumber"] != replay["ticketNumber"]:
        fail(f"the request and its replay should be accepted as the same ticket: {first} / {replay}")
    say(f"Kafka: accepted as {first['ticketNumber']}; the replay answered the same ticket")
    rejected = replies[bad_id][0]
    if rejected["status"] != "rejected" or not rejected["reasons"]:
        fail(f"the bad request should be rejected with reasons: {rejected}")
    say(f"Kafka: rejected with reasons: {'; '.join(rejected['reasons'])[:160]}")


if __name__ == "__main__":
    over_http(setting("ARIANNA_INTAKE_URL"), setting("ARIANNA_API_KEY"))
    over_kafka()
    say("call centre: OK")
