"""Transport-level behaviour: routing errors, malformed HTTP, body limits, gzip, keep-alive, CORS, concurrency."""

import http.client
import socket
import threading

from conftest import gzip, parse_raw_response


def test_unknown_route_is_404_json(alive):
    response = alive.get("/v0/does-not-exist")
    assert response.status == 404
    assert response.headers["content-type"].startswith("application/json")
    assert "error" in response.json()


def test_root_is_404_json(alive):
    response = alive.get("/")
    assert response.status == 404
    assert "error" in response.json()


def test_wrong_method_is_405_with_allow(alive):
    response = alive.request("DELETE", "/v0/sql", token=alive.admin_token)
    assert response.status == 405
    assert "GET" in response.headers["allow"] and "POST" in response.headers["allow"]
    assert "error" in response.json()


def test_malformed_request_line_is_400_and_closed(alive):
    data = alive.raw(b"THIS IS NOT HTTP\r\n\r\n")
    status, headers, body = parse_raw_response(data)
    assert status == 400
    assert b"error" in body


def test_garbage_bytes_do_not_crash(alive):
    for payload in [b"\x00\x01\x02\xff" * 100, b"GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n",
                    b"GET /v0/sql HTTP/9.9\r\n\r\n", b"\r\n\r\n\r\n", b"GET " + b"/a" * 40000 + b" HTTP/1.1\r\n\r\n"]:
        alive.raw(payload, read_timeout=3)
    assert alive.alive()


def test_huge_header_block_is_rejected(alive):
    data = alive.raw(b"GET /tokens HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n")
    if data:  # the server may answer 431 or just close
        status, _, _ = parse_raw_response(data)
        assert status in (400, 431)


def test_bad_chunked_encoding_is_400(alive):
    data = alive.raw(b"POST /v0/sql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n")
    status, _, body = parse_raw_response(data)
    assert status == 400
    assert b"error" in body


def test_declared_body_over_the_limit_is_413_without_reading_it(alive):
    data = alive.raw(b"POST /v0/sql HTTP/1.1\r\nHost: x\r\nContent-Length: 200000000\r\n\r\nSELECT 1")
    status, _, body = parse_raw_response(data)
    assert status == 413
    assert b"error" in body


def test_chunked_body_over_the_limit_is_413(alive):
    chunk = b"x" * (1 << 20)
    with socket.create_connection((alive.host, alive.port), timeout=30) as s:
        s.sendall(b"POST /v0/sql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(110):
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        except OSError:
            pass  # the server answered and closed before we finished
        data = b""
        try:
            while True:
                part = s.recv(65536)
                if not part:
                    break
                data += part
        except OSError:
            pass
    status, _, _ = parse_raw_response(data)
    assert status == 413


def test_client_disconnect_mid_body(alive):
    with socket.create_connection((alive.host, alive.port), timeout=5) as s:
        s.sendall(b"POST /v0/sql HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nSELECT")
    assert alive.alive()


def test_keep_alive_serves_many_requests_on_one_connection(alive):
    connection = http.client.HTTPConnection(alive.host, alive.port, timeout=10)
    try:
        for i in range(20):
            connection.request("GET", f"/v0/sql?q=SELECT+{i}+AS+v&token={alive.admin_token}")
            response = connection.getresponse()
            body = response.read()
            assert response.status == 200, body
            assert response.getheader("connection", "").lower() != "close"
        # An error response keeps the connection too.
        connection.request("GET", "/nope")
        response = connection.getresponse()
        response.read()
        assert response.status == 404
        connection.request("GET", "/tokens")
        response = connection.getresponse()
        response.read()
        assert response.status == 200
    finally:
        connection.close()


def test_gzip_request_body(alive):
    response = alive.post("/v0/sql", body=gzip("SELECT 41 + 1 AS answer"), token=alive.admin_token,
                          headers={"Content-Encoding": "gzip", "Content-Type": "text/plain"})
    assert response.status == 200, response
    assert response.json()["data"] == [{"answer": 42}]


def test_corrupt_gzip_body_is_400(alive):
    response = alive.post("/v0/sql", body=b"\x1f\x8b\x08\x00garbage", token=alive.admin_token,
                          headers={"Content-Encoding": "gzip"})
    assert response.status == 400
    assert "error" in response.json()


def test_gzip_bomb_is_413(alive):
    bomb = gzip(b"\0" * (150 << 20))  # 150 MB of zeros in ~150 KB
    response = alive.post("/v0/sql", body=bomb, token=alive.admin_token, headers={"Content-Encoding": "gzip"})
    assert response.status == 413
    assert "error" in response.json()


def test_unsupported_content_encoding_is_400(alive):
    response = alive.post("/v0/sql", body=b"SELECT 1", token=alive.admin_token, headers={"Content-Encoding": "br"})
    assert response.status == 400


def test_expect_100_continue(alive):
    with socket.create_connection((alive.host, alive.port), timeout=10) as s:
        body = b"SELECT 7 AS seven"
        s.sendall(b"POST /v0/sql?token=" + alive.admin_token.encode() + b" HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                  b"Content-Type: text/plain\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        interim = s.recv(4096)
        assert interim.startswith(b"HTTP/1.1 100")
        s.sendall(body)
        data = b""
        while b"seven" not in data:
            part = s.recv(65536)
            if not part:
                break
            data += part
    assert b" 200 " in data.split(b"\r\n")[0]


def test_cors_preflight_and_header(alive):
    response = alive.request("OPTIONS", "/v0/pipes/top_pages.json",
                             headers={"Origin": "http://example.com", "Access-Control-Request-Method": "GET"})
    assert response.status == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "Authorization" in response.headers["access-control-allow-headers"]
    assert alive.get("/tokens").headers["access-control-allow-origin"] == "*"


def test_head_request(alive):
    response = alive.request("HEAD", "/tokens")
    assert response.status == 200
    assert response.body == b""


def test_concurrent_requests(alive):
    errors = []

    def worker(n):
        try:
            for i in range(10):
                response = alive.sql(f"SELECT {n} * 100 + {i} AS v")
                if response.status != 200 or response.json()["data"][0]["v"] != n * 100 + i:
                    errors.append(response)
        except Exception as e:  # noqa: BLE001 - collected and reported
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
