"""JWT scope `filter` (tinybird.md §3.7): a DATASOURCES:READ scope with a filter limits every read of that data source
(and its quarantine) through the token, on /v0/sql and on pipe endpoints, whatever SQL surrounds the read."""

import time

import pytest

from test_tokens import call, sign_jwt, workspace_id

DS = "analytics_events"
FILTER = "action = 'click'"


def admin_rows(alive, sql):
    response = alive.sql(sql)
    assert response.status == 200, response
    return response.json()["data"]


def issue_jwt(alive, scopes, name="filtered_reader"):
    status, body, _ = call(alive, "POST", "/v0/tokens/", alive.admin_token,
                           params=[("expiration_time", str(int(time.time()) + 600))],
                           body='{"name": "%s", "scopes": %s}' % (name, __import__("json").dumps(scopes)),
                           headers={"Content-Type": "application/json"})
    assert status == 200, body
    return body["token"]


@pytest.fixture
def filtered(alive):
    return issue_jwt(alive, [{"type": "DATASOURCES:READ", "resource": DS, "filter": FILTER}])


def query(alive, token, sql):
    response = alive.sql(sql, token=token)
    assert response.status == 200, response
    return response.json()["data"]


def test_filter_limits_rows_on_query_api(alive, filtered):
    expected = admin_rows(alive, f"SELECT count() AS c FROM {DS} WHERE action = 'click'")[0]["c"]
    total = admin_rows(alive, f"SELECT count() AS c FROM {DS}")[0]["c"]
    assert 0 < expected < total
    assert query(alive, filtered, f"SELECT count() AS c FROM {DS}") == [{"c": expected}]
    assert query(alive, filtered, f"SELECT DISTINCT action FROM {DS}") == [{"action": "click"}]
    assert len(query(alive, filtered, f"SELECT * FROM {DS} LIMIT 100000")) == expected


@pytest.mark.parametrize("sql", [
    f"SELECT count() AS c FROM {DS} WHERE 1 OR 1",
    f"SELECT count() AS c FROM {DS} WHERE action = 'page_hit' OR 1",
    f"SELECT count() AS c FROM {DS} AS e",
    f"SELECT count() AS c FROM default.{DS}",
    f"SELECT count() AS c FROM (SELECT * FROM {DS})",
    f"WITH t AS (SELECT * FROM {DS}) SELECT count() AS c FROM t",
    f"SELECT (SELECT count() FROM {DS}) AS c",
    f"SELECT count() AS c FROM {DS} WHERE session_id IN (SELECT session_id FROM {DS})",
    f"SELECT intDiv(sum(c), 2) AS c FROM (SELECT count() AS c FROM {DS} UNION ALL SELECT count() AS c FROM {DS} AS other)",
    f"SELECT countIf(action = 'click') AS c FROM {DS} WHERE action = 'click' OR NOT action = 'click'",
    # an expression that fails on rows outside the filter must never run on them (PREWHERE is not pushed below it)
    f"SELECT count(session_id) AS c FROM {DS} WHERE toUInt64(if(action = 'page_hit', 'x', '1')) > 0",
])
def test_filter_cannot_be_escaped(alive, filtered, sql):
    clicks = admin_rows(alive, f"SELECT count() AS c FROM {DS} WHERE action = 'click'")[0]["c"]
    assert query(alive, filtered, sql) == [{"c": clicks}]


@pytest.mark.parametrize("sql", [
    f"SELECT count() AS c FROM {DS} AS a INNER JOIN {DS} AS b ON a.session_id = b.session_id "
    "WHERE a.action != 'click' OR b.action != 'click'",
    f"SELECT count() AS c FROM {DS} AS a LEFT JOIN (SELECT session_id, action FROM {DS}) AS b ON a.session_id = b.session_id "
    "WHERE a.action != 'click'",
    f"SELECT count() AS c FROM (SELECT action FROM {DS} UNION ALL SELECT action FROM default.{DS}) WHERE action != 'click'",
])
def test_filter_holds_in_joins_and_unions(alive, filtered, sql):
    assert query(alive, filtered, sql) == [{"c": 0}]


