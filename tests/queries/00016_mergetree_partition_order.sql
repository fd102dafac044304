-- MergeTree with PARTITION BY and ORDER BY / PRIMARY KEY: rows land in several partitions and parts, every query
-- sees all of them, key-range filters across partitions are exact.
CREATE TABLE events (ts DateTime, user_id UInt64, path String, dur Float32) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (user_id, ts);
INSERT INTO events VALUES ('2024-01-31 23:59:59', 2, '/a', 1), ('2024-02-01 00:00:00', 1, '/b', 2), ('2024-03-15 12:00:00', 3, '/c', 3);
INSERT INTO events VALUES ('2024-02-10 10:00:00', 1, '/d', 4), ('2024-01-01 00:00:00', 3, '/e', 5);
INSERT INTO events VALUES ('2023-12-31 23:00:00', 2, '/f', 6);
SELECT * FROM events ORDER BY ts;
SELECT user_id, ts FROM events WHERE user_id = 1 ORDER BY ts;
SELECT path FROM events WHERE ts >= '2024-02-01 00:00:00' AND ts < '2024-03-01 00:00:00' ORDER BY path;
SELECT path FROM events WHERE toYYYYMM(ts) = 202401 ORDER BY path;
SELECT count() FROM events WHERE user_id IN (2, 3);
SELECT path FROM events WHERE user_id = 2 AND ts > '2024-01-01 00:00:00';
CREATE TABLE pk (a UInt32, b String, c Int8) ENGINE = MergeTree ORDER BY (a, b) PRIMARY KEY a;
INSERT INTO pk VALUES (3, 'z', 1), (1, 'y', 2), (2, 'x', 3), (1, 'a', 4);
SELECT * FROM pk ORDER BY a, b;
SELECT c FROM pk WHERE a = 1 ORDER BY c;
CREATE TABLE by_string (s String, n UInt8) ENGINE = MergeTree PARTITION BY s ORDER BY n;
INSERT INTO by_string VALUES ('x', 1), ('y', 2), ('', 3), ('x', 4);
SELECT s, n FROM by_string ORDER BY n;
CREATE TABLE no_key (x UInt8) ENGINE = MergeTree ORDER BY tuple();
INSERT INTO no_key VALUES (3), (1), (2);
SELECT x FROM no_key ORDER BY x;
CREATE TABLE bad_key (x UInt8) ENGINE = MergeTree ORDER BY y;
CREATE TABLE bad_part (x UInt8) ENGINE = MergeTree PARTITION BY nope(x) ORDER BY x;
CREATE TABLE pk_not_prefix (a UInt8, b UInt8) ENGINE = MergeTree ORDER BY a PRIMARY KEY b;
SHOW TABLES;
