-- WHERE is handed to storage as a prewhere (its columns read first, the other columns only for granules with a
-- kept row): results must equal a plain filter, with granule runs kept and skipped inside one block, NULL filter
-- values, LowCardinality and Nullable conditions, a condition on a selected column, FINAL, and non-deterministic
-- conditions (not pushed down, evaluated once per row).
CREATE TABLE p (id UInt32, grp LowCardinality(String), n Nullable(UInt8), s String, v UInt64) ENGINE = MergeTree ORDER BY id
    SETTINGS index_granularity = 4;
INSERT INTO p VALUES (0, 'a', NULL, 'payload0', 0), (1, 'a', 1, 'payload1', 10), (2, 'a', 2, 'payload2', 20), (3, 'a', NULL, 'payload3', 30), (4, 'a', 4, 'payload4', 40), (5, 'a', 0, 'payload5', 50), (6, 'a', NULL, 'payload6', 60), (7, 'a', 2, 'payload7', 70), (8, 'a', 3, 'payload8', 80), (9, 'a', NULL, 'payload9', 90), (10, 'b', 0, 'payload10', 100), (11, 'b', 1, 'payload11', 110), (12, 'b', NULL, 'payload12', 120), (13, 'b', 3, 'payload13', 130), (14, 'b', 4, 'payload14', 140), (15, 'b', NULL, 'payload15', 150), (16, 'b', 1, 'payload16', 160), (17, 'b', 2, 'payload17', 170), (18, 'b', NULL, 'payload18', 180), (19, 'b', 4, 'payload19', 190), (20, 'b', 0, 'payload20', 200), (21, 'b', NULL, 'payload21', 210), (22, 'b', 2, 'payload22', 220), (23, 'b', 3, 'payload23', 230), (24, 'b', NULL, 'payload24', 240), (25, 'b', 0, 'payload25', 250), (26, 'b', 1, 'payload26', 260), (27, 'b', NULL, 'payload27', 270), (28, 'b', 3, 'payload28', 280), (29, 'b', 4, 'payload29', 290), (30, 'c', NULL, 'payload30', 300), (31, 'c', 1, 'payload31', 310), (32, 'c', 2, 'payload32', 320), (33, 'c', NULL, 'payload33', 330), (34, 'c', 4, 'payload34', 340), (35, 'c', 0, 'payload35', 350), (36, 'c', NULL, 'payload36', 360), (37, 'c', 2, 'payload37', 370), (38, 'c', 3, 'payload38', 380), (39, 'c', NULL, 'payload39', 390);
SELECT id, s, v FROM p WHERE grp = 'b' AND id % 7 = 1 ORDER BY id;
SELECT id, s FROM p WHERE n = 2 ORDER BY id;
SELECT count(), sum(v) FROM p WHERE n IS NULL;
SELECT id, n, s FROM p WHERE id IN (3, 17, 39) ORDER BY id;
SELECT id, s FROM p WHERE s LIKE 'payload3%' ORDER BY id;
SELECT grp, count(), sum(v) FROM p WHERE id < 6 OR id > 36 GROUP BY grp ORDER BY grp;
SELECT count() FROM p WHERE grp = 'zzz';
SELECT id, s FROM p WHERE n ORDER BY id LIMIT 5;
SELECT id, s FROM p FINAL WHERE grp = 'c' ORDER BY id;
SELECT count() < 40 FROM p WHERE rand() % 2 = 0 AND s != '';
DROP TABLE p;
