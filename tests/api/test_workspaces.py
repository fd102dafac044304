"""Workspace, user and Tinybird-Local bootstrap routes (tinybird.md §3.10) and scoped tokens."""

import uuid

import pytest


def test_local_tokens_without_auth(alive):
    body = alive.get("/tokens").json()
    assert set(body) >= {"user_token", "admin_token", "workspace_admin_token"}
    assert all(isinstance(v, str) and v for v in body.values())


def test_regions(alive):
    body = alive.get("/v0/regions").json()
    assert body["regions"][0]["api_host"] == alive.base


@pytest.mark.parametrize("path", ["/v0/workspace", "/v1/workspace"])
def test_current_workspace(alive, path):
    body = alive.get(path, bearer=alive.admin_token).json()
    assert body["name"] == "Tinybird_Local_Testing"
    assert body["id"]
    assert body["main"] is None
    assert body["is_branch"] is False
    assert alive.get(path).status == 401
    assert alive.get(path, token="nope").status == 401


@pytest.mark.parametrize("path", ["/v0/user/workspaces", "/v1/user/workspaces", "/v1/user/workspaces/"])
def test_user_workspaces(alive, path):
    body = alive.get(path, params={"with_organization": "true"}, token=alive.user_token).json()
    assert body["organization_id"]
    default = [w for w in body["workspaces"] if w["name"] == "Tinybird_Local_Testing"]
    assert default and default[0]["token"] == alive.admin_token
    # A workspace admin token cannot list the user's workspaces.
    assert alive.get(path, token=alive.admin_token).status == 403
    assert alive.get(path).status == 401


def test_create_use_and_delete_workspace(alive):
    name = "Build_" + uuid.uuid4().hex[:12]
    created = alive.post("/v1/workspaces", body=f"name={name}&assign_to_organization_id=x", token=alive.user_token,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert created.status == 200, created
    workspace = created.json()
    assert workspace["name"] == name and workspace["id"] and workspace["token"]
    token = workspace["token"]

    # Same name again -> conflict.
    again = alive.post("/v1/workspaces", params={"name": name}, token=alive.user_token)
    assert again.status == 409

    # The new workspace is isolated: empty, and the default workspace's tables are not reachable.
    assert alive.get("/v1/workspace", token=token).json()["id"] == workspace["id"]
    assert alive.sql("SELECT 1 AS x", token=token).json()["data"] == [{"x": 1}]
    assert alive.sql("SELECT count() FROM analytics_events", token=token).status == 400
    assert alive.sql("SELECT count() FROM default.analytics_events", token=token).status == 403

    listed = alive.get("/v1/user/workspaces", token=alive.user_token).json()["workspaces"]
    assert any(w["id"] == workspace["id"] for w in listed)

    fetched = alive.get(f"/v0/workspaces/{workspace['id']}", params={"with_token": "true"}, token=alive.user_token).json()
    assert fetched["name"] == name and fetched["token"] == token
    assert "token" not in alive.get(f"/v0/workspaces/{workspace['id']}", token=alive.user_token).json()
    # Another workspace's token cannot read it.
    assert alive.get(f"/v0/workspaces/{workspace['id']}", token=alive.admin_token).status == 403

    # Only the user token deletes.
    assert alive.request("DELETE", f"/v1/workspaces/{workspace['id']}", token=token).status == 403
    deleted = alive.request("DELETE", f"/v1/workspaces/{workspace['id']}", params={"hard_delete_confirmation": "yes"},
                            token=alive.user_token)
    assert deleted.status == 200, deleted
    assert alive.sql("SELECT 1", token=token).status == 401
    assert alive.get(f"/v0/workspaces/{workspace['id']}", token=alive.user_token).status == 404
    assert alive.request("DELETE", f"/v1/workspaces/{workspace['id']}", token=alive.user_token).status == 404


def test_create_workspace_bad_input(alive):
    assert alive.post("/v1/workspaces", token=alive.user_token).status == 400
    assert alive.post("/v1/workspaces", params={"name": "bad name; DROP"}, token=alive.user_token).status == 400
    assert alive.post("/v1/workspaces", params={"name": "x" * 300}, token=alive.user_token).status == 400
    assert alive.post("/v1/workspaces", params={"name": "ok_name"}, token=alive.admin_token).status == 403
    assert alive.post("/v1/workspaces", params={"name": "ok_name"}).status == 401


def test_default_workspace_cannot_be_deleted(alive):
    workspace_id = alive.get("/v1/workspace", token=alive.admin_token).json()["id"]
    assert alive.request("DELETE", f"/v1/workspaces/{workspace_id}", token=alive.user_token).status == 403
    assert alive.sql("SELECT count() AS c FROM analytics_events").json()["data"] == [{"c": 400}]


def datafile_token(server, name):
    response = server.get(f"/v0/tokens/{name}", token=server.admin_token)
    if response.status == 404 and "Not found: GET" in response.text:
        pytest.skip("Tokens API not registered in this build")
    assert response.status == 200, response
    return response.json()["token"]


def test_scoped_tokens_on_the_query_api(alive):
    dashboard = datafile_token(alive, "dashboard")  # DATASOURCES:READ:analytics_events + PIPES:READ
    tracker = datafile_token(alive, "tracker")  # DATASOURCES:APPEND:analytics_events
    assert alive.sql("SELECT count() AS c FROM analytics_events", token=dashboard).json()["data"] == [{"c": 400}]
    assert alive.sql("SELECT count() AS c FROM analytics_events_quarantine", token=dashboard).status == 200
    assert alive.sql("SELECT count() FROM analytics_events", token=tracker).status == 403
    assert alive.sql("SELECT count() FROM top_pages", token=tracker).status == 403
