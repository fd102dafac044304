-- Date and DateTime (server TZ = UTC) and DateTime with explicit time zones.
CREATE TABLE d (id UInt8, dt Date, ts DateTime, ts_tokyo DateTime('Asia/Tokyo'), ts_ny DateTime('America/New_York')) ENGINE = Memory;
INSERT INTO d VALUES (1, '1970-01-02', '1970-01-02 00:00:00', '1970-01-02 09:00:00', '1970-01-01 19:00:00');
INSERT INTO d VALUES (2, '2024-02-29', '2024-02-29 23:59:59', '2024-03-01 08:59:59', '2024-02-29 18:59:59');
INSERT INTO d VALUES (3, '2000-01-01', '2000-01-01 12:30:45', '2000-01-01 21:30:45', '2000-01-01 07:30:45');
INSERT INTO d VALUES (4, '2100-12-31', '2100-12-31 23:59:59', '2101-01-01 08:59:59', '2100-12-31 18:59:59');
INSERT INTO d VALUES (5, '2024-03-10', '2024-03-10 07:30:00', '2024-03-10 16:30:00', '2024-03-10 03:30:00');
SELECT * FROM d ORDER BY id;
SELECT id, toDate(ts), toYYYYMM(ts), toStartOfHour(ts) FROM d ORDER BY id;
SELECT id FROM d WHERE ts = ts_tokyo AND ts = ts_ny ORDER BY id;
SELECT id FROM d WHERE dt >= '2000-01-01' AND dt < '2024-03-01' ORDER BY id;
SELECT id FROM d WHERE ts > '2024-01-01 00:00:00' ORDER BY id;
SELECT id, toYYYYMM(dt) FROM d WHERE toYYYYMM(dt) = 202402;
SELECT id, toDate(ts_tokyo), toStartOfHour(ts_ny) FROM d ORDER BY id;
INSERT INTO d VALUES (7, '2024-01-01', 'not a time', '2024-01-01 00:00:00', '2024-01-01 00:00:00');
SELECT count() FROM d;
-- reference: modern ClickHouse behaviour, 18.16 differs (an unknown time zone is BAD_ARGUMENTS in modern ClickHouse,
-- a Poco exception code 1000 in 18.16)
CREATE TABLE bad_tz (ts DateTime('Mars/Olympus')) ENGINE = Memory;