def test_filter_hides_actions_outside_it(alive, filtered):
    assert query(alive, filtered, f"SELECT count() AS c FROM {DS} WHERE action = 'page_hit'") == [{"c": 0}]
    rows = query(alive, filtered, f"SELECT action FROM {DS} WHERE action != 'click' UNION ALL SELECT action FROM {DS} AS x "
                                  "WHERE action = 'page_hit'")
    assert rows == []


@pytest.mark.parametrize("sql", ["SELECT count() FROM system.parts", "SELECT * FROM system.tables",
                                 "SELECT * FROM system.columns"])
def test_system_tables_are_forbidden(alive, filtered, sql):
    assert alive.sql(sql, token=filtered).status == 403


def test_filter_applies_to_quarantine(alive, filtered):
    # a DATASOURCES:READ scope on ds covers ds_quarantine (§3.7, §4), with the same filter
    response = alive.sql(f"SELECT count() AS c FROM {DS}_quarantine WHERE action = 'page_hit'", token=filtered)
    assert response.status == 200, response
    assert response.json()["data"] == [{"c": 0}]


def test_unfiltered_scope_reads_quarantine(alive):
    token = issue_jwt(alive, [{"type": "DATASOURCES:READ", "resource": DS}], "quarantine_reader")
    assert alive.sql(f"SELECT count() AS c FROM {DS}_quarantine", token=token).status == 200
    assert alive.sql(f"SELECT count() AS c FROM {DS}", token=token).status == 200
    # but not another data source's quarantine
    assert alive.sql("SELECT count() AS c FROM other_quarantine", token=token).status in (403, 404)


def test_filter_applies_on_pipe_endpoints(alive):
    both = issue_jwt(alive, [{"type": "PIPES:READ", "resource": "actions"},
                             {"type": "DATASOURCES:READ", "resource": DS, "filter": FILTER}], "pipe_filtered")
    response = alive.get("/v0/pipes/actions.json", token=both)
    assert response.status == 200, response
    assert [r["action"] for r in response.json()["data"]] == ["click"]
    response = alive.get("/v0/pipes/actions.json", params={"q": "SELECT count() AS c FROM _ WHERE action = 'page_hit'"}, token=both)
    assert response.status == 200, response
    assert response.json()["data"] == [{"c": 0}]
    # the filter follows the data source into pipes read from /v0/sql too
    response = alive.sql("SELECT action FROM actions", token=issue_jwt(alive, [
        {"type": "PIPES:READ", "resource": "actions"},
        {"type": "DATASOURCES:READ", "resource": DS, "filter": FILTER}], "sql_pipe_filtered"))
    assert response.status == 200, response
    assert [r["action"] for r in response.json()["data"]] == ["click"]
    # without a filtered scope the endpoint sees every action
    plain = issue_jwt(alive, [{"type": "PIPES:READ", "resource": "actions"}], "pipe_plain")
    response = alive.get("/v0/pipes/actions.json", token=plain)
    assert sorted(r["action"] for r in response.json()["data"]) == ["click", "page_hit"]


def test_self_signed_filter_and_forgeries(alive):
    admin = alive.admin_token
    ws = workspace_id(alive, admin)
    payload = {"workspace_id": ws, "name": "self_signed_filter", "exp": int(time.time()) + 600,
               "scopes": [{"type": "DATASOURCES:READ", "resource": DS, "filter": FILTER}]}
    good = sign_jwt(payload, admin)
    assert query(alive, good, f"SELECT DISTINCT action FROM {DS}") == [{"action": "click"}]
    # the same claims without the filter, signed with another key or unsigned: rejected
    unfiltered = dict(payload, scopes=[{"type": "DATASOURCES:READ", "resource": DS}])
    assert alive.sql(f"SELECT count() FROM {DS}", token=sign_jwt(unfiltered, "not-the-admin-token")).status == 401
    assert alive.sql(f"SELECT count() FROM {DS}", token=sign_jwt(unfiltered, admin, {"alg": "none"})).status == 401
    parts = good.split(".")
    from test_tokens import b64url
    import json
    parts[1] = b64url(json.dumps(unfiltered).encode())
    assert alive.sql(f"SELECT count() FROM {DS}", token=".".join(parts)).status == 401
    assert alive.sql(f"SELECT count() FROM {DS}", token=".".join(parts[:2]) + ".").status == 401
    expired = dict(payload, exp=int(time.time()) - 10)
    assert alive.sql(f"SELECT count() FROM {DS}", token=sign_jwt(expired, admin)).status == 403


