#!/usr/bin/env python3
"""Regenerates the .reference files from ClickHouse 18.16 (see clickhouse_oracle.py; a private clickhouse-server must
listen on HTTP port 38123, TZ=UTC), then applies the hand corrections in FIX where modern ClickHouse differs from 18.16
(each such .sql says so in a `-- reference:` comment). Files in HAND are written by hand and not touched, nor are
tests numbered 00100 and up.

  tests/queries/oracle/regenerate.py [name-substring ...]
"""
import glob, os, re, subprocess, sys
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIX = {  # test -> [(old, new)] hand corrections on top of the oracle output (modern ClickHouse behaviour)
    "00004_types_dates_timezones": [("Error: CANNOT_CREATE_DIRECTORY\n", "Error: BAD_ARGUMENTS\n")],
    "00010_insert_csv": [("Error: CANNOT_PARSE_INPUT_ASSERTION_FAILED\n", "10\tby name\t3.5\t42\t2024-02-01\n11\t\t0\t\\N\t2024-02-02\n"),
                         ("\n6\n", "\n8\n")],
    "00011_insert_tsv": [("Error: CANNOT_PARSE_INPUT_ASSERTION_FAILED\n", "10\tnamed\t[]\t\\N\t2024-06-01 12:00:00\n11\t\t[]\t\\N\t2024-06-01 12:00:01\n"),
                         ("\n5\n", "\n7\n")],
    "00023_output_formats": [("┌─id─┬─s─────┬────────────────────n─┐\n│  1 │ plain │                    1 │\n│  3 │       │ -9223372036854775808 │\n└────┴───────┴──────────────────────┘\n",
                              "   ┌─id─┬─s─────┬────────────────────n─┐\n1. │  1 │ plain │                    1 │\n2. │  3 │       │ -9223372036854775808 │\n   └────┴───────┴──────────────────────┘\n")],
    "00025_unknown_objects_errors": [("Error: BAD_ARGUMENTS\n", "Error: UNKNOWN_SETTING\n")],
    "00027_describe": [("name\ttype\tdefault_type\tdefault_expression\tcomment_expression\nx\tUInt8\t\t\t\n",
                        "name\ttype\tdefault_type\tdefault_expression\tcomment\tcodec_expression\tttl_expression\nx\tUInt8\t\t\t\t\t\n")],
    "00006_nullable_lowcardinality": [("Error: VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE\n", "1\t\n")],
    "00013_where_in_and_or_not": [("1\n4\n5\n2\n3\n4\n6\n7\n", "1\n4\n5\n3\n4\n7\n")],
    "00009_insert_jsoneachrow": [("2\t\t0\t[]", "2\tanon\t0\t[]"), ("4\t\t-0.5", "4\tanon\t-0.5"),
                                 ('{"id":2,"name":""', '{"id":2,"name":"anon"'), ('{"id":4,"name":""', '{"id":4,"name":"anon"')],
}
# modern ClickHouse prints Decimal without trailing zeros (output_format_decimal_trailing_zeros = 0; 18.16 keeps them):
# in these tests every standalone TSV field with a '.' and a trailing 0 is a Decimal
DECIMAL_TESTS = {"00005_types_decimal_uuid", "00033_mergetree_types_roundtrip"}


def strip_decimal_zeros(text):
    def field(f):
        if re.fullmatch(r"-?\d+\.\d*0", f):
            f = f.rstrip("0").rstrip(".")
        return f
    return "".join("\t".join(field(f) for f in line.split("\t")) + "\n" for line in text.split("\n")[:-1])


HAND = {"00018_ttl", "00022_codecs", "00030_modern_types", "00031_reopen_persistence"}  # references written entirely by hand
for sql in sorted(glob.glob("*.sql")):
    name = sql[:-4]
    if len(sys.argv) > 1 and not any(a in name for a in sys.argv[1:]): continue
    if name in HAND or int(name[:5]) >= 100:  # 00100+ are written by the engine teams, not from the oracle
        continue
    r = subprocess.run(["python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "clickhouse_oracle.py"), sql], capture_output=True)
    out = r.stdout.decode()
    # modern ClickHouse prints the zero Date/DateTime as 1970-01-01 (18.16: 0000-00-00)
    out = out.replace("0000-00-00 00:00:00", "1970-01-01 00:00:00").replace("0000-00-00", "1970-01-01")
    if name in DECIMAL_TESTS:
        out = strip_decimal_zeros(out)
    for old, new in FIX.get(name, []):
        assert old in out, (name, old); out = out.replace(old, new, 1)
    open(name + ".reference", "w").write(out)
    print("wrote", name, "\n" + r.stderr.decode())
