-- Expressions in the SELECT list: arithmetic (wrap-around, promotion, division), if, concat, lower, length, toDate,
-- toYYYYMM, toStartOfHour, with NULLs and edge values.
CREATE TABLE e (id UInt8, u UInt64, i Int64, a UInt8, f Float64, s String, ns Nullable(String), ni Nullable(Int32), ts DateTime) ENGINE = Memory;
INSERT INTO e VALUES (1, 18446744073709551615, -9223372036854775808, 255, 1.5, 'ÀBC Déf', NULL, NULL, '2024-03-10 23:59:59');
INSERT INTO e VALUES (2, 0, 9223372036854775807, 0, -0.5, '', 'x', 7, '1970-01-01 00:00:00');
INSERT INTO e VALUES (3, 10, -7, 3, 0, 'MiXeD 123', '', -1, '2000-02-29 12:34:56');
SELECT id, u + 1, i - 1, a + a, a * 2 FROM e ORDER BY id;
SELECT id, i + 1, u - 1 FROM e ORDER BY id;
SELECT id, a / 2, f * 2, f / 0, -f FROM e ORDER BY id;
SELECT id, i % 3, a % 7 FROM e ORDER BY id;
SELECT id, a % 0 FROM e ORDER BY id;
SELECT id, if(a > 100, 'big', 'small'), if(id = 2, s, 'other'), if(a > 0, a, 100) FROM e ORDER BY id;
SELECT id, concat(s, '-', s), concat('[', ns, ']'), length(s), length(ns), lower(s) FROM e ORDER BY id;
SELECT id, toDate(ts), toYYYYMM(ts), toStartOfHour(ts) FROM e ORDER BY id;
SELECT id, ni + 1, ni * ni, ni IS NULL FROM e ORDER BY id;
SELECT id, id = 2, id != 2, NOT (id = 2), id > 1 AND id < 3, id = 1 OR id = 3 FROM e ORDER BY id;
SELECT s, id FROM e WHERE length(s) > 0 ORDER BY s;
SELECT lower(id) FROM e;