def test_invalid_filters_never_return_rows(alive):
    admin = alive.admin_token
    ws = workspace_id(alive, admin)
    for bad in ["action = ", "1) OR (1", "action = 'click' UNION ALL SELECT 1", "no_such_column = 1"]:
        token = sign_jwt({"workspace_id": ws, "name": "bad_filter", "exp": int(time.time()) + 600,
                          "scopes": [{"type": "DATASOURCES:READ", "resource": DS, "filter": bad}]}, admin)
        response = alive.sql(f"SELECT count() FROM {DS}", token=token)
        assert response.status == 400, (bad, response)
        assert "error" in response.json()


def test_filter_only_on_datasource_read_scopes(alive):
    status, body, _ = call(alive, "POST", "/v0/tokens/", alive.admin_token,
                           params=[("expiration_time", str(int(time.time()) + 600))],
                           body='{"name": "x", "scopes": [{"type": "PIPES:READ", "resource": "actions", "filter": "1"}]}',
                           headers={"Content-Type": "application/json"})
    assert status == 400, body
    ws = workspace_id(alive, alive.admin_token)
    token = sign_jwt({"workspace_id": ws, "name": "pipe_filter", "exp": int(time.time()) + 600,
                      "scopes": [{"type": "PIPES:READ", "resource": "actions", "filter": "action = 'click'"}]}, alive.admin_token)
    assert alive.get("/v0/pipes/actions.json", token=token).status == 401


def test_datasource_statistics_count_only_filtered_rows(alive, filtered):
    clicks = admin_rows(alive, f"SELECT count() AS c FROM {DS} WHERE action = 'click'")[0]["c"]
    response = alive.get(f"/v0/datasources/{DS}", token=filtered)
    assert response.status == 200, response
    assert response.json()["statistics"]["row_count"] == clicks
    response = alive.get("/v0/datasources", token=filtered)
    assert response.status == 200, response
    assert [d["statistics"]["row_count"] for d in response.json()["datasources"] if d["name"] == DS] == [clicks]


def test_quarantine_is_readable_but_not_writable_directly(alive):
    # §4: a scope on ds grants the same access on ds_quarantine; quarantine tables cannot be written directly
    appender = issue_jwt(alive, [{"type": "DATASOURCES:APPEND", "resource": DS}], "quarantine_appender")
    for token in (appender, alive.admin_token):
        response = alive.post("/v0/events", params={"name": f"{DS}_quarantine"}, body='{"c__error": ["x"]}\n', token=token)
        assert response.status == 403, response
        response = alive.post("/v0/datasources", params={"name": f"{DS}_quarantine", "format": "ndjson"}, body='{"c__error": ["x"]}\n',
                              token=token)
        assert response.status == 403, response
    response = alive.post("/v0/datasources", params={"name": f"{DS}_quarantine", "format": "ndjson", "mode": "replace"},
                          body='{"c__error": ["x"]}\n', token=alive.admin_token)
    assert response.status == 403, response


def test_fixed_params_hold_on_the_query_api_too(alive):
    # §3.7 fixed_params override the caller's parameters on the endpoint; reading the pipe from /v0/sql must not
    # let the caller change them either
    token = issue_jwt(alive, [{"type": "PIPES:READ", "resource": "actions", "fixed_params": {"actions": "click"}}], "fixed_actions")
    response = alive.get("/v0/pipes/actions.json", params={"actions": "page_hit"}, token=token)
    assert response.status == 200, response
    assert [r["action"] for r in response.json()["data"]] == ["click"]
    response = alive.sql("SELECT action FROM actions", token=token, actions="page_hit")
    assert response.status == 200, response
    assert [r["action"] for r in response.json()["data"]] == ["click"]
    response = alive.sql("SELECT action FROM endpoint", token=token, pipeline="actions", actions="page_hit")
    assert response.status == 200, response
    assert [r["action"] for r in response.json()["data"]] == ["click"]
