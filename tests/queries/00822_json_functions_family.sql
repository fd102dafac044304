-- JSON over strings: JSONExtractKeysAndValues[Raw], JSON_EXISTS, and the JSONExtract*/visitParamExtract* families over
-- NULLs, constant and column arguments, paths by key and index, and malformed input.
-- reference: by hand from modern ClickHouse semantics (18.16 has only visitParam*, checked against it).
SELECT JSONExtractKeysAndValues('{"x": {"a": 5, "b": 7, "c": 11}}', 'x', 'Int8');
SELECT JSONExtractKeysAndValues('{"a": 1, "b": "s", "c": 2.5}', 'Float64'), JSONExtractKeysAndValues('{"a": 1, "b": "s"}', 'String');
SELECT JSONExtractKeysAndValues('[1, 2]', 'Int64'), JSONExtractKeysAndValues('not json', 'Int64'), JSONExtractKeysAndValues('{}', 'Int64');
SELECT JSONExtractKeysAndValues('{"a": [1, 2], "b": []}', 'Array(UInt8)'), toTypeName(JSONExtractKeysAndValues('{}', 'Nullable(String)'));
SELECT JSONExtractKeysAndValuesRaw('{"a": [1, 2], "b": {"c": "d"}, "e": null}'), JSONExtractKeysAndValuesRaw('{"x": {"y": 1}}', 'x');
SELECT JSONExtractKeysAndValuesRaw(s) FROM (SELECT arrayJoin(['{"k": 1}', '', '{"k": "v", "l": true}']) AS s);
SELECT JSONExtractKeysAndValues(NULL, 'Int8'), JSONExtractKeysAndValues('{"a": 1}', 'NoSuchType');
SELECT JSONExtractKeysAndValues('{"a": 1}');
SELECT JSON_EXISTS('{"a": {"b": [1, 2]}}', '$.a.b'), JSON_EXISTS('{"a": {"b": [1, 2]}}', '$.a.c'), JSON_EXISTS('{"a": {"b": [1, 2]}}', '$.a.b[1]'), JSON_EXISTS('{"a": {"b": [1, 2]}}', '$.a.b[2]');
SELECT JSON_EXISTS(s, '$.k') FROM (SELECT arrayJoin(['{"k": null}', '{"j": 1}', 'garbage']) AS s);
SELECT JSON_EXISTS('{"a": 1}', 'a');
-- the families over a column with NULLs
SELECT JSONExtractInt(s, 'n'), JSONExtractUInt(s, 'n'), JSONExtractFloat(s, 'n'), JSONExtractBool(s, 'b'), JSONExtractString(s, 'str'), JSONExtractRaw(s, 'arr'), JSONHas(s, 'arr', 2), JSONLength(s, 'arr'), JSONType(s, 'n')
FROM (SELECT arrayJoin([NULL, '{"n": -3, "b": true, "str": "x\\ny", "arr": [1, {"z": 2}]}', '{"n": "17"}', '{"n": 1e3}', '[]']) AS s);
SELECT JSONExtract(s, 'Tuple(a UInt8, b Array(String))'), JSONExtractKeys(s), JSONExtractArrayRaw(s, 'b')
FROM (SELECT arrayJoin(['{"a": 1, "b": ["x", "y"]}', '{"b": [1]}', '{"a": -1}']) AS s);
SELECT visitParamExtractInt(s, 'n'), visitParamExtractUInt(s, 'n'), visitParamExtractFloat(s, 'n'), visitParamExtractBool(s, 'b'), visitParamExtractString(s, 'str'), visitParamExtractRaw(s, 'arr'), visitParamHas(s, 'arr')
FROM (SELECT arrayJoin(['{"n":-3,"b":true,"str":"x","arr":[1,2]}', '{"n":4.5}', '', '{"n":"7"}']) AS s);
