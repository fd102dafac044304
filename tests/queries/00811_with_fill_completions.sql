-- ORDER BY ... WITH FILL on several keys, after a sort prefix, with calendar steps, and its errors (modern ClickHouse semantics).
CREATE TABLE ts (sensor_id UInt64, timestamp UInt64, value Float64) ENGINE = MergeTree ORDER BY (sensor_id, timestamp);
INSERT INTO ts VALUES (1, 10, 1), (1, 12, 2), (3, 5, 1), (3, 7, 3), (5, 1, 1), (5, 3, 1);
-- Keys before the first WITH FILL key split the rows into runs filled independently; generated rows copy them.
SELECT * FROM ts ORDER BY sensor_id, timestamp WITH FILL STEP 1;
SELECT * FROM ts ORDER BY sensor_id, timestamp WITH FILL FROM 6 TO 10 STEP 1;
SELECT * FROM ts ORDER BY sensor_id, timestamp WITH FILL FROM 6 STEP 1;
SELECT * FROM ts ORDER BY sensor_id, timestamp WITH FILL TO 10 STEP 1;
SELECT * FROM ts ORDER BY sensor_id DESC, timestamp WITH FILL FROM 6 TO 10 STEP 1;
-- Two WITH FILL keys: the second is filled within runs of the first; rows generated for the first hold defaults.
SELECT toDate((number * 10) * 86400) AS d1, toDate(number * 86400) AS d2, 'original' AS source FROM numbers(10) WHERE (number % 3) = 1 ORDER BY d2 WITH FILL, d1 WITH FILL STEP 5;
SELECT toDate((number * 10) * 86400) AS d1, toDate(number * 86400) AS d2, 'original' AS source FROM numbers(10) WHERE (number % 3) = 1 ORDER BY d1 WITH FILL STEP 5, d2 WITH FILL;
SELECT a, b FROM (SELECT arrayJoin([(1, 1), (1, 4), (3, 2)]) AS p, p.1 AS a, p.2 AS b) ORDER BY a WITH FILL, b WITH FILL;
SELECT a, b FROM (SELECT arrayJoin([(1, 0), (2, 1)]) AS p, p.1 AS a, p.2 AS b) ORDER BY a WITH FILL, b WITH FILL TO 3;
SELECT a, b FROM (SELECT arrayJoin([(1, 1), (2, 2)]) AS p, p.1 AS a, p.2 AS b) ORDER BY a WITH FILL FROM 0 TO 3, b WITH FILL FROM 0 TO 2;
-- The grid starts at FROM; rows before FROM are kept.
SELECT number * 3 AS n, 'x' AS s FROM numbers(3) ORDER BY n WITH FILL FROM 1 TO 10 STEP 2;
-- Calendar steps: MONTH, QUARTER, YEAR on Date and DateTime (the day of month is clamped).
SELECT toDate('2024-01-31') + number * 120 AS d FROM numbers(2) ORDER BY d WITH FILL STEP INTERVAL 1 MONTH;
SELECT toDate('2024-01-01') AS d ORDER BY d WITH FILL TO toDate('2025-01-01') STEP INTERVAL 1 QUARTER;
SELECT toDate('2020-02-29') AS d ORDER BY d WITH FILL TO toDate('2024-03-01') STEP INTERVAL 1 YEAR;
SELECT toDateTime('2024-01-31 10:30:00', 'UTC') AS t ORDER BY t WITH FILL TO toDateTime('2024-05-01 00:00:00', 'UTC') STEP INTERVAL 1 MONTH;
SELECT toDate('2024-06-30') - number * 95 AS d FROM numbers(2) ORDER BY d DESC WITH FILL STEP INTERVAL -1 MONTH;
SELECT toDate('2024-01-01') + number * 3 AS d FROM numbers(2) ORDER BY d WITH FILL STEP INTERVAL 1 DAY;
-- NULL bounds are no bounds; NULL keys are kept as they are.
SELECT number * 2 AS n FROM numbers(3) ORDER BY n WITH FILL FROM NULL TO NULL;
SELECT if(number = 1, NULL, number * 2) AS n FROM numbers(3) ORDER BY n WITH FILL;
-- Empty input with FROM and TO generates the whole range.
SELECT number AS n FROM numbers(3) WHERE 0 ORDER BY n WITH FILL FROM 0 TO 3;
-- Errors: INVALID_WITH_FILL_EXPRESSION.
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL STEP 0;
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL STEP -1;
SELECT number AS n FROM numbers(3) ORDER BY n DESC WITH FILL STEP 1;
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL FROM 5 TO 1;
SELECT number AS n FROM numbers(3) ORDER BY n DESC WITH FILL FROM 1 TO 5;
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL STEP 0.5;
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL FROM 'a';
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL TO -1;
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL FROM toDate('2024-01-01');
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL STEP INTERVAL 1 MONTH;
SELECT toDate('2024-01-01') AS d ORDER BY d WITH FILL STEP INTERVAL 1 HOUR;
SELECT toDate('2024-01-01') AS d ORDER BY d WITH FILL STEP INTERVAL 0 MONTH;
SELECT toDate('2024-01-01') AS d ORDER BY d WITH FILL FROM toDateTime('2024-01-01 00:00:00');
SELECT 'a' AS s ORDER BY s WITH FILL;
SELECT number AS n FROM numbers(3) ORDER BY n WITH FILL FROM number;
SELECT number AS n FROM numbers(3) ORDER BY n, number * 2 AS m WITH FILL STEP 0;
-- INTERPOLATE: generated rows take the expression over the previous row (generated or not), or the previous value.
SELECT n, source, inter FROM (SELECT toFloat32(number % 10) AS n, 'original' AS source, number AS inter FROM numbers(10) WHERE number % 3 = 1) ORDER BY n WITH FILL FROM 0 TO 5.51 STEP 0.5 INTERPOLATE (inter AS inter + 1);
SELECT * FROM ts ORDER BY sensor_id, timestamp WITH FILL FROM 6 TO 10 STEP 1 INTERPOLATE (value AS 9999);
SELECT n, s FROM (SELECT number * 3 AS n, toString(n) AS s FROM numbers(3)) ORDER BY n WITH FILL INTERPOLATE;
SELECT n, s, t FROM (SELECT number * 3 AS n, toString(n) AS s, number AS t FROM numbers(3)) ORDER BY n WITH FILL INTERPOLATE (s AS concat(s, '+'), t);
SELECT number AS n FROM numbers(2) ORDER BY n INTERPOLATE;
-- INTERPOLATE errors: an ORDER BY column (INVALID_WITH_FILL_EXPRESSION), an unknown column, an aggregate.
SELECT * FROM ts ORDER BY sensor_id, value, timestamp WITH FILL FROM 6 TO 10 INTERPOLATE (value AS 1);
SELECT number AS n, 1 AS x FROM numbers(2) ORDER BY n WITH FILL INTERPOLATE (n AS 1);
SELECT number AS n, 1 AS x FROM numbers(2) ORDER BY n WITH FILL INTERPOLATE (nope AS 1);
SELECT number AS n, number * 2 AS x FROM numbers(2) ORDER BY n WITH FILL INTERPOLATE (x AS sum(x));
SELECT number AS n, number * 2 AS x FROM numbers(2) ORDER BY n WITH FILL INTERPOLATE (x AS x, x AS 1);
-- A column computed by the ORDER BY expression takes the fill value, so it is an ORDER BY column too.
SELECT number AS n, number AS x FROM numbers(2) ORDER BY n WITH FILL INTERPOLATE (x AS 1);
SELECT number AS n FROM numbers(2) ORDER BY n WITH FILL INTERPOLATE (;
