-- UNION DISTINCT, EXCEPT [DISTINCT] and INTERSECT [DISTINCT] (ClickHouse semantics: INTERSECT binds tighter; EXCEPT/INTERSECT keep the left rows' duplicates unless DISTINCT).
SELECT * FROM (SELECT number FROM numbers(5) EXCEPT SELECT number FROM numbers(2)) ORDER BY number;
SELECT * FROM (SELECT number % 3 AS x FROM numbers(7) EXCEPT SELECT 1) ORDER BY x;
SELECT * FROM (SELECT number % 3 AS x FROM numbers(7) EXCEPT DISTINCT SELECT 1) ORDER BY x;
SELECT * FROM (SELECT number % 3 AS x FROM numbers(7) INTERSECT SELECT arrayJoin([0, 2, 5])) ORDER BY x;
SELECT * FROM (SELECT number % 3 AS x FROM numbers(7) INTERSECT DISTINCT SELECT arrayJoin([0, 2, 5])) ORDER BY x;
SELECT * FROM (SELECT number AS x FROM numbers(3) UNION DISTINCT SELECT number + 1 FROM numbers(3)) ORDER BY x;
-- Several columns, names and types of the first query.
SELECT * FROM (SELECT number AS a, toString(number) AS b FROM numbers(4) EXCEPT SELECT 2, '2') ORDER BY a;
SELECT * FROM (SELECT number AS a, toString(number) AS b FROM numbers(4) INTERSECT SELECT toUInt8(1), '1' UNION ALL SELECT 9, 'nine') ORDER BY a;
-- INTERSECT before EXCEPT and UNION: 1..5 EXCEPT (3..7 INTERSECT 4..9) = 1, 2, 3.
SELECT * FROM (SELECT number + 1 AS x FROM numbers(5) EXCEPT SELECT number + 3 FROM numbers(5) INTERSECT SELECT number + 4 FROM numbers(6)) ORDER BY x;
-- Left to right otherwise: (1..3 UNION ALL 3..4) EXCEPT 3 = 1, 2, 4.
SELECT * FROM (SELECT number + 1 AS x FROM numbers(3) UNION ALL SELECT number + 3 FROM numbers(2) EXCEPT SELECT 3) ORDER BY x;
SELECT count() FROM (SELECT number FROM numbers(100000) EXCEPT SELECT number * 2 FROM numbers(100000));
-- In a subquery of IN and in a CTE.
WITH odd AS (SELECT number FROM numbers(10) EXCEPT SELECT number * 2 FROM numbers(5)) SELECT groupArray(number) FROM (SELECT number FROM odd ORDER BY number);
-- Errors: different numbers of columns; a bare UNION.
SELECT 1, 2 EXCEPT SELECT 1;
SELECT 1 INTERSECT SELECT 1, 2;
SELECT 1 UNION SELECT 2;
