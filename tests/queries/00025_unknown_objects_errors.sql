-- References to things that do not exist: tables, columns, functions, engines, formats, settings.
CREATE TABLE t (x UInt8, s String) ENGINE = MergeTree ORDER BY x;
INSERT INTO t VALUES (1, 'a'), (2, 'b');
SELECT * FROM nope;
SELECT nope FROM t;
SELECT x FROM t WHERE nope = 1;
SELECT x FROM t ORDER BY nope;
SELECT nope(x) FROM t;
SELECT x FROM t WHERE nope(x) = 1;
SELECT lower(x) FROM t;
SELECT length(x, x) FROM t;
INSERT INTO nope VALUES (1);
INSERT INTO t (nope) VALUES (1);
DESCRIBE TABLE nope;
DROP TABLE nope;
TRUNCATE TABLE nope;
OPTIMIZE TABLE nope FINAL;
CREATE TABLE e (x UInt8) ENGINE = NoSuchEngine;
-- reference: modern ClickHouse behaviour, 18.16 differs (an unknown MergeTree setting is UNKNOWN_SETTING in modern
-- ClickHouse, BAD_ARGUMENTS in 18.16)
CREATE TABLE e (x UInt8) ENGINE = MergeTree ORDER BY x SETTINGS no_such_setting = 1;
SELECT * FROM t ORDER BY x;
SHOW TABLES;
-- an INSERT ... FORMAT takes the rest of its segment as data
INSERT INTO t FORMAT NoSuchFormat
1	z
-- restart
SELECT count() FROM t;
