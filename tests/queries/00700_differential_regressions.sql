-- Bugs found by the differential test against ClickHouse (tests/differential), with modern-ClickHouse results.
CREATE TABLE ev (id UInt32, user_id UInt32, amount Float64, tags Array(String)) ENGINE = MergeTree ORDER BY (user_id, id);
CREATE TABLE us (user_id UInt32, name String) ENGINE = MergeTree ORDER BY user_id;
INSERT INTO ev VALUES (1, 10, 115.88, ['RED', 'green']), (2, 20, 816.78, []), (3, 30, -55.83, ['x y']), (4, 10, 1230.9, ['a''b']);
INSERT INTO us VALUES (10, 'a'), (20, 'b');
-- JOIN USING when the query needs no right-side column besides the key.
SELECT count() FROM ev ALL INNER JOIN us USING user_id;
SELECT count() FROM ev ANY INNER JOIN us USING user_id;
SELECT id, user_id FROM ev INNER JOIN us USING user_id ORDER BY id;
SELECT count() FROM ev INNER JOIN (SELECT user_id FROM us) AS u USING (user_id);
SELECT count() FROM ev LEFT JOIN us USING user_id;
-- Aliased scalar subqueries (WITH and SELECT) are visible by their alias.
WITH (SELECT max(id) FROM ev) AS m SELECT m, m + 1;
SELECT (SELECT min(id) FROM ev) AS lo, lo * 10;
WITH (SELECT 2) AS k SELECT id FROM ev WHERE id > k ORDER BY id;
-- UNION ALL: each column of the least supertype of all SELECTs.
SELECT toTypeName(x), x FROM (SELECT 1 AS x UNION ALL SELECT 300) ORDER BY x;
SELECT x FROM (SELECT 1 AS x UNION ALL SELECT -3 UNION ALL SELECT NULL) ORDER BY x;
SELECT toTypeName(x) FROM (SELECT 'a' AS x UNION ALL SELECT toNullable('b')) LIMIT 1;
SELECT 'a' UNION ALL SELECT 1;
-- Float to Decimal: the product in the float type, then truncated (115.88 * 100 = 11588 in Float64).
SELECT id, toDecimal64(amount, 2), toDecimal32(amount, 1) FROM ev ORDER BY id;
SELECT sum(toDecimal64(amount, 2)) FROM ev;
SELECT toDecimal64(115.88, 2), toDecimal32(-55.83, 2), toDecimal128(0.07, 2), toDecimal32(toFloat32(1.1), 1);
SELECT toDecimal32(1e10, 2);
-- nullIf.
SELECT nullIf(1, 1), nullIf(1, 2), nullIf(NULL, 1), nullIf(1, NULL), toTypeName(nullIf(1, 2)), NULLIF('', '');
SELECT id, nullIf(user_id, 10) FROM ev ORDER BY id;
-- toString(DateTime, time zone) and toString of arrays and tuples.
SELECT toString(toDateTime('2024-06-01 12:00:00', 'UTC'), 'America/Los_Angeles');
SELECT toString(toDateTime64('2024-06-01 12:00:00.123', 3, 'UTC'), 'Asia/Kolkata');
SELECT id, toString(tags) FROM ev ORDER BY id;
SELECT toString([1, 2]), toString([[1], []]), toString(tuple(1, 'x')), toString([NULL, 3]);
-- has/indexOf/countEqual search NULL like a value; arrayDistinct drops NULLs.
SELECT has([1, NULL], NULL), has([1, 2], NULL), has([1, NULL], 1), has([1, NULL], 3), has([], NULL);
SELECT indexOf([1, NULL], NULL), countEqual([NULL, 1, NULL], NULL), has([1, 2], toNullable(2));
SELECT arrayDistinct([1, 1, 2, NULL, NULL]), arrayDistinct([NULL, NULL]), arrayDistinct(['a', 'a', 'b']);
-- arrayStringConcat of an empty array.
SELECT arrayStringConcat([], ','), arrayStringConcat(['a', 'b'], ',');
-- cityHash64 of arrays: the salted intHash64 of the length, then the elements' hashes combined in.
SELECT cityHash64([1, 2]), cityHash64(['a']), cityHash64(CAST([], 'Array(String)')), cityHash64([[1], []]);
SELECT id, cityHash64(tags) FROM ev ORDER BY id;
SELECT cityHash64(tags, id) = cityHash64(tags, id), cityHash64(tags) = cityHash64(['RED', 'green']) FROM ev WHERE id = 1;
-- groupBitAnd / groupBitOr / groupBitXor.
SELECT groupBitAnd(id), groupBitOr(id), groupBitXor(id), toTypeName(groupBitXor(id)) FROM ev;
SELECT groupBitXor(cityHash64(tags)) FROM ev;
SELECT groupBitXor(amount) FROM ev;
SELECT groupBitAnd(id), groupBitOr(id), groupBitXor(id) FROM ev WHERE id > 100000;
-- (a, b) IN (SELECT x, y ...).
SELECT number FROM numbers(5) WHERE (number, toString(number)) IN (SELECT number, toString(number) FROM numbers(3) WHERE number != 1) ORDER BY number;
SELECT (1, 'a') IN (SELECT 1, 'a'), (1, 'b') IN (SELECT 1, 'a'), (1, 'a') NOT IN (SELECT 1, 'a');
SELECT count() FROM (SELECT number AS n FROM numbers(10)) WHERE (n, n * 2) IN (SELECT number, number * 2 FROM numbers(4));
SELECT count() FROM ev WHERE (user_id, id) IN (SELECT user_id, id FROM ev WHERE id > 1);
