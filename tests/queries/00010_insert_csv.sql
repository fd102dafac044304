-- reference: modern ClickHouse behaviour, 18.16 differs (18.16 ignores the CSVWithNames header instead of matching
-- columns by name, input_format_with_names_use_header = 1 in modern ClickHouse); the rest is from the oracle.
-- INSERT FORMAT CSV / CSVWithNames: quoting, doubled quotes, embedded newlines and commas, NULL as \N, empty fields.
CREATE TABLE c (id UInt32, s String, f Float64, n Nullable(Int32), d Date) ENGINE = MergeTree ORDER BY id;
INSERT INTO c FORMAT CSV
1,plain,1.5,10,2024-01-01
2,"with, comma",-2,\N,"2024-01-02"
3,"doubled ""quote""",0,0,2024-01-03
4,"multi
line",1e3,-1,2024-01-04
5,,0.25,\N,2024-01-05
6,'single',7,7,2024-01-06
-- restart
SELECT * FROM c ORDER BY id;
INSERT INTO c FORMAT CSVWithNames
"n","d","id","s","f"
42,2024-02-01,10,"by name",3.5
\N,2024-02-02,11,"",0
-- restart
SELECT * FROM c WHERE id >= 10 ORDER BY id;
-- a short row rejects the whole insert
INSERT INTO c FORMAT CSV
20,ok,1,1,2024-03-01
21,too few
-- restart
SELECT count() FROM c;
