#!/usr/bin/env python3
"""Writes bench/queries/ (single source of truth for both dialects; run it after editing QUERIES).

queries/raw/<id>.ch.sql      ClickHouse 18.16 SQL (run unchanged by pipit) on table `events` (JSON kept in `payload` String)
queries/raw/<id>.duckdb.sql  equivalent DuckDB SQL on the same table
queries/flat/<id>.*.sql      same queries on `events_flat` (payload fields extracted to real columns)

`{session_id}` in q06 is a placeholder that the runner replaces with a session id taken from the
generator's .meta.json (sample_session_ids[0]).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# (id, description, clickhouse template, duckdb template)
# templates: {T} table, {PATH} {REF} {DEV} {BR} {LOC} payload fields, {LATEST_COLS}
QUERIES = [
    ("q01_count", "count(*) of the whole table",
     "SELECT count() AS c FROM {T}",
     "SELECT count(*) AS c FROM {T}"),
    ("q02_count_by_day", "hits per day (30 groups)",
     "SELECT toDate(timestamp) AS day, count() AS hits FROM {T} GROUP BY day ORDER BY day",
     "SELECT CAST(timestamp AS DATE) AS day, count(*) AS hits FROM {T} GROUP BY day ORDER BY day"),
    ("q03_top_pages_range", "top 10 pathnames by page_hits in a 7-day range",
     "SELECT {PATH} AS pathname, count() AS hits FROM {T} "
     "WHERE action = 'page_hit' AND timestamp >= '2024-03-10 00:00:00' AND timestamp < '2024-03-17 00:00:00' "
     "GROUP BY pathname ORDER BY hits DESC, pathname LIMIT 10",
     "SELECT {PATH} AS pathname, count(*) AS hits FROM {T} "
     "WHERE action = 'page_hit' AND timestamp >= TIMESTAMP '2024-03-10 00:00:00' AND timestamp < TIMESTAMP '2024-03-17 00:00:00' "
     "GROUP BY pathname ORDER BY hits DESC, pathname LIMIT 10"),
    ("q04_uniq_sessions_day", "approx distinct sessions per day (uniq / approx_count_distinct)",
     "SELECT toDate(timestamp) AS day, uniq(session_id) AS sessions FROM {T} GROUP BY day ORDER BY day",
     "SELECT CAST(timestamp AS DATE) AS day, approx_count_distinct(session_id) AS sessions FROM {T} GROUP BY day ORDER BY day"),
    ("q05_duration_quantiles", "p50/p95 of duration_ms, approximate (quantiles reservoir / approx_quantile t-digest)",
     "SELECT quantiles(0.5, 0.95)(duration_ms) AS q FROM {T} WHERE action = 'page_hit'",
     "SELECT approx_quantile(duration_ms, [0.5, 0.95]) AS q FROM {T} WHERE action = 'page_hit'"),
    ("q05b_duration_quantiles_exact", "p50/p95 of duration_ms, exact",
     "SELECT quantilesExact(0.5, 0.95)(duration_ms) AS q FROM {T} WHERE action = 'page_hit'",
     "SELECT quantile_disc(duration_ms, [0.5, 0.95]) AS q FROM {T} WHERE action = 'page_hit'"),
    ("q06_session_point", "all events of one session (sort-key point lookup)",
     "SELECT timestamp, action, {PATH} AS pathname, duration_ms FROM {T} "
     "WHERE session_id = '{{session_id}}' ORDER BY timestamp",
     "SELECT timestamp, action, {PATH} AS pathname, duration_ms FROM {T} "
     "WHERE session_id = '{{session_id}}' ORDER BY timestamp"),
    ("q07_top_referrers", "top referrers in 7 days with countIf / FILTER and uniq visits",
     "SELECT {REF} AS referrer, countIf(action = 'page_hit') AS pageviews, countIf(action = 'purchase') AS purchases, "
     "uniq(session_id) AS visits FROM {T} "
     "WHERE timestamp >= '2024-03-10 00:00:00' AND timestamp < '2024-03-17 00:00:00' "
     "GROUP BY referrer ORDER BY pageviews DESC, referrer LIMIT 10",
     "SELECT {REF} AS referrer, count(*) FILTER (WHERE action = 'page_hit') AS pageviews, "
     "count(*) FILTER (WHERE action = 'purchase') AS purchases, approx_count_distinct(session_id) AS visits FROM {T} "
     "WHERE timestamp >= TIMESTAMP '2024-03-10 00:00:00' AND timestamp < TIMESTAMP '2024-03-17 00:00:00' "
     "GROUP BY referrer ORDER BY pageviews DESC, referrer LIMIT 10"),
    ("q08_device_browser", "hits grouped by device, browser (whole table)",
     "SELECT {DEV} AS device, {BR} AS browser, count() AS hits FROM {T} GROUP BY device, browser ORDER BY hits DESC",
     "SELECT {DEV} AS device, {BR} AS browser, count(*) AS hits FROM {T} GROUP BY device, browser ORDER BY hits DESC"),
    ("q09_revenue_country_7d", "revenue/orders/hits by country, last 7 days",
     "SELECT {LOC} AS location, sum(revenue) AS revenue, countIf(action = 'purchase') AS orders, count() AS hits "
     "FROM {T} WHERE timestamp >= '2024-03-24 00:00:00' GROUP BY location ORDER BY revenue DESC LIMIT 20",
     "SELECT {LOC} AS location, sum(revenue) AS revenue, count(*) FILTER (WHERE action = 'purchase') AS orders, "
     "count(*) AS hits FROM {T} WHERE timestamp >= TIMESTAMP '2024-03-24 00:00:00' "
     "GROUP BY location ORDER BY revenue DESC LIMIT 20"),
    ("q10_bounce_rate", "per-session subquery (min/max ts, count) then bounce rate per day (whole table)",
     "SELECT toDate(first_hit) AS day, count() AS sessions, countIf(hits = 1) AS bounces, "
     "round(countIf(hits = 1) / count(), 4) AS bounce_rate, round(avg(last_hit - first_hit), 1) AS avg_session_s "
     "FROM (SELECT session_id, min(timestamp) AS first_hit, max(timestamp) AS last_hit, count() AS hits "
     "FROM {T} GROUP BY session_id) GROUP BY day ORDER BY day",
     "SELECT CAST(first_hit AS DATE) AS day, count(*) AS sessions, count(*) FILTER (WHERE hits = 1) AS bounces, "
     "round(count(*) FILTER (WHERE hits = 1) / count(*), 4) AS bounce_rate, "
     "round(avg(epoch(last_hit) - epoch(first_hit)), 1) AS avg_session_s "
     "FROM (SELECT session_id, min(timestamp) AS first_hit, max(timestamp) AS last_hit, count(*) AS hits "
     "FROM {T} GROUP BY session_id) GROUP BY day ORDER BY day"),
    ("q11_like_pathname", "substring LIKE filter on pathname, top 10",
     "SELECT {PATH} AS pathname, count() AS hits FROM {T} WHERE {PATH} LIKE '%clickhouse%' "
     "GROUP BY pathname ORDER BY hits DESC, pathname LIMIT 10",
     "SELECT {PATH} AS pathname, count(*) AS hits FROM {T} WHERE {PATH} LIKE '%clickhouse%' "
     "GROUP BY pathname ORDER BY hits DESC, pathname LIMIT 10"),
    ("q12_latest_events", "latest 50 events (ORDER BY timestamp DESC LIMIT 50)",
     "SELECT timestamp, session_id, action, {LATEST_COLS} FROM {T} ORDER BY timestamp DESC LIMIT 50",
     "SELECT timestamp, session_id, action, {LATEST_COLS} FROM {T} ORDER BY timestamp DESC LIMIT 50"),
    ("q13_hourly_one_day", "hits + visits per hour for one day (narrow range, typical chart endpoint)",
     "SELECT toStartOfHour(timestamp) AS hour, count() AS hits, uniq(session_id) AS visits FROM {T} "
     "WHERE timestamp >= '2024-03-20 00:00:00' AND timestamp < '2024-03-21 00:00:00' GROUP BY hour ORDER BY hour",
     "SELECT date_trunc('hour', timestamp) AS hour, count(*) AS hits, approx_count_distinct(session_id) AS visits "
     "FROM {T} WHERE timestamp >= TIMESTAMP '2024-03-20 00:00:00' AND timestamp < TIMESTAMP '2024-03-21 00:00:00' "
     "GROUP BY hour ORDER BY hour"),
]

FIELDS = {"PATH": "pathname", "REF": "referrer", "DEV": "device", "BR": "browser", "LOC": "location"}


def subst(tmpl, variant, dialect):
    m = {"T": "events" if variant == "raw" else "events_flat"}
    for k, f in FIELDS.items():
        if variant == "flat":
            m[k] = f
        elif dialect == "ch":
            m[k] = f"visitParamExtractString(payload, '{f}')"
        else:
            m[k] = f"json_extract_string(payload, '$.{f}')"
    m["LATEST_COLS"] = "payload" if variant == "raw" else "pathname, referrer, device, browser, location"
    return tmpl.format(**m)


def main():
    for variant in ("raw", "flat"):
        d = os.path.join(HERE, "queries", variant)
        os.makedirs(d, exist_ok=True)
        for qid, desc, ch, dd in QUERIES:
            for dialect, t in (("ch", ch), ("duckdb", dd)):
                with open(os.path.join(d, f"{qid}.{dialect}.sql"), "w") as f:
                    f.write(f"-- {qid}: {desc}\n{subst(t, variant, dialect)}\n")
    print("wrote", len(QUERIES) * 4, "query files")


if __name__ == "__main__":
    main()
