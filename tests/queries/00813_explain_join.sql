-- EXPLAIN of joins: the join step (kind, strictness, keys) and both sides' reads with the parts and granules each selects.
CREATE TABLE a (id UInt32, v String) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 10;
CREATE TABLE b (id UInt32, w Int64) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 10;
CREATE TABLE c (k UInt32, z UInt8) ENGINE = MergeTree ORDER BY k;
INSERT INTO a SELECT number, toString(number) FROM numbers(100);
INSERT INTO b SELECT number * 2, number FROM numbers(100);
INSERT INTO c VALUES (1, 1), (2, 2);
OPTIMIZE TABLE a FINAL;
OPTIMIZE TABLE b FINAL;
OPTIMIZE TABLE c FINAL;
EXPLAIN SELECT a.v, b.w FROM a JOIN b ON a.id = b.id;
-- WHERE over one side prunes that side's granules (the left side and an INNER JOIN's right side).
EXPLAIN SELECT a.v, b.w FROM a INNER JOIN b ON a.id = b.id WHERE a.id < 15 AND b.id >= 150;
EXPLAIN SELECT count() FROM a LEFT ANY JOIN b USING (id) WHERE id = 42;
-- Chains: the inner join is the left side of the outer one; subqueries show their rows.
EXPLAIN SELECT a.v, c.z FROM a JOIN b ON a.id = b.id JOIN c ON c.k = b.w;
EXPLAIN SELECT * FROM a AS x JOIN (SELECT id, w FROM b WHERE w < 5) AS y ON x.id = y.id;
EXPLAIN SELECT count() FROM a CROSS JOIN c;
-- The results match the plan.
SELECT a.v, b.w FROM a INNER JOIN b ON a.id = b.id WHERE a.id < 15 AND b.id >= 10 ORDER BY a.v;
SELECT a.v, b.w FROM a INNER JOIN b ON a.id = b.id WHERE a.id < 15 AND b.id >= 150 ORDER BY a.v;
SELECT count() FROM a CROSS JOIN c;
SELECT count() FROM a LEFT ANY JOIN b USING (id) WHERE id = 42;
-- Rows computed while planning (a FROM subquery, the rows of window functions) are read without parts.
EXPLAIN SELECT count() OVER () FROM numbers(3);
EXPLAIN SELECT x FROM (SELECT number AS x FROM numbers(4)) WHERE x > 1;
