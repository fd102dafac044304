"""Pipes / endpoints API (tinybird.md §2, §3.4) on the web_analytics sample project: endpoint formats, parameters
from the query string, a form or a JSON body, arrays, q= over `_`, the JSON shape, template errors as 400 with
Tinybird's texts, injection attempts, scopes, and the metadata routes (/v0/pipes, /v0/pipes/{name}, openapi.json)."""

import json

import pytest

DS = "analytics_events"


def endpoint(server, name, fmt="json", params=None, **kwargs):
    return server.get(f"/v0/pipes/{name}.{fmt}", params=params, token=kwargs.pop("token", server.admin_token), **kwargs)


def sql_rows(server, query):
    response = server.sql(query)
    assert response.status == 200, response
    return response.json()["data"]


def test_json_shape_statistics_and_rows_before_limit(alive):
    response = endpoint(alive, "top_pages", params={"limit": "3"})
    assert response.status == 200, response
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert [m["name"] for m in body["meta"]] == ["pathname", "visits", "visitors"]
    assert body["meta"][1]["type"] == "UInt64"
    assert body["rows"] == len(body["data"]) == 3
    # LIMIT in the endpoint: rows_before_limit_at_least counts the groups before it.
    groups = sql_rows(alive, f"SELECT uniqExact(JSONExtractString(payload, 'pathname')) AS n FROM {DS} WHERE action = 'page_hit' "
                             "AND timestamp >= '2026-10-01 00:00:00' AND timestamp < '2026-11-01 00:00:00'")[0]["n"]
    assert body["rows_before_limit_at_least"] == groups
    stats = body["statistics"]
    assert stats["rows_read"] > 0 and stats["bytes_read"] > 0
    assert isinstance(stats["elapsed"], float)
    # The first node filters on `action`, not a key column, so it reads every row of the data source; the rows of
    # its result that the second node reads are not read from a table and do not count again.
    total = sql_rows(alive, f"SELECT count() AS n FROM {DS}")[0]["n"]
    assert stats["rows_read"] == total


def test_endpoint_without_limit_has_no_rows_before_limit(alive):
    body = endpoint(alive, "actions").json()
    assert "rows_before_limit_at_least" not in body
    expected = sql_rows(alive, f"SELECT action, count() AS events FROM {DS} GROUP BY action ORDER BY action")
    assert body["data"] == expected


def test_ndjson_is_byte_exact_compact_lines(alive):
    response = endpoint(alive, "actions", "ndjson")
    assert response.status == 200, response
    assert response.headers["content-type"].startswith("application/x-ndjson")
    expected = "".join(json.dumps(row, separators=(",", ":")) + "\n" for row in endpoint(alive, "actions").json()["data"])
    assert response.text == expected


def test_csv_has_a_header_row(alive):
    response = endpoint(alive, "actions", "csv")
    assert response.status == 200, response
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0] == '"action","events"'
    assert len(lines) == 1 + len(endpoint(alive, "actions").json()["data"])


def test_unknown_format_is_an_error(alive):
    response = endpoint(alive, "actions", "xml")
    assert response.status in (400, 404), response
    assert "error" in response.json()


@pytest.mark.parametrize("params", [
    [("actions", "click")],
    [("actions", "click"), ("actions", "page_hit")],
    [("actions", "click,page_hit")],
])
def test_array_parameter_repeated_or_comma_separated(alive, params):
    wanted = sorted({v for _, value in params for v in value.split(",")})
    body = endpoint(alive, "actions", params=params).json()
    assert [row["action"] for row in body["data"]] == wanted


