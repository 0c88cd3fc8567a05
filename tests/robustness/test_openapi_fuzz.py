"""Property tests generated from the app's own OpenAPI document (schemathesis), against a real
HTTP server: valid and invalid requests alike get an answer that the document declares, in time,
and never a 5xx."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.generation import GenerationMode

from robust_helpers import INGEST_TOKEN, REQUEST_LIMIT


# schemathesis leaves out the document's own URL (/api/v1/openapi.json); test_contract checks it is listed
OPERATIONS = [("/api/v1/health", "GET"), ("/api/v1/analyze", "POST"), ("/api/v1/ingest", "POST"),
              ("/api/v1/store", "GET"), ("/api/v1/statements/{id}", "GET")]


@pytest.fixture(scope="session")
def api_schema(live_url):
    return schemathesis.openapi.from_url(live_url + "/api/v1/openapi.json")


def error_body_is_the_documented_shape(ctx, response, case):
    """Every refusal carries {"error": {"code", "message"}} and nothing else."""
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return None


CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance, error_body_is_the_documented_shape]


def test_the_document_lists_the_operations_fuzzed_here(api_schema):
    found = {(r.ok().path, r.ok().method.upper()) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


# the GETs take no input worth breaking (the statement id has its own tests), so no invalid cases
CASES = [(p, m, g) for p, m in OPERATIONS for g in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
         if not (m == "GET" and g is GenerationMode.NEGATIVE)]


@pytest.mark.parametrize("path, method, mode", CASES, ids=[f"{m} {p} {g.value}" for p, m, g in CASES])
def test_every_operation_answers_as_documented(api_schema, live_url, path, method, mode):
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {INGEST_TOKEN}"} if path.endswith("/ingest") else None

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(base_url=live_url, headers=headers, timeout=REQUEST_LIMIT)
        case.validate_response(response, checks=CHECKS)
        if mode is GenerationMode.NEGATIVE:
            # whatever breaks the document is refused (413 for an oversize body is a refusal too)
            assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])

    run()
