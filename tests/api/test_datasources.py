"""Data Sources API (append/replace/truncate/delete, url imports) and Jobs API (tinybird.md §3.2, §3.6)."""

import gzip
import os
import uuid

import pytest

from ingest_server import Server


@pytest.fixture(scope="module")
def ingest_server():
    server = Server()
    yield server
    server.stop()


def multipart(field, filename, content):
    boundary = "----pipit" + uuid.uuid4().hex
    body = ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            % (boundary, field, filename)).encode() + content + ("\r\n--%s--\r\n" % boundary).encode()
    return body, {"Content-Type": "multipart/form-data; boundary=" + boundary}


def rows(server):
    return [(r["day"], r["name"]) for r in server.sql("SELECT day, name FROM rows ORDER BY day, name")]


def test_list_and_get(ingest_server):
    status, body, _ = ingest_server.request("GET", "/v0/datasources")
    assert status == 200, body
    names = [d["name"] for d in body["datasources"]]
    assert "events" in names and "rows" in names
    status, body, _ = ingest_server.request("GET", "/v0/datasources/events")
    assert status == 200, body
    columns = {c["name"]: c for c in body["schema"]["columns"]}
    assert columns["user_id"]["jsonpath"] == "$.user.id"
    assert columns["country"]["nullable"] is True
    assert "row_count" in body["statistics"]
    status, text, _ = ingest_server.request("GET", "/v0/datasources/events.datasource")
    assert status == 200 and "SCHEMA >" in text and "json:$.user.id" in text
    status, body, _ = ingest_server.request("GET", "/v0/datasources/nope")
    assert status == 404


