-- ORDER BY ... WITH FILL [FROM] [TO] [STEP] on the first sort key (modern ClickHouse semantics).
SELECT n, source FROM (SELECT toFloat32(number % 10) AS n, 'original' AS source FROM numbers(10) WHERE number % 3 = 1) ORDER BY n WITH FILL FROM 0 TO 5.51 STEP 0.5;
SELECT number * 3 AS n FROM numbers(4) ORDER BY n WITH FILL;
SELECT number * 3 AS n, 'x' AS s FROM numbers(3) ORDER BY n WITH FILL FROM 1 TO 10 STEP 2;
SELECT n FROM (SELECT arrayJoin([1, 4, 9]) AS n) ORDER BY n DESC WITH FILL STEP -2;
SELECT n, toString(n) FROM (SELECT arrayJoin([1, 4, 4, 9]) AS n) ORDER BY n WITH FILL STEP 3;
SELECT toDate('2024-01-01') + number * 3 AS d, number AS k FROM numbers(3) ORDER BY d WITH FILL;
SELECT toDateTime('2024-01-01 00:00:00', 'UTC') + number * 7200 AS t FROM numbers(2) ORDER BY t WITH FILL STEP INTERVAL 1 HOUR;
SELECT toDate('2024-01-01') + number * 14 AS d FROM numbers(2) ORDER BY d WITH FILL STEP INTERVAL 1 WEEK;
SELECT x FROM (SELECT arrayJoin([0.5, 1.5]) AS x) ORDER BY x WITH FILL STEP 0.25;
SELECT number AS n FROM numbers(10) WHERE n % 4 = 0 ORDER BY n WITH FILL LIMIT 5;
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL STEP 0;
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL STEP -1;
SELECT 'a' AS s ORDER BY s WITH FILL;
SELECT number AS n FROM numbers(3) WHERE 0 ORDER BY n WITH FILL FROM 0 TO 3;
SELECT k, count() AS c FROM (SELECT arrayJoin([1, 1, 5]) AS k) GROUP BY k ORDER BY k WITH FILL;
SELECT toNullable(number * 2) AS n FROM numbers(3) ORDER BY n WITH FILL;
