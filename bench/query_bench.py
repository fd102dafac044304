#!/usr/bin/env python3
"""Query latency: pipit vs ClickHouse 18.16 (Debian clickhouse-server) vs DuckDB (npm @duckdb/node-api),
same machine, same generated events, the queries of bench/queries/ (see make_queries.py).

  /usr/bin/python3 bench/query_bench.py --rows 10000000            # the published run (RESULTS.md)
  /usr/bin/python3 bench/query_bench.py --rows 1000000 --only q03_top_pages_range --skip duckdb   # development

Per size N:
  data      bench/gen_events.py seed 42 -> events_N.ndjson (raw: JSON `payload` string) and events_N.flat.ndjson
            (the payload's fields as columns), reused when present.
  load      the same CREATE TABLE statements (DDL_EVENTS, DDL_FLAT) for ClickHouse and pipit, one JSONEachRow
            insert of each file, OPTIMIZE TABLE ... FINAL; DuckDB: read_ndjson into plain tables. Loaded data is
            reused on the next run when its row counts match (--reload to force).
  queries   every query of both variants, warm: one untimed warm-up run, then --reps timed runs, median.
            ClickHouse: wall time of an HTTP POST on a keep-alive connection, FORMAT TabSeparated (its own server,
            ports 28223/29100/29109, data under --work/chq, stopped at the end). DuckDB: in-process runAndReadAll.
            pipit: one `pipit sql --time` process per query reading warm-up + reps statements from stdin; the
            time is pipit's own per-statement wall time (execution and writing the TSV result), no process start.
            A query that fails, crashes or times out is recorded as "error: <message>".
Results: bench/results/queries_N.json (merged with the previous file when --only/--skip limit the run), then
bench/report.py writes the "Queries" section of bench/RESULTS.md.
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CH_HTTP, CH_TCP, CH_INTER = 28223, 29100, 29109
CH_SETTINGS = {"allow_experimental_low_cardinality_type": "1"}
VARIANTS = ("raw", "flat")
MARKER = "pipit-bench-statement-end"

ENGINE = "ENGINE = MergeTree PARTITION BY toDate(timestamp) ORDER BY (session_id, timestamp)"
DDL_EVENTS = ("CREATE TABLE events (timestamp DateTime, session_id String, action LowCardinality(String), version String, "
              "payload String, user_id UInt64, duration_ms UInt32, revenue Float64) " + ENGINE)
DDL_FLAT = ("CREATE TABLE events_flat (timestamp DateTime, session_id String, action LowCardinality(String), "
            "version LowCardinality(String), pathname LowCardinality(String), referrer LowCardinality(String), "
            "device LowCardinality(String), browser LowCardinality(String), location LowCardinality(String), "
            "user_id UInt64, duration_ms UInt32, revenue Float64) " + ENGINE)
TABLES = (("events", DDL_EVENTS, ".ndjson"), ("events_flat", DDL_FLAT, ".flat.ndjson"))


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def loadavg():
    return [round(x, 2) for x in os.getloadavg()]


def read_sql(path, sid):
    with open(path) as f:
        lines = [l for l in f.read().splitlines() if not l.startswith("--")]
    return " ".join(lines).replace("{session_id}", sid).strip()


def query_ids(variant, dialect, only):
    d = os.path.join(HERE, "queries", variant)
    suffix = f".{dialect}.sql"
    ids = sorted(f[:-len(suffix)] for f in os.listdir(d) if f.endswith(suffix))
    return [q for q in ids if not only or q in only]


# ------------------------------------------------------------------------------------------------ data
def ensure_data(n, seed, work):
    prefix = os.path.join(work, f"events_{n}")
    meta_f = prefix + ".meta.json"
    meta = json.load(open(meta_f)) if os.path.exists(meta_f) else {}
    same = meta.get("rows") == n and meta.get("seed") == seed
    missing = [fmt for fmt, ext in (("ndjson", ".ndjson"), ("flat", ".flat.ndjson")) if not (same and os.path.exists(prefix + ext))]
    if missing:
        log(f"generating {n} rows ({','.join(missing)})")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_events.py"), "--rows", str(n), "--seed", str(seed), "--out", prefix,
                        "--formats", ",".join(missing)], check=True)
        meta = json.load(open(meta_f))
    return prefix, meta


# ------------------------------------------------------------------------------------------------ ClickHouse
class ClickHouse:
    """HTTP client on one keep-alive connection."""

    def __init__(self):
        self.conn = None

    def query(self, sql, params=None, body=None):
        p = dict(CH_SETTINGS, **(params or {}))
        if body is not None:
            p["query"] = sql
        path = "/?" + urllib.parse.urlencode(p)
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", CH_HTTP, timeout=3600)
            self.conn.connect()
            self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            if body is None:
                self.conn.request("POST", path, body=sql.encode())
            else:
                self.conn.request("POST", path, body=body, headers={"Content-Length": str(os.fstat(body.fileno()).st_size)})
            r = self.conn.getresponse()
            out = r.read().decode()
        except (http.client.HTTPException, OSError):
            self.conn = None
            raise
        if r.getheader("Connection", "").lower() == "close":
            self.conn = None
        if r.status != 200:
            raise RuntimeError(out.strip().splitlines()[0] if out.strip() else f"HTTP {r.status}")
        return out


def start_clickhouse(work):
    d = os.path.join(work, "chq")
    for sub in ("data", "tmp", "user_files"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    cmd = ["/usr/sbin/clickhouse-server", "--config-file=/etc/clickhouse-server/config.xml", "--",
           f"--path={d}/data/", f"--tmp_path={d}/tmp/", f"--user_files_path={d}/user_files/",
           f"--logger.log={d}/log", f"--logger.errorlog={d}/err", f"--http_port={CH_HTTP}",
           f"--tcp_port={CH_TCP}", f"--interserver_http_port={CH_INTER}", "--timezone=UTC"]
    p = subprocess.Popen(cmd, stdout=open(os.path.join(d, "stdout"), "w"), stderr=subprocess.STDOUT,
                         env=dict(os.environ, TZ="UTC"), start_new_session=True)
    for _ in range(120):
        if p.poll() is not None:
            break
        try:
            if ClickHouse().query("SELECT 1").strip() == "1":
                log(f"clickhouse-server pid {p.pid} on :{CH_HTTP}")
                return p
        except Exception:
            time.sleep(0.5)
    stop_clickhouse(p)
    raise RuntimeError("clickhouse-server did not start; see " + d)


def stop_clickhouse(p):
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def load_clickhouse(ch, n, prefix, reload):
    db = f"bench_{n}"
    ch.query(f"CREATE DATABASE IF NOT EXISTS {db}")
    info = {"database": db}
    for table, ddl, ext in TABLES:
        try:
            have = int(ch.query(f"SELECT count() FROM {db}.{table}").strip())
        except RuntimeError:
            have = -1
        if have == n and not reload:
            continue
        ch.query(f"DROP TABLE IF EXISTS {db}.{table}")
        ch.query(ddl, {"database": db})
        t0 = time.time()
        with open(prefix + ext, "rb") as f:
            ch.query(f"INSERT INTO {db}.{table} FORMAT JSONEachRow", body=f)
        info[f"{table}_insert_s"] = time.time() - t0
        ch.query(f"OPTIMIZE TABLE {db}.{table} FINAL")
        got = int(ch.query(f"SELECT count() FROM {db}.{table}").strip())
        assert got == n, (table, got, n)
        log(f"clickhouse: loaded {table} ({n} rows) in {time.time() - t0:.1f}s")
    return info


def run_clickhouse(ch, db, variant, qid, sql, reps):
    sql = sql + " FORMAT TabSeparated"
    params = {"database": db}
    try:
        t0 = time.perf_counter()
        first = ch.query(sql, params)
        first_ms = (time.perf_counter() - t0) * 1e3
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            ch.query(sql, params)
            times.append((time.perf_counter() - t0) * 1e3)
    except Exception as e:  # noqa: BLE001 - any failure is this query's result
        return {"error": str(e)[:300]}
    return {"median_ms": statistics.median(times), "times_ms": times, "first_ms": first_ms, "result": first}


# ------------------------------------------------------------------------------------------------ pipit
def pipit_sql(pipit, data_dir, sql, stdin=None, check=True):
    p = subprocess.run([pipit, "sql", "--data-dir", data_dir, sql], stdin=stdin, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"pipit failed: {sql[:200]}\n{p.stderr}")
    return p


def load_pipit(pipit, n, prefix, data_dir, reload):
    def count(table):
        p = pipit_sql(pipit, data_dir, f"SELECT count() FROM {table}", check=False)
        return int(p.stdout.strip()) if p.returncode == 0 and p.stdout.strip().isdigit() else -1

    if not reload and os.path.isdir(data_dir) and all(count(t) == n for t, _, _ in TABLES):
        return {}
    shutil.rmtree(data_dir, ignore_errors=True)
    info = {}
    for table, ddl, ext in TABLES:
        pipit_sql(pipit, data_dir, ddl)
        t0 = time.time()
        with open(prefix + ext, "rb") as f:
            pipit_sql(pipit, data_dir, f"INSERT INTO {table} FORMAT JSONEachRow", stdin=f)
        info[f"{table}_insert_s"] = time.time() - t0
        pipit_sql(pipit, data_dir, f"OPTIMIZE TABLE {table} FINAL")
        got = count(table)
        assert got == n, (table, got, n)
        log(f"pipit: loaded {table} ({n} rows) in {time.time() - t0:.1f}s")
    return info


def run_pipit(pipit, data_dir, sql, reps, timeout):
    """Warm-up + reps runs of `sql` in one process; a marker statement separates the results on stdout."""
    script = "".join(f"{sql};\nSELECT '{MARKER}';\n" for _ in range(reps + 1))
    try:
        p = subprocess.run([pipit, "sql", "--data-dir", data_dir, "--time"], input=script, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout: {reps + 1} runs took more than {timeout} s"}
    elapsed, other = [], []
    for line in p.stderr.splitlines():
        if line.startswith("Elapsed: ") and line.endswith(" ms"):
            elapsed.append(float(line[len("Elapsed: "):-3]))
        elif line.strip():
            other.append(line.strip())
    times = elapsed[0::2]
    if p.returncode != 0 or len(times) != reps + 1:
        if p.returncode < 0:
            msg = f"crashed ({signal.Signals(-p.returncode).name}) in run {len(times) + 1}"
        else:
            msg = other[0] if other else f"exit code {p.returncode}"
        return {"error": msg[:300]}
    first = p.stdout.split(MARKER + "\n")[0]
    return {"median_ms": statistics.median(times[1:]), "times_ms": times[1:], "first_ms": times[0], "result": first}


# ------------------------------------------------------------------------------------------------ DuckDB
def ensure_node_modules():
    if not os.path.exists(os.path.join(HERE, "node_modules", "@duckdb", "node-api")):
        log("npm ci (bench/node_modules)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, capture_output=True)


def duckdb_node(args):
    p = subprocess.run(["node", os.path.join(HERE, "duckdb_bench.cjs"), *args], capture_output=True, text=True)
    sys.stderr.write(p.stderr)
    if p.returncode != 0:
        raise RuntimeError("duckdb_bench.cjs failed: " + p.stderr[-500:])
    return json.loads(p.stdout)


def load_duckdb(n, prefix, dbfile, reload):
    if os.path.exists(dbfile) and not reload:
        return {}
    os.makedirs(os.path.dirname(dbfile), exist_ok=True)
    t0 = time.time()
    info = duckdb_node(["load", dbfile, prefix + ".ndjson", prefix + ".flat.ndjson"])
    assert info["rows"] == n and info["flat_rows"] == n, info
    log(f"duckdb: loaded both tables in {time.time() - t0:.1f}s")
    return info


# ------------------------------------------------------------------------------------------------ main
def git_head():
    p = subprocess.run(["git", "-C", ROOT, "log", "-1", "--format=%h %cd", "--date=format:%Y-%m-%d %H:%M"], capture_output=True,
                       text=True)
    return p.stdout.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10000000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--reps", type=int, default=5, help="timed runs per query after one warm-up; the median is reported")
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--pipit", default=os.path.join(ROOT, "build", "pipit"))
    ap.add_argument("--only", default="", help="comma list of query ids (default: all)")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--skip", default="", help="comma list of engines not to run: pipit,clickhouse,duckdb")
    ap.add_argument("--reload", default="", help="comma list of engines whose tables are reloaded even if present, or 'all'")
    ap.add_argument("--timeout", type=int, default=600, help="seconds allowed for all runs of one pipit query")
    ap.add_argument("--no-report", action="store_true", help="do not rewrite RESULTS.md")
    ap.add_argument("--pipit-commit", default="", help="the commit the pipit binary was built from (default: the repository's HEAD)")
    args = ap.parse_args()

    n = args.rows
    only = set(filter(None, args.only.split(",")))
    skip = set(filter(None, args.skip.split(",")))
    reload = set(filter(None, args.reload.split(",")))
    reload = {"pipit", "clickhouse", "duckdb"} if "all" in reload else reload
    variants = [v for v in args.variants.split(",") if v]
    pipit = os.path.abspath(args.pipit)
    os.makedirs(args.work, exist_ok=True)
    out_f = os.path.join(HERE, "results", f"queries_{n}.json")
    res = json.load(open(out_f)) if os.path.exists(out_f) and (only or skip or variants != list(VARIANTS)) else {}
    res.setdefault("queries", {})
    run = {"rows": n, "reps": args.reps, "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": loadavg(),
           "cores": os.cpu_count(), "pipit_commit": args.pipit_commit or git_head(), "pipit_binary": pipit,
           "command": "/usr/bin/python3 bench/query_bench.py " + " ".join(sys.argv[1:])}
    partial = [f"only {args.only}" if only else "", f"skipped {args.skip}" if skip else "",
               f"variants {args.variants}" if variants != list(VARIANTS) else ""]
    run["partial"] = ", ".join(x for x in partial if x)
    samples = []

    prefix, meta = ensure_data(n, args.seed, args.work)
    sid = meta["sample_session_ids"][0]
    run["session_id"] = sid

    def record(variant, qid, engine, r):
        samples.append(os.getloadavg()[0])
        res["queries"].setdefault(variant, {}).setdefault(qid, {})[engine] = r
        what = f"{r['median_ms']:.2f} ms" if "median_ms" in r else "error: " + r["error"]
        log(f"  {engine} {variant} {qid}: {what}")

    if "clickhouse" not in skip:
        chp = start_clickhouse(args.work)
        try:
            ch = ClickHouse()
            run["clickhouse_version"] = ch.query("SELECT version()").strip()
            run["clickhouse_load"] = load_clickhouse(ch, n, prefix, "clickhouse" in reload)
            for variant in variants:
                for qid in query_ids(variant, "ch", only):
                    sql = read_sql(os.path.join(HERE, "queries", variant, qid + ".ch.sql"), sid)
                    record(variant, qid, "clickhouse", run_clickhouse(ch, f"bench_{n}", variant, qid, sql, args.reps))
        finally:
            stop_clickhouse(chp)

    if "duckdb" not in skip:
        ensure_node_modules()
        dbfile = os.path.join(args.work, "duck", f"events_{n}.duckdb")
        run["duckdb_load"] = load_duckdb(n, prefix, dbfile, "duckdb" in reload)
        for variant in variants:
            ids = query_ids(variant, "duckdb", only)
            out = duckdb_node(["queries", dbfile, os.path.join(HERE, "queries"), variant, sid, str(args.reps), ",".join(ids)])
            run["duckdb_version"] = out["version"]
            for qid in ids:
                record(variant, qid, "duckdb", out["queries"][qid])

    if "pipit" not in skip:
        if not os.access(pipit, os.X_OK):
            sys.exit(f"no pipit binary at {pipit} (make build, or --pipit PATH)")
        data_dir = os.path.join(args.work, f"pipit_{n}")
        run["pipit_load"] = load_pipit(pipit, n, prefix, data_dir, "pipit" in reload)
        for variant in variants:
            for qid in query_ids(variant, "ch", only):
                sql = read_sql(os.path.join(HERE, "queries", variant, qid + ".ch.sql"), sid)
                record(variant, qid, "pipit", run_pipit(pipit, data_dir, sql, args.reps, args.timeout))

    run["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    run["load_after"] = loadavg()
    run["load_mean_during"] = round(statistics.mean(samples), 2) if samples else None
    res.setdefault("runs", []).append(run)
    res["runs"] = res["runs"][-10:]
    os.makedirs(os.path.dirname(out_f), exist_ok=True)
    with open(out_f, "w") as f:
        json.dump(res, f, indent=1)
    log("wrote", out_f)
    if not args.no_report:
        subprocess.run([sys.executable, os.path.join(HERE, "report.py"), out_f], check=True)


if __name__ == "__main__":
    main()
