"""Routes of tinybird.md §3 that pipit does not build answer 501 with a clear JSON error, never a fake success."""

import pytest


@pytest.mark.parametrize("method,path", [
    ("POST", "/v0/pipes/top_pages/copy"),
    ("POST", "/v0/pipes/top_pages/copy/pause"),
    ("POST", "/v0/pipes/top_pages/sink"),
    ("POST", "/v0/pipes"),
    ("GET", "/v0/variables"),
    ("POST", "/v0/variables"),
    ("GET", "/v0/connectors"),
    ("GET", "/v1/environments"),
    ("POST", "/v1/environments"),
    ("POST", "/v1/build"),
    ("POST", "/v1/deploy"),
    ("GET", "/v1/deployments"),
    ("DELETE", "/v0/datasources/analytics_events"),
    ("POST", "/v0/datasources/analytics_events/alter"),
    ("POST", "/v0/datasources/exchange"),
    ("POST", "/v0/datasources/analytics_events/scheduling/runs"),
    ("POST", "/v0/analyze"),
])
def test_route_not_built_is_a_clear_501(alive, method, path):
    response = alive.request(method, path, token=alive.admin_token, body=b"")
    assert response.status == 501, response
    assert "not supported yet" in response.json()["error"]


def test_datasource_unchanged_after_unsupported_delete(alive):
    before = alive.sql("SELECT count() AS c FROM analytics_events").json()["data"]
    assert alive.request("DELETE", "/v0/datasources/analytics_events", token=alive.admin_token).status == 501
    assert alive.sql("SELECT count() AS c FROM analytics_events").json()["data"] == before


def test_mode_create_is_not_faked(alive):
    response = alive.post("/v0/datasources", params={"name": "brand_new", "mode": "create"}, body="a,b\n1,2\n",
                          token=alive.admin_token)
    assert response.status == 501, response
    assert "error" in response.json()
    assert alive.sql("SELECT count() FROM brand_new").status in (400, 403, 404)


@pytest.mark.parametrize("table", ["tinybird.pipe_stats_rt", "tinybird.datasources_ops_log", "organization.workspaces"])
def test_service_data_sources_are_a_clear_501(alive, table):
    response = alive.sql(f"SELECT count() FROM {table}")
    assert response.status == 501, response
    assert "not supported yet" in response.json()["error"]



@pytest.mark.parametrize("method,path", [("POST", "/v0/pipes/top_pages/copy"), ("POST", "/v1/build"), ("GET", "/v0/variables")])
def test_route_not_built_still_authenticates(alive, method, path):
    assert alive.request(method, path, body=b"").status == 401
    assert alive.request(method, path, token="p.not-a-token", body=b"").status == 401
