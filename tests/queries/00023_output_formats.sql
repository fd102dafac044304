-- Output FORMATs on the same rows: TSV escaping, TSVWithNames, CSV, CSVWithNames, JSONEachRow, PrettyCompact.
CREATE TABLE f (id UInt8, s String, n Nullable(Int64), u UInt64, x Float64, d Date, a Array(String)) ENGINE = Memory;
INSERT INTO f VALUES (1, 'plain', 1, 18446744073709551615, 0.5, '2024-01-01', ['x']);
INSERT INTO f VALUES (2, 'q"uo\'te,comma\ttab\nnl\\bs', NULL, 0, -1e-7, '2024-12-31', []);
INSERT INTO f VALUES (3, '', -9223372036854775808, 42, 100, '2000-02-29', ['a"b', 'c\'d']);
SELECT * FROM f ORDER BY id FORMAT TSV;
SELECT * FROM f ORDER BY id FORMAT TabSeparated;
SELECT id, s FROM f ORDER BY id FORMAT TSVWithNames;
SELECT * FROM f ORDER BY id FORMAT CSV;
SELECT id, s, n FROM f ORDER BY id FORMAT CSVWithNames;
SELECT * FROM f ORDER BY id FORMAT JSONEachRow;
SELECT id, s FROM f WHERE id = 99 FORMAT JSONEachRow;
-- reference: modern ClickHouse behaviour, 18.16 differs (modern PrettyCompact numbers rows by default,
-- output_format_pretty_row_numbers = 1, and uses no colours when stdout is not a terminal)
SELECT id, s, n FROM f WHERE id != 2 ORDER BY id FORMAT PrettyCompact;
SELECT id FROM f ORDER BY id FORMAT NoSuchFormat;
