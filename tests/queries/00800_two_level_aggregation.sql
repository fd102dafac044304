-- GROUP BY with more groups than the two-level threshold (setting group_by_two_level_threshold, lowered here):
-- String, fixed-width (8 and 16 bytes) and serialised keys, over numbers() and over a MergeTree table of several
-- parts read by two threads (per-thread two-level tables merged bucket by bucket in parallel), and the same
-- queries single-level. Checked through sums over the groups.
SELECT count(), sum(c), sum(s), min(c), max(c) FROM (SELECT toString(number % 200000) AS k, count() AS c, sum(number) AS s FROM numbers(300000) GROUP BY k) SETTINGS group_by_two_level_threshold = 30000;
SELECT count(), sum(c), sum(s), countIf(c = 2), countIf(c = 1) FROM (SELECT number % 200000 AS k, count() AS c, sum(number) AS s FROM numbers(300000) GROUP BY k) SETTINGS group_by_two_level_threshold = 30000;
SELECT count(), sum(c), sum(s) FROM (SELECT number % 200000 AS a, number % 3 AS b, count() AS c, sum(number) AS s FROM numbers(300000) GROUP BY a, b) SETTINGS group_by_two_level_threshold = 30000;
SELECT count(), sum(c), sum(length(k)) FROM (SELECT toString(number % 150000) AS k, number % 2 AS p, count() AS c FROM numbers(300000) GROUP BY k, p) SETTINGS group_by_two_level_threshold = 30000;
SELECT k, c, s FROM (SELECT toString(number % 200000) AS k, count() AS c, sum(number) AS s FROM numbers(300000) GROUP BY k) WHERE k IN ('0', '99999', '100000', '199999') ORDER BY k SETTINGS group_by_two_level_threshold = 30000;
SELECT k, c FROM (SELECT number % 200000 AS k, count() AS c FROM numbers(300000) GROUP BY k HAVING c = 2) ORDER BY k DESC LIMIT 3 SETTINGS group_by_two_level_threshold = 30000;
CREATE TABLE t800 (id UInt64, s String) ENGINE = MergeTree ORDER BY id;
INSERT INTO t800 SELECT number, concat('session-', toString(number % 180000)) FROM numbers(200000);
INSERT INTO t800 SELECT number + 200000, concat('session-', toString((number * 7) % 180000)) FROM numbers(200000);
INSERT INTO t800 SELECT number + 400000, concat('session-', toString(number % 250000)) FROM numbers(250000);
SELECT count(), sum(c), sum(m), uniqExact(s) FROM (SELECT s, count() AS c, max(id) AS m FROM t800 GROUP BY s) SETTINGS max_threads = 2, group_by_two_level_threshold = 30000;
SELECT count(), sum(c), sum(m) FROM (SELECT s, count() AS c, max(id) AS m FROM t800 GROUP BY s) SETTINGS max_threads = 1;
SELECT count(), sum(c), sum(m) FROM (SELECT id % 230000 AS k, count() AS c, max(id) AS m FROM t800 GROUP BY k) SETTINGS max_threads = 2, group_by_two_level_threshold = 30000;
SELECT count(), sum(c) FROM (SELECT s, id % 3 AS r, count() AS c FROM t800 GROUP BY s, r) SETTINGS max_threads = 2, group_by_two_level_threshold = 30000;
SELECT s, count() AS c, min(id), max(id) FROM t800 GROUP BY s ORDER BY c DESC, s LIMIT 3 SETTINGS max_threads = 2, group_by_two_level_threshold = 30000;
SELECT count(), sum(c), sum(m), uniqExact(s) FROM (SELECT s, count() AS c, max(id) AS m FROM t800 GROUP BY s) SETTINGS max_threads = 2;
SELECT count(), sum(c), sum(s) FROM (SELECT toString(number % 200000) AS k, count() AS c, sum(number) AS s FROM numbers(300000) GROUP BY k);
