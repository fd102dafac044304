-- Hash functions: values identical to ClickHouse (oracle 18.16; xxHash64/xxHash32 are not in 18.16, their values are
-- the xxHash reference values, which modern ClickHouse returns).
CREATE TABLE h (id UInt8, s String, n Int64, f Float64) ENGINE = Memory;
INSERT INTO h VALUES (1, '', 0, 0), (2, 'a', 1, 1.5), (3, 'hello world 12345', -1, -0.25), (4, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 9223372036854775807, 1e300), (5, 'abcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefgh', -9223372036854775808, 3);
SELECT id, cityHash64(s), cityHash64(n), cityHash64(f), cityHash64(s, n), cityHash64(s, n, f) FROM h ORDER BY id;
SELECT id, sipHash64(s), sipHash64(n), sipHash64(s, n) FROM h ORDER BY id;
SELECT id, murmurHash3_32(s), murmurHash3_64(s), murmurHash3_32(s, n), murmurHash3_64(n) FROM h ORDER BY id;
SELECT cityHash64(toInt8(-1)), cityHash64(toUInt16(65535)), cityHash64(toFloat32(1.5)), cityHash64(toDate('2020-01-01')), cityHash64(toDateTime('2020-01-01 00:00:00', 'UTC')), cityHash64('a', 'b'), cityHash64(('a', 1));
SELECT cityHash64(CAST('ab' AS FixedString(2))), sipHash64(CAST('ab' AS FixedString(2))), cityHash64(NULL), cityHash64(toNullable('a'));
SELECT cityHash64(s) = cityHash64('hello world 12345'), xxHash64(s) = xxHash64('hello world 12345') FROM h WHERE id = 3;
SELECT id, xxHash64(s), xxHash32(s), xxHash64(n), xxHash64(s, n) FROM h ORDER BY id;
SELECT cityHash64([1, 2]);
SELECT cityHash64();
