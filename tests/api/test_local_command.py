"""The `pipit local` / `pipit serve` commands (issue #4 deliverable 1, tinybird.md §1.5): --help, nested project
folders, INCLUDE, fixtures loaded only into empty data sources, the admin token and an example endpoint URL printed,
warnings for datafile features that parse but do not run yet, datafile errors with file and line, a changed schema
kept with a warning, and url= imports of local files limited to the project and --import-dir directories."""

import os
import re
import subprocess
import textwrap
import time

import pytest

from conftest import Server, find_binary, free_port

CLICKS = """\
    DESCRIPTION >
        Clicks

    TOKEN "ingest_clicks" APPEND

    SCHEMA >
        `ts` DateTime `json:$.ts`,
        `user_id` String `json:$.user.id`,
        `n` Int32 `json:$.n` DEFAULT 0

    ENGINE "MergeTree"
    ENGINE_SORTING_KEY "user_id, ts"
    """

PROJECT = {
    "datasources/deep/nested/clicks.datasource": CLICKS,
    "datasources/totals.datasource": """\
        SCHEMA >
            `user_id` String,
            `c` UInt64

        ENGINE "MergeTree"
        ENGINE_SORTING_KEY "user_id"
        """,
    "datasources/from_kafka.datasource": """\
        SCHEMA >
            `v` String `json:$.v`

        KAFKA_CONNECTION_NAME kafka_conn
        KAFKA_TOPIC topic1
        KAFKA_GROUP_ID group1

        SHARED_WITH >
            other_workspace
        """,
    "connections/kafka_conn.connection": """\
        TYPE kafka
        KAFKA_BOOTSTRAP_SERVERS {{ tb_secret("KAFKA_SERVERS", "localhost:9092") }}
        """,
    "includes/by_user.incl": """\
        NODE filtered
        SQL >
            %
            SELECT * FROM clicks WHERE user_id = {{ String(user, '$DEFAULT_USER', required=True, example="u1") }}
        """,
    "endpoints/per_user.pipe": """\
        INCLUDE "../includes/by_user.incl" DEFAULT_USER=u1

        NODE endpoint
        SQL >
            SELECT count() AS c, sum(n) AS total FROM filtered

        TYPE endpoint
        """,
    "materializations/to_totals.pipe": """\
        NODE mv
        SQL >
            SELECT user_id, count() AS c FROM clicks GROUP BY user_id

        TYPE materialized
        DATASOURCE totals
        """,
    "copies/snapshot.pipe": """\
        NODE snap
        SQL >
            SELECT user_id, count() AS c FROM clicks GROUP BY user_id

        TYPE copy
        TARGET_DATASOURCE totals
        COPY_SCHEDULE 0 * * * *
        """,
    "endpoints/metrics.pipe": """\
        NODE endpoint
        SQL >
            SELECT 'clicks_total' AS name, count() AS value, 'Clicks seen' AS help, 'counter' AS type
            FROM clicks

        TYPE endpoint
        """,
    "pipes/helper.pipe": """\
        NODE all_rows
        SQL >
            SELECT * FROM clicks
        """,
    "fixtures/clicks.ndjson": '{"ts":"2026-01-01 00:00:00","user":{"id":"u1"},"n":1}\n'
                              '{"ts":"2026-01-02 00:00:00","user":{"id":"u2"},"n":2}\n'
                              '{"ts":"2026-01-03 00:00:00","user":{"id":"u1"},"n":"bad"}\n',
    "fixtures/totals.csv": "user_id,c\nu9,7\n",
    "data/import.csv": "user_id,c\nu5,5\n",
}


