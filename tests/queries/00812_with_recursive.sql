-- WITH RECURSIVE common table expressions (modern ClickHouse): the non-recursive part, then rounds over the previous round's rows.
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 10) SELECT * FROM t;
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 1000) SELECT count(), sum(x), toTypeName(any(x)) FROM t;
-- Fibonacci with two columns; the result is read twice.
WITH RECURSIVE fib AS (SELECT toUInt64(0) AS a, toUInt64(1) AS b, 1 AS n UNION ALL SELECT b, a + b, n + 1 FROM fib WHERE n < 15) SELECT n, a FROM fib WHERE n IN (SELECT max(n) FROM fib) OR n <= 3 ORDER BY n;
-- A tree walk over a table.
CREATE TABLE edges (parent UInt32, child UInt32) ENGINE = MergeTree ORDER BY parent;
INSERT INTO edges VALUES (1, 2), (1, 3), (2, 4), (4, 5), (3, 6), (7, 8);
WITH RECURSIVE reach AS (SELECT toUInt32(1) AS node, 0 AS depth UNION ALL SELECT e.child, r.depth + 1 FROM reach AS r JOIN edges AS e ON e.parent = r.node) SELECT node, depth FROM reach ORDER BY node;
-- Other CTEs of the same WITH are visible; a non-recursive CTE in WITH RECURSIVE is plain.
WITH RECURSIVE lim AS (SELECT 4 AS m), t AS (SELECT 1 AS x UNION ALL SELECT x * 2 FROM t WHERE x < (SELECT m FROM lim)) SELECT groupArray(x) FROM t;
-- The step may produce several rows and stop when it produces none.
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t, numbers(2) WHERE x < 3) SELECT x, count() FROM t GROUP BY x ORDER BY x;
-- The depth limit: TOO_DEEP_RECURSION, with the setting.
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t) SELECT count() FROM t;
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 10) SELECT count() FROM t SETTINGS max_recursive_cte_evaluation_depth = 5;
-- Ten rounds run (the tenth produces no row): 9 is too few, 10 is enough.
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 10) SELECT count() FROM t SETTINGS max_recursive_cte_evaluation_depth = 9;
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 10) SELECT count() FROM t SETTINGS max_recursive_cte_evaluation_depth = 10;
-- Errors.
WITH RECURSIVE t AS (SELECT 1 AS x UNION DISTINCT SELECT x + 1 FROM t WHERE x < 3) SELECT * FROM t;
WITH RECURSIVE t AS (SELECT x + 1 AS x FROM t) SELECT * FROM t;
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x, x FROM t WHERE x < 3) SELECT * FROM t;
-- Without RECURSIVE a CTE does not see itself (t is then an unknown table).
WITH t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 3) SELECT * FROM t;
-- `recursive` is still a valid CTE name.
WITH recursive AS (SELECT 5 AS v) SELECT v FROM recursive;
-- The CTE read twice in one step, inside a subquery, with strings; a step of an incompatible type.
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT a.x + b.x FROM t AS a, t AS b WHERE a.x < 100) SELECT groupArray(x) FROM t;
SELECT * FROM (WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT x + 1 FROM t WHERE x < 3) SELECT sum(x) FROM t);
WITH RECURSIVE t AS (SELECT 'a' AS s UNION ALL SELECT concat(s, 'a') FROM t WHERE length(s) < 3) SELECT * FROM t;
WITH RECURSIVE t AS (SELECT 1 AS x UNION ALL SELECT toString(x) FROM t WHERE x < 2) SELECT * FROM t;
