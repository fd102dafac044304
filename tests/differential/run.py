#!/usr/bin/env python3
"""Differential test: runs every query of queries.sql on pipit and on ClickHouse 18.16 (Debian clickhouse-server,
started here on its own ports and data directory) over the same generated data (gen.py) and diffs the TSV results.

  /usr/bin/python3 tests/differential/run.py --pipit build/pipit [-k substring] [--keep] [-v]

Comparison: exact per line and field, except numbers, which match within a relative/absolute tolerance of 1e-9
(integers must be equal); a query without a top-level ORDER BY is compared as a multiset of lines. Zero dates print as
1970-01-01 in modern ClickHouse (0000-00-00 in 18.16): the ClickHouse side is normalised. Errors compare by error
code name. Outcomes:
  passed       same result (or the same error code)
  unsupported  pipit answers NOT_IMPLEMENTED (reported, does not fail the run)
  allowed      a known divergence listed in allowlist.tsv (modern ClickHouse behaviour, which pipit follows)
  failed       anything else, including a crash or a timeout
Exit code 1 if any query failed; 0 with a notice (and nothing run) if clickhouse-server is not installed.
"""
import argparse, concurrent.futures, http.client, os, re, shutil, signal, subprocess, sys, tempfile, time, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

CH_SERVER = "/usr/sbin/clickhouse-server"
CH_CONFIG = "/etc/clickhouse-server/config.xml"
CH_HTTP, CH_TCP, CH_INTER = 38423, 39400, 39409
CH_SETTINGS = {"allow_experimental_low_cardinality_type": "1", "join_default_strictness": "ALL",
               "output_format_pretty_color": "0", "default_format": "TSV", "database": "diff"}
TOL = 1e-9
NUM = re.compile(r"-?(?:\d+\.?\d*(?:e[+-]?\d+)?|inf|nan)", re.I)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def error_names():
    codes = {}
    for line in open(os.path.join(HERE, "..", "..", "engine", "base", "ErrorCodes.h")):
        m = re.match(r"\s*([A-Z_0-9]+) = (\d+),", line)
        if m:
            codes[int(m.group(2))] = m.group(1)
    return codes


# ------------------------------------------------------------------------------------------------ ClickHouse
def ch_query(sql, body=None, settings=None):
    p = dict(CH_SETTINGS, **(settings or {}))
    if body is not None:
        p["query"] = sql
    conn = http.client.HTTPConnection("127.0.0.1", CH_HTTP, timeout=60)
    try:
        conn.request("POST", "/?" + urllib.parse.urlencode(p), body=body if body is not None else sql.encode())
        r = conn.getresponse()
        out = r.read()
    finally:
        conn.close()
    return r.status, out


