#!/usr/bin/env python3
"""Ingest speed and bytes on disk: pipit vs ClickHouse 18.16 (Debian clickhouse-server), same
machine, same NDJSON file, same schema and sort key.

  /usr/bin/python3 bench/ingest_bench.py --rows 1000000,10000000 [--work bench/work]

For each size: generate events (bench/gen_events.py, seed 42) -> ClickHouse: one HTTP
`INSERT ... FORMAT JSONEachRow` of the whole file (timed), OPTIMIZE FINAL, bytes_on_disk of active
parts -> pipit: `pipit sql "INSERT INTO events FORMAT JSONEachRow" < file` (timed, includes process
start and the final flush to parts), OPTIMIZE FINAL, bytes of the table's part files.
Writes bench/results/ingest.json and the table in bench/RESULTS.md (section "Ingest and storage").
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import report

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CH_HTTP, CH_TCP, CH_INTER = 28123, 29000, 29009

COLUMNS = ("timestamp DateTime, session_id String, action LowCardinality(String), version String, "
           "payload String, user_id UInt64, duration_ms UInt32, revenue Float64")
ENGINE = "ENGINE = MergeTree PARTITION BY toDate(timestamp) ORDER BY (session_id, timestamp)"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def ch_query(sql, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", CH_HTTP, timeout=3600)
    params = "allow_experimental_low_cardinality_type=1"
    if body is None:
        conn.request("POST", "/?" + params, body=sql.encode())
    else:
        conn.request("POST", "/?" + params + "&query=" + __import__("urllib.parse").parse.quote(sql), body=body,
                     headers={"Content-Length": str(os.fstat(body.fileno()).st_size)})
    r = conn.getresponse()
    out = r.read().decode()
    if r.status != 200:
        raise RuntimeError(f"ClickHouse {r.status}: {out[:500]}")
    return out


def start_clickhouse(work):
    d = os.path.join(work, "ch")
    shutil.rmtree(d, ignore_errors=True)
    for sub in ("data", "tmp", "user_files"):
        os.makedirs(os.path.join(d, sub))
    cmd = ["/usr/sbin/clickhouse-server", "--config-file=/etc/clickhouse-server/config.xml", "--",
           f"--path={d}/data/", f"--tmp_path={d}/tmp/", f"--user_files_path={d}/user_files/",
           f"--logger.log={d}/log", f"--logger.errorlog={d}/err", f"--http_port={CH_HTTP}",
           f"--tcp_port={CH_TCP}", f"--interserver_http_port={CH_INTER}", "--timezone=UTC"]
    p = subprocess.Popen(cmd, stdout=open(os.path.join(d, "stdout"), "w"), stderr=subprocess.STDOUT,
                         env=dict(os.environ, TZ="UTC"), start_new_session=True)
    for _ in range(120):
        try:
            if ch_query("SELECT 1").strip() == "1":
                return p
        except Exception:
            time.sleep(0.5)
    raise RuntimeError("clickhouse-server did not start; see " + d)


def bench_clickhouse(path, rows):
    ch_query("DROP TABLE IF EXISTS events")
    ch_query(f"CREATE TABLE events ({COLUMNS}) {ENGINE} SETTINGS index_granularity = 8192")
    t0 = time.time()
    with open(path, "rb") as f:
        ch_query("INSERT INTO events FORMAT JSONEachRow", body=f)
    secs = time.time() - t0
    ch_query("OPTIMIZE TABLE events FINAL")
    got = int(ch_query("SELECT count() FROM events").strip())
    size = int(ch_query("SELECT sum(bytes_on_disk) FROM system.parts WHERE table = 'events' AND active").strip())
    assert got == rows, (got, rows)
    return {"seconds": secs, "rows_per_s": rows / secs, "bytes_on_disk": size, "bytes_per_row": size / rows}


def pipit_sql(pipit, data_dir, sql, stdin=None):
    p = subprocess.run([pipit, "sql", "--data-dir", data_dir, sql], stdin=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"pipit failed: {sql}\n{p.stderr}")
    return p.stdout


def dir_bytes(path, skip=("wal",)):
    total = 0
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if d not in skip]
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def bench_pipit(pipit, work, path, rows):
    data_dir = os.path.join(work, "pipit")
    shutil.rmtree(data_dir, ignore_errors=True)
    pipit_sql(pipit, data_dir, f"CREATE TABLE events ({COLUMNS}) {ENGINE}")
    t0 = time.time()
    with open(path, "rb") as f:
        pipit_sql(pipit, data_dir, "INSERT INTO events FORMAT JSONEachRow", stdin=f)
    secs = time.time() - t0
    pipit_sql(pipit, data_dir, "OPTIMIZE TABLE events FINAL")
    got = int(pipit_sql(pipit, data_dir, "SELECT count() FROM events").strip())
    assert got == rows, (got, rows)
    size = dir_bytes(os.path.join(data_dir, "data", "default", "events"))
    return {"seconds": secs, "rows_per_s": rows / secs, "bytes_on_disk": size, "bytes_per_row": size / rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default="1000000,10000000")
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--pipit", default=os.path.join(ROOT, "build", "pipit"))
    ap.add_argument("--reps", type=int, default=1, help="ingest repetitions; the best is kept")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    pipit = os.path.abspath(args.pipit)
    results = []
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    ch = start_clickhouse(args.work)
    try:
        for n in [int(x) for x in args.rows.split(",")]:
            prefix = os.path.join(args.work, f"events_{n}")
            if not os.path.exists(prefix + ".ndjson"):
                log(f"generating {n} rows")
                subprocess.run([sys.executable, os.path.join(HERE, "gen_events.py"), "--rows", str(n), "--seed", "42",
                                "--out", prefix, "--formats", "ndjson"], check=True)
            path = prefix + ".ndjson"
            c = min((bench_clickhouse(path, n) for _ in range(args.reps)), key=lambda r: r["seconds"])
            log(f"clickhouse {n}: {c}")
            p = min((bench_pipit(pipit, args.work, path, n) for _ in range(args.reps)), key=lambda r: r["seconds"])
            log(f"pipit {n}: {p}")
            results.append({"rows": n, "ndjson_bytes": os.path.getsize(path), "clickhouse": c, "pipit": p})
    finally:
        os.killpg(ch.pid, signal.SIGTERM)
        ch.wait(60)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "ingest.json"), "w") as f:
        json.dump(results, f, indent=1)
    lines = ["| rows | ClickHouse rows/s | pipit rows/s | ratio pipit/CH | ClickHouse bytes/row | pipit bytes/row | ratio |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        c, p = r["clickhouse"], r["pipit"]
        lines.append(f"| {r['rows']:,} | {c['rows_per_s']:,.0f} | {p['rows_per_s']:,.0f} | {p['rows_per_s'] / c['rows_per_s']:.2f} "
                     f"| {c['bytes_per_row']:.2f} | {p['bytes_per_row']:.2f} | {p['bytes_per_row'] / c['bytes_per_row']:.2f} |")
    table = "\n".join(lines)
    print(table)
    body = (f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
            f"(load average before the run: {load_before}), same machine and NDJSON file for both, "
            "bench/gen_events.py seed 42, schema and sort key of `events` in bench/ingest_bench.py.\n\n"
            "Ingest: one `INSERT INTO events FORMAT JSONEachRow` of the whole file (ClickHouse 18.16 over HTTP; "
            "pipit through `pipit sql` with the file on stdin, process start and final part write included). "
            "Bytes per row: on-disk size of the table's parts after `OPTIMIZE TABLE events FINAL`.\n\n"
            + table + "\n\nReproduce: `make build && /usr/bin/python3 bench/ingest_bench.py --rows 1000000,10000000`\n")
    report.write_section(os.path.join(HERE, "RESULTS.md"), "## Ingest and storage (issue #2)", body)


if __name__ == "__main__":
    main()
