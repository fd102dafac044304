"""Query API /v0/sql (tinybird.md §3.3, §3.4)."""

import json

import pytest

DS = "analytics_events"


def test_default_format_is_json_with_the_tinybird_shape(alive):
    response = alive.sql(f"SELECT action, count() AS c FROM {DS} GROUP BY action ORDER BY action")
    assert response.status == 200, response
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["meta"] == [{"name": "action", "type": "LowCardinality(String)"}, {"name": "c", "type": "UInt64"}]
    assert [row["action"] for row in body["data"]] == ["click", "page_hit"]
    assert body["rows"] == 2
    assert "rows_before_limit_at_least" not in body  # only with LIMIT, as ClickHouse
    stats = body["statistics"]
    assert stats["rows_read"] == 400
    assert stats["bytes_read"] > 0
    assert isinstance(stats["elapsed"], float) and stats["elapsed"] >= 0
    assert sum(row["c"] for row in body["data"]) == 400


def test_rows_before_limit_with_limit(alive):
    body = alive.sql(f"SELECT session_id FROM {DS} ORDER BY timestamp LIMIT 3").json()
    assert body["rows"] == 3
    assert body["rows_before_limit_at_least"] == 400


def test_64bit_integers_unquoted_by_default_and_quoted_on_request(alive):
    text = alive.sql("SELECT toUInt64(18446744073709551615) AS big, toInt64(-5) AS small").text
    assert '"big": 18446744073709551615' in text
    quoted = alive.sql("SELECT toUInt64(18446744073709551615) AS big", output_format_json_quote_64bit_integers="1").json()
    assert quoted["data"][0]["big"] == "18446744073709551615"


@pytest.mark.parametrize("fmt,content_type,expected", [
    ("CSV", "text/csv", "1,\"a\"\n"),
    ("CSVWithNames", "text/csv", "\"n\",\"s\"\n1,\"a\"\n"),
    ("TSV", "text/tab-separated-values", "1\ta\n"),
    ("JSONEachRow", "application/x-ndjson", '{"n":1,"s":"a"}\n'),
])
def test_format_clause(alive, fmt, content_type, expected):
    response = alive.sql(f"SELECT 1 AS n, 'a' AS s FORMAT {fmt}")
    assert response.status == 200, response
    assert response.headers["content-type"].startswith(content_type)
    assert response.text == expected


