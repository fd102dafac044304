-- LIMIT n [OFFSET m] BY cols: per distinct value of cols, rows m .. m+n-1 in ORDER BY order; then LIMIT.
SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number DESC LIMIT 2 BY k;
SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number LIMIT 2 OFFSET 1 BY k;
SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number LIMIT 1, 2 BY k;
SELECT number % 3 AS k, number FROM numbers(10) ORDER BY k, number LIMIT 1 BY k LIMIT 2;
SELECT number % 2 AS p, number % 5 AS q, count() AS c FROM numbers(20) GROUP BY p, q ORDER BY p, c DESC, q LIMIT 1 BY p;
SELECT number FROM numbers(10) ORDER BY number DESC LIMIT 1 BY number % 3;
SELECT number FROM numbers(10) ORDER BY number LIMIT 1 BY intDiv(number, 4), number % 2;
SELECT number FROM numbers(10) ORDER BY number LIMIT 0 BY number;
SELECT number FROM numbers(10) ORDER BY number LIMIT 1 BY nope;
