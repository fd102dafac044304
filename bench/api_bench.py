#!/usr/bin/env python3
"""HTTP API latency and throughput: pipit's Tinybird-compatible server vs ClickHouse 18.16's HTTP interface,
measured with wrk (Debian) on the same machine (issue #4, "Measure and report").

  /usr/bin/python3 bench/api_bench.py [--rows 10000000] [--duration 10] [--connections 16] [--pipit PATH]

Steps: events from bench/gen_events.py (seed 42, reused from bench/work if present) -> a benchmark project in
WORK/api_project (data source `events`, sorting key (session_id, timestamp); endpoint `session_events`
filtering on the sort-key prefix with `{{String(session_id, required=True)}}`; empty data source `events_ingest`
of the same schema for the Events API runs) -> `pipit local` on a private port and data dir, rows loaded with
`POST /v0/datasources?mode=append&format=ndjson` (64 MiB bodies) -> clickhouse-server on
private ports and data dir, same schema, partition key and ORDER BY, `INSERT ... FORMAT JSONEachRow` ->
wrk --latency at N connections for a fixed duration:
  (a) GET /v0/pipes/session_events.json?session_id=ID&token=T rotating over many session ids (bench/api/rotate_get.lua)
  (b) the same SQL over ClickHouse's HTTP interface, `/?query=... FORMAT JSON`, same rotation
  (c) POST /v0/events?name=events_ingest with 1-event and 1,000-event NDJSON bodies (bench/api/post_body.lua)
  (d) ClickHouse `INSERT INTO events_ingest FORMAT JSONEachRow` over HTTP with the same bodies
After each insert run the table's row count is checked against the acknowledged (2xx) requests x events.
Writes bench/api/results_<rows>.json and bench/API_RESULTS.md (the section of that size).
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
API_DIR = os.path.join(HERE, "api")
CH_HTTP, CH_TCP, CH_INTER = 38123, 39000, 39009
PIPIT_PORT = 37181

CH_COLUMNS = ("timestamp DateTime, session_id String, action LowCardinality(String), version String, "
              "payload String, user_id UInt64, duration_ms UInt32, revenue Float64")
PARTITION_KEY = "toYYYYMM(timestamp)"
SORTING_KEY = "session_id, timestamp"
CH_ENGINE = f"ENGINE = MergeTree PARTITION BY {PARTITION_KEY} ORDER BY ({SORTING_KEY}) SETTINGS index_granularity = 8192"

DATASOURCE = """DESCRIPTION >
    Benchmark events (bench/gen_events.py), sorted by session.

SCHEMA >
    `timestamp` DateTime `json:$.timestamp`,
    `session_id` String `json:$.session_id`,
    `action` LowCardinality(String) `json:$.action`,
    `version` String `json:$.version`,
    `payload` String `json:$.payload`,
    `user_id` UInt64 `json:$.user_id`,
    `duration_ms` UInt32 `json:$.duration_ms`,
    `revenue` Float64 `json:$.revenue`

ENGINE "MergeTree"
ENGINE_PARTITION_KEY "{partition}"
ENGINE_SORTING_KEY "{sorting}"
ENGINE_SETTINGS "index_granularity=8192"
"""

SELECT = "SELECT timestamp, action, version, duration_ms, revenue FROM events WHERE session_id = {} ORDER BY timestamp"

PIPE = """DESCRIPTION >
    Every event of one session, oldest first: a filter on the sorting key's prefix.

NODE endpoint
SQL >
    %
    {select}

