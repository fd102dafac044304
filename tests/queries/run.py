#!/usr/bin/env python3
"""Runs the SQL tests: every tests/queries/NNNNN_name.sql is fed to `pipit sql` on a fresh data
directory; stdout must equal NNNNN_name.reference byte for byte.

Statements run in order. A line `-- restart` splits a file into segments, each fed to a new `pipit sql`
process on the same data directory (outputs concatenated): an INSERT ... FORMAT reads its data up to the
end of its segment, so a later segment can SELECT what it inserted, and reopening the data is tested too.
A failing statement prints `Error: <ERROR_CODE_NAME>` to stdout (and the
run goes on), so references assert errors by code, not by message text. Output format is TSV unless
a statement says FORMAT.

  tests/queries/run.py --pipit build/pipit [-k substring] [--update]

--update writes .reference files from the current output: review the diff before committing.
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RESTART = re.compile(rb"^-- restart\n", re.M)


def run_one(pipit, sql_path, update):
    name = os.path.basename(sql_path)[:-4]
    ref_path = sql_path[:-4] + ".reference"
    data_dir = tempfile.mkdtemp(prefix="pipit-qt-")
    with open(sql_path, "rb") as f:
        segments = RESTART.split(f.read())
    out = b""
    stderr = b""
    try:
        for segment in segments:
            proc = subprocess.run(
                [pipit, "sql", "--data-dir", data_dir, "--format", "TSV", "--errors-as-output"],
                input=segment, capture_output=True, timeout=120, env=dict(os.environ, TZ="UTC"))
            out += proc.stdout
            stderr += proc.stderr
            if proc.returncode not in (0, 1) or b"Sanitizer" in proc.stderr or b"runtime error" in proc.stderr:
                return name, False, f"exit code {proc.returncode}\n{proc.stderr.decode(errors='replace')[-3000:]}"
    except subprocess.TimeoutExpired:
        return name, False, "timed out after 120 s"
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    if update:
        with open(ref_path, "wb") as f:
            f.write(out)
        return name, True, "updated"
    if not os.path.exists(ref_path):
        return name, False, "missing .reference"
    with open(ref_path, "rb") as f:
        expected = f.read()
    if out == expected:
        return name, True, ""
    diff = "".join(difflib.unified_diff(
        expected.decode(errors="replace").splitlines(True), out.decode(errors="replace").splitlines(True),
        "reference", "actual"))
    return name, False, diff[-4000:] + ("\nstderr:\n" + stderr.decode(errors="replace")[-2000:] if stderr else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pipit", required=True)
    ap.add_argument("-k", default="", help="only tests whose name contains this")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    pipit = os.path.abspath(args.pipit)
    tests = sorted(os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".sql") and args.k in f)
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        for name, ok, detail in pool.map(lambda p: run_one(pipit, p, args.update), tests):
            if ok:
                passed += 1
                print(f"PASS {name}")
            else:
                failed += 1
                print(f"FAIL {name}\n{detail}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not tests else 0)


if __name__ == "__main__":
    main()