def test_append_csv_multipart_ndjson_and_replace(ingest_server):
    status, body, _ = ingest_server.request("POST", "/v0/datasources", {"name": "rows", "mode": "append"},
                                            "day,name,score\n1,a,1.5\n2,b,\nx,bad,1\n")
    assert status == 200, body
    assert body["successful_rows"] == 2 and body["quarantined_rows"] == 1
    content, headers = multipart("csv", "more.ndjson", b'{"day": 3, "name": "c"}\n{"day": 4, "name": "d"}\n')
    status, body, _ = ingest_server.request("POST", "/v0/datasources", {"name": "rows"}, content, headers)
    assert status == 200, body
    assert body["successful_rows"] == 2
    status, body, _ = ingest_server.request("POST", "/v0/datasources", {"name": "rows", "format": "csv", "dialect_delimiter": ";"},
                                            gzip.compress(b"5;e;\n"))
    assert status == 200 and body["successful_rows"] == 1, body
    assert rows(ingest_server) == [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")]

    status, body, _ = ingest_server.request("POST", "/v0/datasources",
                                            {"name": "rows", "mode": "replace", "replace_condition": "day = 2", "format": "ndjson"},
                                            '{"day": 2, "name": "B"}\n{"day": 3, "name": "ignored"}')
    assert status == 200, body
    assert rows(ingest_server) == [(1, "a"), (2, "B"), (3, "c"), (4, "d"), (5, "e")]


def test_delete_dry_run_and_job_then_truncate(ingest_server):
    ingest_server.request("POST", "/v0/datasources", {"name": "rows", "format": "ndjson"},
                          '{"day": 100, "name": "x"}\n{"day": 101, "name": "y"}')
    status, body, _ = ingest_server.request("POST", "/v0/datasources/rows/delete", {},
                                            "delete_condition=day+%3E%3D+100&dry_run=true",
                                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, body) == (200, {"rows_to_be_deleted": 2})
    status, job, _ = ingest_server.request("POST", "/v0/datasources/rows/delete", {}, "delete_condition=day+%3E%3D+100",
                                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, job
    assert job["kind"] == "delete_data" and job["job_id"] == job["id"] and "/v0/jobs/" in job["job_url"]
    assert ingest_server.wait_job(job["id"])["status"] == "done"
    assert ingest_server.sql("SELECT count() AS c FROM rows WHERE day >= 100") == [{"c": 0}]
    status, body, _ = ingest_server.request("POST", "/v0/datasources/rows/delete", {}, "",
                                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 400
    status, body, _ = ingest_server.request("POST", "/v0/datasources/rows/truncate", {}, "")
    assert status == 200, body
    assert ingest_server.sql("SELECT count() AS c FROM rows") == [{"c": 0}]


def test_url_import_job_and_jobs_api(ingest_server, tmp_path):
    path = tmp_path / "import.csv"
    path.write_text("7,g,1\n8,h,2\n")
    status, job, _ = ingest_server.request("POST", "/v0/datasources", {"name": "rows", "url": "file://" + str(path)})
    assert status == 200, job
    assert job["kind"] == "import" and job["status"] in ("waiting", "working", "done") and "import_id" in job
    finished = ingest_server.wait_job(job["id"])
    assert finished["status"] == "done", finished
    assert finished["statistics"]["row_count"] == 2
    assert (7, "g") in rows(ingest_server)

    status, job, _ = ingest_server.request("POST", "/v0/datasources", {"name": "rows", "url": "file://" + str(tmp_path / "missing.csv")})
    assert status == 200
    failed = ingest_server.wait_job(job["id"])
    assert failed["status"] == "error" and failed["error"]

    status, body, _ = ingest_server.request("GET", "/v0/jobs")
    assert status == 200
    ids = [j["id"] for j in body["jobs"]]
    assert finished["id"] in ids and failed["id"] in ids
    status, body, _ = ingest_server.request("GET", "/v0/jobs", {"status": "error"})
    assert all(j["status"] == "error" for j in body["jobs"])
    status, body, _ = ingest_server.request("POST", "/v0/jobs/%s/cancel" % finished["id"])
    assert status == 409, body
    status, body, _ = ingest_server.request("GET", "/v0/jobs/not-a-job")
    assert status == 404


@pytest.mark.parametrize("condition", [
    "name IN (SELECT name FROM system.tables)",
    "day IN (SELECT count() FROM system.tables)",
    "1 IN (SELECT 1 FROM events)",
    "name = 'x' FORMAT JSON",
    "1 = 1; DROP TABLE rows",
    "day = 1) OR (1",
    "no_such_column = 1",
    "",
])
def test_delete_condition_reads_only_the_data_source(ingest_server, condition):
    """A delete condition is one expression over the data source's own columns: a subquery would let a token that may
    only write this data source count rows of other tables (other workspaces', system.*) through dry_run."""
    before = ingest_server.sql("SELECT count() AS c FROM rows")
    for dry_run in ("true", "false"):
        status, body, _ = ingest_server.request("POST", "/v0/datasources/rows/delete", body="",
                                                params={"delete_condition": condition, "dry_run": dry_run})
        assert status == 400, (condition, dry_run, body)
        assert "error" in body
    assert ingest_server.sql("SELECT count() AS c FROM rows") == before


def test_jobs_are_visible_only_to_tokens_of_their_data_source(ingest_server, tmp_path):
    path = tmp_path / "secret_url.csv"
    path.write_text("9,z,1\n")
    status, job, _ = ingest_server.request("POST", "/v0/datasources", {"name": "rows", "url": "file://" + str(path)})
    assert status == 200, job
    ingest_server.wait_job(job["id"])

    def token(name, scope):
        status, body, _ = ingest_server.request("POST", "/v0/tokens", {"name": name, "scope": scope}, b"")
        assert status == 200, body
        return body["token"]

    other = token("jobs_other_ds", "DATASOURCES:READ:events")
    status, body, _ = ingest_server.request("GET", "/v0/jobs", token=other)
    assert status == 200 and job["id"] not in [j["id"] for j in body["jobs"]]
    status, body, _ = ingest_server.request("GET", "/v0/jobs/" + job["id"], token=other)
    assert status == 404, body
    reader = token("jobs_rows_reader", "DATASOURCES:READ:rows")
    status, body, _ = ingest_server.request("GET", "/v0/jobs", token=reader)
    assert status == 200 and job["id"] in [j["id"] for j in body["jobs"]]
    status, body, _ = ingest_server.request("GET", "/v0/jobs", token=None)
    assert status == 401, body
