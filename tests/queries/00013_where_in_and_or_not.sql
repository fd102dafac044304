-- IN / NOT IN lists, AND / OR / NOT with precedence and parentheses, NULL semantics in boolean logic.
CREATE TABLE l (id UInt32, cat String, v Nullable(Int32)) ENGINE = Memory;
INSERT INTO l VALUES (1, 'a', 1), (2, 'b', NULL), (3, 'c', 3), (4, 'a', -4), (5, 'b', 5), (6, '', NULL), (7, 'x\'y', 0);
SELECT id FROM l WHERE id IN (1, 3, 5) ORDER BY id;
SELECT id FROM l WHERE id NOT IN (1, 3, 5) ORDER BY id;
SELECT id FROM l WHERE cat IN ('a', '', 'x\'y') ORDER BY id;
SELECT id FROM l WHERE cat NOT IN ('a', 'b') ORDER BY id;
SELECT id FROM l WHERE id IN (42);
SELECT id FROM l WHERE v IN (1, 5, -4) ORDER BY id;
-- reference: modern ClickHouse behaviour, 18.16 differs (NULL NOT IN (...) is NULL, so the row is filtered out;
-- 18.16 returned true, ClickHouse issue #3767, fixed in 19.8)
SELECT id FROM l WHERE v NOT IN (1, 5) ORDER BY id;
SELECT id FROM l WHERE cat = 'a' AND v > 0 ORDER BY id;
SELECT id FROM l WHERE cat = 'a' OR cat = 'c' ORDER BY id;
SELECT id FROM l WHERE cat = 'b' OR id = 1 AND v = 1 ORDER BY id;
SELECT id FROM l WHERE (cat = 'b' OR id = 1) AND v = 1 ORDER BY id;
SELECT id FROM l WHERE NOT cat = 'a' ORDER BY id;
SELECT id FROM l WHERE NOT (cat = 'a' OR cat = 'b') ORDER BY id;
SELECT id FROM l WHERE NOT id IN (1, 2) AND id < 5 ORDER BY id;
SELECT id FROM l WHERE v > 0 OR v IS NULL ORDER BY id;
SELECT id FROM l WHERE NOT (v > 0) ORDER BY id;
SELECT id FROM l WHERE v = NULL ORDER BY id;
SELECT id FROM l WHERE id > 1 AND id < 7 AND cat != 'b' ORDER BY id;
SELECT id FROM l WHERE id < 2 OR id > 6 OR cat = 'c' ORDER BY id;
SELECT count() FROM l WHERE cat IN ('a', 'b') AND NOT v IS NULL;
