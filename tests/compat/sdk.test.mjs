// @tinybirdco/sdk 0.0.84, used unchanged, against `pipit local tests/projects/web_analytics`.
// Each test states the request the SDK sends (see node_modules/@tinybirdco/sdk/dist/api/api.js) and the
// response shape it parses; the server must answer exactly so. Tests run in file order (truncate last).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, createTinybirdApi, createJWT, TinybirdError, Tinybird, defineDatasource, defineEndpoint, node, p, t }
    from "@tinybirdco/sdk";
import { adminClient, adminToken, baseUrl, event, eventually, sqlCount, sqlString, uniqueId } from "./harness.mjs";

const DS = "analytics_events";

function sessionRows(sessionId) {
    return sqlCount(DS, `session_id = ${sqlString(sessionId)}`);
}

test("sql(): POST /v0/sql with a raw text/plain body answers JSON {meta, data, rows, statistics}", async () => {
    const result = await adminClient().sql("SELECT action, count() AS events FROM analytics_events GROUP BY action ORDER BY action");
    assert.ok(Array.isArray(result.meta), "meta is an array");
    assert.deepEqual(result.meta.map((m) => m.name), ["action", "events"]);
    assert.equal(result.meta[1].type, "UInt64");
    assert.ok(Array.isArray(result.data) && result.data.length > 0, "fixture rows are loaded");
    assert.equal(result.rows, result.data.length);
    for (const key of ["elapsed", "rows_read", "bytes_read"]) {
        assert.equal(typeof result.statistics[key], "number", `statistics.${key} is a number`);
    }
    const total = result.data.reduce((sum, row) => sum + Number(row.events), 0);
    assert.equal(total, await sqlCount(DS));
});

test("sql(): an invalid query becomes a TinybirdError with status 400 and the server's error text", async () => {
    await assert.rejects(adminClient().sql("SELECT no_such_column FROM analytics_events"), (error) => {
        assert.ok(error instanceof TinybirdError, `TinybirdError, got ${error}`);
        assert.equal(error.statusCode, 400);
        assert.ok(error.message.length > 0);
        return true;
    });
});

test("ingest(): one event with wait=true is acknowledged as {successful_rows: 1, quarantined_rows: 0} and readable at once", async () => {
    const session = uniqueId("single");
    const result = await adminClient().ingest(DS, event(session, "2026-10-20 08:30:00", "page_hit", "/single"));
    assert.deepEqual({ successful_rows: result.successful_rows, quarantined_rows: result.quarantined_rows },
                     { successful_rows: 1, quarantined_rows: 0 });
    assert.equal(await sessionRows(session), 1, "wait=true: the row is durable and visible when the call returns");

    const endpoint = await adminClient().query("session_events", { session_id: session });
    assert.equal(endpoint.rows, 1);
    assert.equal(endpoint.data[0].timestamp, "2026-10-20 08:30:00");
    assert.equal(endpoint.data[0].action, "page_hit");
    assert.equal(endpoint.data[0].pathname, "/single");
});

test("ingestBatch(): 500 events in one NDJSON body; a row that does not fit the schema goes to quarantine", async () => {
    const session = uniqueId("batch");
    const events = [];
    for (let i = 0; i < 500; i++) {
        events.push(event(session, `2026-10-21 10:${String(Math.floor(i / 60) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`,
                          i % 2 ? "click" : "page_hit", `/batch/${i % 7}`));
    }
    const client = adminClient();
    const result = await client.ingestBatch(DS, events);
    assert.equal(result.successful_rows, 500);
    assert.equal(result.quarantined_rows, 0);
    assert.equal(await sessionRows(session), 500);

    const badSession = uniqueId("bad");
    const mixed = await client.ingestBatch(DS, [event(badSession), { ...event(badSession), timestamp: "not a date" }]);
    assert.equal(mixed.successful_rows, 1);
    assert.equal(mixed.quarantined_rows, 1);
    assert.equal(await sessionRows(badSession), 1);
    assert.equal(await sqlCount(`${DS}_quarantine`, `session_id = ${sqlString(badSession)}`), 1);
});

test("ingest() with wait: false is accepted (202 with a JSON body) and the rows become visible", async () => {
    const session = uniqueId("nowait");
    const api = createTinybirdApi({ baseUrl, token: adminToken });
    const result = await api.ingestBatch(DS, [event(session), event(session), event(session)], { wait: false });
    assert.equal(typeof result, "object");
    assert.equal(await eventually(() => sessionRows(session), 3), 3);
});

