"""Every service's OpenAPI document is valid OpenAPI 3.1 (openapi-spec-validator, pinned in the
bootstrap's venv), and each running service serves exactly that file at `/openapi.yaml` without a
session (issue 14 point 2). That the documents list exactly the routers' routes is
`Tests/ContractTests` (Swift)."""
from __future__ import annotations

import urllib.request

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.validators import OpenAPIV31SpecValidator

from conftest import DOCUMENTS, SERVICES


@pytest.mark.parametrize("service", SERVICES)
def test_the_document_is_valid_openapi_3_1(service):
    document = yaml.safe_load((DOCUMENTS / f"{service}.yaml").read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.1.")
    validate(document, cls=OpenAPIV31SpecValidator)
    # Every operation names its permission and answers the shared error body for its failures.
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert "x-permission" in operation, f"{method.upper()} {path} names no permission"
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    shared = answer.get("$ref", "").startswith("#/components/responses/")
                    # A page's form may answer its 4xx as the form again, with the message in it.
                    form_again = "pages" in operation.get("tags", []) and "text/html" in answer.get("content", {})
                    assert shared or form_again or "#/components/schemas/Error" in str(answer), f"{method.upper()} {path} {status}"


@pytest.mark.parametrize("service", SERVICES)
def test_the_running_service_serves_its_document(system, service):
    with urllib.request.urlopen(f"{system.urls[service]}/openapi.yaml", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/yaml"
        served = response.read()
    assert served == (DOCUMENTS / f"{service}.yaml").read_bytes()
