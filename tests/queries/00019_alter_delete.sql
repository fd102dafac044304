-- ALTER TABLE ... DELETE WHERE: removes exactly the matching rows across parts and partitions; later inserts unaffected.
-- A mutation is complete before the next statement runs (ClickHouse: mutations_sync = 1; the oracle waited for it).
CREATE TABLE d (id UInt32, grp String, v Nullable(Int32), ts DateTime) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY id;
INSERT INTO d VALUES (1, 'a', 1, '2024-01-01 00:00:00'), (2, 'b', NULL, '2024-01-02 00:00:00'), (3, 'a', 3, '2024-02-01 00:00:00');
INSERT INTO d VALUES (4, 'c', 4, '2024-02-02 00:00:00'), (5, 'a', NULL, '2024-03-01 00:00:00'), (6, 'b', 6, '2024-03-02 00:00:00');
ALTER TABLE d DELETE WHERE grp = 'a' AND id > 1;
SELECT id, grp FROM d ORDER BY id;
ALTER TABLE d DELETE WHERE v IS NULL;
SELECT id FROM d ORDER BY id;
ALTER TABLE d DELETE WHERE id = 999;
SELECT count() FROM d;
INSERT INTO d VALUES (7, 'a', 7, '2024-01-15 00:00:00');
ALTER TABLE d DELETE WHERE ts < '2024-02-01 00:00:00' AND id < 5;
-- restart
SELECT id, grp, v, ts FROM d ORDER BY id;
ALTER TABLE d DELETE WHERE 1;
SELECT count() FROM d;
ALTER TABLE d DELETE WHERE nope = 1;
ALTER TABLE nope DELETE WHERE 1;
