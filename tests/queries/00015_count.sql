-- count(): empty tables, with WHERE, after several inserts, on each engine, with Nullable columns.
CREATE TABLE m (id UInt64, n Nullable(UInt8)) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 3;
CREATE TABLE mem (id UInt64, n Nullable(UInt8)) ENGINE = Memory;
SELECT count() FROM m;
SELECT count() FROM mem;
SELECT count() FROM m WHERE id > 0;
INSERT INTO m VALUES (1, 1), (2, NULL), (3, 3), (4, NULL), (5, 5), (6, 6), (7, NULL);
INSERT INTO m VALUES (8, 8);
INSERT INTO mem VALUES (1, NULL), (2, 2);
SELECT count() FROM m;
SELECT count() FROM mem;
SELECT count() FROM m WHERE n IS NULL;
SELECT count() FROM m WHERE n > 4;
SELECT count() FROM m WHERE id >= 3 AND id <= 6;
SELECT count() FROM m WHERE id = 100;
SELECT count(), count() FROM mem;
SELECT count() FROM m FORMAT JSONEachRow;
SELECT count() FROM nope;