def test_post_form_and_json_body(alive):
    by_get = endpoint(alive, "top_pages", params={"limit": "2", "domain": "example.com"}).json()["data"]
    form = alive.post("/v0/pipes/top_pages.json", body="limit=2&domain=example.com", token=alive.admin_token,
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status == 200, form
    assert form.json()["data"] == by_get
    as_json = alive.post("/v0/pipes/top_pages.json", body=json.dumps({"limit": 2, "domain": "example.com"}), token=alive.admin_token,
                         headers={"Content-Type": "application/json"})
    assert as_json.status == 200, as_json
    assert as_json.json()["data"] == by_get
    arrays = alive.post("/v0/pipes/actions.json", body=json.dumps({"actions": ["click"]}), token=alive.admin_token,
                        headers={"Content-Type": "application/json"})
    assert [row["action"] for row in arrays.json()["data"]] == ["click"]
    bad = alive.post("/v0/pipes/actions.json", body="{not json", token=alive.admin_token, headers={"Content-Type": "application/json"})
    assert bad.status == 400 and "error" in bad.json()


def test_q_runs_sql_over_the_endpoint_result(alive):
    full = endpoint(alive, "trend").json()["data"]
    response = endpoint(alive, "trend", params={"q": "SELECT count() AS days, sum(visits) AS visits FROM _"})
    assert response.status == 200, response
    assert response.json()["data"] == [{"days": len(full), "visits": sum(row["visits"] for row in full)}]
    # q= reads only `_`: the data source itself is not reachable through it.
    escape = endpoint(alive, "trend", params={"q": f"SELECT count() FROM system.tables"})
    assert escape.status in (400, 403), escape


def test_endpoint_reading_another_pipe(alive):
    trend = endpoint(alive, "trend").json()["data"]
    kpis = endpoint(alive, "kpis").json()["data"]
    assert kpis == [{"total_visits": sum(r["visits"] for r in trend), "peak_daily_visitors": max(r["visitors"] for r in trend),
                     "days": len(trend)}]


def test_required_parameter_error_text(alive):
    response = endpoint(alive, "session_events")
    assert response.status == 400, response
    assert response.json()["error"] == ("Template Syntax Error: Required parameter is not defined. Check the parameters session_id. "
                                        "Please provide a value or set a default value in the pipe code.")


@pytest.mark.parametrize("pipe,params,value,type_name", [
    ("top_pages", {"limit": "abc"}, "abc", "Int32"),
    ("top_pages", {"limit": "99999999999"}, "99999999999", "Int32"),
    ("top_pages", {"date_from": "yesterday"}, "yesterday", "DateTime"),
])
def test_invalid_typed_parameter_is_400(alive, pipe, params, value, type_name):
    response = endpoint(alive, pipe, params=params)
    assert response.status == 400, response
    assert response.json()["error"] == f"Template Syntax Error: Error validating '{value}' to type {type_name}"


@pytest.mark.parametrize("value", [
    "x' OR '1'='1",
    "x\\' OR 1 --",
    "x'; DROP TABLE analytics_events; --",
    "x\\",
    "%' OR 1=1 OR action LIKE '",
    "{{ 1 }}",
    "{% if 1 %}x{% end %}",
    "`backtick`",
    "line\nbreak\t\0nul",
])
def test_string_parameter_injection_is_a_literal(alive, value):
    response = endpoint(alive, "session_events", params={"session_id": value})
    assert response.status == 200, response
    assert response.json()["data"] == []
    assert sql_rows(alive, f"SELECT count() AS c FROM {DS}")[0]["c"] > 0


def test_real_session_is_found(alive):
    session = sql_rows(alive, f"SELECT session_id, count() AS c FROM {DS} GROUP BY session_id ORDER BY c DESC, session_id LIMIT 1")[0]
    body = endpoint(alive, "session_events", params={"session_id": session["session_id"]}).json()
    assert body["rows"] == session["c"]
    times = [row["timestamp"] for row in body["data"]]
    assert times == sorted(times)


def test_reserved_and_telemetry_parameters_do_not_change_results(alive):
    plain = endpoint(alive, "actions").json()["data"]
    noisy = endpoint(alive, "actions", params={"from": "ts-sdk", "cli_version": "4.0.0", "__tb__semver": "1", "release_replacements": "true",
                                               "debug": "blocks"}).json()
    assert noisy["data"] == plain


def test_errors_and_scopes(alive):
    assert endpoint(alive, "no_such_pipe").status == 404
    missing = alive.get("/v0/pipes/actions.json")
    assert missing.status == 401 and "error" in missing.json()
    forged = endpoint(alive, "actions", token="p.forged-token")
    assert forged.status in (401, 403) and "error" in forged.json()
    scoped = alive.post("/v0/tokens", params={"name": "pipes_scope_test", "scope": "PIPES:READ:actions"}, token=alive.admin_token)
    assert scoped.status == 200, scoped
    token = scoped.json()["token"]
    assert endpoint(alive, "actions", token=token).status == 200
    other = endpoint(alive, "trend", token=token)
    assert other.status == 403 and "PIPES:READ:trend" in other.json()["error"]
    bearer = alive.get("/v0/pipes/actions.json", bearer=token)
    assert bearer.status == 200
    assert alive.request("DELETE", f"/v0/tokens/pipes_scope_test", token=alive.admin_token).status in (200, 204)


def test_pipe_list_and_detail(alive):
    response = alive.get("/v0/pipes", token=alive.admin_token)
    assert response.status == 200, response
    pipes = {pipe["name"]: pipe for pipe in response.json()["pipes"]}
    assert {"actions", "kpis", "session_events", "top_pages", "trend"} <= set(pipes)
    assert pipes["top_pages"]["type"] == "endpoint"
    detail = alive.get("/v0/pipes/top_pages", token=alive.admin_token).json()
    assert detail["name"] == "top_pages"
    assert [node["name"] for node in detail["nodes"]] == ["parsed_hits", "endpoint"]
    assert detail["nodes"][-1]["node_type"] == "endpoint"
    assert detail["endpoint"] == detail["nodes"][-1]["id"]
    params = {p["name"]: p for p in detail["params"]}
    assert params["limit"]["type"] == "Int32" and params["limit"]["default"] == 10 and params["limit"]["required"] is False
    assert params["limit"]["description"] == "Number of pages to return"
    assert params["date_from"]["type"] == "DateTime"
    assert [c["name"] for c in detail["nodes"][-1]["columns"]] == ["pathname", "visits", "visitors"]
    required = {p["name"]: p for p in alive.get("/v0/pipes/session_events", token=alive.admin_token).json()["params"]}
    assert required["session_id"]["required"] is True
    assert alive.get("/v0/pipes/no_such_pipe", token=alive.admin_token).status == 404
    text = alive.get("/v0/pipes/top_pages.pipe", token=alive.admin_token)
    assert text.status == 200 and "NODE parsed_hits" in text.text and "TYPE endpoint" in text.text


def test_openapi_document(alive):
    response = alive.get("/v0/pipes/openapi.json", token=alive.admin_token)
    assert response.status == 200, response
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    for name in ("actions", "kpis", "session_events", "top_pages", "trend"):
        assert f"/v0/pipes/{name}.json" in doc["paths"], name
    parameters = {p["name"]: p for p in doc["paths"]["/v0/pipes/top_pages.json"]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["type"] == "integer"
    assert parameters["limit"]["schema"]["default"] == 10
    assert parameters["limit"]["required"] is False
    assert parameters["date_from"]["schema"]["type"] == "string"
    actions = {p["name"]: p for p in doc["paths"]["/v0/pipes/actions.json"]["get"]["parameters"]}
    assert actions["actions"]["schema"]["type"] == "array"
    session = {p["name"]: p for p in doc["paths"]["/v0/pipes/session_events.json"]["get"]["parameters"]}
    assert session["session_id"]["required"] is True
    # Only the endpoints the token may read.
    scoped = alive.post("/v0/tokens", params={"name": "openapi_scope_test", "scope": "PIPES:READ:trend"}, token=alive.admin_token).json()
    limited = alive.get("/v0/pipes/openapi.json", token=scoped["token"]).json()
    assert [path for path in limited["paths"] if path.endswith(".json")] == ["/v0/pipes/trend.json"]
    alive.request("DELETE", "/v0/tokens/openapi_scope_test", token=alive.admin_token)


@pytest.mark.parametrize("q", [
    f"SELECT count() FROM {DS}",
    f"SELECT * FROM _ WHERE action IN (SELECT action FROM {DS})",
    f"WITH {DS} AS (SELECT * FROM _) SELECT * FROM {DS}",
    f"SELECT * FROM (WITH {DS} AS (SELECT 1) SELECT * FROM {DS}), {DS}",
    "SELECT * FROM trend",
    "SELECT * FROM system.tables",
    f"SELECT * FROM default.{DS}",
    f"SELECT * FROM {DS}_quarantine",
])
def test_q_cannot_read_anything_but_the_result(alive, q):
    """PIPES:READ on a pipe grants its result, not the data sources behind it: q= reads `_` only."""
    created = alive.post("/v0/tokens", params={"name": "q_scope_test", "scope": "PIPES:READ:actions"}, token=alive.admin_token)
    assert created.status == 200, created
    try:
        for token in (created.json()["token"], alive.admin_token):
            response = endpoint(alive, "actions", params={"q": q}, token=token)
            assert response.status == 403, (token == alive.admin_token, response)
        ok = endpoint(alive, "actions", params={"q": "WITH t AS (SELECT * FROM _) SELECT count() AS c FROM t"}, token=created.json()["token"])
        assert ok.status == 200 and ok.json()["data"] == [{"c": 2}], ok
    finally:
        alive.request("DELETE", "/v0/tokens/q_scope_test", token=alive.admin_token)



def test_v1_pipes_list_and_explain(alive):
    v1 = alive.get("/v1/pipes", token=alive.admin_token)
    assert v1.status == 200, v1
    assert "actions" in {pipe["name"] for pipe in v1.json()["pipes"]}
    explained = endpoint(alive, "actions", params={"explain": "true"})
    assert explained.status == 200, explained
    body = explained.json()
    assert "analytics_events" in body["debug_query"] and body["query_explain"]


@pytest.mark.parametrize("template,status,body", [
    ("{{ error('boom') }}", 400, {"error": "boom"}),
    ("{{ custom_error({'error': 'nope', 'code': 403}, 403) }}", 403, {"error": "nope", "code": 403}),
    ("{{ custom_error('plain text', 418) }}", 418, None),
])
def test_error_functions_set_body_and_status(alive, template, status, body):
    response = alive.sql("%\nSELECT " + template)
    assert response.status == status, response
    if body is not None:
        assert response.json() == body
    else:
        assert "plain text" in response.text


@pytest.mark.parametrize("ids,expected", [
    ("1,,2", "Error validating [1,,2][1] (empty string) to type Int32"),
    ("1,x", "Error validating [1,x][1] (x) to type Int32"),
])
def test_array_element_error_text(alive, ids, expected):
    response = alive.sql("%\nSELECT {{ Array(ids, 'Int32') }} AS a", ids=ids)
    assert response.status == 400, response
    assert response.json()["error"] == "Template Syntax Error: " + expected