def write_project(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(textwrap.dedent(text) if not path.startswith(("fixtures/", "data/")) else text)


class Running:
    """A `pipit <command>` process with its captured output; a Server client once it answers."""

    def __init__(self, args, log_path):
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen([find_binary(), *args, "--port", str(self.port), "--threads", "2"], stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self.server = Server(self.process, self.port, None, log_path)
        deadline = time.time() + 60
        while True:
            if self.process.poll() is not None:
                break
            try:
                if self.server.get("/tokens", timeout=2).status == 200:
                    self.server.tokens = self.server.get("/tokens").json()
                    break
            except OSError:
                pass
            assert time.time() < deadline, self.output()
            time.sleep(0.1)

    def output(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            assert self.process.wait(timeout=30) == 0, self.output()
        self.log.close()


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    write_project(str(root), PROJECT)
    return root


def run_local(tmp_path, project_dir, data_dir, *extra, name="local"):
    return Running(["local", str(project_dir), "--data-dir", str(data_dir), *extra], str(tmp_path / f"{name}.log"))


@pytest.mark.parametrize("command", [[], ["local"], ["serve"], ["sql"]])
def test_help_on_every_command(command):
    result = subprocess.run([find_binary(), *command, "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout or "usage" in result.stdout.lower()
    if command in (["local"], ["serve"]):
        for option in ("--port", "--data-dir", "--import-dir"):
            assert option in result.stdout, (command, option)
        assert "./pipit-data" in result.stdout  # the default data directory


def test_local_loads_nested_project_and_prints_token_and_example(tmp_path, project):
    running = run_local(tmp_path, project, tmp_path / "data")
    try:
        server = running.server
        output = running.output()
        admin = server.admin_token
        assert f"admin token: {admin}" in output
        # The example URL works as printed (the first endpoint without required parameters).
        match = re.search(r"curl '(http://[^']*/v0/pipes/[^']*)'", output)
        assert match, output
        path = match.group(1).split(str(running.port), 1)[1]
        example = server.get(path)
        assert example.status == 200, (path, example)

        # Nested data source, fixtures (the bad row quarantined), INCLUDE with $VAR, intermediate pipe readable.
        assert server.sql("SELECT count() AS c FROM clicks").json()["data"] == [{"c": 2}]
        assert server.sql("SELECT count() AS c FROM clicks_quarantine").json()["data"] == [{"c": 1}]
        assert server.sql("SELECT count() AS c FROM helper").json()["data"] == [{"c": 2}]
        assert server.get("/v0/pipes/per_user.json", token=admin).json()["data"] == [{"c": 1, "total": 1}]
        assert server.get("/v0/pipes/per_user.json", params={"user": "u2"}, token=admin).json()["data"] == [{"c": 1, "total": 2}]
        assert server.sql("SELECT user_id, c FROM totals").json()["data"] == [{"user_id": "u9", "c": 7}]

        # Prometheus text exposition from name/value/help/type/labels columns.
        metrics = server.get("/v0/pipes/metrics.prometheus", token=admin)
        assert metrics.status == 200, metrics
        assert metrics.headers["content-type"].startswith("text/plain")
        assert "# HELP clicks_total Clicks seen" in metrics.text and "# TYPE clicks_total counter" in metrics.text
        assert "clicks_total 2" in metrics.text

        # What parses but does not run yet is said at start, and its triggers answer 501.
        assert "materialized views (TYPE materialized) are not supported yet" in output, output
        assert "to_totals.pipe" in output
        assert "copy pipes are not supported yet" in output and "'0 * * * *'" in output
        assert "Kafka ingestion (KAFKA_CONNECTION_NAME kafka_conn) is not supported yet" in output
        assert "SHARED_WITH) is not supported yet" in output
        copy = server.post("/v0/pipes/snapshot/copy", token=admin)
        assert copy.status == 501 and "not supported yet" in copy.json()["error"]
        # Datafile tokens are synced.
        names = {t["name"] for t in server.get("/v0/tokens", token=admin).json()["tokens"]}
        assert "ingest_clicks" in names
    finally:
        running.stop()


def test_fixtures_only_into_empty_data_sources(tmp_path, project):
    data = tmp_path / "data"
    first = run_local(tmp_path, project, data, name="first")
    try:
        admin = first.server.admin_token
        assert first.server.post("/v0/events", params={"name": "clicks", "wait": "true"},
                                 body='{"ts":"2026-02-01 00:00:00","user":{"id":"u3"},"n":3}', token=admin).status == 200
        assert first.server.post("/v0/datasources/totals/truncate", token=admin).status == 200
    finally:
        first.stop()
    second = run_local(tmp_path, project, data, name="second")
    try:
        output = second.output()
        # clicks kept its 3 rows (no second fixture load); totals was empty, so its fixture was loaded again.
        assert second.server.sql("SELECT count() AS c FROM clicks").json()["data"] == [{"c": 3}]
        assert second.server.sql("SELECT count() AS c FROM totals").json()["data"] == [{"c": 1}]
        assert "loaded fixture clicks" not in output
        assert "loaded fixture totals" in output
    finally:
        second.stop()


def test_changed_schema_is_kept_with_a_warning(tmp_path, project):
    data = tmp_path / "data"
    run_local(tmp_path, project, data, name="first").stop()
    path = project / "datasources" / "deep" / "nested" / "clicks.datasource"
    path.write_text(path.read_text().replace("`n` Int32", "`n` Int64"))
    os.remove(project / "datasources" / "from_kafka.datasource")
    second = run_local(tmp_path, project, data, name="second")
    try:
        output = second.output()
        assert "clicks.datasource" in output and "already exists in the data directory with another schema" in output, output
        assert second.server.sql("SELECT toTypeName(n) AS t FROM clicks LIMIT 1").json()["data"] == [{"t": "Int32"}]
        assert "has a table 'from_kafka' that no .datasource of the project declares" in output, output
        assert "has a table 'from_kafka_quarantine'" in output
    finally:
        second.stop()


@pytest.mark.parametrize("files,expected", [
    ({"datasources/bad.datasource": "SCHEMA >\n    `a` String\n\nFOO bar\n"}, r"bad\.datasource:4"),
    ({"endpoints/bad.pipe": "NODE n\nSQL >\n    SELECT 1\n\nTYPE nonsense\n"}, r"bad\.pipe:5"),
    ({"datasources/eng.datasource": "SCHEMA >\n    `a` String\n\nENGINE \"NoSuchEngine\"\n"}, r"eng\.datasource"),
    ({"endpoints/ddl.pipe": "NODE n\nSQL >\n    DROP TABLE x\n\nTYPE endpoint\n"}, r"ddl\.pipe: Node 'n': pipe SQL must be a SELECT"),
    ({"endpoints/sys.pipe": "NODE n\nSQL >\n    SELECT * FROM system.tables\n\nTYPE endpoint\n"}, r"sys\.pipe: Node 'n': pipes cannot read 'system\.tables'"),
    ({"endpoints/reserved.pipe": "NODE n\nSQL >\n    %\n    SELECT {{ String(q) }}\n\nTYPE endpoint\n"},
     r'reserved\.pipe:3: Node .n.: "q" can not be used as a variable name'),
    ({"endpoints/broken.pipe": "NODE n\nSQL >\n    %\n    SELECT {{ String(x }}\n\nTYPE endpoint\n"}, r"broken\.pipe:3: Node 'n'"),
])
def test_datafile_errors_name_file_and_line(tmp_path, files, expected):
    root = tmp_path / "bad_project"
    write_project(str(root), files)
    result = subprocess.run([find_binary(), "local", str(root), "--data-dir", str(tmp_path / "data"), "--port", str(free_port())],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert re.search(expected, result.stderr + result.stdout), result.stderr + result.stdout


def test_url_imports_of_local_files_stay_in_the_project_and_import_dirs(tmp_path, project):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "allowed.csv").write_text("user_id,c\nu6,6\n")
    secret = tmp_path / "secret.csv"
    secret.write_text("user_id,c\nsecret,1\n")
    running = run_local(tmp_path, project, tmp_path / "data", "--import-dir", str(outside))
    try:
        server = running.server
        admin = server.admin_token

        def import_url(url):
            return server.post("/v0/datasources", params={"name": "totals", "mode": "append", "url": url}, token=admin)

        for url in (str(project / "data" / "import.csv"), "data/import.csv", "file://" + str(outside / "allowed.csv")):
            response = import_url(url)
            assert response.status == 200, (url, response)
            job = response.json()
            for _ in range(100):
                job = server.get(f"/v0/jobs/{job['id']}", token=admin).json()
                if job["status"] in ("done", "error"):
                    break
                time.sleep(0.05)
            assert job["status"] == "done", job
        for url in (str(secret), "file://" + str(secret), "/etc/passwd", "../secret.csv", str(project / ".." / "secret.csv")):
            response = import_url(url)
            assert response.status == 403, (url, response)
            assert "--import-dir" in response.json()["error"]
        rows = server.sql("SELECT user_id FROM totals ORDER BY user_id").json()["data"]
        assert {"user_id": "secret"} not in rows and {"user_id": "u6"} in rows
    finally:
        running.stop()


def test_serve_without_import_dir_refuses_local_files(tmp_path, project):
    data = tmp_path / "data"
    run_local(tmp_path, project, data, name="first").stop()
    running = Running(["serve", "--data-dir", str(data)], str(tmp_path / "serve.log"))
    try:
        server = running.server
        response = server.post("/v0/datasources", params={"name": "totals", "url": str(project / "data" / "import.csv")},
                               token=server.admin_token)
        assert response.status == 400 and "disabled" in response.json()["error"], response
        assert server.sql("SELECT count() AS c FROM clicks").json()["data"] == [{"c": 2}]
    finally:
        running.stop()


def test_serve_with_a_project_serves_its_endpoints(tmp_path, project):
    running = Running(["serve", str(project), "--data-dir", str(tmp_path / "data")], str(tmp_path / "serve.log"))
    try:
        server = running.server
        response = server.get("/v0/pipes/per_user.json", params={"user": "u1"}, token=server.admin_token)
        assert response.status == 200 and response.json()["data"] == [{"c": 1, "total": 1}], response
    finally:
        running.stop()


def test_endpoints_obey_the_query_timeout(tmp_path, project):
    """--query-timeout bounds endpoint queries as it bounds /v0/sql: a q= that would run for hours fails (504) and
    the worker serves the next request."""
    running = run_local(tmp_path, project, tmp_path / "data", "--query-timeout", "1")
    try:
        server = running.server
        started = time.time()
        response = server.get("/v0/pipes/per_user.json", params={"q": "SELECT sum(number) FROM numbers(100000000000)"},
                              token=server.admin_token, timeout=120)
        assert response.status == 504, response
        assert time.time() - started < 30
        assert server.get("/v0/pipes/per_user.json", token=server.admin_token).status == 200
    finally:
        running.stop()


def test_endpoints_read_only_their_workspace(tmp_path, project):
    """table(param) takes the table name from the caller: it must not reach system tables or another workspace."""
    write_project(str(project), {"endpoints/dynamic.pipe": """\
        NODE endpoint
        SQL >
            %
            SELECT count() AS c FROM {{ table(t, 'clicks') }}

        TYPE endpoint
        """})
    running = run_local(tmp_path, project, tmp_path / "data")
    try:
        server = running.server
        admin = server.admin_token
        created = server.post("/v1/workspaces", params={"name": "other_ws"}, token=server.user_token)
        assert created.status == 200, created
        other = created.json()
        other_db = server.get("/v1/workspace", token=other["token"]).json()
        assert server.get("/v0/pipes/dynamic.json", params={"t": "clicks"}, token=admin).json()["data"] == [{"c": 2}]
        for table in ("system.tables", "system.columns", "system.parts"):
            response = server.get("/v0/pipes/dynamic.json", params={"t": table}, token=admin)
            assert response.status == 403, (table, response)
        response = server.sql("SELECT count() AS c FROM dynamic", t="system.tables")
        assert response.status == 403, response
        assert server.get("/v0/pipes/dynamic.json", params={"t": "system.one"}, token=admin).json()["data"] == [{"c": 1}]
        assert other_db["name"] == "other_ws"
        other_database = "ws_" + other_db["id"].replace("-", "")
        response = server.get("/v0/pipes/dynamic.json", params={"t": other_database + ".clicks"}, token=admin)
        assert response.status == 403, response
        response = server.get("/v0/pipes/dynamic.json", params={"t": "default.clicks"}, token=admin)
        assert response.status == 200, response
    finally:
        running.stop()


def test_example_url_fills_required_parameters(tmp_path):
    root = tmp_path / "project"
    write_project(str(root), {k: v for k, v in PROJECT.items() if k != "endpoints/metrics.pipe"})
    running = run_local(tmp_path, root, tmp_path / "data")
    try:
        match = re.search(r"curl '(http://[^']*/v0/pipes/[^']*)'", running.output())
        assert match and "per_user.json?user=u1&" in match.group(1), running.output()
        path = match.group(1).split(str(running.port), 1)[1]
        assert running.server.get(path).json()["data"] == [{"c": 1, "total": 1}]
    finally:
        running.stop()


def test_removing_a_token_line_revokes_it_on_restart(tmp_path, project):
    data = tmp_path / "data"
    first = run_local(tmp_path, project, data, name="first")
    try:
        tokens = {t["name"]: t for t in first.server.get("/v0/tokens", token=first.server.admin_token).json()["tokens"]}
        ingest = tokens["ingest_clicks"]["token"]
        event = '{"ts":"2026-02-01 00:00:00","user":{"id":"u7"},"n":1}'
        assert first.server.post("/v0/events", params={"name": "clicks"}, body=event, token=ingest).status == 202
    finally:
        first.stop()
    path = project / "datasources" / "deep" / "nested" / "clicks.datasource"
    path.write_text(path.read_text().replace('TOKEN "ingest_clicks" APPEND\n', ""))
    second = run_local(tmp_path, project, data, name="second")
    try:
        response = second.server.post("/v0/events", params={"name": "clicks"}, body=event, token=ingest)
        assert response.status == 403, response
    finally:
        second.stop()
