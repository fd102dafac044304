-- visitParam* / simpleJSON*: first "name": anywhere in the row, value parsed from its start; constant and column JSON.
-- Oracle: ClickHouse 18.16. visitParamExtractRaw skips row 6 (`{"a":` with nothing after the colon crashes 18.16);
-- an unterminated raw value returns the rest of the row as modern ClickHouse (18.16 gave ''); simpleJSON* are modern aliases.
CREATE TABLE vp (id UInt8, j String) ENGINE = Memory;
INSERT INTO vp VALUES (1, '{"a":1,"b":"x\\ty","c":true,"d":[1,{"e":2}],"f":-3.5}'), (2, '{"a":"12","b":"\\u00e9\\ud83d\\ude00","c":false}'), (3, '{"a": 5, "b" : "spaced"}'), (4, ''), (5, '{"x":{"a":7}}'), (6, '{"a":'), (7, '{"b":"unterminated');
SELECT id, visitParamHas(j, 'a'), visitParamExtractUInt(j, 'a'), visitParamExtractInt(j, 'a'), visitParamExtractFloat(j, 'a') FROM vp ORDER BY id;
SELECT id, visitParamExtractString(j, 'b'), visitParamExtractBool(j, 'c'), visitParamExtractRaw(j, 'd'), visitParamExtractFloat(j, 'f') FROM vp ORDER BY id;
SELECT id, visitParamExtractRaw(j, 'a'), visitParamExtractRaw(j, 'b'), visitParamExtractRaw(j, 'x') FROM vp WHERE id != 6 ORDER BY id;
SELECT visitParamExtractInt('{"a":-17}', 'a'), visitParamExtractUInt('{"a":-17}', 'a'), visitParamExtractFloat('{"a":1e3}', 'a'), visitParamExtractString('{"a":1}', 'a');
SELECT simpleJSONExtractString('{"k":"v"}', 'k'), simpleJSONHas('{"k":"v"}', 'z'), simpleJSONExtractUInt('{"k":18446744073709551615}', 'k');
SELECT visitParamExtractString(j, 'b') AS s, count() FROM vp GROUP BY s ORDER BY s;
SELECT visitParamExtractString(toNullable('{"a":"n"}'), 'a'), visitParamExtractString(CAST(NULL AS Nullable(String)), 'a');
SELECT visitParamExtractString(j, j) FROM vp;
SELECT visitParamExtractString(1, 'a');