def test_post_form_raw_and_json_bodies(alive):
    token = alive.admin_token
    form = alive.post("/v0/sql", body="q=SELECT+1+AS+x", token=token, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status == 200 and form.json()["data"] == [{"x": 1}]
    raw = alive.post("/v0/sql", body="SELECT 2 AS x", bearer=token, headers={"Content-Type": "text/plain"})
    assert raw.status == 200 and raw.json()["data"] == [{"x": 2}]
    no_type = alive.post("/v0/sql", body="SELECT 3 AS x", token=token)
    assert no_type.status == 200 and no_type.json()["data"] == [{"x": 3}]
    # curl -d 'SELECT ...' labels raw SQL as a form.
    curl_d = alive.post("/v0/sql", body="SELECT 4 AS x", token=token, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert curl_d.status == 200 and curl_d.json()["data"] == [{"x": 4}]
    as_json = alive.post("/v0/sql", body=json.dumps({"q": "SELECT 5 AS x"}), token=token, headers={"Content-Type": "application/json"})
    assert as_json.status == 200 and as_json.json()["data"] == [{"x": 5}]


def test_client_telemetry_parameters_are_ignored(alive):
    response = alive.sql("SELECT 1 AS x", **{"from": "ts-sdk", "cli_version": "4.1.0", "release_replacements": "true"})
    assert response.status == 200
    assert response.json()["data"] == [{"x": 1}]


@pytest.mark.parametrize("query", [
    "SELEC 1",
    "SELECT nope FROM analytics_events",
    "SELECT * FROM no_such_table",
    "SELECT 1 FORMAT NoSuchFormat",
    "SELECT unknownFunction(1)",
    "SELECT (",
    "'",
])
def test_bad_sql_is_400_json(alive, query):
    response = alive.sql(query)
    assert response.status == 400, response
    assert response.json()["error"]


def test_empty_and_missing_query_are_400(alive):
    assert alive.sql("").status == 400
    assert alive.sql("  ;  ").status == 400
    assert alive.get("/v0/sql", token=alive.admin_token).status == 400
    assert alive.post("/v0/sql", body=b"", token=alive.admin_token).status == 400


@pytest.mark.parametrize("statement", [
    f"DROP TABLE {DS}",
    f"TRUNCATE TABLE {DS}",
    f"INSERT INTO {DS} (session_id) VALUES ('x')",
    "CREATE TABLE t (a UInt8) ENGINE = Memory",
    f"ALTER TABLE {DS} DELETE WHERE 1",
    f"OPTIMIZE TABLE {DS} FINAL",
])
def test_only_select_is_allowed(alive, statement):
    response = alive.post("/v0/sql", body=statement, token=alive.admin_token)
    assert response.status == 400, response
    assert "error" in response.json()
    assert alive.sql(f"SELECT count() AS c FROM {DS}").json()["data"] == [{"c": 400}]


def test_other_databases_are_not_readable(alive):
    assert alive.sql("SELECT * FROM system.tables").status == 403
    assert alive.sql("SELECT * FROM other_db.t").status == 403
    assert alive.sql(f"SELECT * FROM (SELECT * FROM system.parts) AS p").status == 403
    assert alive.sql("SELECT 1 INTO OUTFILE '/tmp/pipit-should-not-exist'").status in (400, 403)


def test_qualified_name_of_own_database_and_ctes(alive):
    assert alive.sql(f"SELECT count() AS c FROM default.{DS}").json()["data"] == [{"c": 400}]
    response = alive.sql(f"WITH x AS (SELECT action FROM {DS}) SELECT count() AS c FROM x")
    assert response.status == 200, response
    assert response.json()["data"] == [{"c": 400}]


def test_templated_sql(alive):
    query = "%\nSELECT {{Int32(n, 1)}} * 2 AS v"
    assert alive.sql(query, n="21").json()["data"] == [{"v": 42}]
    assert alive.sql(query).json()["data"] == [{"v": 2}]
    bad = alive.sql(query, n="not-a-number")
    assert bad.status == 400
    assert "error" in bad.json()


def test_pipe_names_read_as_tables(alive):
    response = alive.sql("SELECT count() AS c FROM top_pages")
    assert response.status == 200, response
    assert response.json()["data"][0]["c"] > 0


def test_pipeline_parameter(alive):
    unknown = alive.sql("SELECT 1", pipeline="no_such_pipe")
    assert unknown.status in (400, 404)
    assert "error" in unknown.json()


def test_auth_required(alive):
    assert alive.get("/v0/sql", params={"q": "SELECT 1"}).status == 401
    forged = alive.get("/v0/sql", params={"q": "SELECT 1"}, token="p.forged")
    assert forged.status == 401
    assert "error" in forged.json()
    assert alive.get("/v0/sql", params={"q": "SELECT 1"}, bearer="garbage.token.value").status == 401
    assert alive.get("/v0/sql", params={"q": "SELECT 1"}, bearer=alive.admin_token).status == 200
    # The user token manages workspaces; it reads nothing in them.
    assert alive.get("/v0/sql", params={"q": f"SELECT count() FROM {DS}"}, token=alive.user_token).status == 403


def test_runaway_query_times_out_and_frees_the_worker(alive):
    response = alive.sql("SELECT sum(number) FROM numbers(1000000000000) SETTINGS max_execution_time = 0.5")
    assert response.status == 504, response
    assert "error" in response.json()
    assert alive.sql("SELECT 1 AS x").json()["data"] == [{"x": 1}]



@pytest.mark.parametrize("query", [
    f"SELECT * FROM (WITH {DS} AS (SELECT 1 AS z) SELECT * FROM {DS}) AS a, {DS}",
    f"SELECT * FROM (WITH {DS} AS (SELECT 1 AS z) SELECT z FROM {DS}) UNION ALL SELECT 1 FROM {DS}",
    f"WITH trend AS (SELECT 1) SELECT * FROM (SELECT 1 FROM {DS})",
])
def test_cte_named_like_a_data_source_does_not_bypass_its_scope(alive, query):
    created = alive.post("/v0/tokens", params={"name": "cte_shadow_test", "scope": "PIPES:READ:actions"}, token=alive.admin_token)
    assert created.status == 200, created
    try:
        response = alive.sql(query, token=created.json()["token"])
        assert response.status == 403, response
    finally:
        alive.request("DELETE", "/v0/tokens/cte_shadow_test", token=alive.admin_token)
