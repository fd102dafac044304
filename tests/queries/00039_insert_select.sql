-- INSERT ... SELECT: columns by position into the listed or all insertable columns, cast to the target types (NULL into
-- a non-Nullable column is the type default, String into LowCardinality), DEFAULT and MATERIALIZED filled, column
-- count and name errors, a table inserting a snapshot of itself, a large multi-block SELECT.
CREATE TABLE src (id UInt64, s String, n Nullable(Int32)) ENGINE = MergeTree ORDER BY id;
INSERT INTO src VALUES (1, 'a', 10), (2, 'b', NULL), (3, 'c', 30);
CREATE TABLE dst (id UInt64, s LowCardinality(String), n Int64, d UInt8 DEFAULT 7, m UInt64 MATERIALIZED id * 2) ENGINE = MergeTree ORDER BY id;
INSERT INTO dst SELECT id, s, n, 1 FROM src;
INSERT INTO dst (id, n) SELECT id + 10, n FROM src WHERE id > 1;
SELECT id, s, n, d, m FROM dst ORDER BY id;
INSERT INTO dst SELECT id FROM src;
INSERT INTO dst (id, nope) SELECT 1, 2;
INSERT INTO dst SELECT number, toString(number), number, 0 FROM numbers(100000);
SELECT count(), sum(n), uniqExact(s) FROM dst;
INSERT INTO dst SELECT * FROM dst WHERE id < 3;
SELECT count() FROM dst;
SELECT count() FROM numbers(5);
