"""A pipit server for the ingest API tests: `pipit local` on a small project (data sources with
jsonpaths), a fresh data directory and a free port; the workspace admin token is fixed."""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ADMIN_TOKEN = "p.ingest-tests-admin-token"

PROJECT = {
    "datasources/events.datasource": """DESCRIPTION >
    Events for the ingest tests

SCHEMA >
    `ts` DateTime `json:$.ts`,
    `user_id` String `json:$.user.id`,
    `country` Nullable(String) `json:$.geo.country`,
    `tags` Array(String) `json:$.tags[:]`,
    `amount` Float64 `json:$.amount`,
    `tenant` String `json:$.tenant` DEFAULT 'none'

ENGINE "MergeTree"
ENGINE_SORTING_KEY "ts"
""",
    "datasources/rows.datasource": """SCHEMA >
    `day` UInt32,
    `name` String,
    `score` Nullable(Float64)

ENGINE "MergeTree"
ENGINE_PARTITION_KEY "day"
ENGINE_SORTING_KEY "day"
""",
}


def find_binary():
    for variable in ("PIPIT_BINARY", "PIPIT_BIN"):
        if os.environ.get(variable):
            return os.environ[variable]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    candidates = [os.path.join(root, d, *sub) for d in ("build", "build-ingest", "build-http") for sub in (("pipit",), ("apps", "pipit", "pipit"))]
    existing = [c for c in candidates if os.path.exists(c)]
    if not existing:
        raise RuntimeError("pipit binary not found: set PIPIT_BIN")
    return max(existing, key=os.path.getmtime)


def free_port():
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="pipit-ingest-api-")
        project = os.path.join(self.root, "project")
        for path, text in PROJECT.items():
            full = os.path.join(project, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        env = dict(os.environ, TB_LOCAL_WORKSPACE_TOKEN=ADMIN_TOKEN)
        self.log = open(os.path.join(self.root, "server.log"), "w")
        self.process = subprocess.Popen(
            [find_binary(), "local", project, "--port", str(self.port), "--data-dir", os.path.join(self.root, "data"),
             "--import-dir", tempfile.gettempdir()],  # url= imports of the tests' files (pytest's tmp_path)
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("pipit exited: " + open(os.path.join(self.root, "server.log")).read())
            try:
                with contextlib.closing(socket.create_connection(("127.0.0.1", self.port), timeout=0.2)):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("pipit did not start listening")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def request(self, method, path, params=None, body=None, headers=None, token=ADMIN_TOKEN):
        """Returns (status, parsed JSON or text, headers)."""
        params = dict(params or {})
        if token is not None:
            params.setdefault("token", token)
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                status, raw, response_headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as e:
            status, raw, response_headers = e.code, e.read(), e.headers
        text = raw.decode("utf-8", "replace")
        try:
            return status, json.loads(text), response_headers
        except ValueError:
            return status, text, response_headers

    def sql(self, query):
        status, result, _ = self.request("GET", "/v0/sql", {"q": query + " FORMAT JSON"})
        assert status == 200, result
        return result["data"]

    def wait_job(self, job_id, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, job, _ = self.request("GET", "/v0/jobs/" + job_id)
            assert status == 200, job
            if job["status"] in ("done", "error", "cancelled"):
                return job
            time.sleep(0.05)
        raise AssertionError("job %s did not finish" % job_id)
