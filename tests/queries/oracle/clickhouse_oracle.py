#!/usr/bin/env python3
"""Runs a pipit SQL test file against ClickHouse 18.16 over HTTP (localhost:38123), one statement at a time, in a fresh
database, and prints what tests/queries/run.py expects from pipit: results in TSV, a failing statement as
`Error: NAME` (ClickHouse's error code number mapped to its name). `-- restart` lines split segments as in run.py;
an INSERT ... FORMAT takes the rest of its segment as data. Settings make 18.16 closer to modern ClickHouse (64-bit
integers unquoted in JSON, unknown JSON fields skipped, no single-quoted CSV strings, no colours). DESCRIBE gets the
two trailing columns modern ClickHouse has (codec_expression, ttl_expression), empty. After an ALTER it waits for the
mutation. Diagnostics go to stderr.

  tests/queries/oracle/clickhouse_oracle.py tests/queries/00001_create_drop_show.sql
"""
import re, sys, urllib.request, urllib.parse
H = "http://localhost:38123/"
codes = {}
for line in open("/work/main/engine/base/ErrorCodes.h"):
    m = re.match(r"\s*([A-Z_0-9]+) = (\d+),", line)
    if m: codes[int(m.group(2))] = m.group(1)
codes.update({10: "NOT_FOUND_COLUMN_IN_BLOCK", 25: "CANNOT_PARSE_ESCAPE_SEQUENCE", 26: "CANNOT_PARSE_QUOTED_STRING",
              53: "TYPE_MISMATCH", 69: "ARGUMENT_OUT_OF_BOUND", 70: "CANNOT_CONVERT_TYPE", 117: "INCORRECT_DATA",
              41: "CANNOT_PARSE_DATETIME", 38: "CANNOT_PARSE_DATE", 131: "TOO_LARGE_STRING_SIZE",
              60: "UNKNOWN_TABLE", 57: "TABLE_ALREADY_EXISTS", 47: "UNKNOWN_IDENTIFIER", 16: "NO_SUCH_COLUMN_IN_TABLE",
              27: "CANNOT_PARSE_INPUT_ASSERTION_FAILED", 72: "CANNOT_PARSE_NUMBER", 6: "CANNOT_PARSE_TEXT",
              108: "NO_DATA_TO_INSERT", 349: "CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN", 42: "NUMBER_OF_ARGUMENTS_DOESNT_MATCH",
              44: "ILLEGAL_COLUMN", 62: "SYNTAX_ERROR", 36: "BAD_ARGUMENTS", 80: "INCORRECT_QUERY", 181: "ILLEGAL_FINAL",
              48: "NOT_IMPLEMENTED", 73: "UNKNOWN_FORMAT", 56: "UNKNOWN_STORAGE", 50: "UNKNOWN_TYPE", 15: "DUPLICATE_COLUMN",
              377: "ILLEGAL_SYNTAX_FOR_DATA_TYPE", 43: "ILLEGAL_TYPE_OF_ARGUMENT", 46: "UNKNOWN_FUNCTION", 33: "CANNOT_READ_ALL_DATA",
              34: "TOO_MANY_ARGUMENTS_FOR_FUNCTION", 35: "TOO_FEW_ARGUMENTS_FOR_FUNCTION", 386: "NO_COMMON_TYPE",
              407: "DECIMAL_OVERFLOW", 69: "ARGUMENT_OUT_OF_BOUND", 12: "ARGUMENT_OUT_OF_BOUND", 49: "LOGICAL_ERROR",
              32: "ATTEMPT_TO_READ_AFTER_EOF", 379: "CANNOT_PARSE_UUID", 376: "CANNOT_PARSE_UUID", 117: "INCORRECT_DATA",
              341: "UNFINISHED", 352: "AMBIGUOUS_COLUMN_NAME", 8: "THERE_IS_NO_COLUMN", 7: "INCORRECT_NUMBER_OF_COLUMNS",
              179: "MULTIPLE_EXPRESSIONS_FOR_ALIAS", 153: "ILLEGAL_DIVISION", 20: "NUMBER_OF_COLUMNS_DOESNT_MATCH",
              321: "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE", 215: "NOT_AN_AGGREGATE", 184: "ILLEGAL_AGGREGATION"})

def split(sql):
    """Statements separated by ';' (quotes and comments respected); an INSERT ... FORMAT X statement takes the
    rest of the input as its data."""
    out, i, n, start = [], 0, len(sql), 0
    fmt = re.compile(r"(?is)\s*(?:--[^\n]*\n\s*)*insert\s+into\s+[\w.]+\s*(\([^)]*\))?\s*format\s+\w+[ \t]*\n")
    while True:
        if i == start and fmt.match(sql, start):
            out.append(sql[start:]); start = n; break
        if i >= n:
            break
        c = sql[i]
        if c in "'\"`":
            j = i + 1
            while j < n and sql[j] != c:
                j += 2 if sql[j] == "\\" else 1
            i = j + 1; continue
        if sql.startswith("--", i):
            j = sql.find("\n", i); i = n if j < 0 else j; continue
        if sql.startswith("/*", i):
            j = sql.find("*/", i); i = n if j < 0 else j + 2; continue
        if c == ";":
            out.append(sql[start:i]); start = i + 1
        i += 1
    out.append(sql[start:])
    return [s for s in out if re.sub(r"--[^\n]*", "", s).strip()]

def q(sql, db, extra=None):
    params = {"database": db, "allow_experimental_low_cardinality_type": "1", "output_format_json_quote_64bit_integers": "0", "input_format_skip_unknown_fields": "1", "format_csv_allow_single_quotes": "0", "output_format_pretty_color": "0",
              "default_format": "TSV"}
    if extra: params.update(extra)
    req = urllib.request.Request(H + "?" + urllib.parse.urlencode(params), data=sql.encode())
    try:
        with urllib.request.urlopen(req) as r:
            return r.read(), None
    except urllib.error.HTTPError as e:
        return None, e.read().decode(errors="replace")

def main():
    path = sys.argv[1]
    db = "t_" + re.sub(r"\W", "_", path.split("/")[-1][:-4])
    q("DROP DATABASE IF EXISTS " + db, "default"); q("CREATE DATABASE " + db, "default")
    out = sys.stdout.buffer
    stmts = []
    for seg in re.split(r"(?m)^-- restart\n", open(path).read()):
        stmts += split(seg)
    for stmt in stmts:
        body, err = q(stmt.lstrip("\n") if "format" in stmt.lower() else stmt.strip(), db)
        if err is not None:
            m = re.search(r"Code: (\d+)", err)
            code = int(m.group(1)) if m else -1
            out.write(f"Error: {codes.get(code, 'CODE_%d' % code)}\n".encode())
            sys.stderr.write(f"[{code}] {stmt.strip()[:80]!r}: {err.strip()[:300]}\n")
        else:
            if re.match(r"(?is)\s*(--[^\n]*\n\s*)*(describe|desc)\b", stmt) and not re.search(r"(?i)\bformat\b", stmt):
                # 18.16 lacks DESCRIBE's codec_expression and ttl_expression columns: append them empty
                body = b"".join(l + b"\t\t\n" for l in body.split(b"\n")[:-1])
            out.write(body)
            if re.match(r"(?is)\s*(--[^\n]*\n\s*)*alter\b", stmt):
                import time; time.sleep(1.5)
    import os
    if not os.environ.get("KEEP"): q("DROP DATABASE IF EXISTS " + db, "default")

main()
