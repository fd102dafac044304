"""GET /v0/datasources/{name}?attrs=used_by (tinybird.md §3.2): the pipes reading the data source."""


def test_datasource_used_by(alive):
    response = alive.get("/v0/datasources/analytics_events", params={"attrs": "used_by"}, token=alive.admin_token)
    assert response.status == 200, response
    used_by = response.json()["used_by"]
    names = {p["name"] for p in used_by}
    assert {"actions", "top_pages"} <= names and "kpis" not in names
    pipes = {p["name"]: p["id"] for p in alive.get("/v0/pipes", token=alive.admin_token).json()["pipes"]}
    assert all(p["id"] == pipes[p["name"]] for p in used_by)
    assert "used_by" not in alive.get("/v0/datasources/analytics_events", token=alive.admin_token).json()