test("ingest() with the data source's APPEND token (TOKEN \"tracker\" APPEND) works; a READ token is refused with 403", async () => {
    const listing = await createTinybirdApi({ baseUrl, token: adminToken }).requestJson("/v0/tokens");
    const byName = Object.fromEntries(listing.tokens.map((t) => [t.name, t.token]));
    assert.ok(byName.tracker && byName.dashboard, `static tokens tracker and dashboard exist: ${Object.keys(byName)}`);

    const session = uniqueId("tracker");
    const tracker = createClient({ baseUrl, token: byName.tracker });
    const ok = await tracker.ingest(DS, event(session));
    assert.equal(ok.successful_rows, 1);
    assert.equal(await sessionRows(session), 1);

    const dashboard = createClient({ baseUrl, token: byName.dashboard });
    await assert.rejects(dashboard.ingest(DS, event(session)), (error) => {
        assert.ok(error instanceof TinybirdError);
        assert.equal(error.statusCode, 403);
        return true;
    });
});

test("query(): typed parameters (DateTime strings, Int32, String) of top_pages, GET /v0/pipes/top_pages.json", async () => {
    const client = adminClient();
    const params = { date_from: "2026-10-01 00:00:00", date_to: "2026-11-01 00:00:00", limit: 3, domain: "example.com" };
    const result = await client.query("top_pages", params);
    assert.deepEqual(result.meta, [
        { name: "pathname", type: "String" },
        { name: "visits", type: "UInt64" },
        { name: "visitors", type: "UInt64" },
    ]);
    assert.ok(result.rows > 0 && result.rows <= 3, `LIMIT {{Int32(limit)}} honoured: ${result.rows}`);
    assert.equal(typeof result.data[0].visits, "number", "UInt64 values are unquoted JSON numbers (Tinybird's default)");
    assert.equal(typeof result.rows_before_limit_at_least, "number", "the query has a LIMIT: rows_before_limit_at_least");
    assert.ok(result.rows_before_limit_at_least >= result.rows);
    assert.equal(result.rows, result.data.length);
    assert.equal(typeof result.statistics.elapsed, "number");
    assert.equal(typeof result.statistics.rows_read, "number");

    const expected = await client.sql(`
        SELECT JSONExtractString(payload, 'pathname') AS pathname, count() AS visits
        FROM analytics_events
        WHERE action = 'page_hit' AND JSONExtractString(payload, 'domain') = 'example.com'
          AND timestamp >= '2026-10-01 00:00:00' AND timestamp < '2026-11-01 00:00:00'
        GROUP BY pathname ORDER BY visits DESC, pathname LIMIT 3`);
    assert.deepEqual(result.data.map((r) => [r.pathname, Number(r.visits)]),
                     expected.data.map((r) => [r.pathname, Number(r.visits)]));

    const bad = client.query("top_pages", { limit: "ten" });
    await assert.rejects(bad, (error) => {
        assert.ok(error instanceof TinybirdError);
        assert.equal(error.statusCode, 400, "a parameter that is not an Int32 is a 400");
        return true;
    });
});

test("query(): an Array parameter is sent as repeated keys (actions=page_hit&actions=click)", async () => {
    const client = adminClient();
    const both = await client.query("actions", { actions: ["page_hit", "click"] });
    assert.deepEqual(both.data.map((r) => r.action), ["click", "page_hit"]);
    const one = await client.query("actions", { actions: ["click"] });
    assert.deepEqual(one.data.map((r) => r.action), ["click"]);
    assert.equal(Number(one.data[0].events), await sqlCount(DS, "action = 'click'"));
});

test("query(): a missing required parameter and an unknown pipe are errors with the right status", async () => {
    const client = adminClient();
    await assert.rejects(client.query("session_events", {}), (error) => error instanceof TinybirdError && error.statusCode === 400);
    await assert.rejects(client.query("no_such_pipe", {}), (error) => error instanceof TinybirdError && error.statusCode === 404);
});

test("createJWT(): PIPES:READ with fixed_params; the JWT reads only its pipe, with the fixed value overriding the caller's", async () => {
    const client = adminClient();
    const mine = uniqueId("jwt-mine");
    const other = uniqueId("jwt-other");
    await client.ingestBatch(DS, [event(mine, "2026-10-22 00:00:01"), event(mine, "2026-10-22 00:00:02"), event(other)]);

    const { token } = await client.tokens.createJWT({
        name: "compat_tenant",
        expiresAt: new Date(Date.now() + 3600 * 1000),
        scopes: [{ type: "PIPES:READ", resource: "session_events", fixed_params: { session_id: mine } }],
    });
    assert.equal(typeof token, "string");
    assert.equal(token.split(".").length, 3, "a JWT");

    const tenant = createClient({ baseUrl, token });
    const asked = await tenant.query("session_events", { session_id: other });
    assert.equal(asked.rows, 2, "fixed_params override the session_id the caller sent");
    const unasked = await tenant.query("session_events", {});
    assert.equal(unasked.rows, 2, "fixed_params satisfy a required parameter");

    await assert.rejects(tenant.query("top_pages", {}), (error) => error instanceof TinybirdError && error.statusCode === 403);
    await assert.rejects(tenant.sql("SELECT count() FROM analytics_events"), (error) => error instanceof TinybirdError && error.statusCode === 403);
});

