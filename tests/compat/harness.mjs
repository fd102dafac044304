// Connection details of the pipit server started by run.sh, and small helpers shared by the compat tests.
// Tests talk to the server only through the official clients, except `sqlCount`, which itself uses the SDK's sql().
import { createClient } from "@tinybirdco/sdk";

export const baseUrl = process.env.PIPIT_URL;
if (!baseUrl || !process.env.PIPIT_TOKENS) {
    throw new Error("PIPIT_URL and PIPIT_TOKENS are set by tests/compat/run.sh; run the tests through it");
}
/** The JSON of GET /tokens: {user_token, admin_token, workspace_admin_token}. */
export const tokens = JSON.parse(process.env.PIPIT_TOKENS);
export const adminToken = tokens.workspace_admin_token;

export function adminClient() {
    return createClient({ baseUrl, token: adminToken });
}

/** A fresh id so that each test only counts its own rows. */
export function uniqueId(prefix) {
    return `${prefix}-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

/** Rows matching `where` in a table, through POST /v0/sql. */
export async function sqlCount(table, where = "1") {
    const result = await adminClient().sql(`SELECT count() AS c FROM ${table} WHERE ${where}`);
    return Number(result.data[0].c);
}

/** Polls `probe` until it returns `expected` or `timeoutMs` passes; returns the last value. */
export async function eventually(probe, expected, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    let value = await probe();
    while (value !== expected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        value = await probe();
    }
    return value;
}

/** A row of analytics_events (tests/projects/web_analytics) with the given session id. */
export function event(sessionId, timestamp = "2026-10-15 12:00:00", action = "page_hit", pathname = "/compat") {
    return {
        timestamp,
        session_id: sessionId,
        action,
        version: "1",
        payload: JSON.stringify({ pathname, domain: "compat.example.com" }),
    };
}

export function sqlString(value) {
    return `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
