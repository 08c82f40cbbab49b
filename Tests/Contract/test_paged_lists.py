"""No endpoint returns an unbounded list (issue 15 point 2): every GET whose OpenAPI JSON answer is
a list — a bare array or an object with `items` — takes `limit` and `cursor`, unless it is on the
allow-list below of lists the domain bounds (each with its bound, which its own Swift test asserts).
The Swift contract tests (`Tests/ContractTests`) prove the documents list exactly the routers' GET
routes, so checking the documents checks every route."""
from __future__ import annotations

import pytest
import yaml

from conftest import DOCUMENTS, SERVICES

# (service, path) → why the list needs no page. Keep the reason next to the bound that enforces it.
DOMAIN_BOUNDED = {
    # One operator's week: at most 7 days × SetWorkingHours.maximumIntervalsPerDay (8) intervals;
    # PUT refuses more (PlannerTests.BoundedListsTests).
    ("planner", "/api/working-hours"),
    # One rule per RegistrationType case, a fixed enum (BillingTests.PriceRuleBoundTests).
    ("billing", "/api/price-rules"),
}


def _load(service):
    return yaml.safe_load((DOCUMENTS / f"{service}.yaml").read_text(encoding="utf-8"))


def _resolve(document, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _is_list(document, schema):
    schema = _resolve(document, schema)
    return schema.get("type") == "array" or "items" in schema.get("properties", {})


def _parameter_names(document, operation, item):
    names = set()
    for parameter in operation.get("parameters", []) + item.get("parameters", []):
        if "$ref" in parameter:
            parameter = document["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        names.add(parameter["name"])
    return names


def _list_routes(service):
    document = _load(service)
    for path, item in document["paths"].items():
        operation = item.get("get")
        if not operation:
            continue
        answer = operation["responses"].get("200", {})
        if "$ref" in answer:
            answer = document["components"]["responses"][answer["$ref"].rsplit("/", 1)[-1]]
        json = answer.get("content", {}).get("application/json")
        if json and _is_list(document, json["schema"]):
            yield path, _parameter_names(document, operation, item)


@pytest.mark.parametrize("service", SERVICES)
def test_every_list_answer_takes_limit_and_cursor_or_is_bounded_by_the_domain(service):
    lists = dict(_list_routes(service))
    assert lists, f"{service}: no list endpoint found — the reader of the document is broken"
    unpaged = [path for path, names in lists.items()
               if not {"limit", "cursor"} <= names and (service, path) not in DOMAIN_BOUNDED]
    assert unpaged == [], f"{service}: GET lists without limit and cursor: {unpaged}"


def test_the_allow_list_names_only_unpaged_lists_that_exist():
    # A stale entry would hide a future unpaged list at that path; a paged one needs no entry.
    for service, path in DOMAIN_BOUNDED:
        lists = dict(_list_routes(service))
        assert path in lists, f"{service} {path} is no longer a documented list"
        assert not {"limit", "cursor"} <= lists[path], f"{service} {path} is paged now: drop it from the allow-list"
        description = _load(service)["paths"][path]["get"]["description"]
        assert "bounded by the domain" in description, f"{service} {path}: the document must say why it is not paged"
