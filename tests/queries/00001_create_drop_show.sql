-- CREATE / DROP / SHOW TABLES / EXISTS lifecycle, including IF [NOT] EXISTS and the errors without them.
SHOW TABLES;
CREATE TABLE b_table (x UInt8) ENGINE = Memory;
CREATE TABLE a_table (x UInt8, s String) ENGINE = MergeTree ORDER BY x;
CREATE TABLE c_table (x UInt8) ENGINE = Null;
SHOW TABLES;
EXISTS TABLE a_table;
EXISTS TABLE missing_table;
CREATE TABLE a_table (y UInt8) ENGINE = Memory;
CREATE TABLE IF NOT EXISTS a_table (y UInt8) ENGINE = Memory;
-- IF NOT EXISTS keeps the original definition
INSERT INTO a_table VALUES (1, 'one');
SELECT x, s FROM a_table;
DROP TABLE b_table;
SHOW TABLES;
DROP TABLE b_table;
DROP TABLE IF EXISTS b_table;
EXISTS TABLE b_table;
-- a dropped name can be reused, and the new table starts empty
CREATE TABLE b_table (z String) ENGINE = MergeTree ORDER BY z;
SELECT count() FROM b_table;
INSERT INTO b_table VALUES ('fresh');
SELECT * FROM b_table;
DROP TABLE a_table;
DROP TABLE b_table;
DROP TABLE c_table;
SHOW TABLES;
SELECT * FROM a_table;
