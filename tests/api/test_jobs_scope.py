"""Jobs API scopes (tinybird.md §3.6, issue #4 "every route checks its scope"): any token of the workspace reads jobs;
cancelling one needs the scope that could have started it."""

import pytest

from ingest_server import Server


@pytest.fixture(scope="module")
def ingest_server():
    server = Server()
    yield server
    server.stop()


def static_token(server, name, scope):
    status, body, _ = server.request("POST", "/v0/tokens", {"name": name, "scope": scope}, b"")
    assert status == 200, body
    return body["token"]


def test_cancel_needs_append_scope(ingest_server, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("1,a,1\n")
    status, job, _ = ingest_server.request("POST", "/v0/datasources", {"name": "rows", "url": "file://" + str(path)})
    assert status == 200, job
    assert ingest_server.wait_job(job["id"])["status"] == "done"
    reader = static_token(ingest_server, "jobs_reader", "DATASOURCES:READ:rows")
    status, body, _ = ingest_server.request("GET", "/v0/jobs/" + job["id"], token=reader)
    assert status == 200, body
    status, body, _ = ingest_server.request("POST", "/v0/jobs/%s/cancel" % job["id"], token=reader)
    assert status == 403, body
    appender = static_token(ingest_server, "jobs_appender", "DATASOURCES:APPEND:rows")
    status, body, _ = ingest_server.request("POST", "/v0/jobs/%s/cancel" % job["id"], token=appender)
    assert status == 409, body  # allowed, but the job is already done
