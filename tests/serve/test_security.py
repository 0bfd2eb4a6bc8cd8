"""What the endpoint refuses: SERVICE calls, bodies over the limit, cross-site and DNS-rebound writes."""

from __future__ import annotations

import concurrent.futures
import socket
import time

import httpx
import pytest

import kg
from kg.serve.app import PAGE_POLICY, PLAIN_PAGE_POLICY

from .conftest import kg_serve

SERVICE_OFF = "federated queries are off; start kg serve with --allow-service HOST[:PORT] to allow one"
INSERT = 'INSERT DATA { <urn:x:written> <urn:x:by> "{who}" }'


def select(url: str, sparql: str) -> httpx.Response:
    return httpx.post(url, data={"query": sparql}, timeout=30)


# --- SERVICE -------------------------------------------------------------------------------------


def test_a_query_calling_service_is_refused_and_the_target_gets_nothing(endpoint, listener):
    calls = [
        f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?c a kg:Claim OPTIONAL {{ SERVICE SILENT <{listener.url}> {{ ?c ?p ?o }} }} }}",
        f"PREFIX there: <http://127.0.0.1:{listener.port}/> ASK {{ SERVICE there:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # a comment\rSERVICE <{listener.url}> {{ ?s ?p ?o }}\n}}",
    ]
    for sparql in calls:
        for answer in (
            select(endpoint.query_url, sparql),
            httpx.get(endpoint.query_url, params={"query": sparql}),
            httpx.post(endpoint.url, content=sparql, headers={"Content-Type": "application/sparql-query"}),
        ):
            assert answer.status_code == 403, (sparql, answer.text)
            assert answer.text.startswith("E930 SERVICE <http://127.0.0.1:")
            assert answer.text.endswith(f"> is refused: {SERVICE_OFF}\n")
    itself = select(endpoint.query_url, f"SELECT * WHERE {{ SERVICE <{endpoint.query_url}> {{ ?s ?p ?o }} }}")
    assert (itself.status_code, itself.text) == (
        403,
        f"E930 SERVICE <{endpoint.query_url}> is refused: {SERVICE_OFF}\n",
    )
    time.sleep(0.3)
    assert listener.connections == []


def test_service_in_a_string_or_a_comment_is_no_call(endpoint):
    sparql = 'SELECT ?service WHERE { BIND("SERVICE <http://127.0.0.1:9/>" AS ?service) } # SERVICE <x>'
    answer = select(endpoint.query_url, sparql)
    assert answer.status_code == 200
    assert answer.json()["results"]["bindings"] == [
        {"service": {"type": "literal", "value": "SERVICE <http://127.0.0.1:9/>"}}
    ]


