-- TRUNCATE TABLE empties MergeTree and Memory tables, keeps their definition, and the table accepts new rows.
CREATE TABLE m (id UInt32, s String) ENGINE = MergeTree PARTITION BY id % 3 ORDER BY id;
CREATE TABLE mem (id UInt32) ENGINE = Memory;
INSERT INTO m VALUES (1, 'a'), (2, 'b'), (3, 'c');
INSERT INTO m VALUES (4, 'd');
INSERT INTO mem VALUES (1), (2);
TRUNCATE TABLE m;
TRUNCATE TABLE mem;
SELECT count() FROM m;
SELECT count() FROM mem;
SHOW TABLES;
INSERT INTO m VALUES (10, 'after');
INSERT INTO mem VALUES (10);
SELECT * FROM m;
SELECT * FROM mem;
TRUNCATE TABLE m;
-- restart
SELECT count() FROM m;
TRUNCATE TABLE nope;
