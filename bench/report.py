#!/usr/bin/env python3
"""Renders bench/results/queries_N.json (from query_bench.py) as the "Queries" section of bench/RESULTS.md.

  /usr/bin/python3 bench/report.py bench/results/queries_10000000.json [RESULTS.md]

The bar (issue #3): geometric-mean time ratio pipit/ClickHouse <= 1.0 and pipit/DuckDB <= 1.0, no query slower than
2x the faster peer (a query pipit fails counts as failing the bar), results identical to ClickHouse's where both
compute the same thing. Equality rules: every cell must match exactly, except
  - numbers: equal within a relative 1e-9 (float sums depend on the summation order);
  - APPROXIMATE columns: approximate aggregates, equal within the listed relative tolerance;
  - ROUNDED columns: round(x, d) may differ by one unit of the last digit when x sits on a rounding boundary;
  - TIES: ORDER BY <column> LIMIT n where rows tie on the key: rows are compared as a multiset per key value, and the
    group of the last key value only by size (which tied rows survive the LIMIT is unspecified).
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SECTION = "## Queries (issue #3)"

# query id -> {result column index: (relative tolerance, why)}
APPROXIMATE = {
    "q04_uniq_sessions_day": {1: (0.05, "uniq")},
    "q05_duration_quantiles": {0: (0.10, "quantiles (reservoir sample in ClickHouse)")},
    "q07_top_referrers": {3: (0.05, "uniq")},
    "q13_hourly_one_day": {2: (0.05, "uniq")},
}
# query id -> {result column index: absolute tolerance (one unit of the last rounded digit)}
ROUNDED = {"q10_bounce_rate": {3: 1e-4, 4: 0.1}}
# query id -> index of the ORDER BY column whose ties make the order and the LIMIT cut unspecified
TIES = {"q12_latest_events": 0}


def write_section(path, heading, body):
    """Replaces the `heading` section (up to the next '## ' heading) of a markdown file, or appends it."""
    lines = open(path).read().split("\n") if os.path.exists(path) else ["# Benchmark results", ""]
    start = next((i for i, l in enumerate(lines) if l.strip() == heading), None)
    new = [heading, ""] + body.rstrip("\n").split("\n") + [""]
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += [""] + new
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[start:end] = new
    with open(path, "w") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")


def number(s):
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def cell_equal(a, b, rel, absolute=0.0):
    if a == b:
        return True
    if a.startswith("[") and a.endswith("]") and b.startswith("[") and b.endswith("]"):
        xs, ys = a[1:-1].split(","), b[1:-1].split(",")
        return len(xs) == len(ys) and all(cell_equal(x.strip(), y.strip(), rel, absolute) for x, y in zip(xs, ys))
    x, y = number(a), number(b)
    if x is None or y is None:
        return False
    return abs(x - y) <= max(rel * max(abs(x), abs(y)), absolute, 1e-12)


def parse_tsv(text):
    return [line.split("\t") for line in text.split("\n") if line != ""]


def compare(qid, pipit_text, ch_text):
    """None when equal under the rules above, else a short description of the first difference."""
    p, c = parse_tsv(pipit_text), parse_tsv(ch_text)
    approx, rounded = APPROXIMATE.get(qid, {}), ROUNDED.get(qid, {})

    def row_equal(pr, cr):
        if len(pr) != len(cr):
            return False
        for i, (a, b) in enumerate(zip(pr, cr)):
            rel = approx[i][0] if i in approx else 1e-9
            if not cell_equal(a, b, rel, rounded.get(i, 0.0)):
                return False
        return True

    if len(p) != len(c):
        return f"{len(p)} rows, ClickHouse {len(c)}"
    if qid in TIES:
        k = TIES[qid]
        if [r[k] if k < len(r) else None for r in p] != [r[k] for r in c]:
            return "ORDER BY key column differs"
        last = c[-1][k] if c else None
        groups_p, groups_c = {}, {}
        for r in p:
            groups_p.setdefault(r[k], []).append("\t".join(r))
        for r in c:
            groups_c.setdefault(r[k], []).append("\t".join(r))
        for key, rows in groups_c.items():
            if key != last and sorted(rows) != sorted(groups_p.get(key, [])):
                return f"rows with key {key} differ"
        return None
    for i, (pr, cr) in enumerate(zip(p, c)):
        if not row_equal(pr, cr):
            return f"row {i + 1}: pipit `{' | '.join(pr)[:80]}` vs ClickHouse `{' | '.join(cr)[:80]}`"
    return None


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def fmt_ms(r):
    if r is None:
        return "-"
    if "error" in r:
        return "error"
    return f"{r['median_ms']:.2f}" if r["median_ms"] < 10 else f"{r['median_ms']:.1f}"


def fmt_ratio(x):
    return "-" if x is None else f"{x:.2f}"


def render(res):
    run = dict(res["runs"][-1])
    for key in ("clickhouse_version", "duckdb_version"):  # a partial run keeps the versions of the earlier ones
        run.setdefault(key, next((r[key] for r in reversed(res["runs"]) if key in r), "?"))
    out = []
    w = out.append
    w(f"Measured {run['started']} .. {run['finished']} on {run['cores']} cores shared with other work: load average "
      f"{' '.join(map(str, run['load_before']))} before the run, {run['load_mean_during']} on average during it (the "
      f"1-minute load average sampled after each query), {' '.join(map(str, run['load_after']))} after. {run['rows']:,} rows (bench/gen_events.py, seed 42), each "
      f"query warm: one untimed run, then the median of {run['reps']} (ms). pipit {run['pipit_commit']} "
      f"(`{os.path.relpath(run['pipit_binary'], os.path.dirname(HERE))}`), ClickHouse {run.get('clickhouse_version', '?')}, "
      f"DuckDB {run.get('duckdb_version', '?')}."
      + (f" This run was partial ({run['partial']}); the other cells come from earlier runs." if run.get("partial") else "")
      + "\n")
    w("Same `CREATE TABLE` for pipit and ClickHouse (MergeTree, `PARTITION BY toDate(timestamp) ORDER BY (session_id, timestamp)`, "
      "see bench/query_bench.py), loaded from the same NDJSON file, then `OPTIMIZE TABLE ... FINAL`. `raw`: table `events`, "
      "payload fields read from the JSON string at query time; `flat`: table `events_flat`, the fields as LowCardinality "
      "columns. pipit: its own per-statement wall time (`pipit sql --time`: execution plus writing TSV), no process start; "
      "ClickHouse: HTTP POST on a keep-alive connection, `FORMAT TabSeparated`; DuckDB: in-process `runAndReadAll` "
      "(@duckdb/node-api). Peers on 2 threads (their defaults on this machine). Caches: pipit keeps decoded column "
      "granules of small reads (<= 128 granules) in a 1 GiB LRU cache (storage/MergeTreeReaderCache), so warm runs of "
      "the point and narrow-range queries (q06, q12, q13) are served from it; ClickHouse 18.16's uncompressed cache is "
      "off by default and DuckDB keeps its (compressed) blocks in its buffer pool; all three read from the OS page cache.\n")
    w("| query | variant | pipit ms | ClickHouse ms | DuckDB ms | pipit/CH | pipit/DuckDB | <= 2x faster peer | result = CH |")
    w("|---|---|---:|---:|---:|---:|---:|:-:|:-:|")
    ratios_ch, ratios_dd, by_variant = [], [], {}
    failures, slow, mismatches, errors = [], [], [], []
    total = 0
    for variant in ("raw", "flat"):
        for qid, e in sorted(res["queries"].get(variant, {}).items()):
            total += 1
            p, c, d = e.get("pipit"), e.get("clickhouse"), e.get("duckdb")
            ok = lambda r: r is not None and "error" not in r  # noqa: E731
            rc = p["median_ms"] / c["median_ms"] if ok(p) and ok(c) else None
            rd = p["median_ms"] / d["median_ms"] if ok(p) and ok(d) else None
            peers = [r["median_ms"] for r in (c, d) if ok(r)]
            if not ok(p):
                bar = "**no** (error)" if p else "**no** (not run)"
                failures.append(f"{qid} ({variant})")
                if p:
                    errors.append(f"- `{qid}` ({variant}): {p['error']}")
            elif peers and p["median_ms"] > 2 * min(peers):
                bar = f"**no** ({p['median_ms'] / min(peers):.1f}x)"
                slow.append(f"{qid} ({variant})")
            else:
                bar = "yes"
            if ok(p) and ok(c):
                diff = compare(qid, p["result"], c["result"])
                same = "yes" if diff is None else "**no**"
                if diff:
                    mismatches.append(f"- `{qid}` ({variant}): {diff}")
            else:
                same = "-"
            for r, acc in ((rc, ratios_ch), (rd, ratios_dd)):
                if r is not None:
                    acc.append(r)
            bv = by_variant.setdefault(variant, ([], []))
            if rc is not None:
                bv[0].append(rc)
            if rd is not None:
                bv[1].append(rd)
            w(f"| {qid} | {variant} | {fmt_ms(p)} | {fmt_ms(c)} | {fmt_ms(d)} | {fmt_ratio(rc)} | {fmt_ratio(rd)} | {bar} | {same} |")
    w("")
    w("Geometric means of the ratios, over the queries pipit ran (a failing query has no ratio):\n")
    w("| | pipit/ClickHouse | pipit/DuckDB | queries |\n|---|---:|---:|---:|")
    for variant, (rc, rd) in by_variant.items():
        w(f"| {variant} | {fmt_ratio(geomean(rc))} | {fmt_ratio(geomean(rd))} | {len(rc)} / {len(res['queries'][variant])} |")
    w(f"| all | {fmt_ratio(geomean(ratios_ch))} | {fmt_ratio(geomean(ratios_dd))} | {len(ratios_ch)} / {total} |")
    w("")
    gc, gd = geomean(ratios_ch), geomean(ratios_dd)
    met = (gc is not None and gc <= 1.0 and gd is not None and gd <= 1.0 and not failures and not slow and not mismatches)
    w(f"**The bar is {'met' if met else 'NOT met'}.** "
      f"Geometric means <= 1.0: {'yes' if gc is not None and gc <= 1.0 and gd is not None and gd <= 1.0 else 'no'}; "
      f"queries pipit fails: {len(failures)} of {total}; queries slower than 2x the faster peer: {len(slow)}"
      f"{' (' + ', '.join(slow) + ')' if slow else ''}; results different from ClickHouse: {len(mismatches)}.\n")
    if errors:
        w("pipit errors:\n")
        out.extend(errors)
        w("")
    if mismatches:
        w("Result differences from ClickHouse:\n")
        out.extend(mismatches)
        w("")
    w("Result equality rules (bench/report.py): cells equal, numbers within a relative 1e-9; approximate aggregates "
      "within a relative tolerance: " + "; ".join(
          f"`{q}` column {i + 1} {t:.0%} ({why})" for q, cols in APPROXIMATE.items() for i, (t, why) in cols.items()) +
      "; rounded columns within one unit of the last digit: " + "; ".join(
          f"`{q}` columns {', '.join(str(i + 1) for i in cols)}" for q, cols in ROUNDED.items()) +
      "; `q12_latest_events` orders by a key with ties, so rows are compared per timestamp as a multiset and the last "
      "timestamp's rows by count only.\n")
    w(f"Reproduce: `make build && {run['command']}` (generates the data, starts its own clickhouse-server, "
      "installs @duckdb/node-api into bench/node_modules with `npm ci` when missing).")
    return "\n".join(out) + "\n"


def main():
    res = json.load(open(sys.argv[1]))
    target = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "RESULTS.md")
    write_section(target, SECTION, render(res))
    print(render(res))


if __name__ == "__main__":
    main()
