"""Tokens API (tinybird.md §3.7): static tokens, scopes, JWT issuance and use, rate limits."""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse

import pytest


def call(server, method, path, token=None, params=None, body=None, headers=None, bearer=True):
    """(status, parsed JSON body or None, lowercase headers). The token goes in the Authorization header, or in
    the query string when bearer=False."""
    response = server.request(method, path, params=list(params or []), body=body, headers=headers,
                              bearer=token if bearer else None, token=None if bearer else token)
    try:
        payload = response.json() if response.body else None
    except ValueError:
        payload = response.text
    return response.status, payload, response.headers


@pytest.fixture
def local(alive):
    return alive.tokens


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_jwt(payload, key, header=None):
    header = header or {"alg": "HS256", "typ": "JWT"}
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(payload).encode())
    signature = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(signature)


def workspace_id(alive, admin):
    status, body, _ = call(alive, "GET", "/v0/workspace", admin)
    assert status == 200, body
    return body["id"]


def unique(prefix):
    return f"{prefix}_{int(time.time() * 1000000) % 10**12}"


def test_list_contains_default_tokens(alive, local):
    admin = local["workspace_admin_token"]
    status, body, _ = call(alive, "GET", "/v0/tokens", admin)
    assert status == 200, body
    names = [t["name"] for t in body["tokens"]]
    assert "Workspace admin token" in names
    admin_entry = next(t for t in body["tokens"] if t["name"] == "Workspace admin token")
    assert admin_entry["token"] == admin
    assert {"id", "name", "token", "description", "scopes", "origin"} <= set(admin_entry)
    assert admin_entry["scopes"][0]["type"] == "ADMIN"
    # token= query parameter works as well as the Bearer header
    status, body2, _ = call(alive, "GET", "/v0/tokens", admin, bearer=False)
    assert status == 200 and len(body2["tokens"]) == len(body["tokens"])


def test_requires_a_valid_token_with_tokens_scope(alive, local):
    assert call(alive, "GET", "/v0/tokens")[0] == 401
    assert call(alive, "GET", "/v0/tokens", "p.not-a-token")[0] == 401
    assert call(alive, "GET", "/v0/tokens", local["user_token"])[0] == 403
    admin = local["workspace_admin_token"]
    name = unique("reader")
    status, token, _ = call(alive, "POST", "/v0/tokens", admin, [("name", name), ("scope", "PIPES:READ:top")])
    assert status == 200, token
    assert call(alive, "GET", "/v0/tokens", token["token"])[0] == 403
    assert call(alive, "POST", "/v0/tokens", token["token"], [("name", unique("x")), ("scope", "ADMIN")])[0] == 403


