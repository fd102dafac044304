// DuckDB peer runner for bench/query_bench.py (in-process, @duckdb/node-api from bench/node_modules).
//   node duckdb_bench.cjs load <db_file> <events.ndjson> <events.flat.ndjson>          -> JSON on stdout
//   node duckdb_bench.cjs queries <db_file> <queries_dir> <variant> <session_id> <reps> [ids] -> JSON on stdout
// Each query: one untimed warm-up run, then <reps> timed runs of runAndReadAll (wall time, ms).
// A failing query is reported as {error: message} and the others still run.
// Env: DUCKDB_THREADS (default: all cores).
const path = require('path');
const fs = require('fs');
const duck = require('@duckdb/node-api');

const RAW_COLS = "{timestamp:'TIMESTAMP',session_id:'VARCHAR',action:'VARCHAR',version:'VARCHAR',payload:'VARCHAR'," +
  "user_id:'UBIGINT',duration_ms:'UINTEGER',revenue:'DOUBLE'}";
const FLAT_COLS = "{timestamp:'TIMESTAMP',session_id:'VARCHAR',action:'VARCHAR',version:'VARCHAR',pathname:'VARCHAR'," +
  "referrer:'VARCHAR',device:'VARCHAR',browser:'VARCHAR',location:'VARCHAR',user_id:'UBIGINT',duration_ms:'UINTEGER'," +
  "revenue:'DOUBLE'}";
const RAW_DDL = 'CREATE TABLE events (timestamp TIMESTAMP, session_id VARCHAR, action VARCHAR, version VARCHAR, ' +
  'payload VARCHAR, user_id UBIGINT, duration_ms UINTEGER, revenue DOUBLE)';
const FLAT_DDL = 'CREATE TABLE events_flat (timestamp TIMESTAMP, session_id VARCHAR, action VARCHAR, version VARCHAR, ' +
  'pathname VARCHAR, referrer VARCHAR, device VARCHAR, browser VARCHAR, location VARCHAR, user_id UBIGINT, ' +
  'duration_ms UINTEGER, revenue DOUBLE)';

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (a) => { const b = [...a].sort((x, y) => x - y); return b[Math.floor(b.length / 2)]; };

async function open(dbfile) {
  const inst = await duck.DuckDBInstance.create(dbfile);
  const con = await inst.connect();
  if (process.env.DUCKDB_THREADS) await con.run(`SET threads = ${process.env.DUCKDB_THREADS}`);
  return { inst, con };
}

async function timed(con, sql) {
  const t0 = process.hrtime.bigint();
  const r = await con.runAndReadAll(sql);
  return { t: ms(t0), r };
}

async function load(dbfile, raw, flat) {
  for (const f of [dbfile, dbfile + '.wal']) if (fs.existsSync(f)) fs.unlinkSync(f);
  const { con } = await open(dbfile);
  const v = await con.runAndReadAll("SELECT version(), current_setting('threads')");
  const out = { version: v.getRows()[0][0], threads: Number(v.getRows()[0][1]) };
  await con.run(RAW_DDL);
  let t = await timed(con, `INSERT INTO events SELECT * FROM read_ndjson('${raw}', columns=${RAW_COLS}, format='newline_delimited')`);
  out.raw_insert_ms = t.t;
  await con.run(FLAT_DDL);
  t = await timed(con, `INSERT INTO events_flat SELECT * FROM read_ndjson('${flat}', columns=${FLAT_COLS}, format='newline_delimited')`);
  out.flat_insert_ms = t.t;
  await con.run('CHECKPOINT');
  out.rows = Number((await con.runAndReadAll('SELECT count(*) FROM events')).getRows()[0][0]);
  out.flat_rows = Number((await con.runAndReadAll('SELECT count(*) FROM events_flat')).getRows()[0][0]);
  return out;
}

function jsonable(rows) {
  return JSON.parse(JSON.stringify(rows, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

async function queries(dbfile, qdir, variant, sid, reps, ids) {
  const { con } = await open(dbfile);
  const v = await con.runAndReadAll('SELECT version()');
  const files = fs.readdirSync(path.join(qdir, variant)).filter((f) => f.endsWith('.duckdb.sql')).sort();
  const out = { version: v.getRows()[0][0], variant, queries: {} };
  for (const f of files) {
    const id = f.replace('.duckdb.sql', '');
    if (ids && !ids.includes(id)) continue;
    const sql = fs.readFileSync(path.join(qdir, variant, f), 'utf8')
      .split('\n').filter((l) => !l.startsWith('--')).join(' ').replace('{session_id}', sid).trim();
    try {
      const w = await timed(con, sql);
      const times = [];
      for (let i = 0; i < reps; i++) times.push((await timed(con, sql)).t);
      const rows = jsonable(w.r.getRows());
      out.queries[id] = { median_ms: median(times), times_ms: times, first_ms: w.t, result_rows: rows.length,
        result_head: rows.slice(0, 3) };
    } catch (e) {
      out.queries[id] = { error: String(e.message || e).split('\n')[0] };
    }
  }
  return out;
}

(async () => {
  const [mode, ...a] = process.argv.slice(2);
  let res;
  if (mode === 'load') res = await load(a[0], a[1], a[2]);
  else if (mode === 'queries') res = await queries(a[0], a[1], a[2], a[3], Number(a[4] || 5), a[5] ? a[5].split(',') : null);
  else throw new Error('usage: load|queries');
  process.stdout.write(JSON.stringify(res, null, 1) + '\n');
})().catch((e) => { console.error(e); process.exit(1); });
