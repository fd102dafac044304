-- match/extract/replace/split/multiSearchAny/trim/pad, math and dateDiff. Oracle: ClickHouse 18.16 where it has the
-- function; leftPad/rightPad, repeat, cosineDistance, L2Distance, fromUnixTimestamp64Milli and the dateDiff units it lacks
-- follow modern ClickHouse.
CREATE TABLE ss (id UInt8, s String) ENGINE = Memory;
INSERT INTO ss VALUES (1, 'Hello, World 2024-03-10'), (2, ''), (3, 'a1b22c333'), (4, '  padded  ');
SELECT id, match(s, '\\d+'), extract(s, '(\\d+)-(\\d+)'), extract(s, '[a-z]\\d'), extractAll(s, '\\d+') FROM ss ORDER BY id;
SELECT id, replaceOne(s, 'l', 'L'), replaceAll(s, 'l', 'L'), replaceRegexpOne(s, '(\\d+)-(\\d+)-(\\d+)', '\\3.\\2.\\1'), replaceRegexpAll(s, '\\d', '#') FROM ss ORDER BY id;
SELECT id, splitByChar(',', s), splitByString(', ', s), multiSearchAny(s, ['World', 'xyz']), multiSearchAnyCaseInsensitive(s, ['WORLD']) FROM ss ORDER BY id;
SELECT id, concat('[', trimLeft(s), ']'), concat('[', trimRight(s), ']'), concat('[', trimBoth(s), ']'), reverse(s) FROM ss ORDER BY id;
SELECT leftPad('7', 3, '0'), rightPad('7', 3, 'ab'), leftPad('abcdef', 3), rightPad('x', 4), repeat('ab', 3), repeat('x', 0);
SELECT replaceRegexpAll('abc', 'x*', '-'), extractAll('abc', 'z'), splitByChar(',', ',a,'), splitByString('', 'abc');
SELECT replaceAll('aaa', '', 'x');
SELECT replaceRegexpAll('abc', '', 'x');
SELECT sqrt(16), exp(0), log(1), pow(2, 10), round(cosineDistance([1, 0], [0, 1]), 6), L2Distance([0, 0], [3, 4]), log10(1000), exp2(3);
SELECT dateDiff('day', toDate('2024-01-01'), toDate('2024-03-01')), dateDiff('hour', toDateTime('2024-01-01 00:00:00', 'UTC'), toDateTime('2024-01-01 05:59:59', 'UTC')), dateDiff('month', toDate('2023-12-31'), toDate('2024-01-01')), dateDiff('year', toDate('2023-12-31'), toDate('2024-01-01')), dateDiff('week', toDate('2024-03-03'), toDate('2024-03-04'));
SELECT dateDiff('minute', toDateTime('2024-01-01 00:00:59', 'UTC'), toDateTime('2024-01-01 00:01:00', 'UTC')), dateDiff('second', toDateTime('2024-01-01 00:00:00', 'UTC'), toDateTime('2023-12-31 23:59:00', 'UTC')), dateDiff('quarter', toDate('2024-03-31'), toDate('2024-04-01'));
SELECT toStartOfTenMinutes(toDateTime('2024-03-10 12:37:45', 'UTC')), fromUnixTimestamp64Milli(1709251200123), timestampAdd(toDate('2024-03-10'), INTERVAL 3 DAY), timestampSub(toDateTime('2024-03-10 00:00:00', 'UTC'), INTERVAL 1 HOUR);
SELECT match('abc', '(');
SELECT splitByChar('ab', 'abc');
SELECT dateDiff('fortnight', toDate('2024-01-01'), toDate('2024-01-02'));
SELECT match(s, s) FROM ss;
