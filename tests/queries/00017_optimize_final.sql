-- OPTIMIZE TABLE ... FINAL merges parts without changing the data, on MergeTree; reopening keeps the result.
CREATE TABLE m (k UInt32, v String, n Nullable(Int64)) ENGINE = MergeTree PARTITION BY k % 2 ORDER BY k SETTINGS index_granularity = 2;
INSERT INTO m VALUES (5, 'five', NULL), (1, 'one', -9223372036854775808);
INSERT INTO m VALUES (4, 'four', 4), (2, 'two', NULL);
INSERT INTO m VALUES (3, 'three', 3);
INSERT INTO m VALUES (3, 'three again', 33);
SELECT * FROM m ORDER BY k, v;
OPTIMIZE TABLE m FINAL;
SELECT * FROM m ORDER BY k, v;
SELECT count() FROM m WHERE k = 3;
OPTIMIZE TABLE m FINAL;
SELECT count() FROM m;
INSERT INTO m VALUES (6, 'six', 6);
OPTIMIZE TABLE m FINAL;
-- restart
SELECT k, v FROM m WHERE k >= 3 ORDER BY k, v;
OPTIMIZE TABLE nope FINAL;
