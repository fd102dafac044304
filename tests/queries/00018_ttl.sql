-- reference: hand-written from the modern ClickHouse documentation; 18.16 has no TTL (added in 19.6).
-- Table TTL deletes expired rows when parts merge (OPTIMIZE ... FINAL forces that); column TTL resets expired values
-- to the column default; DESCRIBE shows a column TTL in ttl_expression (INTERVAL n DAY prints as toIntervalDay(n)).
-- Dates are far in the past or far in the future so that "now" does not matter.
CREATE TABLE t (id UInt32, ts DateTime, v String) ENGINE = MergeTree ORDER BY id TTL ts;
INSERT INTO t VALUES (1, '2000-01-01 00:00:00', 'old'), (2, '2100-01-01 00:00:00', 'future'), (3, '1970-01-02 00:00:00', 'older');
INSERT INTO t VALUES (4, '2099-12-31 23:59:59', 'future2'), (5, '2001-06-01 12:00:00', 'old2');
OPTIMIZE TABLE t FINAL;
SELECT * FROM t ORDER BY id;
SELECT count() FROM t;
CREATE TABLE t2 (id UInt32, d Date, v String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY id TTL d + INTERVAL 1 MONTH;
INSERT INTO t2 VALUES (1, '2001-01-01', 'a'), (2, '2101-01-01', 'b'), (3, '2001-02-01', 'c');
OPTIMIZE TABLE t2 FINAL;
SELECT * FROM t2 ORDER BY id;
CREATE TABLE t3 (id UInt32, ts DateTime, v String TTL ts + INTERVAL 1 DAY) ENGINE = MergeTree ORDER BY id;
INSERT INTO t3 VALUES (1, '2000-01-01 00:00:00', 'expired'), (2, '2100-01-01 00:00:00', 'kept');
OPTIMIZE TABLE t3 FINAL;
-- restart
SELECT * FROM t ORDER BY id;
SELECT * FROM t3 ORDER BY id;
DESCRIBE TABLE t3;
CREATE TABLE bad_ttl (id UInt32, ts DateTime) ENGINE = MergeTree ORDER BY id TTL id;
