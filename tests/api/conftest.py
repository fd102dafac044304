"""Starts the built pipit server once per test session (`pipit local` on the web_analytics sample project,
a free port, a temporary data directory) and gives tests a small HTTP client for it.

The binary is $PIPIT_BINARY, else the newest of build/pipit, build-http/pipit."""

import gzip as gzip_module
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE_PROJECT = os.path.join(REPO, "tests", "projects", "web_analytics")


def find_binary():
    explicit = os.environ.get("PIPIT_BINARY", "")
    if explicit:
        return explicit
    candidates = [os.path.join(REPO, d, "pipit") for d in ("build", "build-http")]
    candidates = [p for p in candidates if os.path.isfile(p) and os.access(p, os.X_OK)]
    if not candidates:
        raise RuntimeError("pipit binary not found: build it (make build) or set PIPIT_BINARY")
    return max(candidates, key=os.path.getmtime)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lowercase name -> value
        self.body = body  # bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"Response({self.status}, {self.body[:300]!r})"


class Server:
    def __init__(self, process, port, data_dir, log_path):
        self.process = process
        self.port = port
        self.host = "127.0.0.1"
        self.base = f"http://{self.host}:{port}"
        self.data_dir = data_dir
        self.log_path = log_path
        self.tokens = {}

    def request(self, method, path, params=None, body=None, headers=None, token=None, bearer=None, timeout=60):
        """One request on a fresh connection. `params` is a dict or a list of pairs (repeated keys allowed);
        `token` goes in the query string, `bearer` in the Authorization header."""
        pairs = list(params.items()) if isinstance(params, dict) else list(params or [])
        if token is not None:
            pairs.append(("token", token))
        url = path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")
        all_headers = dict(headers or {})
        if bearer is not None:
            all_headers["Authorization"] = f"Bearer {bearer}"
        if isinstance(body, str):
            body = body.encode()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, url, body=body, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        finally:
            connection.close()

    def get(self, path, params=None, **kwargs):
        return self.request("GET", path, params=params, **kwargs)

    def post(self, path, params=None, body=None, **kwargs):
        return self.request("POST", path, params=params, body=body, **kwargs)

    def sql(self, query, token=None, **params):
        """GET /v0/sql with the admin token unless another one is given."""
        return self.get("/v0/sql", params={"q": query, **params}, token=token if token is not None else self.admin_token)

    def raw(self, data, read_timeout=10):
        """Sends raw bytes on a new socket and returns everything the server answers until it closes
        the connection or goes quiet."""
        with socket.create_connection((self.host, self.port), timeout=read_timeout) as s:
            s.sendall(data)
            chunks = []
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
            except socket.timeout:
                pass
            return b"".join(chunks)

    def alive(self):
        return self.process.poll() is None and self.get("/tokens").status == 200

    @property
    def admin_token(self):
        return self.tokens["workspace_admin_token"]

    @property
    def user_token(self):
        return self.tokens["user_token"]

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()


def parse_raw_response(data):
    """(status, headers dict, body bytes) of the first HTTP response in `data`."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = body[: int(headers["content-length"])]
    return status, headers, body


def gzip(data):
    return gzip_module.compress(data.encode() if isinstance(data, str) else data)


@pytest.fixture(scope="session")
def server():
    binary = find_binary()
    data_dir = tempfile.mkdtemp(prefix="pipit-api-test-")
    log_path = os.path.join(data_dir, "server.log")
    port = free_port()
    log = open(log_path, "w")
    process = subprocess.Popen(
        [binary, "local", SAMPLE_PROJECT, "--data-dir", os.path.join(data_dir, "data"), "--port", str(port), "--threads", "4"],
        stdout=log, stderr=subprocess.STDOUT, env={k: v for k, v in os.environ.items() if not k.startswith("TB_LOCAL_")})
    srv = Server(process, port, data_dir, log_path)
    deadline = time.time() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"pipit exited with {process.returncode}:\n{srv.log()}")
        try:
            response = srv.get("/tokens", timeout=2)
            if response.status == 200:
                srv.tokens = response.json()
                break
        except OSError:
            pass
        if time.time() > deadline:
            process.kill()
            raise RuntimeError(f"pipit did not start:\n{srv.log()}")
        time.sleep(0.1)
    yield srv
    crashed = process.poll() is not None
    process.terminate()
    try:
        code = process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait()
    log.close()
    output = srv.log()
    shutil.rmtree(data_dir, ignore_errors=True)
    assert not crashed, f"pipit died during the tests:\n{output}"
    assert code == 0, f"pipit exited with {code} on SIGTERM:\n{output}"


@pytest.fixture
def alive(server):
    """Asserts after the test that the server still answers."""
    yield server
    assert server.alive(), "server does not answer anymore"
