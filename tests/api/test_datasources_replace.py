"""POST /v0/datasources?mode=replace is atomic (tinybird.md §3.2): readers during a replace see the old rows or the
new rows, never an empty or partial table; a failed replace leaves the old rows."""

import threading

import pytest

from ingest_server import Server


@pytest.fixture(scope="module")
def ingest_server():
    server = Server()
    yield server
    server.stop()


def csv_rows(count, name, days=4):
    return "".join("%d,%s%d,%d\n" % (i % days, name, i, i) for i in range(count))


def replace(server, body, **params):
    status, result, _ = server.request("POST", "/v0/datasources", dict({"name": "rows", "mode": "replace", "format": "csv"}, **params), body)
    assert status == 200, result
    return result


def count(server, where="1"):
    status, result, _ = server.request("GET", "/v0/sql", {"q": "SELECT count() AS c FROM rows WHERE %s FORMAT JSON" % where})
    assert status == 200, result
    return result["data"][0]["c"]


def watch_counts(server, where, stop, seen, errors):
    while not stop.is_set():
        try:
            seen.append(count(server, where))
        except Exception as e:  # noqa: BLE001 - reported by the test
            errors.append(repr(e))
            return


def test_readers_never_see_an_empty_or_partial_table(ingest_server):
    old_count, new_count = 30000, 45000
    old_body, new_body = csv_rows(old_count, "old"), csv_rows(new_count, "new")
    assert replace(ingest_server, old_body)["successful_rows"] == old_count
    # a few rows in the insert buffer too (small appends are buffered, not yet parts)
    stop, seen, errors = threading.Event(), [], []
    readers = [threading.Thread(target=watch_counts, args=(ingest_server, "1", stop, seen, errors)) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        for i in range(8):
            body, expected = (new_body, new_count) if i % 2 == 0 else (old_body, old_count)
            assert replace(ingest_server, body)["successful_rows"] == expected
            assert count(ingest_server) == expected
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert not errors, errors
    assert seen, "readers ran no query"
    assert set(seen) <= {old_count, new_count}, sorted(set(seen) - {old_count, new_count})[:10]


def test_replace_drops_buffered_rows_too(ingest_server):
    replace(ingest_server, csv_rows(100, "base"))
    status, body, _ = ingest_server.request("POST", "/v0/datasources", {"name": "rows", "mode": "append", "format": "csv"}, "9,buffered,1\n")
    assert status == 200, body
    replace(ingest_server, csv_rows(10, "only"))
    assert count(ingest_server) == 10
    assert count(ingest_server, "name = 'buffered'") == 0


def test_conditional_replace_is_atomic(ingest_server):
    replace(ingest_server, csv_rows(40000, "old"))  # 10000 rows per day 0..3
    stop, seen, errors = threading.Event(), [], []
    readers = [threading.Thread(target=watch_counts, args=(ingest_server, "day = 2", stop, seen, errors)) for _ in range(2)]
    totals = []
    readers.append(threading.Thread(target=watch_counts, args=(ingest_server, "day != 2", stop, totals, errors)))
    for reader in readers:
        reader.start()
    try:
        for i in range(6):
            rows = 5000 if i % 2 == 0 else 10000
            body = "".join("2,new%d,%d\n" % (j, j) for j in range(rows)) + "1,ignored,0\n"
            assert replace(ingest_server, body, replace_condition="day = 2")["successful_rows"] == rows
            assert count(ingest_server, "day = 2") == rows
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert not errors, errors
    assert set(seen) <= {5000, 10000}, sorted(set(seen))[:10]
    assert set(totals) == {30000}, sorted(set(totals))[:10]


def test_failed_replace_keeps_old_rows(ingest_server):
    replace(ingest_server, csv_rows(1000, "keep"))
    status, body, _ = ingest_server.request("POST", "/v0/datasources",
                                            {"name": "rows", "mode": "replace", "format": "csv", "replace_condition": "no_such_column = 1"},
                                            csv_rows(10, "lost"))
    assert status == 400, body
    assert "error" in body
    status, body, _ = ingest_server.request("POST", "/v0/datasources",
                                            {"name": "rows", "mode": "replace", "format": "csv", "replace_condition": "day = "},
                                            csv_rows(10, "lost"))
    assert status == 400, body
    assert count(ingest_server) == 1000
    assert count(ingest_server, "name LIKE 'lost%'") == 0
