-- Aggregates over Nullable arguments: NULLs are skipped; all-NULL and empty input give NULL or the default.
CREATE TABLE tn (k Nullable(String), v Nullable(Int32), s Nullable(String)) ENGINE = Memory;
INSERT INTO tn VALUES ('a', 1, 'x'), ('a', NULL, NULL), (NULL, 3, 'y'), ('b', NULL, 'z'), (NULL, NULL, NULL), ('a', 5, 'x');
SELECT count(), count(v), count(s), sum(v), avg(v), min(v), max(v), any(v), anyLast(v) FROM tn;
SELECT uniq(v), uniqExact(s), groupArray(v), groupArray(s), quantileExact(0.5)(v), argMax(s, v) FROM tn;
SELECT k, count(), count(v), sum(v), min(s), max(v), avg(v) FROM tn GROUP BY k ORDER BY k;
SELECT v, count(), groupArray(k) FROM tn GROUP BY v ORDER BY v;
SELECT sum(v), min(v), avg(v), count(v), uniq(v), groupArray(v) FROM tn WHERE v IS NULL;
SELECT sum(v), count() FROM tn WHERE 0;
SELECT sumIf(v, k = 'a'), countIf(k = 'a'), countIf(v > 1), maxIf(s, v > 1) FROM tn;
SELECT count(DISTINCT v), count(DISTINCT s), uniqExact(k, v) FROM tn;
SELECT k, s, count() FROM tn GROUP BY k, s ORDER BY k, s;
SELECT sum(NULL), count(NULL), min(NULL) FROM numbers(3);
