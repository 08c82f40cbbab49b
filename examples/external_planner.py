"""An external planning system: reads the planner's queue a page at a time, asks for
suggestions, schedules, reacts to a refusal, and follows arianna.appointments.

HTTP (README, "Planner"): GET /api/queue?limit=&cursor= answers {"items": [...], "nextCursor"}
(absent on the last page) and the counts per filter value; GET /api/queue/{ticketID}/suggestions; POST /api/appointments
{"ticketID", "operatorID", "start"} is 201, or 409 with the reason when the slot does not fit.
Kafka (docs/asyncapi.yaml): appointment.scheduled/moved/cancelled.v1 on arianna.appointments.

Environment: ARIANNA_PLANNER_URL, ARIANNA_API_KEY (planner.schedule), ARIANNA_KAFKA_BROKERS,
ARIANNA_TOPIC_PREFIX.
"""
from __future__ import annotations

import datetime as dt
import json
import time
import uuid

from confluent_kafka import Consumer, KafkaException

from arianna_client import consumer_settings, fail, http_session, say, setting, topic


def read_queue(http, planner: str) -> list[dict]:
    entries, cursor, pages = [], None, 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = http.get(f"{planner}/api/queue", params=params, timeout=10)
        if page.status_code != 200:
            fail(f"reading the queue answered {page.status_code}: {page.text}")
        body = page.json()
        entries += body["items"]
        pages += 1
        cursor = body.get("nextCursor")  # absent on the last page
        if not cursor:
            break
    bad = http.get(f"{planner}/api/queue", params={"cursor": "not-a-cursor"}, timeout=10)
    if bad.status_code != 400:
        fail(f"a bad cursor should be 400, got {bad.status_code}")
    say(f"queue: {len(entries)} calls in {pages} pages")
    return entries


def slot_for(http, planner: str, ticket_id: str) -> tuple[str, str]:
    """The first suggested (operator, start); without suggestions, an operator at 09:00 UTC on a working day a week on."""
    answer = http.get(f"{planner}/api/queue/{ticket_id}/suggestions", timeout=10)
    if answer.status_code != 200:
        fail(f"suggestions answered {answer.status_code}: {answer.text}")
    suggestions = answer.json()["suggestions"]
    say(f"suggestions for {ticket_id}: {len(suggestions)}")
    if suggestions:
        return suggestions[0]["operatorID"], suggestions[0]["start"]
    operators = http.get(f"{planner}/api/operators", timeout=10).json()["items"]
    if not operators:
        fail("the planner knows no operators")
    day = dt.date.today() + dt.timedelta(days=7)
    while day.weekday() >= 5:  # a working day
        day += dt.timedelta(days=1)
    return operators[0]["id"], f"{day.isoformat()}T09:00:00Z"


def schedule(http, planner: str, ticket_id: str, operator_id: str, start: str):
    return http.post(f"{planner}/api/appointments",
                     json={"ticketID": ticket_id, "operatorID": operator_id, "start": start}, timeout=10)


if __name__ == "__main__":
    planner, key = setting("ARIANNA_PLANNER_URL"), setting("ARIANNA_API_KEY")
    http = http_session(key)
    consumer = Consumer(consumer_settings(f"external-planner-{uuid.uuid4().hex[:8]}"))
    consumer.subscribe([topic("arianna.appointments")])

    queue = read_queue(http, planner)
    if len(queue) < 2:
        fail(f"the example needs two unscheduled calls, the queue has {len(queue)}")
    first, second = queue[0]["ticketID"], queue[1]["ticketID"]

    operator_id, start = slot_for(http, planner, first)
    booked = schedule(http, planner, first, operator_id, start)
    if booked.status_code != 201:
        fail(f"scheduling {first} answered {booked.status_code}: {booked.text}")
    appointments = {booked.json()["id"]}
    say(f"scheduled {first} for {operator_id} at {start}")

    # The same slot for another call: refused with the reason; react by asking for fresh slots.
    refused = schedule(http, planner, second, operator_id, start)
    if refused.status_code != 409:
        fail(f"a taken slot should be refused with 409, got {refused.status_code}: {refused.text}")
    say(f"refused as expected: {refused.text[:160]}")
    for attempt in range(5):
        operator_id, start = slot_for(http, planner, second)
        if attempt:  # no fresh suggestion fitted: try later the same day
            start = (dt.datetime.fromisoformat(start.replace("Z", "+00:00")) + dt.timedelta(hours=2 * attempt)) \
                .strftime("%Y-%m-%dT%H:%M:%SZ")
        retry = schedule(http, planner, second, operator_id, start)
        if retry.status_code == 201:
            appointments.add(retry.json()["id"])
            say(f"scheduled {second} for {operator_id} at {start}")
            break
        if retry.status_code != 409:
            fail(f"scheduling {second} answered {retry.status_code}: {retry.text}")
    else:
        fail(f"could not find a slot for {second}")

    # Follow arianna.appointments until both appointments are there.
    seen: set[str] = set()
    deadline = time.monotonic() + 60
    while not appointments <= seen and time.monotonic() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            raise KafkaException(message.error())
        envelope = json.loads(message.value())
        if envelope.get("type") == "appointment.scheduled.v1" and envelope["data"]["appointmentID"] in appointments:
            seen.add(envelope["data"]["appointmentID"])
            say(f"event: {envelope['type']} {envelope['data']['ticketNumber']} at {envelope['data']['start']}")
        consumer.commit(message=message, asynchronous=False)
    consumer.close()
    if not appointments <= seen:
        fail(f"appointment.scheduled.v1 did not arrive for {appointments - seen}")
    say("external planner: OK")
