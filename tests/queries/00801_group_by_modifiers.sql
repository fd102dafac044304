-- GROUP BY modifiers: WITH ROLLUP, WITH CUBE, ROLLUP(...)/CUBE(...), WITH TOTALS (totals_mode after_having_exclusive),
-- rolled-up keys at their type's default; subtotals and totals merge the groups' states. Checked against ClickHouse
-- 18.16 except where modern ClickHouse differs (Date default 1970-01-01, HAVING applied to ROLLUP/CUBE rows).
CREATE TABLE t801 (d Date, k String, n UInt32, v Float64) ENGINE = MergeTree ORDER BY (d, k);
INSERT INTO t801 VALUES ('2024-01-01', 'a', 1, 1.5), ('2024-01-01', 'b', 2, 2.5), ('2024-01-02', 'a', 3, 3), ('2024-01-02', 'c', 4, 4.25), ('2024-01-03', 'b', 5, 5), ('2024-01-03', 'b', 6, 6.5), ('2024-01-03', '', 7, 7);
SELECT k, n % 2 AS p, count(), sum(v) FROM t801 GROUP BY k, p WITH ROLLUP ORDER BY k, p, count();
SELECT k, n % 2 AS p, count(), sum(v) FROM t801 GROUP BY k, p WITH CUBE ORDER BY k, p, count();
SELECT d, k, count() AS c, uniqExact(n), avg(v) FROM t801 GROUP BY d, k WITH ROLLUP ORDER BY d, k, c;
SELECT d, count() AS c, sum(n) FROM t801 GROUP BY d WITH CUBE ORDER BY d, c;
SELECT k, count() AS c, sum(n) * 2 AS s2, max(d) FROM t801 GROUP BY k WITH TOTALS ORDER BY k;
SELECT k, count() AS c, sum(n) FROM t801 GROUP BY k WITH TOTALS HAVING c > 1 ORDER BY k;
SELECT k, count() AS c FROM t801 WHERE n > 100 GROUP BY k WITH TOTALS;
SELECT k, n % 2 AS p, count() AS c FROM t801 GROUP BY k, p WITH ROLLUP WITH TOTALS ORDER BY k, p, c;
SELECT k, count() AS c FROM t801 GROUP BY k WITH TOTALS ORDER BY c DESC, k LIMIT 2;
SELECT n % 3 AS m, substring(k, 1, 1) AS f, count() AS c FROM t801 GROUP BY m, f WITH TOTALS ORDER BY m, f FORMAT CSV;
SELECT k, count() AS c FROM t801 GROUP BY k WITH TOTALS ORDER BY k FORMAT TSVWithNames;
SELECT count() AS c, sum(n) FROM t801 WITH TOTALS;
SELECT k, n % 2 AS p, count() FROM t801 GROUP BY ROLLUP(k, p) ORDER BY k, p, count();
SELECT k, n % 2 AS p, count() FROM t801 GROUP BY CUBE(k, p) ORDER BY k, p, count();
SELECT k, count() AS c FROM t801 GROUP BY k WITH ROLLUP HAVING c > 1 ORDER BY k;
SELECT k, n % 2 AS p, count() AS c FROM t801 GROUP BY k, p WITH ROLLUP WITH TOTALS HAVING c > 1;
SELECT k, count() FROM t801 GROUP BY GROUPING SETS ((k), ());
SELECT k, count() AS c FROM t801 GROUP BY k WITH TOTALS ORDER BY k FORMAT PrettyCompact;
SELECT count() FROM (SELECT k, count() AS c FROM t801 GROUP BY k WITH TOTALS);
SELECT substring(toString(number % 150000), 1, 6) AS s, number % 2 AS p, count() AS c FROM numbers(300000) GROUP BY s, p WITH ROLLUP WITH TOTALS ORDER BY c DESC, s, p LIMIT 3;
