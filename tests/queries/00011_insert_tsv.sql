-- reference: modern ClickHouse behaviour, 18.16 differs (18.16 ignores the TSVWithNames header instead of matching
-- columns by name; omitted columns get defaults); the rest is from the oracle.
-- INSERT FORMAT TSV / TSVWithNames: backslash escapes, \N, arrays; bad rows are errors.
CREATE TABLE t (id UInt32, s String, a Array(String), n Nullable(UInt8), ts DateTime) ENGINE = MergeTree ORDER BY id;
INSERT INTO t FORMAT TSV
1	plain	['x','y']	1	2024-01-01 00:00:00
2	tab\there	[]	\N	2024-01-01 00:00:01
3	new\nline back\\slash	['it\'s']	255	2024-01-01 00:00:02
4		['']	0	2024-01-01 00:00:03
5	Ünïcödé ✓	[]	\N	2024-01-01 00:00:04
-- restart
SELECT * FROM t ORDER BY id;
SELECT id, length(s) FROM t ORDER BY id;
INSERT INTO t FORMAT TSVWithNames
ts	id	s
2024-06-01 12:00:00	10	named
2024-06-01 12:00:01	11	
-- restart
SELECT * FROM t WHERE id >= 10 ORDER BY id;
INSERT INTO t FORMAT TSV
20	ok	[]	1	2024-01-01 00:00:00
21	too
-- restart
SELECT count() FROM t;