test("createJWT() standalone function: an expired JWT is refused with 403", async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 4;
    const { token } = await createJWT({ baseUrl, token: adminToken }, {
        name: "compat_short_lived",
        expiresAt,
        scopes: [{ type: "PIPES:READ", resource: "trend" }],
    });
    const holder = createClient({ baseUrl, token });
    const fresh = await holder.query("trend", {});
    assert.ok(fresh.rows > 0);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (expiresAt + 1.5) * 1000 - Date.now())));
    await assert.rejects(holder.query("trend", {}), (error) => {
        assert.ok(error instanceof TinybirdError);
        assert.equal(error.statusCode, 403);
        return true;
    });
});

test("createJWT() with a token that lacks TOKENS/ADMIN scope is refused with 403", async () => {
    const listing = await createTinybirdApi({ baseUrl, token: adminToken }).requestJson("/v0/tokens");
    const dashboard = listing.tokens.find((t) => t.name === "dashboard").token;
    await assert.rejects(
        createClient({ baseUrl, token: dashboard }).tokens.createJWT({
            name: "nope", expiresAt: new Date(Date.now() + 60000), scopes: [{ type: "PIPES:READ", resource: "trend" }],
        }),
        (error) => error instanceof TinybirdError && error.statusCode === 403);
});

/** A file under the server's --import-dir (url= imports of local files may read only there). */
function tempFile(name, text) {
    const dir = fs.mkdtempSync(path.join(process.env.PIPIT_IMPORT_DIR || os.tmpdir(), "pipit-compat-"));
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
}

test("datasources.append({file: x.ndjson}): multipart field csv, format=ndjson, answers {successful_rows, quarantined_rows}", async () => {
    const session = uniqueId("append-ndjson");
    const lines = [];
    for (let i = 0; i < 40; i++) lines.push(JSON.stringify(event(session, `2026-10-23 00:00:${String(i).padStart(2, "0")}`)));
    const file = tempFile("events.ndjson", lines.join("\n") + "\n");
    const result = await adminClient().datasources.append(DS, { file });
    assert.equal(result.successful_rows, 40);
    assert.equal(result.quarantined_rows, 0);
    assert.equal(await sessionRows(session), 40);
});

test("datasources.append({file: x.csv}): multipart field csv, format=csv", async () => {
    const session = uniqueId("append-csv");
    const rows = [];
    for (let i = 0; i < 25; i++) {
        rows.push(`2026-10-24 00:00:${String(i).padStart(2, "0")},${session},click,1,"{""pathname"":""/csv""}"`);
    }
    const file = tempFile("events.csv", rows.join("\n") + "\n");
    const result = await adminClient().datasources.append(DS, { file });
    assert.equal(result.successful_rows, 25);
    assert.equal(result.quarantined_rows, 0);
    assert.equal(await sessionRows(session), 25);
    const check = await adminClient().sql(
        `SELECT JSONExtractString(payload, 'pathname') AS p FROM analytics_events WHERE session_id = ${sqlString(session)} LIMIT 1`);
    assert.equal(check.data[0].p, "/csv");
});

test("datasources.append({url: file path}): form body url=..., rows imported", async () => {
    const session = uniqueId("append-url");
    const lines = [];
    for (let i = 0; i < 10; i++) lines.push(JSON.stringify(event(session)));
    const file = tempFile("remote.ndjson", lines.join("\n") + "\n");
    const result = await adminClient().datasources.append(DS, { url: `file://${file}` });
    assert.equal(typeof result, "object");
    assert.equal(await eventually(() => sessionRows(session), 10, 20000), 10);
});

test("datasources.append() to an unknown data source is a 404 TinybirdError", async () => {
    const file = tempFile("x.ndjson", JSON.stringify(event("x")) + "\n");
    await assert.rejects(adminClient().datasources.append("no_such_datasource", { file }),
                         (error) => error instanceof TinybirdError && error.statusCode === 404);
});

