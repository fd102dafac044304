-- reference: hand-written (the oracle server is never restarted); ClickHouse semantics: after a restart MergeTree tables
-- keep their rows and definitions, Memory tables keep their definition but lose their rows, dropped tables stay dropped.
CREATE TABLE keep (id UInt64, s String, n Nullable(Int8)) ENGINE = MergeTree PARTITION BY id % 2 ORDER BY id;
CREATE TABLE mem (id UInt64) ENGINE = Memory;
CREATE TABLE gone (id UInt64) ENGINE = MergeTree ORDER BY id;
CREATE TABLE nul (id UInt64) ENGINE = Null;
INSERT INTO keep VALUES (1, 'one', NULL), (2, 'two\ttab', -128), (18446744073709551615, '', 127);
INSERT INTO keep VALUES (3, 'three', 3);
INSERT INTO mem VALUES (1), (2);
INSERT INTO gone VALUES (1);
INSERT INTO nul VALUES (1);
DROP TABLE gone;
-- restart
SHOW TABLES;
SELECT * FROM keep ORDER BY id;
SELECT count() FROM mem;
SELECT count() FROM nul;
SELECT * FROM gone;
INSERT INTO keep VALUES (4, 'four', 4);
INSERT INTO mem VALUES (10);
ALTER TABLE keep DELETE WHERE id = 2;
-- restart
SELECT id, s FROM keep ORDER BY id;
SELECT * FROM mem;
CREATE TABLE keep (x UInt8) ENGINE = Memory;
CREATE TABLE gone (x String) ENGINE = Memory;
-- restart
SHOW TABLES;
DESCRIBE TABLE gone;
