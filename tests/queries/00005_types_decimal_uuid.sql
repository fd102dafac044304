-- reference: modern ClickHouse behaviour, 18.16 differs (Decimal prints without trailing zeros,
-- output_format_decimal_trailing_zeros = 0 since 21.9; 18.16 pads to the scale)
-- Decimal(P, S) formatting (fixed scale, sign, limits) and UUID round trip.
CREATE TABLE dec (id UInt8, d9 Decimal(9, 2), d18 Decimal(18, 6), d38 Decimal(38, 10), d0 Decimal(5, 0)) ENGINE = Memory;
INSERT INTO dec VALUES (1, 0, 0, 0, 0), (2, 1.5, 1.5, 1.5, 1), (3, -1.5, -0.000001, -12345678901234567890.0123456789, -99999);
INSERT INTO dec VALUES (4, 9999999.99, 999999999999.999999, 9999999999999999999999999999.9999999999, 99999);
INSERT INTO dec VALUES (5, -0.01, 0.1, 0.0000000001, 42);
SELECT * FROM dec ORDER BY id;
SELECT id FROM dec WHERE d9 > 1 ORDER BY id;
SELECT id FROM dec WHERE d18 < 0 ORDER BY id;
SELECT id, d9 FROM dec ORDER BY d9 DESC;
CREATE TABLE u (id UInt8, v UUID) ENGINE = Memory;
INSERT INTO u VALUES (1, '00000000-0000-0000-0000-000000000000'), (2, '61f0c404-5cb3-11e7-907b-a6006ad3dba0');
INSERT INTO u VALUES (3, 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF');
SELECT * FROM u ORDER BY id;
SELECT id FROM u WHERE v = '61f0c404-5cb3-11e7-907b-a6006ad3dba0';
INSERT INTO u VALUES (4, 'not-a-uuid');
SELECT count() FROM u;