test("datasources.delete(): dry_run answers {rows_to_be_deleted}; a real delete answers a job and removes the rows", async () => {
    const client = adminClient();
    const doomed = uniqueId("delete");
    const kept = uniqueId("keep");
    await client.ingestBatch(DS, [event(doomed), event(doomed), event(doomed), event(kept)]);
    const condition = `session_id = ${sqlString(doomed)}`;

    const dry = await client.datasources.delete(DS, { deleteCondition: condition, dryRun: true });
    assert.equal(Number(dry.rows_to_be_deleted), 3);
    assert.equal(await sessionRows(doomed), 3, "dry run deletes nothing");

    const job = await client.datasources.delete(DS, { deleteCondition: condition });
    assert.equal(typeof job.job_id, "string");
    assert.equal(typeof job.status, "string");
    assert.equal(await eventually(() => sessionRows(doomed), 0, 20000), 0);
    assert.equal(await sessionRows(kept), 1);
});

test("createJWT() with limits.rps: requests over the limit are a 429 TinybirdError (isRateLimitError)", async () => {
    const { token } = await adminClient().tokens.createJWT({
        name: "compat_rps",
        expiresAt: new Date(Date.now() + 3600 * 1000),
        scopes: [{ type: "PIPES:READ", resource: "trend" }],
        limits: { rps: 1 },
    });
    const limited = createClient({ baseUrl, token });
    const outcomes = await Promise.allSettled([1, 2, 3, 4, 5].map(() => limited.query("trend", {})));
    const rejected = outcomes.filter((o) => o.status === "rejected");
    assert.ok(outcomes.some((o) => o.status === "fulfilled"), "the first request within the limit is served");
    assert.ok(rejected.length >= 1, "requests over rps=1 are refused");
    for (const o of rejected) {
        assert.ok(o.reason instanceof TinybirdError, String(o.reason));
        assert.ok(o.reason.isRateLimitError(), `429, got ${o.reason.statusCode}`);
    }
});

test("datasources.replace({file}): mode=replace leaves exactly the file's rows", async () => {
    const session = uniqueId("replace");
    const lines = [];
    for (let i = 0; i < 7; i++) lines.push(JSON.stringify(event(session, `2026-10-25 00:00:0${i}`)));
    const file = tempFile("replacement.ndjson", lines.join("\n") + "\n");
    const result = await adminClient().datasources.replace(DS, { file });
    assert.equal(typeof result, "object");
    assert.equal(await eventually(() => sqlCount(DS), 7, 20000), 7);
    assert.equal(await sessionRows(session), 7);
});

test("datasources.truncate(): POST /v0/datasources/{name}/truncate empties the data source; ingest works afterwards", async () => {
    const client = adminClient();
    assert.ok(await sqlCount(DS) > 0);
    const result = await client.datasources.truncate(DS);
    assert.equal(typeof result, "object");
    assert.equal(await sqlCount(DS), 0);
    const endpoint = await client.query("trend", {});
    assert.equal(endpoint.rows, 0);

    const session = uniqueId("after-truncate");
    const again = await client.ingest(DS, event(session));
    assert.equal(again.successful_rows, 1);
    assert.equal(await sqlCount(DS), 1);
});

test("typed Tinybird client (defineDatasource/defineEndpoint, the SDK's project API): ingest and query", async () => {
    const analyticsEvents = defineDatasource("analytics_events", {
        schema: {
            timestamp: t.dateTime(),
            session_id: t.string(),
            action: t.string().lowCardinality(),
            version: t.string().lowCardinality(),
            payload: t.string(),
        },
    });
    const sessionEvents = defineEndpoint("session_events", {
        params: { session_id: p.string() },
        nodes: [node({ name: "endpoint", sql: "SELECT timestamp, action FROM analytics_events WHERE session_id = {{String(session_id)}}" })],
        output: { timestamp: t.dateTime(), action: t.string(), pathname: t.string() },
    });
    const tinybird = new Tinybird({ datasources: { analyticsEvents }, pipes: { sessionEvents }, baseUrl, token: adminToken });

    const session = uniqueId("typed");
    const ingested = await tinybird.analyticsEvents.ingestBatch([event(session, "2026-10-26 01:00:00", "click", "/typed"),
                                                                 event(session, "2026-10-26 01:00:01", "page_hit", "/typed")]);
    assert.equal(ingested.successful_rows, 2);
    const result = await tinybird.sessionEvents.query({ session_id: session });
    assert.deepEqual(result.data.map((r) => [r.timestamp, r.action, r.pathname]),
                     [["2026-10-26 01:00:00", "click", "/typed"], ["2026-10-26 01:00:01", "page_hit", "/typed"]]);
});
