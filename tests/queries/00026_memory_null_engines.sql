-- Memory keeps rows in insertion blocks; Null accepts and discards every insert; neither needs ORDER BY.
CREATE TABLE mem (id Int32, s Nullable(String), a Array(UInt8)) ENGINE = Memory;
CREATE TABLE nul (id Int32, s Nullable(String)) ENGINE = Null;
INSERT INTO mem VALUES (3, 'c', [3]), (1, NULL, []), (2, 'b\tb', [1, 2]);
INSERT INTO mem VALUES (-2147483648, '', [255]);
INSERT INTO nul VALUES (1, 'discarded'), (2, NULL);
SELECT * FROM mem ORDER BY id;
SELECT count() FROM mem WHERE s IS NOT NULL;
SELECT * FROM nul;
SELECT count() FROM nul;
SELECT count() FROM nul WHERE id = 1;
SELECT id FROM mem WHERE id IN (1, 3) ORDER BY id DESC;
SELECT id FROM mem ORDER BY id LIMIT 1, 2;
DROP TABLE nul;
CREATE TABLE nul (id Int32) ENGINE = Null;
SELECT count() FROM nul;
CREATE TABLE nul_bad (id Int32) ENGINE = Null ORDER BY id;
CREATE TABLE mem_bad (id Int32) ENGINE = Memory PARTITION BY id;
SHOW TABLES;
