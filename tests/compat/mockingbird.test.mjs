// @tinybirdco/mockingbird 1.1.4's Tinybird destination, used unchanged: POST /v0/events?name=<ds>&from=mockingbird
// with `Authorization: Bearer`, an NDJSON body and no Content-Type header. Its preset "Web Analytics Starter Kit"
// is the schema of tests/projects/web_analytics's analytics_events (timestamps as ISO 8601 with milliseconds and Z).
import { test } from "node:test";
import assert from "node:assert/strict";
import { TinybirdGenerator, presetSchemas } from "@tinybirdco/mockingbird";
import { adminToken, baseUrl, eventually, sqlCount } from "./harness.mjs";

const DS = "analytics_events";

test("mockingbird streams generated events into analytics_events; every row lands (none quarantined)", async () => {
    const rowsBefore = await sqlCount(DS);
    const quarantinedBefore = await sqlCount(`${DS}_quarantine`);
    const limit = 600;
    const generator = new TinybirdGenerator({
        schema: presetSchemas["Web Analytics Starter Kit"],
        eps: 300,
        limit,
        endpoint: baseUrl,
        datasource: DS,
        token: adminToken,
        logs: false,
    });
    let sent = 0;
    await generator.generate((rows) => { sent += rows.length; });
    assert.equal(sent, limit, "the generator sent its whole limit");

    assert.equal(await eventually(() => sqlCount(DS), rowsBefore + limit, 20000), rowsBefore + limit,
                 "every generated event is in the data source");
    assert.equal(await sqlCount(`${DS}_quarantine`), quarantinedBefore, "no generated event was quarantined");
    const recent = await sqlCount(DS, "timestamp >= now() - INTERVAL 1 HOUR AND action = 'page_hit' AND version = '1'");
    assert.ok(recent >= limit, `generated rows carry the current time: ${recent}`);
});

test("mockingbird's request (no Content-Type) with a wrong token is refused, and nothing is written", async () => {
    const before = await sqlCount(DS);
    const generator = new TinybirdGenerator({
        schema: presetSchemas["Web Analytics Starter Kit"],
        eps: 10,
        limit: 10,
        endpoint: baseUrl,
        datasource: DS,
        token: "not-a-token",
        logs: false,
    });
    await generator.generate();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await sqlCount(DS), before);
});
