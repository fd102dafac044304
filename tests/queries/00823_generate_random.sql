-- generateRandom('structure', seed, max_string_length, max_array_length): deterministic with a seed (same rows for
-- any column subset), values within the type's range and the length bounds, errors by code.
-- reference: by hand (the values themselves are pipit's own; ClickHouse's generator differs).
SELECT count() FROM (SELECT * FROM generateRandom('a UInt8, b String', 1, 10, 2) LIMIT 1000);
SELECT sum(cityHash64(a, b)) = (SELECT sum(cityHash64(a, b)) FROM (SELECT * FROM generateRandom('a UInt8, b String', 7, 10, 2) LIMIT 500))
FROM (SELECT * FROM generateRandom('a UInt8, b String', 7, 10, 2) LIMIT 500);
-- the same seed and column position give the same values whatever else is read
SELECT groupArray(a) = (SELECT groupArray(a) FROM (SELECT a FROM generateRandom('a Int32, s String', 3) LIMIT 20))
FROM (SELECT a, s FROM generateRandom('a Int32, s String', 3) LIMIT 20);
-- a different seed gives different rows
SELECT groupArray(a) != (SELECT groupArray(a) FROM (SELECT a FROM generateRandom('a UInt64', 2) LIMIT 20)) FROM (SELECT a FROM generateRandom('a UInt64', 1) LIMIT 20);
-- bounds
SELECT max(length(s)) <= 5, min(length(s)) >= 0, max(length(arr)) <= 3, countIf(length(s) = 5) > 0, countIf(length(arr) = 3) > 0, countIf(length(fs) != 4)
FROM (SELECT * FROM generateRandom('s String, arr Array(UInt8), fs FixedString(4)', 11, 5, 3) LIMIT 2000);
SELECT max(length(s)), max(length(arr)) FROM (SELECT * FROM generateRandom('s String, arr Array(String)', 11, 0, 0) LIMIT 100);
SELECT min(d) >= toDate('1970-01-01'), countIf(n IS NULL) BETWEEN 50 AND 250, countIf(n IS NOT NULL) > 1500, uniqExact(u) = 2000, min(x) >= 0, max(x) <= 255, countIf(abs(dec) >= 100) = 0
FROM (SELECT * FROM generateRandom('d Date, n Nullable(Int8), u UUID, x UInt8, dec Decimal(3, 1)', 5, 10, 10) LIMIT 2000);
SELECT toTypeName(t), toTypeName(m), toTypeName(lc), toTypeName(dt64) FROM generateRandom('t Tuple(UInt8, String), m Map(String, UInt16), lc LowCardinality(String), dt64 DateTime64(3)', 1) LIMIT 1;
SELECT count() FROM (SELECT * FROM generateRandom('`quoted name` Int8, b Array(Nullable(String)), c Float64, e Date32, f DateTime, g Bool', 99, 3, 3) LIMIT 100);
SELECT `x y` FROM generateRandom('`x y` UInt8', 1) LIMIT 0;
-- a NULL seed draws a random one
SELECT count() FROM (SELECT * FROM generateRandom('a UInt8', NULL) LIMIT 10);
-- errors
SELECT * FROM generateRandom() LIMIT 1;
SELECT * FROM generateRandom('a UInt8', 1, 2, 3, 4) LIMIT 1;
SELECT * FROM generateRandom(1) LIMIT 1;
SELECT * FROM generateRandom('a UInt8', 'seed') LIMIT 1;
SELECT * FROM generateRandom('a NoSuchType') LIMIT 1;
SELECT * FROM generateRandom('a UInt8, a String') LIMIT 1;
SELECT * FROM generateRandom('') LIMIT 1;
SELECT b FROM generateRandom('a UInt8', 1) LIMIT 1;
-- endless: a LIMIT must end the read itself
SELECT * FROM generateRandom('a UInt8', 1);
SELECT * FROM generateRandom('a UInt8', 1) ORDER BY a LIMIT 3;
SELECT a, count() FROM generateRandom('a UInt8', 1) GROUP BY a LIMIT 3;
SELECT DISTINCT a FROM generateRandom('a UInt8', 1) LIMIT 3;
SELECT count() FROM (SELECT a FROM generateRandom('a UInt8', 1) LIMIT 300) WHERE a < 256;
-- INSERT ... SELECT from it
CREATE TABLE t (a UInt8, b String) ENGINE = MergeTree ORDER BY a;
INSERT INTO t SELECT * FROM generateRandom('a UInt8, b String', 42, 8, 1) LIMIT 300;
SELECT count(), max(length(b)) <= 8 FROM t;
