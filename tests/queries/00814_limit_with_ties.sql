-- LIMIT n [OFFSET m] WITH TIES: the rows up to the n-th after the offset plus the rows equal to it on the ORDER BY keys.
SELECT number % 4 AS k, number FROM numbers(12) ORDER BY k LIMIT 2 WITH TIES;
SELECT number % 4 AS k FROM numbers(12) ORDER BY k DESC LIMIT 4 WITH TIES;
SELECT number % 4 AS k, number FROM numbers(12) ORDER BY k, number LIMIT 2 WITH TIES;
SELECT number % 3 AS k FROM numbers(9) ORDER BY k LIMIT 2 OFFSET 2 WITH TIES;
SELECT number % 3 AS k FROM numbers(9) ORDER BY 1 LIMIT 1 WITH TIES;
SELECT number % 3 AS k FROM numbers(9) ORDER BY k LIMIT 100 WITH TIES;
SELECT number % 3 AS k FROM numbers(9) ORDER BY k LIMIT 0 WITH TIES;
SELECT number % 3 AS k, count() AS c FROM numbers(10) GROUP BY k ORDER BY c DESC LIMIT 1 WITH TIES;
SELECT k, c FROM (SELECT number % 3 AS k, count() AS c FROM numbers(9) GROUP BY k) ORDER BY c LIMIT 1 WITH TIES;
SELECT number FROM numbers(5) LIMIT 2 WITH TIES;
SELECT number, rank() OVER (ORDER BY number) AS r FROM numbers(3) ORDER BY r DESC LIMIT 1 WITH TIES;