TYPE endpoint
""".format(select=SELECT.format("{{String(session_id, required=True)}}"))


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def http_call(port, method, path, body=None, headers=None, timeout=3600):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    finally:
        conn.close()


def ch_query(sql, body=None):
    params = "allow_experimental_low_cardinality_type=1"
    if body is None:
        status, out = http_call(CH_HTTP, "POST", "/?" + params, body=sql.encode())
    else:
        status, out = http_call(CH_HTTP, "POST", "/?" + params + "&query=" + urllib.parse.quote(sql), body=body)
    if status != 200:
        raise RuntimeError(f"ClickHouse {status}: {out[:500]}")
    return out


def start_clickhouse(work):
    d = os.path.join(work, "api_ch")
    shutil.rmtree(d, ignore_errors=True)
    for sub in ("data", "tmp", "user_files"):
        os.makedirs(os.path.join(d, sub))
    cmd = ["/usr/sbin/clickhouse-server", "--config-file=/etc/clickhouse-server/config.xml", "--",
           f"--path={d}/data/", f"--tmp_path={d}/tmp/", f"--user_files_path={d}/user_files/",
           f"--logger.log={d}/log", f"--logger.errorlog={d}/err", f"--http_port={CH_HTTP}",
           f"--tcp_port={CH_TCP}", f"--interserver_http_port={CH_INTER}", "--timezone=UTC"]
    p = subprocess.Popen(cmd, stdout=open(os.path.join(d, "stdout"), "w"), stderr=subprocess.STDOUT,
                         env=dict(os.environ, TZ="UTC"), start_new_session=True)
    for _ in range(240):
        try:
            if ch_query("SELECT 1").strip() == "1":
                return p
        except Exception:
            time.sleep(0.5)
    raise RuntimeError("clickhouse-server did not start; see " + d)


def write_project(work):
    d = os.path.join(work, "api_project")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "datasources"))
    os.makedirs(os.path.join(d, "endpoints"))
    ds = DATASOURCE.replace("{partition}", PARTITION_KEY).replace("{sorting}", SORTING_KEY)
    for name in ("events", "events_ingest"):
        with open(os.path.join(d, "datasources", name + ".datasource"), "w") as f:
            f.write(ds)
    with open(os.path.join(d, "endpoints", "session_events.pipe"), "w") as f:
        f.write(PIPE)
    return d


class Pipit:
    def __init__(self, binary, project, data_dir, log_path, threads):
        shutil.rmtree(data_dir, ignore_errors=True)
        self.binary, self.project, self.data_dir, self.log_path, self.threads = binary, project, data_dir, log_path, threads
        self.log = open(log_path, "w")
        self.start()

    def start(self):
        cmd = [self.binary, "local", self.project, "--port", str(PIPIT_PORT), "--data-dir", self.data_dir]
        if self.threads is not None:
            cmd += ["--threads", str(self.threads)]
        self.process = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        log_path = self.log_path
        deadline = time.time() + 120
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"pipit exited with {self.process.returncode}; see {log_path}")
            try:
                status, body = http_call(PIPIT_PORT, "GET", "/tokens", timeout=2)
                if status == 200:
                    self.token = json.loads(body)["workspace_admin_token"]
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError(f"pipit did not start; see {log_path}")
            time.sleep(0.2)

    def call(self, method, path, params=None, body=None):
        params = dict(params or {})
        params["token"] = self.token
        status, out = http_call(PIPIT_PORT, method, path + "?" + urllib.parse.urlencode(params), body=body)
        if status >= 300:
            raise RuntimeError(f"pipit {method} {path} {status}: {out[:500]}")
        return out

    def count(self, table):
        out = self.call("GET", "/v0/sql", {"q": f"SELECT count() FROM {table} FORMAT TSV"})
        return int(out.strip())

    def parts(self, table):
        """Active parts of a table of the default workspace, from its manifest (the API does not expose
        system.parts to workspace tokens)."""
        path = os.path.join(self.data_dir, "data", "default", table, "manifest")
        try:
            with open(path) as f:
                return sum(1 for line in f if line.startswith("part\t"))
        except OSError as e:
            log(f"pipit parts unknown: {e}")
            return None

    def optimize_final(self, table):
        """OPTIMIZE TABLE ... FINAL, as ClickHouse gets: the HTTP API has no such statement (the Query API is
        read-only), so the server is stopped, `pipit sql` runs it on the data directory, and the server restarts."""
        self.stop(close_log=False)
        subprocess.run([self.binary, "sql", "--data-dir", self.data_dir, f"OPTIMIZE TABLE {table} FINAL"], check=True,
                       stdout=self.log, stderr=subprocess.STDOUT)
        self.start()

    def stop(self, close_log=True):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if close_log:
            self.log.close()


def chunks_of_lines(path, max_bytes):
    """Yields bodies of whole lines, each at most max_bytes (a single longer line is its own body)."""
    with open(path, "rb") as f:
        while True:
            block = f.read(max_bytes)
            if not block:
                return
            if not block.endswith(b"\n"):
                block += f.readline()
            yield block


def session_ids(path, limit, scan_lines):
    ids, seen = [], set()
    pattern = re.compile(rb'"session_id":"([^"]+)"')
    with open(path, "rb") as f:
        for i, line in enumerate(f):
            if i >= scan_lines or len(ids) >= limit:
                break
            m = pattern.search(line)
            if m and m.group(1) not in seen:
                seen.add(m.group(1))
                ids.append(m.group(1).decode())
    return ids


def run_wrk(args, url, script, env, label):
    cmd = ["/usr/bin/wrk", "--latency", "-t", str(args.wrk_threads), "-c", str(args.connections),
           "-d", f"{args.duration}s", "--timeout", "10s", "-s", script, url]
    log(f"wrk {label}: {' '.join(cmd)}")
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, **env))
    if p.returncode != 0:
        raise RuntimeError(f"wrk failed: {p.stderr}\n{p.stdout}")
    stats = {k: int(v) for k, v in re.findall(r"^API_STAT (\w+) (\d+)$", p.stdout, re.M)}
    # wrk's own --latency distribution ("50%   1.23ms"), kept as a cross-check of the Lua percentiles
    dist = {}
    for pct, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", p.stdout, re.M):
        dist[pct] = float(value) * {"us": 1, "ms": 1e3, "s": 1e6}[unit]
    ok = stats["requests"] - stats["status_errors"]
    result = {
        "label": label,
        "requests": stats["requests"],
        "ok_requests": ok,
        "status_errors": stats["status_errors"],
        "socket_errors": stats["socket_errors"],
        "seconds": stats["duration_us"] / 1e6,
        "rps": ok / (stats["duration_us"] / 1e6),
        "p50_ms": stats["p50_us"] / 1e3,
        "p90_ms": stats["p90_us"] / 1e3,
        "p99_ms": stats["p99_us"] / 1e3,
        "wrk_latency_us": dist,
        "wrk_output": p.stdout,
    }
    log(f"  {label}: {result['rps']:.0f} ok req/s, p50 {result['p50_ms']:.3f} ms, p99 {result['p99_ms']:.3f} ms, "
        f"non-2xx {result['status_errors']}, socket errors {result['socket_errors']}")
    return result


def wait_count(fn, expected_min, timeout=120):
    """Polls a row count until it reaches expected_min or stops changing (background flushes)."""
    deadline = time.time() + timeout
    last, stable = -1, 0
    while True:
        n = fn()
        if n >= expected_min:
            return n
        stable = stable + 1 if n == last else 0
        if stable >= 10 or time.time() > deadline:
            return n
        last = n
        time.sleep(0.5)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--pipit", default=os.path.join(ROOT, "build", "pipit"))
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--wrk-threads", type=int, default=2)
    ap.add_argument("--server-threads", type=int, default=None, help="pipit --threads (default: pipit's)")
    ap.add_argument("--ids", type=int, default=20000, help="distinct session ids the endpoint runs rotate over")
    ap.add_argument("--settle", type=int, default=60, help="seconds at most to wait for pipit's merges after the load")
    ap.add_argument("--no-optimize", action="store_true",
                    help="measure pipit on its parts as background merges left them (no OPTIMIZE TABLE FINAL)")
    ap.add_argument("--skip", default="", help="comma list of phases to skip: endpoint,events")
    ap.add_argument("--keep", action="store_true", help="leave both servers running (for profiling) until Ctrl-C")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    os.makedirs(args.work, exist_ok=True)
    pipit_bin = os.path.abspath(args.pipit)
    n = args.rows
    command = "/usr/bin/python3 bench/api_bench.py " + " ".join(sys.argv[1:])
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())

    prefix = os.path.join(args.work, f"events_{n}")
    if not os.path.exists(prefix + ".ndjson"):
        log(f"generating {n} rows")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_events.py"), "--rows", str(n), "--seed", "42",
                        "--out", prefix, "--formats", "ndjson"], check=True)
    data = prefix + ".ndjson"

    api_work = os.path.join(args.work, "api")
    os.makedirs(api_work, exist_ok=True)
    ids = session_ids(data, args.ids, scan_lines=2_000_000)
    ids_path = os.path.join(api_work, "session_ids.txt")
    with open(ids_path, "w") as f:
        f.write("\n".join(ids) + "\n")
    with open(data, "rb") as f:
        lines = [f.readline() for _ in range(1000)]
    body1, body1000 = os.path.join(api_work, "body_1.ndjson"), os.path.join(api_work, "body_1000.ndjson")
    with open(body1, "wb") as f:
        f.write(lines[0])
    with open(body1000, "wb") as f:
        f.write(b"".join(lines))

    project = write_project(args.work)
    results = {"rows": n, "load_before": load_before, "command": command, "pipit_binary": pipit_bin,
               "duration_s": args.duration, "connections": args.connections, "distinct_ids": len(ids)}
    ch = start_clickhouse(args.work)
    pipit = None
    try:
        log("loading ClickHouse")
        for t in ("events", "events_ingest"):
            ch_query(f"DROP TABLE IF EXISTS {t}")
            ch_query(f"CREATE TABLE {t} ({CH_COLUMNS}) {CH_ENGINE}")
        t0 = time.time()
        with open(data, "rb") as f:
            ch_query("INSERT INTO events FORMAT JSONEachRow", body=f)
        results["clickhouse_load_s"] = time.time() - t0
        ch_query("OPTIMIZE TABLE events FINAL")
        assert int(ch_query("SELECT count() FROM events").strip()) == n
        results["clickhouse_parts"] = int(ch_query("SELECT count() FROM system.parts WHERE table = 'events' AND active").strip())
        log(f"ClickHouse loaded in {results['clickhouse_load_s']:.1f} s, {results['clickhouse_parts']} parts")

        log("starting pipit")
        pipit = Pipit(pipit_bin, project, os.path.join(api_work, "pipit_data"), os.path.join(api_work, "pipit.log"),
                      args.server_threads)
        t0 = time.time()
        for body in chunks_of_lines(data, 64 << 20):
            pipit.call("POST", "/v0/datasources", {"name": "events", "mode": "append", "format": "ndjson"}, body=body)
        results["pipit_load_s"] = time.time() - t0
        got = pipit.count("events")
        assert got == n, (got, n)
        results["pipit_parts_after_load"] = pipit.parts("events")
        # Background merges are given time to settle (the part count unchanged for 5 s, at most --settle seconds);
        # then pipit gets OPTIMIZE TABLE FINAL as ClickHouse does (unless --no-optimize), so both run on merged data.
        deadline, last, since = time.time() + args.settle, None, time.time()
        while time.time() < deadline:
            n_parts = pipit.parts("events")
            if n_parts != last:
                last, since = n_parts, time.time()
            elif time.time() - since >= 5:
                break
            time.sleep(0.5)
        results["pipit_parts_settled"] = pipit.parts("events")
        if not args.no_optimize:
            t0 = time.time()
            pipit.optimize_final("events")
            results["pipit_optimize_s"] = time.time() - t0
        results["pipit_parts"] = pipit.parts("events")
        log(f"pipit loaded in {results['pipit_load_s']:.1f} s, parts {results['pipit_parts_after_load']} after load, "
            f"{results['pipit_parts_settled']} after merges settled, {results['pipit_parts']} at the runs")

        # same answer from both for one id (row count)
        probe = ids[0]
        pj = json.loads(pipit.call("GET", "/v0/pipes/session_events.json", {"session_id": probe}))
        cj = json.loads(ch_query(SELECT.format("'" + probe + "'") + " FORMAT JSON"))
        assert len(pj["data"]) == len(cj["data"]) > 0, (len(pj["data"]), len(cj["data"]))
        results["rows_per_lookup_probe"] = len(pj["data"])

        rotate = os.path.join(API_DIR, "rotate_get.lua")
        post = os.path.join(API_DIR, "post_body.lua")
        runs = {}
        if "endpoint" not in skip:
            pipit_env = {"API_IDS": ids_path, "API_PREFIX": "/v0/pipes/session_events.json?session_id=",
                         "API_SUFFIX": "&token=" + pipit.token}
            sql = SELECT.format("'@@'") + " FORMAT JSON"
            q = urllib.parse.quote(sql, safe="")
            before, after = q.split("%40%40")
            ch_env = {"API_IDS": ids_path, "API_PREFIX": "/?query=" + before, "API_SUFFIX": after}
            # short warm-up of both, then the measured runs
            warm = argparse.Namespace(**{**vars(args), "duration": 2})
            run_wrk(warm, f"http://127.0.0.1:{PIPIT_PORT}/", rotate, pipit_env, "pipit endpoint warm-up")
            run_wrk(warm, f"http://127.0.0.1:{CH_HTTP}/", rotate, ch_env, "ClickHouse endpoint warm-up")
            runs["pipit_endpoint"] = run_wrk(args, f"http://127.0.0.1:{PIPIT_PORT}/", rotate, pipit_env, "pipit endpoint")
            runs["clickhouse_endpoint"] = run_wrk(args, f"http://127.0.0.1:{CH_HTTP}/", rotate, ch_env, "ClickHouse endpoint")

        if "events" not in skip:
            for size, body in ((1, body1), (1000, body1000)):
                before_p = pipit.count("events_ingest")
                r = run_wrk(args, f"http://127.0.0.1:{PIPIT_PORT}/v0/events?name=events_ingest&token={pipit.token}",
                            post, {"API_BODY": body}, f"pipit events x{size}")
                r["events_per_request"] = size
                r["events_per_s"] = r["rps"] * size
                acked = r["ok_requests"] * size
                r["rows_in_table"] = wait_count(lambda: pipit.count("events_ingest"), before_p + acked) - before_p
                r["verified"] = r["rows_in_table"] >= acked
                log(f"  pipit x{size}: acknowledged {acked} events, table grew by {r['rows_in_table']}")
                runs[f"pipit_events_{size}"] = r

                before_c = int(ch_query("SELECT count() FROM events_ingest").strip())
                ins = urllib.parse.quote("INSERT INTO events_ingest FORMAT JSONEachRow", safe="")
                r = run_wrk(args, f"http://127.0.0.1:{CH_HTTP}/?query={ins}", post, {"API_BODY": body},
                            f"ClickHouse insert x{size}")
                r["events_per_request"] = size
                r["events_per_s"] = r["rps"] * size
                acked = r["ok_requests"] * size
                r["rows_in_table"] = int(ch_query("SELECT count() FROM events_ingest").strip()) - before_c
                r["verified"] = r["rows_in_table"] >= acked
                log(f"  ClickHouse x{size}: acknowledged {acked} events, table grew by {r['rows_in_table']}")
                runs[f"clickhouse_insert_{size}"] = r
        results["runs"] = runs
        results["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        if args.keep:
            log(f"servers kept: pipit :{PIPIT_PORT} pid {pipit.process.pid}, ClickHouse :{CH_HTTP}; "
                f"Ctrl-C or SIGTERM to pid {os.getpid()} stops them")
            signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
            signal.signal(signal.SIGINT, signal.default_int_handler)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    finally:
        if pipit:
            pipit.stop()
        os.killpg(ch.pid, signal.SIGTERM)
        ch.wait(60)

    with open(os.path.join(API_DIR, f"results_{n}.json"), "w") as f:
        json.dump(results, f, indent=1)
    write_report(results)


def write_report(res):
    runs = res["runs"]
    lines = [f"### {res['rows']:,} events",
             "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores, "
             f"load average before {res['load_before']}, after {res['load_after']} (the machine is shared: "
             "other builds ran at the same time). wrk " f"{res['connections']} connections, {res['duration_s']} s per run, "
             f"`--latency`. Endpoint rotation over {res['distinct_ids']:,} session ids "
             f"(~{res['rows_per_lookup_probe']} rows per answer for the probe id). Parts at the endpoint run: pipit "
             f"{res.get('pipit_parts')} ({res.get('pipit_parts_after_load')} right after the load, "
             f"{res.get('pipit_parts_settled')} once background merges settled"
             + (", then OPTIMIZE TABLE FINAL through `pipit sql` with the server stopped" if "pipit_optimize_s" in res else "")
             + f"), ClickHouse {res.get('clickhouse_parts')} (after OPTIMIZE FINAL).",
             "",
             "| run | requests/s (2xx) | events/s | p50 ms | p99 ms | non-2xx | rows verified |",
             "|---|---:|---:|---:|---:|---:|---|"]
    names = [("pipit_endpoint", "pipit GET /v0/pipes/session_events.json"),
             ("clickhouse_endpoint", "ClickHouse 18.16 HTTP, same SQL, FORMAT JSON"),
             ("pipit_events_1", "pipit POST /v0/events, 1 event"),
             ("clickhouse_insert_1", "ClickHouse INSERT JSONEachRow, 1 event"),
             ("pipit_events_1000", "pipit POST /v0/events, 1,000 events"),
             ("clickhouse_insert_1000", "ClickHouse INSERT JSONEachRow, 1,000 events")]
    for key, title in names:
        r = runs.get(key)
        if not r:
            continue
        ev = f"{r['events_per_s']:,.0f}" if "events_per_s" in r else ""
        ver = (f"{'yes' if r['verified'] else 'NO'} ({r['rows_in_table']:,} rows for "
               f"{r['ok_requests'] * r['events_per_request']:,} acknowledged)") if "verified" in r else ""
        lines.append(f"| {title} | {r['rps']:,.0f} | {ev} | {r['p50_ms']:.3f} | {r['p99_ms']:.3f} | "
                     f"{r['status_errors']} | {ver} |")
    lines.append("")
    bar = []
    pe, ce, p1 = runs.get("pipit_endpoint"), runs.get("clickhouse_endpoint"), runs.get("pipit_events_1")
    if pe and ce:
        ratio = pe["rps"] / ce["rps"] if ce["rps"] else float("inf")
        bar.append(f"- endpoint p50 <= 1 ms: {pe['p50_ms']:.3f} ms -> {'MET' if pe['p50_ms'] <= 1 else 'NOT met'}")
        bar.append(f"- endpoint >= 5x ClickHouse requests/s: {ratio:.1f}x -> {'MET' if ratio >= 5 else 'NOT met'}")
    if p1:
        bar.append(f"- >= 20,000 single-event requests/s acknowledged: {p1['rps']:,.0f} -> "
                   f"{'MET' if p1['rps'] >= 20000 else 'NOT met'}")
    lines += ["Bar (issue #4):", ""] + bar + ["", f"Command: `{res['command']}` (pipit binary {res['pipit_binary']})", ""]
    section = "\n".join(lines)
    path = os.path.join(HERE, "API_RESULTS.md")
    header = ("# HTTP API benchmark (issue #4)\n\nbench/api_bench.py: pipit `local` server vs ClickHouse 18.16 HTTP, "
              "wrk (Debian). Endpoint: `SELECT timestamp, action, version, duration_ms, revenue FROM events "
              "WHERE session_id = {{String(session_id, required=True)}} ORDER BY timestamp`, sorting key "
              f"({SORTING_KEY}), partition {PARTITION_KEY}, same schema and ORDER BY in ClickHouse.\n\n")
    old = open(path).read() if os.path.exists(path) else header
    heading = f"### {res['rows']:,} events"
    pattern = re.compile(r"^" + re.escape(heading) + r"\n.*?(?=^### |\Z)", re.M | re.S)
    new = pattern.sub(lambda m: section, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + section
    with open(path, "w") as f:
        f.write(new)
    print(section)


if __name__ == "__main__":
    main()
