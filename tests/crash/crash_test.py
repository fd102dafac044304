#!/usr/bin/env python3
"""Crash-recovery test: SIGKILL `pipit sql` at random moments while it ingests, then check that every
acknowledged row is present exactly once and the table opens cleanly.

Each round starts `pipit sql --data-dir D` reading statements from a pipe, and streams batches
    INSERT INTO t VALUES (...), (...);  SELECT 'ack <batch>';
A batch is acknowledged when its `ack` line comes back (statements run in order, so the INSERT had
returned). The process is killed with SIGKILL after a random delay, possibly mid-insert, mid-flush
or mid-merge (the table flushes and merges often). After each kill the table is reopened and checked:
  - every id of every acknowledged batch is present exactly once;
  - an unacknowledged batch is present entirely or not at all (one insert is atomic);
  - nothing else is present.
Prints a closing line `N passed, N failed` (one check per round).
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

BATCH_ROWS = 50
SETUP = ("CREATE TABLE t (id UInt64, batch UInt32, payload String) ENGINE = MergeTree ORDER BY id "
         "SETTINGS index_granularity = 64, buffer_flush_rows = 400, buffer_flush_interval_ms = 50, "
         "merge_min_parts = 3;\n")


def run_sql(pipit, data_dir, sql):
    p = subprocess.run([pipit, "sql", "--data-dir", data_dir, "--format", "TSV", sql],
                       capture_output=True, timeout=120, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"pipit sql failed ({p.returncode}): {sql}\n{p.stderr}")
    return p.stdout


def batch_statement(batch, first_id):
    rows = ", ".join(f"({first_id + i}, {batch}, 'row-{first_id + i}-{'x' * ((first_id + i) % 37)}')"
                     for i in range(BATCH_ROWS))
    return f"INSERT INTO t VALUES {rows};\nSELECT 'ack {batch}';\n"


def one_round(pipit, data_dir, rng, next_batch):
    """Runs one ingest-then-kill round; returns (acked batches, sent batches)."""
    proc = subprocess.Popen([pipit, "sql", "--data-dir", data_dir, "--format", "TSV"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    acked, sent = set(), set()

    def reader():
        for line in proc.stdout:
            parts = line.decode().split()
            if len(parts) == 2 and parts[0] == "ack":
                acked.add(int(parts[1]))

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    deadline = time.time() + rng.uniform(0.05, 2.0)
    batch = next_batch
    try:
        while time.time() < deadline:
            sent.add(batch)
            proc.stdin.write(batch_statement(batch, batch * BATCH_ROWS).encode())
            proc.stdin.flush()
            batch += 1
            if rng.random() < 0.3:
                time.sleep(rng.uniform(0, 0.02))
        # A burst right before the kill, so that it lands while statements are in flight.
        for _ in range(rng.randint(1, 80)):
            sent.add(batch)
            proc.stdin.write(batch_statement(batch, batch * BATCH_ROWS).encode())
            batch += 1
        proc.stdin.flush()
        time.sleep(rng.uniform(0, 0.002))
    except BrokenPipeError:
        pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    t.join(5)
    return acked, sent


def check(pipit, data_dir, acked, sent):
    out = run_sql(pipit, data_dir, "SELECT id, batch FROM t ORDER BY id")
    ids = {}
    for line in out.splitlines():
        i, b = line.split("\t")
        ids[int(i)] = ids.get(int(i), 0) + 1
    errors = []
    dup = [i for i, n in ids.items() if n > 1]
    if dup:
        errors.append(f"{len(dup)} ids present more than once, e.g. {dup[:5]}")
    for b in sent:
        present = sum(1 for i in range(b * BATCH_ROWS, (b + 1) * BATCH_ROWS) if i in ids)
        if b in acked and present != BATCH_ROWS:
            errors.append(f"acknowledged batch {b}: {present}/{BATCH_ROWS} rows present")
        elif b not in acked and present not in (0, BATCH_ROWS):
            errors.append(f"unacknowledged batch {b} is torn: {present}/{BATCH_ROWS} rows present")
    extra = [i for i in ids if i // BATCH_ROWS not in sent]
    if extra:
        errors.append(f"{len(extra)} rows that were never sent, e.g. {extra[:5]}")
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pipit", required=True)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--keep", action="store_true", help="keep the data directory")
    args = ap.parse_args()
    pipit = os.path.abspath(args.pipit)
    rng = random.Random(args.seed)
    print(f"crash test: {args.rounds} rounds, seed {args.seed}")
    data_dir = tempfile.mkdtemp(prefix="pipit-crash-")
    run_sql(pipit, data_dir, SETUP)
    all_acked, all_sent = set(), set()
    passed = failed = 0
    next_batch = 0
    for r in range(1, args.rounds + 1):
        acked, sent = one_round(pipit, data_dir, rng, next_batch)
        next_batch = max(sent | {next_batch - 1}) + 1
        all_acked |= acked
        all_sent |= sent
        try:
            errors = check(pipit, data_dir, all_acked, all_sent)
        except Exception as e:  # a table that does not open is a failure of this round
            errors = [str(e)]
        # Batches that were sent but not acknowledged and are absent will never appear later:
        # forget them so that later rounds do not misreport them.
        if errors:
            failed += 1
            print(f"round {r}: FAIL ({len(acked)} acked / {len(sent)} sent)")
            for e in errors[:10]:
                print("   ", e)
        else:
            passed += 1
            print(f"round {r}: ok ({len(acked)} acked / {len(sent)} sent, {len(all_acked)} acked in total)")
    final = run_sql(pipit, data_dir, "SELECT count() FROM t").strip()
    print(f"final row count {final}; acknowledged rows {len(all_acked) * BATCH_ROWS}")
    if not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        print("data kept in", data_dir)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