def test_static_token_lifecycle(alive, local):
    admin = local["workspace_admin_token"]
    name = unique("ingest")
    status, token, _ = call(
        alive, "POST", "/v0/tokens", admin,
        [("name", name), ("scope", "DATASOURCES:APPEND:events"), ("scope", "DATASOURCES:READ:events"), ("origin", "C")])
    assert status == 200, token
    assert token["name"] == name
    assert token["token"].startswith("p.")
    assert [(s["type"], s["resource"]) for s in token["scopes"]] == [
        ("DATASOURCES:APPEND", "events"), ("DATASOURCES:READ", "events")]

    # by id and by name
    for key in (token["id"], name):
        status, one, _ = call(alive, "GET", "/v0/tokens/" + urllib.parse.quote(key), admin)
        assert status == 200, one
        assert one["id"] == token["id"] and one["token"] == token["token"]

    # duplicate name
    status, body, _ = call(alive, "POST", "/v0/tokens", admin, [("name", name), ("scope", "ADMIN")])
    assert status == 409, body

    # PUT replaces the scopes (query form, then form body)
    status, updated, _ = call(alive, "PUT", "/v0/tokens/" + name, admin, [("scope", "PIPES:READ:top")])
    assert status == 200, updated
    assert [(s["type"], s["resource"]) for s in updated["scopes"]] == [("PIPES:READ", "top")]
    status, updated, _ = call(
        alive, "PUT", "/v0/tokens/" + name, admin, body="scope=PIPES:READ:a&scope=PIPES:READ:b",
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, updated
    assert [s["resource"] for s in updated["scopes"]] == ["a", "b"]

    # refresh: new value, old one stops working
    status, refreshed, _ = call(alive, "POST", f"/v0/tokens/{token['id']}/refresh", admin)
    assert status == 200, refreshed
    assert refreshed["id"] == token["id"] and refreshed["token"] != token["token"]
    status, listed, _ = call(alive, "GET", "/v0/tokens/" + name, admin)
    assert listed["token"] == refreshed["token"]

    # delete
    status, _, _ = call(alive, "DELETE", "/v0/tokens/" + token["id"], admin)
    assert status in (200, 204)
    assert call(alive, "GET", "/v0/tokens/" + name, admin)[0] == 404
    assert call(alive, "DELETE", "/v0/tokens/" + name, admin)[0] == 404
    assert call(alive, "GET", "/v0/tokens", refreshed["token"])[0] == 401


def test_invalid_scopes_are_400(alive, local):
    admin = local["workspace_admin_token"]
    for scope in ("DATASOURCES:READ", "NOPE", "PIPES:READ:top:tenant = 1", "ADMIN:x"):
        status, body, _ = call(alive, "POST", "/v0/tokens", admin, [("name", unique("bad")), ("scope", scope)])
        assert status == 400, (scope, body)
        assert "error" in body
    assert call(alive, "POST", "/v0/tokens", admin, [("scope", "ADMIN")])[0] == 400


def test_default_tokens_cannot_be_deleted(alive, local):
    admin = local["workspace_admin_token"]
    status, body, _ = call(alive, "DELETE", "/v0/tokens/" + urllib.parse.quote("Workspace admin token"), admin)
    assert status == 409, body
    assert call(alive, "GET", "/v0/tokens", admin)[0] == 200


def test_jwt_issuance_and_use(alive, local):
    admin = local["workspace_admin_token"]
    exp = int(time.time()) + 3600
    body = {"name": "tenant_acme", "scopes": [
        {"type": "PIPES:READ", "resource": "top_paths", "fixed_params": {"tenant": "acme"}},
        {"type": "DATASOURCES:READ", "resource": "clicks", "filter": "tenant = 'acme'"}], "limits": {"rps": 10}}
    status, created, _ = call(
        alive, "POST", "/v0/tokens/", admin, [("expiration_time", str(exp)), ("from", "ts-sdk")], json.dumps(body),
        {"Content-Type": "application/json"})
    assert status == 200, created
    jwt = created["token"]
    header, payload, _ = jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["exp"] == exp and claims["name"] == "tenant_acme"
    assert claims["workspace_id"] == workspace_id(alive, admin)
    assert claims["limits"] == {"rps": 10}
    assert claims["scopes"][0]["fixed_params"] == {"tenant": "acme"}
    # a JWT authenticates but cannot manage tokens
    assert call(alive, "GET", "/v0/tokens", jwt)[0] == 403

    # errors: no expiration, expired, scope not allowed in a JWT, bad JSON
    status, err, _ = call(alive, "POST", "/v0/tokens/", admin, body=json.dumps(body), headers={"Content-Type": "application/json"})
    assert status == 400, err
    status, err, _ = call(alive, "POST", "/v0/tokens/", admin, [("expiration_time", str(int(time.time()) - 10))],
                             json.dumps(body), {"Content-Type": "application/json"})
    assert status == 400, err
    bad = {"name": "x", "scopes": [{"type": "ADMIN"}]}
    assert call(alive, "POST", "/v0/tokens/", admin, [("expiration_time", str(exp))], json.dumps(bad),
                   {"Content-Type": "application/json"})[0] == 400
    assert call(alive, "POST", "/v0/tokens/", admin, [("expiration_time", str(exp))], "{not json",
                   {"Content-Type": "application/json"})[0] == 400


def test_externally_signed_jwt(alive, local):
    """A JWT signed by the client with the admin token (docs: self-signed JWTs) is accepted; forged or expired ones are not."""
    admin = local["workspace_admin_token"]
    ws = workspace_id(alive, admin)
    payload = {"workspace_id": ws, "name": "self_signed", "exp": int(time.time()) + 600,
               "scopes": [{"type": "PIPES:READ", "resource": "anything"}]}
    good = sign_jwt(payload, admin)
    # authenticated (403 for lacking TOKENS, not 401)
    assert call(alive, "GET", "/v0/tokens", good)[0] == 403
    assert call(alive, "GET", "/v0/tokens", sign_jwt(payload, "wrong-key"))[0] == 401
    assert call(alive, "GET", "/v0/tokens", sign_jwt(payload, admin, {"alg": "none"}))[0] == 401
    none_token = b64url(json.dumps({"alg": "none"}).encode()) + "." + b64url(json.dumps(payload).encode()) + "."
    assert call(alive, "GET", "/v0/tokens", none_token)[0] == 401
    expired = dict(payload, exp=int(time.time()) - 5)
    assert call(alive, "GET", "/v0/tokens", sign_jwt(expired, admin))[0] == 403
    tampered = good.split(".")
    tampered[1] = b64url(json.dumps(dict(payload, scopes=[{"type": "DATASOURCES:READ", "resource": "secret"}])).encode())
    assert call(alive, "GET", "/v0/tokens", ".".join(tampered))[0] == 401


def test_jwt_rate_limit(alive, local):
    admin = local["workspace_admin_token"]
    body = {"name": "limited", "scopes": [{"type": "PIPES:READ", "resource": "p"}], "limits": {"rps": 1}}
    status, created, _ = call(alive, "POST", "/v0/tokens", admin, [("expiration_time", str(int(time.time()) + 600))],
                                 json.dumps(body), {"Content-Type": "application/json"})
    assert status == 200, created
    jwt = created["token"]
    statuses = []
    last_headers = {}
    for _ in range(4):
        status, _, last_headers = call(alive, "GET", "/v0/tokens", jwt)
        statuses.append(status)
    assert statuses[0] == 403  # authenticated, lacks TOKENS
    assert 429 in statuses
    assert "retry-after" in last_headers


def test_static_token_via_json_scope_strings(alive, local):
    admin = local["workspace_admin_token"]
    name = unique("sdk_static")
    status, token, _ = call(alive, "POST", "/v0/tokens", admin,
                               body=json.dumps({"name": name, "scope": ["PIPES:READ:top"]}),
                               headers={"Content-Type": "application/json"})
    assert status == 200, token
    assert token["token"].startswith("p.")
    assert [(s["type"], s["resource"]) for s in token["scopes"]] == [("PIPES:READ", "top")]
    call(alive, "DELETE", "/v0/tokens/" + name, admin)


def test_workspace_isolation(alive, local):
    user = local["user_token"]
    name = unique("Iso")
    status, created, _ = call(alive, "POST", "/v1/workspaces", user, [("name", name)])
    if status == 404:
        pytest.skip("POST /v1/workspaces not available")
    assert status == 200, created
    try:
        other_admin = created["token"]
        admin = local["workspace_admin_token"]
        theirs = call(alive, "POST", "/v0/tokens", other_admin, [("name", "theirs"), ("scope", "ADMIN")])[1]
        # the default workspace does not see or touch the other workspace's token
        assert call(alive, "GET", "/v0/tokens/" + theirs["id"], admin)[0] == 404
        assert call(alive, "DELETE", "/v0/tokens/" + theirs["id"], admin)[0] == 404
        names = [t["name"] for t in call(alive, "GET", "/v0/tokens", admin)[1]["tokens"]]
        assert "theirs" not in names
        # a JWT naming the other workspace but signed with our key is rejected
        payload = {"workspace_id": created["id"], "name": "x", "exp": int(time.time()) + 60, "scopes": []}
        assert call(alive, "GET", "/v0/tokens", sign_jwt(payload, admin))[0] == 401
    finally:
        call(alive, "DELETE", "/v1/workspaces/" + created["id"], user, [("hard_delete_confirmation", "yes")])
