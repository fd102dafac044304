-- Syntax errors are reported as SYNTAX_ERROR and the next statement still runs; bad types are UNKNOWN_TYPE.
CREATE TABLE t (x UInt8) ENGINE = Memory;
INSERT INTO t VALUES (1);
SELEC x FROM t;
SELECT x FROM t;
SELECT x FROM t WHERE;
SELECT x FROM t ORDER BY;
SELECT x FROM t LIMIT;
SELECT x FROM t WHERE x = (1;
SELECT x FROM t;
CREATE TABLE;
CREATE TABLE u (x UInt8;
CREATE TABLE u (x UInt8) ENGINE = ;
CREATE TABLE u (x NoSuchType) ENGINE = Memory;
CREATE TABLE u (x Decimal(100, 2)) ENGINE = Memory;
CREATE TABLE u (x FixedString) ENGINE = Memory;
CREATE TABLE u (x Nullable) ENGINE = Memory;
CREATE TABLE u (x Array) ENGINE = Memory;
CREATE TABLE u (x UInt8, x String) ENGINE = Memory;
CREATE TABLE u () ENGINE = Memory;
INSERT INTO t (x VALUES (3);
DROP TABLE;
DROP;
garbage;
SHOW TABLES;
SELECT count() FROM t;
-- an unterminated string swallows the rest of the input: last
SELECT x FROM t WHERE s = 'unterminated;
SELECT x FROM t;
