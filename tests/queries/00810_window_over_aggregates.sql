-- Window functions over aggregated rows (ClickHouse order: WHERE, GROUP BY, HAVING, windows, QUALIFY, ORDER BY, LIMIT).
CREATE TABLE t (k UInt32, g String, x Int64) ENGINE = MergeTree ORDER BY k;
INSERT INTO t VALUES (1, 'a', 10), (1, 'a', 5), (2, 'a', 7), (3, 'b', 1), (3, 'b', 2), (3, 'b', 3), (4, 'b', 100), (5, 'c', -4);
SELECT k, sum(x) AS s, sum(sum(x)) OVER (ORDER BY k) AS running, rank() OVER (ORDER BY count() DESC) AS r FROM t GROUP BY k ORDER BY k;
-- Aliases of aggregates inside OVER and in window arguments.
SELECT g, sum(x) AS s, count() AS c, row_number() OVER (ORDER BY s DESC) AS rn, s / sum(s) OVER () AS share FROM t GROUP BY g ORDER BY g;
-- PARTITION BY a key, ORDER BY an aggregate, lag over aggregates.
SELECT g, k, sum(x) AS s, dense_rank() OVER (PARTITION BY g ORDER BY sum(x) DESC) AS dr, lagInFrame(sum(x), 1, 0) OVER (PARTITION BY g ORDER BY k) AS prev FROM t GROUP BY g, k ORDER BY g, k;
-- Expressions mixing aggregates and windows; ORDER BY a window alias and an aggregate.
SELECT k, max(x) - min(x) AS spread, spread - avg(max(x) - min(x)) OVER () AS vs_mean FROM t GROUP BY k ORDER BY vs_mean DESC, k;
SELECT k, count() AS c FROM t GROUP BY k ORDER BY row_number() OVER (ORDER BY count() DESC, k) LIMIT 3;
-- HAVING before windows; WHERE before GROUP BY.
SELECT k, sum(x) AS s, count() OVER () AS groups FROM t WHERE x > 0 GROUP BY k HAVING s > 5 ORDER BY k;
-- Aggregation without GROUP BY: one row.
SELECT count() AS c, sum(count()) OVER () AS total, row_number() OVER () AS rn FROM t;
-- GROUP BY position and GROUP BY ALL refer to the original select list.
SELECT g, sum(x), rank() OVER (ORDER BY sum(x)) FROM t GROUP BY 1 ORDER BY 1;
SELECT g, sum(x) AS s, first_value(g) OVER (ORDER BY s DESC) AS top FROM t GROUP BY ALL ORDER BY g;
-- Key expressions, DISTINCT and LIMIT BY after the window.
SELECT k % 2 AS parity, count() AS c, sum(c) OVER (ORDER BY parity) AS cum FROM t GROUP BY parity ORDER BY parity;
SELECT DISTINCT count() OVER (PARTITION BY g) AS n FROM t GROUP BY g, k ORDER BY n;
SELECT g, k, sum(sum(x)) OVER (PARTITION BY g ORDER BY k DESC) AS run FROM t GROUP BY g, k ORDER BY g, k LIMIT 1 BY g;
-- Named windows and empty OVER ().
SELECT k, sum(sum(x)) OVER w AS cum, count() OVER () AS n FROM t GROUP BY k WINDOW w AS (ORDER BY k ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY k;
-- QUALIFY filters on window results, after aggregation too.
SELECT k, sum(x) AS s, rank() OVER (ORDER BY s DESC) AS r FROM t GROUP BY k QUALIFY r <= 2 ORDER BY k;
SELECT number % 3 AS m, number FROM numbers(9) QUALIFY row_number() OVER (PARTITION BY m ORDER BY number DESC) = 1 ORDER BY m;
-- WITH FILL after windows.
SELECT k, sum(count()) OVER (ORDER BY k) AS cum FROM t WHERE k != 2 GROUP BY k ORDER BY k WITH FILL;
-- Errors.
SELECT k FROM t WHERE row_number() OVER () = 1;
SELECT k, count() FROM t GROUP BY k HAVING rank() OVER (ORDER BY k) = 1;
SELECT count() FROM t GROUP BY row_number() OVER ();
SELECT sum(rank() OVER (ORDER BY k)) FROM t GROUP BY k;
SELECT sum(sum(x) OVER ()) OVER () FROM t GROUP BY k;
SELECT k, x, sum(x) OVER () FROM t GROUP BY k;
SELECT k, sum(x) OVER (ORDER BY nope) FROM t GROUP BY k;
SELECT k, sum(x) OVER w FROM t GROUP BY k;
SELECT k, count() OVER (PARTITION BY rank() OVER ()) FROM t GROUP BY k;
SELECT k, sum(x) FROM t GROUP BY k QUALIFY nope > 1;
SELECT number FROM numbers(3) PREWHERE rank() OVER () = 1;
SELECT number FROM numbers(3) LIMIT 1 BY row_number() OVER ();
-- Empty OVER () and a window without aggregation stay supported next to the aggregated form.
SELECT count() OVER (), sum(number) OVER () FROM numbers(3) LIMIT 1;
