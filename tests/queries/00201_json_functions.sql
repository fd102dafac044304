-- JSON functions over strings with modern ClickHouse semantics (18.16 has none of them; expected values follow
-- ClickHouse 23+ documentation): keys and 1-based / negative indexes, defaults on missing paths and mismatches.
CREATE TABLE js (id UInt8, j String) ENGINE = Memory;
INSERT INTO js VALUES (1, '{"a":"hello","b":{"c":[10,-20,30.5]},"d":true,"e":null,"n":"42"}'), (2, '{"a":1,"b":{"c":"x"}}'), (3, 'not json'), (4, ''), (5, '[1,[2,3],{"k":"v"}]');
SELECT id, JSONExtractString(j, 'a'), JSONExtractInt(j, 'b', 'c', 2), JSONExtractFloat(j, 'b', 'c', -1), JSONExtractUInt(j, 'n') FROM js ORDER BY id;
SELECT id, JSONHas(j, 'b', 'c'), JSONHas(j, 'e'), JSONHas(j, 'zz'), JSONLength(j), JSONLength(j, 'b', 'c'), JSONType(j), JSONType(j, 'a') FROM js ORDER BY id;
SELECT id, JSONExtractRaw(j, 'b'), JSONExtractRaw(j, 2), JSONExtractRaw(j, -1), JSONExtractBool(j, 'd') FROM js ORDER BY id;
SELECT id, JSONExtractKeys(j), JSONExtractArrayRaw(j, 'b', 'c'), JSONExtractArrayRaw(j) FROM js ORDER BY id;
SELECT JSONExtractInt('{"a":1.9}', 'a'), JSONExtractInt('{"a":"-7"}', 'a'), JSONExtractUInt('{"a":-1}', 'a'), JSONExtractInt('{"a":true}', 'a'), JSONExtractBool('{"a":2}', 'a');
SELECT JSONExtractInt('{"a":9223372036854775808}', 'a'), JSONExtractUInt('{"a":18446744073709551615}', 'a'), JSONType('{"a":18446744073709551615}', 'a'), JSONType('{"a":-1}', 'a');
SELECT JSONExtractString('{"a":"\\u00e9\\n\\"q\\""}', 'a'), JSONExtractString('{"a":5}', 'a'), JSONExtractString('"top"'), JSONExtractInt('17');
SELECT JSONExtract('{"a":[1,2,300]}', 'a', 'Array(UInt8)'), JSONExtract('{"a":[1,"x",null]}', 'a', 'Array(Nullable(Int64))'), JSONExtract('{"a":{"x":1,"y":"s"}}', 'a', 'Tuple(y String, x Float64)');
SELECT JSONExtract('{"a":"s"}', 'a', 'String'), JSONExtract('{"a":[1, 2]}', 'a', 'String'), JSONExtract('{"a":5}', 'b', 'Nullable(Int32)'), JSONExtract('{"a":"v"}', 'a', 'LowCardinality(String)');
SELECT JSONExtractRaw('{"a": [1, {"x" : "y/z"}, 2.50, -0, 1e2]}', 'a'), JSONExtractKeys('{"a":1,"b\\"c":2}'), JSONExtractArrayRaw('[]');
SELECT JSON_VALUE('{"a":{"b":5}}', '$.a.b'), JSON_VALUE('{"a":{"b":"s"}}', '$.a.b'), JSON_VALUE('{"a":{"b":[1]}}', '$.a.b'), JSON_VALUE('{"a":[7,8]}', '$.a[1]'), JSON_VALUE('{"a b":1}', '$["a b"]');
SELECT JSON_QUERY('{"a":{"b":[5, 6]}}', '$.a.b'), JSON_QUERY('{"a":"s"}', '$.a'), JSON_QUERY('{"a":1}', '$.z');
SELECT id, JSONExtractString(j, k) FROM (SELECT id, j, if(id = 1, 'a', 'zz') AS k FROM js) ORDER BY id;
SELECT JSONExtractString(toNullable('{"a":"n"}'), 'a'), JSONExtractString(CAST(NULL AS Nullable(String)), 'a');
SELECT JSONExtractString(1, 'a');
SELECT JSONExtractString('{}', 1.5);
SELECT JSONExtract('{}', 'a', 'Date');
SELECT JSONExtract('{}');
SELECT JSON_VALUE('{}', 'a.b');
