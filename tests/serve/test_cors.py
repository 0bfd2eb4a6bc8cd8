"""CORS: ``kg serve --cors ORIGIN`` lets pages of that origin (a hosted YASGUI) read answers; without it, none."""

from __future__ import annotations

import httpx
import pytest

from ..conftest import run_kg
from .conftest import kg_serve

YASGUI = "https://yasgui.example.org"
PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
SELECT = "SELECT ?c WHERE { ?c a kg:Claim }"


def preflight(url: str, origin: str) -> httpx.Response:
    return httpx.options(url, headers={"Origin": origin, **PREFLIGHT})


def post(url: str, origin: str) -> httpx.Response:
    return httpx.post(
        url,
        content=SELECT,
        headers={
            "Origin": origin,
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )


def test_without_cors_there_is_no_preflight_and_no_cors_header(endpoint):
    assert preflight(endpoint.query_url, YASGUI).status_code == 405
    answer = post(endpoint.query_url, YASGUI)
    assert answer.status_code == 200
    assert not any(name.lower().startswith("access-control-") for name in answer.headers)


@pytest.fixture(scope="module")
def cors_endpoint(seed_store):
    with kg_serve(
        seed_store, "--cors", YASGUI + "/", "--cors", "http://localhost:3000", "--max-results", "100"
    ) as running:
        yield running


def test_cors_answers_the_preflight_of_an_allowed_origin(cors_endpoint):
    answer = preflight(cors_endpoint.query_url, YASGUI)
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == YASGUI
    assert set(answer.headers["access-control-allow-methods"].split(", ")) == {"GET", "HEAD", "POST"}
    assert "content-type" in answer.headers["access-control-allow-headers"].lower()
    other = preflight(cors_endpoint.query_url, "https://elsewhere.example.net")
    assert other.status_code == 400
    assert "access-control-allow-origin" not in other.headers


def test_cors_lets_an_allowed_origin_read_the_answer_and_its_cap(cors_endpoint):
    answer = post(cors_endpoint.query_url, "http://localhost:3000")
    assert answer.status_code == 200 and len(answer.json()["results"]["bindings"]) == 100
    assert answer.headers["access-control-allow-origin"] == "http://localhost:3000"
    exposed = {h.strip().lower() for h in answer.headers["access-control-expose-headers"].split(",")}
    assert {"x-result-cap", "x-result-truncated"} <= exposed
    assert (answer.headers["x-result-truncated"], answer.headers["x-result-cap"]) == ("true", "100")
    other = post(cors_endpoint.query_url, "https://elsewhere.example.net")
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers


def test_cors_does_not_open_writes(cors_endpoint):
    answer = httpx.post(
        cors_endpoint.url + "update",
        content="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        headers={"Origin": YASGUI, "Content-Type": "application/sparql-update"},
    )
    assert answer.status_code == 403


def test_cors_star_allows_any_origin(seed_store):
    with kg_serve(seed_store, "--cors", "*") as running:
        answer = preflight(running.query_url, "https://anywhere.example.net")
        assert (answer.status_code, answer.headers["access-control-allow-origin"]) == (200, "*")
        read = post(running.query_url, "https://anywhere.example.net")
        assert read.headers["access-control-allow-origin"] == "*"
        assert "CORS for *" in running.log.read_text()


def test_a_malformed_cors_origin_is_one_line(seed_store):
    result = run_kg("serve", "--store", seed_store, "--port", "0", "--cors", "yasgui.example.org")
    assert (result.returncode, result.stderr) == (
        1,
        "error: E914 --cors must be an origin such as https://app.example.org or *, not 'yasgui.example.org'\n",
    )
