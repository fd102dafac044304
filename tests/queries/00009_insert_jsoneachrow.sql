-- INSERT FORMAT JSONEachRow: missing fields get defaults (DEFAULT expressions too), escapes, NULLs, 64-bit limits,
-- arrays, blank lines, any key order.
-- reference: modern ClickHouse behaviour, 18.16 differs (18.16 lacks input_format_defaults_for_omitted_fields, so an
-- omitted field got the type default instead of the column DEFAULT 'anon', and prints DateTime 0 as 0000-00-00 00:00:00) The data runs to the end of the segment (see run.py: "-- restart").
CREATE TABLE j (id UInt32, name String DEFAULT 'anon', score Float64, tags Array(String), n Nullable(Int64), big UInt64, ts DateTime) ENGINE = MergeTree ORDER BY id;
INSERT INTO j FORMAT JSONEachRow
{"id": 1, "name": "alice", "score": 1.5, "tags": ["a", "b"], "n": -9223372036854775808, "big": 18446744073709551615, "ts": "2024-03-01 10:00:00"}
{"id": 2}
{"name": "quote\" back\\ tab\t nl\n uni\u00e9 \u263A", "id": 3, "n": null}
{"id":4,"score":-0.5,"tags":[],"ts":"2024-03-01 10:00:01"}

{"id": 5, "name": "", "big": 0, "n": 9223372036854775807}
-- restart
SELECT * FROM j ORDER BY id;
SELECT id, name, n, big FROM j ORDER BY id FORMAT JSONEachRow;
-- a row that fails to parse rejects the whole INSERT
INSERT INTO j FORMAT JSONEachRow
{"id": 10}
{"id" 11}
-- restart
SELECT count() FROM j;
-- unknown fields are skipped (input_format_skip_unknown_fields = 1, the modern default), nested values included
INSERT INTO j FORMAT JSONEachRow
{"id": 20, "no_such_field": 1, "other": {"a": [1, "x"]}, "name": "known"}
-- restart
SELECT id, name FROM j WHERE id = 20;
