"""Events API: POST /v0/events (tinybird.md §3.1)."""

import gzip
import http.client
import json

import pytest

from ingest_server import ADMIN_TOKEN, Server


@pytest.fixture(scope="module")
def ingest_server():
    server = Server()
    yield server
    server.stop()


def event(i, **extra):
    row = {"ts": "2024-01-01 00:00:%02d" % (i % 60), "user": {"id": "u%d" % i}, "geo": {"country": "ES"},
           "tags": ["a", "b"], "amount": i * 1.5}
    row.update(extra)
    return row


def ndjson(rows):
    return "\n".join(json.dumps(r) for r in rows)


def test_wait_true_is_200_and_rows_are_queryable(ingest_server):
    status, body, _ = ingest_server.request("POST", "/v0/events", {"name": "events", "wait": "true"},
                                            ndjson([event(1), event(2, tenant="acme")]))
    assert status == 200, body
    assert body == {"successful_rows": 2, "quarantined_rows": 0}
    data = ingest_server.sql("SELECT user_id, country, tags, tenant FROM events WHERE user_id IN ('u1', 'u2') ORDER BY user_id")
    assert data == [{"user_id": "u1", "country": "ES", "tags": ["a", "b"], "tenant": "none"},
                    {"user_id": "u2", "country": "ES", "tags": ["a", "b"], "tenant": "acme"}]


def test_without_wait_is_202(ingest_server):
    status, body, _ = ingest_server.request("POST", "/v0/events", {"name": "events"}, json.dumps(event(3)),
                                            {"Content-Type": "text/plain;charset=UTF-8"})
    assert status == 202, body
    assert body == {"successful_rows": 1, "quarantined_rows": 0}


def test_bad_rows_go_to_quarantine(ingest_server):
    rows = ndjson([event(10), event(11, amount="not a number")]) + "\n{broken json\n"
    status, body, _ = ingest_server.request("POST", "/v0/events", {"name": "events", "wait": "true"}, rows)
    assert status == 200, body
    assert body == {"successful_rows": 1, "quarantined_rows": 2}
    data = ingest_server.sql("SELECT c__error_column, c__error, user_id, amount FROM events_quarantine WHERE user_id = 'u11'")
    assert data[0]["c__error_column"] == ["amount"]
    assert data[0]["c__error"] == ["value 'not a number' on column 'amount' is not Float64"]
    assert data[0]["amount"] == "not a number"


def test_gzip_body_with_and_without_header(ingest_server):
    compressed = gzip.compress(ndjson([event(20), event(21)]).encode())
    status, body, _ = ingest_server.request("POST", "/v0/events", {"name": "events", "wait": "true"}, compressed,
                                            {"Content-Encoding": "gzip"})
    assert (status, body) == (200, {"successful_rows": 2, "quarantined_rows": 0})
    status, body, _ = ingest_server.request("POST", "/v0/events", {"name": "events", "wait": "true"}, compressed)
    assert (status, body) == (200, {"successful_rows": 2, "quarantined_rows": 0})


def test_errors(ingest_server):
    status, body, _ = ingest_server.request("POST", "/v0/events", {}, json.dumps(event(1)))
    assert status == 400 and "error" in body
    status, body, _ = ingest_server.request("POST", "/v0/events", {"name": "nope"}, json.dumps(event(1)))
    assert status == 404 and "error" in body
    status, body, _ = ingest_server.request("POST", "/v0/events", {"name": "events"}, json.dumps(event(1)), token=None)
    assert status == 401
    status, body, _ = ingest_server.request("POST", "/v0/events", {"name": "events"}, json.dumps(event(1)), token="wrong")
    assert status in (401, 403)


def test_body_over_10_mb_is_413(ingest_server):
    line = json.dumps(event(1)) + "\n"
    big = line * (11 * 1024 * 1024 // len(line) + 1)
    conn = http.client.HTTPConnection("127.0.0.1", ingest_server.port, timeout=30)
    try:
        conn.request("POST", "/v0/events?name=events&token=" + ADMIN_TOKEN, body=big.encode())
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server may answer and close before reading the whole body
    response = conn.getresponse()
    assert response.status == 413
    conn.close()
