-- ORDER BY ... LIMIT with NULLs, NaN, string partition keys and multiple keys
CREATE TABLE n (p String, x Nullable(Int32), f Float64, id UInt32) ENGINE = MergeTree PARTITION BY p ORDER BY id;
INSERT INTO n VALUES ('c', NULL, nan, 0), ('b', -18, -0.5, 1), ('b', 2, -1.5, 2), ('a', 1, 0.5, 3), ('a', 10, -0.5, 4), ('b', -5, 1.5, 5), ('a', -15, -0.5, 6), ('a', NULL, -1.5, 7), ('d', 17, -2.5, 8), ('d', -19, -0.5, 9), ('c', -6, -2.0, 10), ('b', 18, nan, 11), ('d', 0, 1.0, 12), ('b', -2, 2.0, 13), ('b', NULL, -2.5, 14), ('d', 12, -1.5, 15), ('a', 17, -1.0, 16), ('a', -19, -2.5, 17), ('b', 3, -2.0, 18), ('d', 8, 1.5, 19);
-- restart
INSERT INTO n VALUES ('a', -19, 1.5, 20), ('b', NULL, 1.0, 21), ('c', -20, nan, 22), ('d', -16, 1.5, 23), ('a', 13, -2.0, 24), ('d', -4, -2.0, 25), ('c', -5, -1.0, 26), ('b', 9, 1.0, 27), ('d', NULL, -2.0, 28), ('d', -2, -2.5, 29), ('b', -16, 2.0, 30), ('b', 1, -0.5, 31), ('c', 19, 2.0, 32), ('b', -20, nan, 33), ('d', -17, 1.0, 34), ('c', NULL, -2.0, 35), ('b', 11, -0.5, 36), ('c', 9, 1.0, 37), ('d', -13, 1.5, 38), ('b', -1, -2.0, 39);
-- restart
INSERT INTO n VALUES ('d', -19, -0.5, 40), ('d', -16, 1.5, 41), ('d', NULL, -0.5, 42), ('d', -7, -1.0, 43), ('a', 17, nan, 44), ('a', -11, 1.5, 45), ('c', 3, -1.5, 46), ('c', -13, 0.0, 47), ('b', 11, 1.0, 48), ('d', NULL, -2.5, 49), ('b', -20, 1.0, 50), ('d', 5, -0.5, 51), ('b', 6, 0.0, 52), ('d', 0, -2.0, 53), ('c', -20, 0.0, 54), ('c', 5, nan, 55), ('a', NULL, -1.0, 56), ('a', -2, -0.5, 57), ('c', -16, 0.5, 58), ('d', 17, -2.0, 59);
-- restart
SELECT p, id FROM n ORDER BY p DESC, id LIMIT 5;
SELECT p, id FROM n ORDER BY p, id DESC LIMIT 5;
SELECT p, count() FROM n GROUP BY p ORDER BY p DESC LIMIT 2;
SELECT x, id FROM n ORDER BY x DESC NULLS FIRST, id LIMIT 6;
SELECT x, id FROM n ORDER BY x DESC NULLS LAST, id LIMIT 6;
SELECT x, id FROM n ORDER BY x ASC NULLS FIRST, id LIMIT 6;
SELECT x, id FROM n ORDER BY x ASC NULLS LAST, id LIMIT 6;
SELECT f, id FROM n ORDER BY f DESC, id LIMIT 5;
SELECT f, id FROM n ORDER BY f ASC, id LIMIT 5;
SELECT f, id FROM n ORDER BY f DESC NULLS LAST, id LIMIT 3 OFFSET 2;
SELECT p, x, id FROM n WHERE p != 'd' ORDER BY p DESC, x DESC, id LIMIT 4;
DROP TABLE n;