def start_clickhouse(work):
    d = os.path.join(work, "clickhouse")
    for sub in ("data", "tmp", "user_files"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    cmd = [CH_SERVER, f"--config-file={CH_CONFIG}", "--", f"--path={d}/data/", f"--tmp_path={d}/tmp/",
           f"--user_files_path={d}/user_files/", f"--logger.log={d}/log", f"--logger.errorlog={d}/err",
           f"--http_port={CH_HTTP}", f"--tcp_port={CH_TCP}", f"--interserver_http_port={CH_INTER}", "--timezone=UTC"]
    p = subprocess.Popen(cmd, stdout=open(os.path.join(d, "stdout"), "w"), stderr=subprocess.STDOUT,
                         env=dict(os.environ, TZ="UTC"), start_new_session=True)
    for _ in range(120):
        if p.poll() is not None:
            break
        try:
            if ch_query("SELECT 1", settings={"database": "default"})[1].strip() == b"1":
                return p
        except OSError:
            pass
        time.sleep(0.5)
    stop_clickhouse(p)
    raise RuntimeError(f"clickhouse-server did not start (port {CH_HTTP} busy?); see {d}/err")


def stop_clickhouse(p):
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def load_clickhouse(data):
    for sql in ("DROP DATABASE IF EXISTS diff", "CREATE DATABASE diff"):
        st, out = ch_query(sql, settings={"database": "default"})
        assert st == 200, out
    for table, ddl in gen.DDL.items():
        st, out = ch_query(ddl)
        assert st == 200, out
        with open(os.path.join(data, table + ".tsv"), "rb") as f:
            st, out = ch_query(f"INSERT INTO {table} FORMAT TabSeparated", body=f.read())
        assert st == 200, out
        ch_query(f"OPTIMIZE TABLE {table} FINAL")


def run_clickhouse(sql, codes):
    try:
        st, out = ch_query(sql)
    except (OSError, http.client.HTTPException) as e:
        return None, f"CLICKHOUSE_DIED {e!r}"
    if st == 200:
        return out.decode(errors="replace"), None
    m = re.search(rb"Code: (\d+)", out)
    code = int(m.group(1)) if m else -1
    return None, codes.get(code, f"CODE_{code}") + " " + out.decode(errors="replace").strip().split("\n")[0][:300]


# ------------------------------------------------------------------------------------------------ pipit
def load_pipit(pipit, data_dir, data):
    for table, ddl in gen.DDL.items():
        r = subprocess.run([pipit, "sql", "--data-dir", data_dir, ddl], capture_output=True, env=dict(os.environ, TZ="UTC"))
        assert r.returncode == 0, r.stderr.decode()
        with open(os.path.join(data, table + ".tsv"), "rb") as f:
            r = subprocess.run([pipit, "sql", "--data-dir", data_dir, f"INSERT INTO {table} FORMAT TabSeparated"], stdin=f,
                               capture_output=True, env=dict(os.environ, TZ="UTC"))
        assert r.returncode == 0, r.stderr.decode()
        subprocess.run([pipit, "sql", "--data-dir", data_dir, f"OPTIMIZE TABLE {table} FINAL"], capture_output=True,
                       env=dict(os.environ, TZ="UTC"))


def run_pipit(pipit, data_dir, sql):
    try:
        r = subprocess.run([pipit, "sql", "--data-dir", data_dir, "--format", "TSV", "--errors-as-output"],
                           input=sql.encode(), capture_output=True, timeout=120, env=dict(os.environ, TZ="UTC"))
    except subprocess.TimeoutExpired:
        return None, "TIMEOUT after 120 s"
    out = r.stdout.decode(errors="replace")
    if r.returncode not in (0, 1):
        return None, f"CRASH exit code {r.returncode}: {r.stderr.decode(errors='replace')[-500:]}"
    if out.startswith("Error: ") and out.count("\n") == 1:
        return None, out[7:].strip() + " " + r.stderr.decode(errors="replace").strip()[:300]
    return out, None


# ------------------------------------------------------------------------------------------------ comparison
def same_field(a, b):
    if a == b:
        return True
    ta, tb = NUM.split(a), NUM.split(b)
    if ta != tb:
        return False
    for x, y in zip(NUM.findall(a), NUM.findall(b)):
        if x == y:
            continue
        if re.fullmatch(r"-?\d+", x) and re.fullmatch(r"-?\d+", y):
            return False
        try:
            fx, fy = float(x), float(y)
        except ValueError:
            return False
        if not (abs(fx - fy) <= TOL * max(1.0, abs(fx), abs(fy))):
            return False
    return True


def same_result(p, c, ordered):
    pl, cl = p.split("\n"), c.split("\n")
    if not ordered:
        pl, cl = sorted(pl), sorted(cl)
    if len(pl) != len(cl):
        return False
    for x, y in zip(pl, cl):
        if x == y:
            continue
        fx, fy = x.split("\t"), y.split("\t")
        if len(fx) != len(fy) or not all(same_field(a, b) for a, b in zip(fx, fy)):
            return False
    return True


def normalise_clickhouse(out):
    return out.replace("0000-00-00 00:00:00", "1970-01-01 00:00:00").replace("0000-00-00", "1970-01-01")


def has_top_level_order_by(sql):
    depth, s = 0, re.sub(r"'(?:[^'\\]|\\.)*'", "''", sql)
    flat = []
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        flat.append(ch if depth == 0 else " ")
    return re.search(r"(?i)\border\s+by\b", "".join(flat)) is not None


def load_queries(path):
    out = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if line and not line.startswith("--"):
            out.append((n, line.rstrip(";")))
    return out


def load_allowlist(path):
    allowed = {}
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            q, _, reason = line.rstrip("\n").partition("\t")
            assert reason.strip(), f"allowlist entry without a reason: {q}"
            allowed[q.strip().rstrip(";")] = reason.strip()
    return allowed


def diff_text(p, c):
    import difflib
    return "".join(difflib.unified_diff(c.splitlines(True)[:200], p.splitlines(True)[:200], "clickhouse-18.16", "pipit", n=1))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pipit", required=True)
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.sql"))
    ap.add_argument("--allowlist", default=os.path.join(HERE, "allowlist.tsv"))
    ap.add_argument("-k", default="", help="only queries containing this substring")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("-v", action="store_true", help="also print unsupported and allowed queries")
    args = ap.parse_args()
    if not os.path.exists(CH_SERVER):
        print(f"SKIPPED: {CH_SERVER} is not installed (Debian package clickhouse-server); differential test not run")
        # In CI (CI=true, as .ci/run sets it) a missing oracle is a failure, never a silent pass.
        return 1 if os.environ.get("CI") else 0
    pipit = os.path.abspath(args.pipit)
    codes = error_names()
    queries = [q for q in load_queries(args.queries) if args.k in q[1]]
    allowed = load_allowlist(args.allowlist)
    work = tempfile.mkdtemp(prefix="pipit-diff-")
    data, pdir = os.path.join(work, "data"), os.path.join(work, "pipit")
    gen.main_to(data)
    chp = start_clickhouse(work)
    try:
        t0 = time.time()
        load_clickhouse(data)
        load_pipit(pipit, pdir, data)
        log(f"loaded data into clickhouse and pipit in {time.time() - t0:.1f}s; running {len(queries)} queries")

        ch_results = []
        for q in queries:  # one at a time: a query that kills 18.16 is recorded and the server restarted
            res = run_clickhouse(q[1], codes)
            if res[1] is not None and res[1].startswith("CLICKHOUSE_DIED"):
                log(f"clickhouse-server died on queries.sql:{q[0]}; restarting")
                stop_clickhouse(chp)
                chp = start_clickhouse(work)
            ch_results.append(res)
        with concurrent.futures.ThreadPoolExecutor(args.j) as ex:
            p_results = list(ex.map(lambda q: run_pipit(pipit, pdir, q[1]), queries))
        results = list(zip(queries, p_results, ch_results))
    finally:
        stop_clickhouse(chp)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"work directory kept: {work}")
    passed, failed, unsupported, allow = 0, [], [], []
    for (n, sql), (pout, perr), (cout, cerr) in results:
        if cout is not None:
            cout = normalise_clickhouse(cout)
        if perr is not None and perr.startswith("NOT_IMPLEMENTED"):
            unsupported.append((n, sql, perr))
            continue
        if perr is None and cout is not None:
            ok = same_result(pout, cout, has_top_level_order_by(sql))
        elif perr is not None and cerr is not None:
            ok = perr.split()[0] == cerr.split()[0]
        else:
            ok = False
        if ok:
            passed += 1
        elif sql in allowed:
            allow.append((n, sql, allowed[sql]))
        else:
            if perr is None and cerr is None:
                detail = diff_text(pout, cout)
            else:
                detail = f"  pipit:      {perr if perr is not None else pout[:1500]!r}\n  clickhouse: {cerr if cerr is not None else cout[:1500]!r}\n"
            failed.append((n, sql, detail))
    for n, sql, detail in failed:
        print(f"FAIL queries.sql:{n}: {sql}\n{detail}")
    if args.v:
        for n, sql, why in unsupported:
            print(f"UNSUPPORTED queries.sql:{n}: {sql}\n  {why}")
        for n, sql, why in allow:
            print(f"ALLOWED queries.sql:{n}: {sql}\n  {why}")
    print(f"{passed} passed, {len(failed)} failed, {len(unsupported)} unsupported (NOT_IMPLEMENTED), "
          f"{len(allow)} allowed divergences (allowlist.tsv)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