def test_allow_service_opens_exactly_the_hosts_it_names(seed_store, listener):
    with kg_serve(seed_store, "--allow-service", f"127.0.0.1:{listener.port}", "--timeout", "5") as running:
        other = f"http://127.0.0.1:{listener.port + 1}/sparql"
        refused = select(running.query_url, f"SELECT * WHERE {{ SERVICE <{other}> {{ ?s ?p ?o }} }}")
        assert (refused.status_code, refused.text) == (
            403,
            f"E930 SERVICE <{other}> is refused: 127.0.0.1:{listener.port + 1} is not an allowed host "
            f"(127.0.0.1:{listener.port}); start kg serve with --allow-service HOST[:PORT] to allow one\n",
        )
        assert listener.connections == []
        select(running.query_url, f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
        deadline = time.monotonic() + 10
        while not listener.connections and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(listener.connections) == 1 and listener.connections[0].startswith(b"POST /sparql")


def test_a_malformed_allow_service_is_one_line(seed_store):
    from ..conftest import run_kg

    result = run_kg("serve", "--store", seed_store, "--port", "0", "--allow-service", "http://example.org/")
    assert (result.returncode, result.stderr) == (
        1,
        "error: E914 --allow-service must be HOST or HOST:PORT ([::1]:PORT for IPv6), not 'http://example.org/'\n",
    )


# --- request size --------------------------------------------------------------------------------


def raw_post(url: str, head: str, body: bytes, seconds: float = 10) -> bytes:
    """Send a request's headers and part of its body over a socket; what the server answers first."""
    parts = httpx.URL(url)
    with socket.create_connection((parts.host, parts.port), timeout=seconds) as sock:
        sock.sendall(head.encode("ascii") + b"\r\n" + body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def test_a_body_over_the_limit_gets_413_at_once_and_other_clients_are_not_held_up(endpoint):
    declared = (
        "POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 50000000\r\n"
    )

    def named_query_seconds() -> float:
        started = time.monotonic()
        assert httpx.get(endpoint.query_url, params={"name": "claims-per-outlet"}).status_code == 200
        return time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        big = [pool.submit(raw_post, endpoint.query_url, declared, b"query=" + b"x" * 65536) for _ in range(4)]
        time.sleep(0.2)
        assert named_query_seconds() < 2
        for answer in big:
            head = answer.result().decode("latin-1")
            assert head.startswith("HTTP/1.1 413 "), head
    chunked = (
        "POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        "Transfer-Encoding: chunked\r\n"
    )
    body = b"".join(b"%x\r\n%s\r\n" % (65536, b"#" * 65536) for _ in range(20))  # 1.3 MB, no length given
    assert raw_post(endpoint.query_url, chunked, body).startswith(b"HTTP/1.1 413 ")
    answer = httpx.post(endpoint.query_url, content=b"x" * 1_000_001, headers={"Content-Type": "application/sparql-query"})  # fmt: skip
    assert (answer.status_code, answer.text) == (
        413,
        "E932 the request body is over the limit of 1000000 bytes (kg serve --max-query-bytes)\n",
    )
    assert named_query_seconds() < 2


# --- writes --------------------------------------------------------------------------------------


@pytest.fixture
def writable(tiny_corpus, tmp_path):
    store = str(tmp_path / "store")
    kg.build(tiny_corpus, store=store, out=None)
    args = ["--allow-updates", "--allow-origin", "https://app.example.org", "--allow-host", "kg.example.org"]
    with kg_serve(store, *args) as running:
        yield running


def written(running) -> list[str]:
    answer = select(running.query_url, "SELECT ?who WHERE { <urn:x:written> <urn:x:by> ?who }")
    return sorted(b["who"]["value"] for b in answer.json()["results"]["bindings"])


def write(running, who: str, headers: dict[str, str], how: str = "form") -> httpx.Response:
    update = INSERT.replace("{who}", who)
    if how == "form":
        return httpx.post(running.url + "update", data={"update": update}, headers=headers)
    if how == "sparql-update":
        headers = {**headers, "Content-Type": "application/sparql-update"}
        return httpx.post(running.url + "update", content=update, headers=headers)
    triple = f'<urn:x:written> <urn:x:by> "{who}" .'
    headers = {**headers, "Content-Type": "text/plain"}  # N-Triples under a type any web page may send
    return httpx.post(running.url + "store", params={"default": ""}, content=triple, headers=headers)


@pytest.mark.parametrize("how", ["form", "sparql-update", "store"])
def test_writes_from_web_pages_of_other_sites_are_refused(how, writable):
    running = writable
    port = httpx.URL(running.url).port
    forged = {
        "evil-origin": {"Origin": "http://evil.example"},
        "null-origin": {"Origin": "null"},
        "other-port": {"Origin": f"http://127.0.0.1:{port + 1}"},
        "cross-site-fetch": {"Sec-Fetch-Site": "cross-site"},
        "referer": {"Referer": "http://evil.example/page.html"},
        "rebound-host": {"Host": f"evil.example:{port}"},
        "rebound-host-same-origin": {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"},
    }
    for name, headers in forged.items():
        answer = write(running, name, headers, how)
        assert answer.status_code == 403, (name, answer.text)
        assert answer.text.startswith("E933 write refused: ")
    assert written(running) == []
    allowed = {
        "no-browser": {},
        "own-page": {"Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"},
        "allowed-origin": {"Origin": "https://app.example.org", "Sec-Fetch-Site": "cross-site"},
        "allowed-host": {"Host": f"kg.example.org:{port}"},
        "localhost": {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"},
    }
    for name, headers in allowed.items():
        answer = write(running, name, headers, how)
        assert answer.status_code in (200, 201, 204), (name, answer.text)
    assert written(running) == sorted(allowed)


def test_a_refused_write_says_why(writable):
    answer = write(writable, "x", {"Origin": "http://evil.example"})
    assert answer.text == (
        "E933 write refused: it comes from a web page of http://evil.example, another site; "
        "allow it with kg serve --allow-origin ORIGIN\n"
    )
    port = httpx.URL(writable.url).port
    answer = write(writable, "x", {"Host": f"rebind.example:{port}"})
    assert answer.text == (
        f"E933 write refused: the Host 'rebind.example:{port}' is not a name of this endpoint (a DNS rebinding "
        "attack uses one); allow it with kg serve --allow-host NAME\n"
    )


def test_an_update_calling_service_is_refused(writable, listener):
    update = f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    answer = httpx.post(writable.url + "update", data={"update": update})
    assert (answer.status_code, answer.text) == (403, f"E930 SERVICE <{listener.url}> is refused: {SERVICE_OFF}\n")
    time.sleep(0.3)
    assert listener.connections == []


# --- the page and the Graph Store ----------------------------------------------------------------


def test_the_query_pages_have_a_content_security_policy(endpoint):
    answer = httpx.get(endpoint.url)
    assert answer.headers["content-security-policy"] == PAGE_POLICY
    policy = dict(part.strip().split(" ", 1) for part in PAGE_POLICY.split(";"))
    assert (policy["default-src"], policy["script-src"], policy["connect-src"]) == ("'none'", "'self'", "'self'")
    assert "http" not in PAGE_POLICY  # no other site, for anything
    assert answer.headers["x-content-type-options"] == "nosniff"
    plain = httpx.get(endpoint.url + "plain")
    assert plain.headers["content-security-policy"] == PLAIN_PAGE_POLICY
    assert "connect-src 'self'" in PLAIN_PAGE_POLICY and "default-src 'none'" in PLAIN_PAGE_POLICY


def test_reading_the_whole_store_is_cut_at_the_result_cap(endpoint):
    answer = httpx.get(endpoint.url + "store", headers={"Accept": "application/n-quads"})
    assert answer.status_code == 200
    assert len(answer.text.splitlines()) == 100
    assert (answer.headers["x-result-truncated"], answer.headers["x-result-cap"]) == ("true", "100")
    graph = httpx.get(
        endpoint.url + "store",
        params={"graph": "https://kg.example.org/graph/registry"},
        headers={"Accept": "application/n-triples"},
    )
    assert graph.status_code == 200 and len(graph.text.splitlines()) > 100  # one graph comes whole
    missing = httpx.get(endpoint.url + "store", params={"graph": "https://kg.example.org/graph/nothing"})
    assert missing.status_code == 404
