-- reference: hand-written from the modern ClickHouse documentation; 18.16 has no Bool, Date32, DateTime64 or Map.
-- Bool prints true/false; Date32 covers 1900-01-01..2299-12-31; DateTime64(p) prints p fractional digits in its
-- time zone; Map prints {'k':v,...} in TSV and a JSON object in JSONEachRow (64-bit integers unquoted).
CREATE TABLE m (id UInt8, b Bool, d32 Date32, dt64 DateTime64(3), dt64tz DateTime64(6, 'Asia/Tokyo'), mp Map(String, UInt64)) ENGINE = MergeTree ORDER BY id;
INSERT INTO m VALUES (1, true, '1900-01-01', '2024-01-01 00:00:00.123', '2024-01-01 09:00:00.000001', {'a': 1, 'b': 2});
INSERT INTO m VALUES (2, false, '2299-12-31', '1970-01-01 00:00:00', '1970-01-01 09:00:00', {});
INSERT INTO m VALUES (3, true, '2024-02-29', '2024-02-29 23:59:59.999', '2024-03-01 08:59:59.999999', {'k\'q': 18446744073709551615});
SELECT * FROM m ORDER BY id;
SELECT id FROM m WHERE b ORDER BY id;
SELECT id FROM m WHERE NOT b ORDER BY id;
SELECT id FROM m WHERE d32 < '1970-01-01' ORDER BY id;
SELECT id FROM m WHERE dt64 > '2024-01-01 00:00:00' ORDER BY id;
SELECT id, toDate(dt64), toYYYYMM(d32) FROM m ORDER BY id;
SELECT * FROM m ORDER BY id FORMAT JSONEachRow;
DESCRIBE TABLE m;
-- restart
SELECT id, b, mp FROM m ORDER BY id DESC;
