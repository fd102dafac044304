-- Differential query list: one query per line, run on pipit and ClickHouse 18.16 by run.py (`--` lines are comments).
-- Data: gen.py (tables events, users, countries). Add ORDER BY with a total order where row order matters;
-- queries without a top-level ORDER BY are compared as multisets of rows.

-- scans, filters, ordering
SELECT count() FROM events
SELECT count() FROM users
SELECT * FROM countries ORDER BY country
SELECT * FROM events WHERE id <= 20 ORDER BY id
SELECT * FROM users WHERE user_id % 250 = 0 ORDER BY user_id
SELECT count() FROM events WHERE browser IS NULL
SELECT count() FROM events WHERE browser IS NOT NULL
SELECT count() FROM events WHERE browser = ''
SELECT count() FROM events WHERE name = ''
SELECT count() FROM events WHERE country = 'DE'
SELECT count() FROM events WHERE country IN ('DE', 'FR', '')
SELECT count() FROM events WHERE country NOT IN ('DE', 'FR')
SELECT count() FROM events WHERE qty < 0 AND amount > 100
SELECT count() FROM events WHERE qty < 0 OR amount > 1000
SELECT count() FROM events WHERE NOT (qty BETWEEN -10 AND 10)
SELECT count() FROM events WHERE qty BETWEEN -10 AND 10
SELECT count() FROM events WHERE score > 0
SELECT count() FROM events WHERE ratio < 0
SELECT count() FROM events WHERE name LIKE 'al%'
SELECT count() FROM events WHERE name NOT LIKE '%a%'
SELECT count() FROM events WHERE url LIKE '%example%'
SELECT count() FROM events WHERE name LIKE '%\\_%'
SELECT count() FROM events WHERE empty(tags)
SELECT count() FROM events WHERE has(tags, 'red')
SELECT count() FROM events WHERE ts >= '2024-03-31 03:00:00' AND ts < '2024-03-31 04:00:00'
SELECT count() FROM events WHERE ts_utc >= '2024-03-31 00:00:00' AND ts_utc < '2024-03-31 02:00:00'
SELECT count() FROM events WHERE d = '2024-10-27'
SELECT count() FROM events WHERE d BETWEEN '2024-03-30' AND '2024-04-01'
SELECT count() FROM events WHERE toDate(ts) = '2024-10-27'
SELECT count() FROM events WHERE user_id = 777
SELECT id, qty, amount FROM events ORDER BY amount DESC, id LIMIT 15
SELECT id, qty FROM events ORDER BY qty, id DESC LIMIT 10 OFFSET 5
SELECT id, qty FROM events ORDER BY qty DESC, id LIMIT 3, 7
SELECT id, score FROM events ORDER BY score, id LIMIT 10
SELECT id, score FROM events ORDER BY score DESC, id LIMIT 10
SELECT id, score FROM events ORDER BY score NULLS FIRST, id LIMIT 10
SELECT id, score FROM events ORDER BY score DESC NULLS LAST, id LIMIT 10
SELECT id, browser FROM events ORDER BY browser, id LIMIT 20
SELECT id, browser FROM events ORDER BY browser DESC, id LIMIT 20
SELECT id, name FROM events ORDER BY name, id LIMIT 20
SELECT id, name FROM events ORDER BY name DESC, id LIMIT 20
SELECT id, ratio FROM events ORDER BY ratio, id LIMIT 10
SELECT id, ts FROM events ORDER BY ts, id LIMIT 10
SELECT id, ts FROM events ORDER BY ts DESC, id LIMIT 10
SELECT id, big FROM events ORDER BY big, id LIMIT 10
SELECT id, big FROM events ORDER BY big DESC, id LIMIT 10
SELECT id, country FROM events ORDER BY country DESC, id LIMIT 10
SELECT id, tags FROM events ORDER BY length(tags) DESC, id LIMIT 10
SELECT id, nums FROM events ORDER BY nums, id LIMIT 10
SELECT id, amount FROM events WHERE amount = 0 ORDER BY id LIMIT 10
SELECT id, qty * 2 AS q2 FROM events WHERE q2 > 95 ORDER BY id
SELECT id, qty AS x FROM events WHERE x = -50 ORDER BY id
SELECT user_id, name, age FROM users WHERE age IS NULL ORDER BY user_id LIMIT 20
SELECT user_id, plan FROM users WHERE plan = '' ORDER BY user_id LIMIT 20
SELECT count() FROM users WHERE age > 50
SELECT count() FROM users WHERE age < 10 OR age IS NULL
SELECT count() FROM users WHERE signup < '2020-01-01'
-- arithmetic and comparison
SELECT id, qty + 1 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty - big FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty * amount FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, amount / qty FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty / 0 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, intDiv(qty, 7) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, intDivOrZero(qty, 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty % 7 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, modulo(qty, -3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, -qty FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, abs(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, abs(big) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, id * 1000000 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, big + 1 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, big * 2 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, score + 1 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, score * qty FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ratio * 2 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty > 0 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty = 0 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty != 0 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty <> 5 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, amount >= 100 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, score < 0 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ratio <= 0 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty == 1 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, greatest(qty, 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, least(qty, 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, greatest(amount, qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, least(id, user_id) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty > 0 AND amount > 0 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty > 0 OR score IS NULL FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, NOT (qty > 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, xor(qty > 0, amount > 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, amount + ratio FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toInt64(qty) - 100 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, user_id - id FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, id / 3 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, pow(qty, 2) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, power(2, qty % 10) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT 1 + 2
SELECT 10 / 4
SELECT 10 / 0
SELECT -10 / 0
SELECT 0 / 0
SELECT intDiv(10, 3)
SELECT intDiv(-10, 3)
SELECT -10 % 3
SELECT 10 % -3
SELECT modulo(7.5, 2)
SELECT intDivOrZero(1, 0)
SELECT 255 + 1
SELECT toUInt8(255) + 1
SELECT toInt8(-128) - 1
SELECT 18446744073709551615 + 0
SELECT -9223372036854775808
SELECT 1 = 1.0
SELECT 1 < 2
SELECT 'a' < 'b'
SELECT 'a' = 'a'
SELECT NULL = 1
SELECT NULL + 1
SELECT 1 AND NULL
SELECT 0 AND NULL
SELECT 1 OR NULL
SELECT 0 OR NULL
SELECT NOT NULL
SELECT greatest(1, 2.5)
SELECT least(-1, 2)
SELECT abs(-9223372036854775807)
SELECT 2 * 3 + 4
SELECT 2 + 3 * 4
SELECT (2 + 3) * 4
SELECT -2 * -3
SELECT 1 - -1
SELECT 1 == 1 AND 2 != 3
-- math
SELECT id, round(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, round(amount, 1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, round(amount, -1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, floor(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, floor(amount, 1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ceil(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ceil(amount, -2) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, trunc(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, sqrt(abs(amount)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cbrt(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, exp(ratio) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, log(abs(amount) + 1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ln(id) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, log2(id) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, log10(id) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, exp2(qty % 10) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, exp10(qty % 5) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, sin(ratio) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cos(ratio) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, tan(ratio) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, asin(ratio) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, acos(ratio) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, atan(ratio) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, round(ratio, 3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, round(qty, -1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, floor(qty / 3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, sqrt(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, log(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, pow(ratio, 3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT round(2.5)
SELECT round(-2.5)
SELECT round(3.14159, 2)
SELECT round(1234, -2)
SELECT floor(-1.5)
SELECT ceil(-1.5)
SELECT trunc(-1.9)
SELECT sqrt(2)
SELECT sqrt(-1)
SELECT log(0)
SELECT exp(1)
SELECT pi()
SELECT e()
SELECT pow(2, 10)
SELECT pow(2, -1)
SELECT cbrt(27)
SELECT round(0.1 + 0.2, 10)
SELECT log10(1000)
SELECT log2(1024)
SELECT exp10(3)
SELECT floor(123.456, 2)
SELECT ceil(123.456, 1)
SELECT round(-0.5)
SELECT round(1.5)
SELECT abs(-0.0)
-- conditional and NULL
SELECT id, if(qty > 0, 'pos', 'nonpos') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, if(qty > 0, qty, -qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, if(score IS NULL, 0, score) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, multiIf(qty < -10, 'low', qty < 10, 'mid', 'high') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CASE WHEN qty < 0 THEN 'neg' WHEN qty = 0 THEN 'zero' ELSE 'pos' END FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CASE country WHEN 'DE' THEN 1 WHEN 'FR' THEN 2 ELSE 0 END FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, qty > 0 ? 1 : 2 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, coalesce(browser, 'none') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, coalesce(score, ratio, 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ifNull(score, -1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ifNull(browser, '') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, nullIf(qty, 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, nullIf(country, '') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, assumeNotNull(score) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, isNull(score) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, isNotNull(browser) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, score IS NULL FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ratio IS NOT NULL FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toNullable(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, if(browser = 'Chrome', 1, 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, if(ratio > 0, ratio, NULL) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, multiIf(browser IS NULL, 'null', browser = '', 'empty', browser) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CASE WHEN score > 0 THEN score END FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, coalesce(nullIf(name, ''), 'anon') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT if(1, 'a', 'b')
SELECT if(NULL, 1, 2)
SELECT if(0, 1, 2.5)
SELECT multiIf(0, 1, 0, 2, 3)
SELECT coalesce(NULL, NULL, 3)
SELECT coalesce(NULL, 'x')
SELECT ifNull(NULL, 5)
SELECT ifNull(3, 5)
SELECT nullIf(1, 1)
SELECT nullIf(1, 2)
SELECT isNull(NULL)
SELECT isNotNull(1)
SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END
SELECT CASE WHEN 1 > 2 THEN 'x' END
SELECT assumeNotNull(toNullable(3))
-- conversion
SELECT id, toString(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toString(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toString(ts) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toString(d) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toString(score) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toString(ratio) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toInt8(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toUInt8(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toInt16(big) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toUInt32(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toInt64(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toUInt64(abs(qty)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toFloat32(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toFloat64(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toInt32(score) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toDate(ts) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toDate(ts_utc) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toDateTime(d) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toDateTime(ts_utc, 'Europe/Berlin') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toDateTime(ts, 'UTC') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toUnixTimestamp(ts) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toUnixTimestamp(ts_utc) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CAST(qty AS String) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CAST(qty AS Float64) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CAST(amount AS Int32) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CAST(d AS String) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toTypeName(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toTypeName(score) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toTypeName(country) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toTypeName(ts) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toTypeName(tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toString(tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toString(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toInt32OrZero(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toInt32OrNull(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toFloat64OrZero(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toDateOrZero(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toUInt64OrZero(toString(qty)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toDecimal64(amount, 2) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toDecimal32(qty, 3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toLowCardinality(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toStartOfDay(toDateTime(d)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CAST(country AS String) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, CAST(score AS Nullable(Float64)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT toInt8('12')
SELECT toUInt8('255')
SELECT toInt32('-5')
SELECT toFloat64('1.5e3')
SELECT toString(1.0)
SELECT toString(0.1)
SELECT toString(1e20)
SELECT toString(-0.)
SELECT toString(1/3)
SELECT toDate('2024-02-29')
SELECT toDateTime('2024-03-31 02:30:00', 'Europe/Berlin')
SELECT toDateTime('2024-10-27 02:30:00', 'Europe/Berlin')
SELECT toDateTime('2024-01-01 00:00:00')
SELECT toUInt32(toDateTime('2024-01-01 00:00:00'))
SELECT toInt32OrZero('abc')
SELECT toInt32OrNull('abc')
SELECT toInt32OrNull('123')
SELECT toFloat32OrZero('x')
SELECT toUInt8(-1)
SELECT toInt8(200)
SELECT toUInt16(65536)
SELECT CAST('2024-01-02' AS Date)
SELECT CAST(1.9 AS Int32)
SELECT CAST(-1.9 AS Int32)
SELECT CAST('abc' AS String)
SELECT toTypeName(1)
SELECT toTypeName(-1)
SELECT toTypeName(256)
SELECT toTypeName(1.5)
SELECT toTypeName('a')
SELECT toTypeName(NULL)
SELECT toTypeName([1, 2])
SELECT toTypeName((1, 'a'))
SELECT toTypeName(1 + 1)
SELECT toTypeName(toUInt8(1) + toInt8(1))
SELECT toTypeName(1 / 2)
SELECT toTypeName(intDiv(5, 2))
SELECT toTypeName(today())
SELECT toDecimal32('1.25', 2)
SELECT toDate(17000)
SELECT toDateTime(1700000000)
SELECT toString(toDate('2024-01-01'))
SELECT toUInt64('18446744073709551615')
SELECT toInt64('-9223372036854775808')
SELECT toFloat64('inf')
SELECT toFloat64('nan')
SELECT toDateOrZero('2024-13-01')
-- dates and times (Europe/Berlin column, DST)
SELECT id, toYear(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toMonth(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toDayOfMonth(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toHour(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toMinute(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toSecond(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toDayOfWeek(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toDayOfYear(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toQuarter(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfDay(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfHour(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfMinute(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfFifteenMinutes(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toMonday(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfMonth(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfQuarter(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfYear(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toYYYYMM(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toYYYYMMDD(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toDate(ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toTimeZone(ts, 'America/New_York') FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toTimeZone(ts, 'UTC') FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toHour(ts_utc) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toHour(toTimeZone(ts_utc, 'Europe/Berlin')) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, addHours(ts, 1) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, addHours(ts, -3) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, addDays(ts, 1) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, addWeeks(ts, 1) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, addMonths(ts, 1) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, addYears(ts, 1) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, addMinutes(ts, 90) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, addSeconds(ts, -1) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, subtractDays(ts, 1) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, subtractHours(ts, 2) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, subtractMonths(d, 1) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, ts + INTERVAL 1 HOUR FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, ts - INTERVAL 1 DAY FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, d + INTERVAL 1 MONTH FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, d - 1 FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, d + 30 FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, ts + 3600 FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, ts - ts_utc FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, dateDiff('hour', ts_utc, ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, dateDiff('day', d, toDate('2025-01-01')) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, dateDiff('minute', toDateTime('2024-03-31 00:00:00', 'Europe/Berlin'), ts) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, formatDateTime(ts, '%Y-%m-%d %H:%M:%S') FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, formatDateTime(ts, '%F %T') FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, formatDateTime(ts_utc, '%d/%m/%y %H') FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toYear(d) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toMonth(d) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toDayOfWeek(d) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toMonday(d) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfMonth(d) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toYYYYMMDD(d) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toUnixTimestamp(d) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toDateTime(toDate(ts), 'Europe/Berlin') FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfDay(ts_utc) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toStartOfHour(ts_utc) FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT id, toString(ts, 'Asia/Kolkata') FROM events WHERE id % 211 = 0 OR (ts_utc BETWEEN '2024-03-31 00:30:00' AND '2024-03-31 01:30:00' AND id % 7 = 0) OR (ts_utc BETWEEN '2024-10-27 00:00:00' AND '2024-10-27 01:30:00' AND id % 7 = 0) ORDER BY id
SELECT toStartOfHour(ts) AS h, count() FROM events WHERE ts_utc BETWEEN '2024-03-30 20:00:00' AND '2024-03-31 06:00:00' GROUP BY h ORDER BY h
SELECT toStartOfHour(ts) AS h, count() FROM events WHERE ts_utc BETWEEN '2024-10-26 20:00:00' AND '2024-10-27 06:00:00' GROUP BY h ORDER BY h
SELECT toDate(ts) AS day, count(), min(ts), max(ts) FROM events WHERE d BETWEEN '2024-03-29' AND '2024-04-02' GROUP BY day ORDER BY day
SELECT toStartOfDay(ts) AS day, count() FROM events WHERE d BETWEEN '2024-10-25' AND '2024-10-29' GROUP BY day ORDER BY day
SELECT toYYYYMM(ts) AS m, count(), sum(qty) FROM events GROUP BY m ORDER BY m
SELECT toDayOfWeek(ts) AS w, count() FROM events GROUP BY w ORDER BY w
SELECT toHour(ts) AS hr, count() FROM events GROUP BY hr ORDER BY hr
SELECT toMonday(d) AS w, count() FROM events GROUP BY w ORDER BY w LIMIT 20
SELECT min(ts), max(ts), min(ts_utc), max(ts_utc), min(d), max(d) FROM events
SELECT count() FROM events WHERE toHour(ts) = 2 AND toDate(ts) = '2024-03-31'
SELECT count() FROM events WHERE toHour(ts) = 2 AND toDate(ts) = '2024-10-27'
SELECT toDateTime('2024-03-31 01:59:59', 'Europe/Berlin') + 1
SELECT toUnixTimestamp(toDateTime('2024-03-31 03:00:00', 'Europe/Berlin'))
SELECT toStartOfDay(toDateTime('2024-03-31 12:00:00', 'Europe/Berlin'))
SELECT toStartOfHour(toDateTime('2024-10-27 03:30:00', 'Europe/Berlin'))
SELECT addDays(toDateTime('2024-03-30 02:30:00', 'Europe/Berlin'), 1)
SELECT addHours(toDateTime('2024-03-31 01:30:00', 'Europe/Berlin'), 1)
SELECT toDate('2024-01-31') + INTERVAL 1 MONTH
SELECT addMonths(toDate('2024-01-31'), 1)
SELECT addYears(toDate('2024-02-29'), 1)
SELECT toDayOfWeek(toDate('2024-01-01'))
SELECT toMonday(toDate('2024-01-07'))
SELECT toYYYYMMDD(toDate('2024-12-31'))
SELECT dateDiff('day', toDate('2024-01-01'), toDate('2024-12-31'))
SELECT dateDiff('month', toDate('2024-01-31'), toDate('2024-02-01'))
SELECT dateDiff('year', toDate('2023-12-31'), toDate('2024-01-01'))
SELECT dateDiff('week', toDate('2024-01-01'), toDate('2024-01-15'))
SELECT toDate('2024-03-01') - toDate('2024-02-01')
SELECT formatDateTime(toDateTime('2024-03-05 07:08:09'), '%Y%m%d %H%M%S %j %u %w %e')
SELECT toTimeZone(toDateTime('2024-06-01 12:00:00', 'UTC'), 'Asia/Tokyo')
SELECT toString(toDateTime('2024-06-01 12:00:00', 'UTC'), 'America/Los_Angeles')
SELECT toQuarter(toDate('2024-08-15'))
SELECT toDayOfYear(toDate('2024-12-31'))
-- strings
SELECT id, length(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, empty(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, notEmpty(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, lower(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, upper(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, reverse(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, concat(name, '-', country) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, concat(country, toString(qty)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, name || '!' FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, substring(name, 2, 3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, substring(name, 1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, substring(name, -3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, substring(name, 0, 2) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, substr(url, 1, 10) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, mid(name, 2) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, position(name, 'a') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, position(url, '/') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, startsWith(name, 'al') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, endsWith(url, '/') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, like(name, '%ta%') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, match(name, '^[a-z]+[0-9]+$') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, match(url, 'example\\.(com|org)') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, extract(name, '[0-9]+') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, extract(url, '://([^/]+)') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, extractAll(url, '[a-z]+=[0-9]') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, replaceAll(name, 'a', 'A') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, replaceOne(name, 'a', 'AA') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, replace(name, 'ta', '') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, replaceRegexpOne(name, '([a-z]+)([0-9]+)', '\\2-\\1') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, replaceRegexpAll(name, '[aeiou]', '_') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, replaceRegexpAll(url, '^https?://', '') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, splitByChar('/', url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, splitByString('://', url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, splitByChar('a', name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayStringConcat(tags, ',') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayStringConcat(splitByChar('/', url), '|') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, multiSearchFirstIndex(url, ['shop', 'blog']) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, countSubstrings(url, '/') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, concat(name, name, name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, lower(country) = 'de' FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, name < 'beta' FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, toString(length(tags)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, base64Encode(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, format('{}-{}', name, country) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, char(65 + id % 26) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, left(name, 3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, right(name, 3) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, trim(BOTH 'a' FROM name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, ucase(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, lcase(country) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT length('')
SELECT length('héllo')
SELECT upper('abc')
SELECT lower('ÄBC')
SELECT substring('hello', 2, 3)
SELECT substring('hello', -2)
SELECT substring('hello', 10)
SELECT concat('a', 'b', 'c')
SELECT concat('a', NULL)
SELECT position('hello', 'l')
SELECT position('hello', '')
SELECT position('', 'a')
SELECT replaceAll('aaa', 'a', 'bb')
SELECT replaceAll('abc', '', 'x')
SELECT replaceRegexpAll('abc', '', 'x')
SELECT replaceRegexpOne('2024-01-02', '(\\d+)-(\\d+)-(\\d+)', '\\3.\\2.\\1')
SELECT splitByChar(',', 'a,,b,')
SELECT splitByChar(',', '')
SELECT splitByString(', ', 'a, b, c')
SELECT splitByString('', 'abc')
SELECT extractAll('a1b22c333', '[0-9]+')
SELECT extract('abc', 'x')
SELECT match('abc', 'B')
SELECT match('abc', '(?i)B')
SELECT startsWith('abc', '')
SELECT endsWith('abc', 'bc')
SELECT reverse('abc')
SELECT 'abc' LIKE 'a_c'
SELECT 'a%c' LIKE 'a\\%c'
SELECT 'abc' LIKE '%'
SELECT 'abc' NOT LIKE 'b%'
SELECT base64Decode('YWJj')
SELECT toString(NULL)
SELECT concat('x', toString(1.5))
SELECT format('{1} {0}', 'a', 'b')
SELECT 'a' || 'b' || 'c'
SELECT countSubstrings('aaaa', 'aa')
SELECT empty('')
SELECT notEmpty(' ')
-- URLs
SELECT id, url, protocol(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, domain(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, domainWithoutWWW(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, topLevelDomain(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, path(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, pathFull(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, queryString(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, fragment(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, queryStringAndFragment(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, extractURLParameter(url, 'id') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, extractURLParameter(url, 'utm_source') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, extractURLParameters(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, extractURLParameterNames(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, URLHierarchy(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, URLPathHierarchy(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, cutQueryString(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, cutFragment(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, cutQueryStringAndFragment(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, cutWWW(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, decodeURLComponent(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, url, port(url) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT domain(url) AS dm, count() FROM events GROUP BY dm ORDER BY dm
SELECT protocol(url) AS p, count() FROM events GROUP BY p ORDER BY p
SELECT path(url) AS p, count() FROM events GROUP BY p ORDER BY p
SELECT extractURLParameter(url, 'q') AS p, count() FROM events GROUP BY p ORDER BY p
SELECT domain('https://user:pw@www.Example.com:8080/x?y=1#z')
SELECT domainWithoutWWW('http://www.a.b/')
SELECT path('https://a.b/c/d?e=f')
SELECT queryString('http://a/b?c=d&e=f#g')
SELECT extractURLParameter('http://a/b?c=1&c=2', 'c')
SELECT extractURLParameter('http://a/b?c', 'c')
SELECT URLHierarchy('https://a.com/b/c?d=1')
SELECT cutQueryString('http://a/b?c=1#f')
SELECT decodeURLComponent('a%20b%2Fc')
SELECT protocol('//a.b')
SELECT domain('a.b/c')
SELECT domain('')
SELECT topLevelDomain('http://a.co.uk/')
-- JSON strings (visitParam in 18.16)
SELECT id, visitParamExtractInt(payload, 'n') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamExtractUInt(payload, 'n') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamExtractFloat(payload, 'price') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamExtractString(payload, 'event') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamExtractString(payload, 's') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamExtractBool(payload, 'ok') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamExtractRaw(payload, 'nested') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamExtractRaw(payload, 'event') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamHas(payload, 'nested') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, visitParamExtractInt(payload, 'missing') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT visitParamExtractString(payload, 'event') AS ev, count(), sum(visitParamExtractInt(payload, 'n')) FROM events GROUP BY ev ORDER BY ev
SELECT count() FROM events WHERE visitParamHas(payload, 'nested')
SELECT sum(visitParamExtractFloat(payload, 'price')) FROM events
SELECT visitParamExtractBool(payload, 'ok') AS ok, count() FROM events GROUP BY ok ORDER BY ok
SELECT visitParamExtractInt('{"a":-12}', 'a')
SELECT visitParamExtractUInt('{"a":12}', 'a')
SELECT visitParamExtractFloat('{"a":1.5e2}', 'a')
SELECT visitParamExtractString('{"a":"x\\ny"}', 'a')
SELECT visitParamExtractRaw('{"a":[1,{"b":2}]}', 'a')
SELECT visitParamHas('{"a":1}', 'b')
SELECT visitParamExtractBool('{"a":true}', 'a')
SELECT visitParamExtractString('{"a":"\\u00e9"}', 'a')
-- arrays and lambdas
SELECT id, length(tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, empty(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, notEmpty(tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, has(tags, 'red') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, has(nums, 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, hasAll(tags, ['red', 'blue']) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, hasAny(nums, [1, 2, 3]) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, indexOf(tags, 'blue') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, indexOf(nums, -1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, countEqual(nums, 0) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayElement(nums, 1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, nums[1] FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, nums[-1] FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, tags[2] FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, nums[10] FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arraySum(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayReverse(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arraySort(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayReverseSort(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arraySort(tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayDistinct(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayUniq(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayEnumerate(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arraySlice(nums, 2) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arraySlice(nums, 2, 2) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arraySlice(nums, -2, 1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayConcat(nums, [100]) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayConcat(tags, tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayMap(x -> x * 2, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayMap(x -> concat(x, '!'), tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayMap(x -> x + qty, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayFilter(x -> x > 0, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayFilter(x -> x != '', tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayExists(x -> x < -15, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayAll(x -> x >= 0, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayCount(x -> x > 0, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayCount(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayFirst(x -> x > 5, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayFirstIndex(x -> x > 5, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arraySum(x -> x * x, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayMap((x, y) -> x + y, nums, arrayEnumerate(nums)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arraySort(x -> -x, nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayStringConcat(arrayMap(x -> toString(x), nums), '+') FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayCompact(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, range(length(tags)) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, [qty, qty + 1] FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, array(id, user_id) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, [name, country] FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, tuple(qty, name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, (qty, name).2 FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, tupleElement((qty, name), 1) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayMax(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayMin(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayAvg(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, arrayProduct(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT [1, 2, 3]
SELECT []
SELECT ['a', NULL]
SELECT [1, 2.5]
SELECT range(5)
SELECT range(0)
SELECT arrayMap(x -> x * x, [1, 2, 3])
SELECT arrayFilter(x -> x % 2, range(10))
SELECT arraySort([3, 1, 2])
SELECT arraySort(['b', 'a', ''])
SELECT arrayReverseSort([3, 1, 2])
SELECT arrayDistinct([1, 1, 2, NULL, NULL])
SELECT has([1, 2], 2)
SELECT has([1, NULL], NULL)
SELECT has([1, 2], NULL)
SELECT indexOf([1, NULL], NULL)
SELECT countEqual([NULL, 1, NULL], NULL)
SELECT toString([NULL, 3])
SELECT toString([[1], []])
SELECT indexOf([1, 2, 3], 4)
SELECT arrayElement([1, 2, 3], 0)
SELECT [1, 2, 3][-1]
SELECT [1, 2, 3][5]
SELECT arraySlice([1, 2, 3, 4], -3, 2)
SELECT arrayConcat([1], [2, 3], [])
SELECT arrayStringConcat(['a', 'b'], '-')
SELECT arrayStringConcat([], ',')
SELECT length([1, 2])
SELECT arrayUniq([1, 2, 2])
SELECT arrayEnumerate(['a', 'b'])
SELECT arrayCount(x -> x > 1, [1, 2, 3])
SELECT arrayJoin([1, 2, 3])
SELECT hasAll([1, 2], [])
SELECT hasAny([], [1])
SELECT arraySum([])
SELECT arrayFirst(x -> x > 10, [1, 2])
SELECT arrayMap((x, y) -> concat(x, y), ['a', 'b'], ['c', 'd'])
SELECT tuple(1, 'a', NULL)
SELECT (1, 2) = (1, 2)
SELECT (1, 'a').2
SELECT [[1, 2], [3]]
SELECT arrayFlatten([[1, 2], [3]])
SELECT length(range(100))
-- hashing
SELECT id, cityHash64(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cityHash64(qty) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cityHash64(id, name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cityHash64(url, country) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, sipHash64(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, sipHash64(id) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, murmurHash3_64(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, murmurHash3_32(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cityHash64(tags) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cityHash64(ts) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cityHash64(d) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, cityHash64(amount) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, javaHash(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT id, crc32(name) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT sum(cityHash64(name)) FROM events
SELECT sum(sipHash64(url)) FROM events
SELECT sum(cityHash64(id, user_id, qty)) FROM events
SELECT groupBitXor(cityHash64(tags)) FROM events
SELECT cityHash64([1, 2])
SELECT cityHash64([[1], []])
SELECT cityHash64([1, 2], 'x')
SELECT id, cityHash64(nums) FROM events WHERE id % 97 = 0 ORDER BY id
SELECT groupBitAnd(id), groupBitOr(id), groupBitXor(id) FROM events
SELECT user_id, groupBitXor(id), groupBitOr(id) FROM events GROUP BY user_id ORDER BY user_id LIMIT 20
SELECT cityHash64('')
SELECT cityHash64('abc')
SELECT cityHash64(1)
SELECT cityHash64(1, 2)
SELECT sipHash64('abc')
SELECT murmurHash3_32('abc')
SELECT murmurHash3_64(''), murmurHash3_64('abc')
SELECT cityHash64(NULL)
SELECT cityHash64(toNullable('a'))
-- aggregates
SELECT count(), count(browser), count(score), sum(qty), sum(amount), avg(qty), avg(amount), min(qty), max(qty), min(amount), max(amount) FROM events
SELECT sum(big), min(big), max(big) FROM events
SELECT sum(score), avg(score), min(score), max(score), count(score) FROM events
SELECT sum(ratio), avg(ratio), min(ratio), max(ratio) FROM events
SELECT min(name), max(name), min(browser), max(browser) FROM events
SELECT min(country), max(country), min(ts), max(ts), min(d), max(d) FROM events
SELECT uniqExact(user_id), uniqExact(name), uniqExact(browser), uniqExact(country) FROM events
SELECT count(DISTINCT user_id), count(DISTINCT country), count(DISTINCT browser) FROM events
SELECT countDistinct(name) FROM events
SELECT uniq(user_id), uniq(country), uniq(browser), uniq(qty) FROM events
SELECT uniqCombined(country), uniqCombined(qty) FROM events
SELECT uniqHLL12(country) FROM events
SELECT argMin(id, qty * 100000 + id), argMax(id, qty * 100000 - id) FROM events
SELECT argMin(name, id), argMax(name, id), argMin(browser, id), argMax(url, id) FROM events
SELECT any(x), anyLast(x) FROM (SELECT 1 AS x)
SELECT varPop(qty), varSamp(qty), stddevPop(qty), stddevSamp(qty) FROM events
SELECT varPop(amount), stddevSamp(amount) FROM events
SELECT varSamp(score), stddevPop(ratio) FROM events
SELECT VAR_POP(qty), STDDEV_SAMP(qty) FROM events
SELECT quantileExact(0.5)(qty), quantileExact(0.9)(amount), quantileExact(0)(qty), quantileExact(1)(qty) FROM events
SELECT quantilesExact(0.1, 0.5, 0.99)(qty) FROM events
SELECT medianExact(qty) FROM events
SELECT quantileExact(0.5)(score) FROM events
SELECT quantile(0.5)(qty) FROM events WHERE id <= 5000
SELECT median(amount) FROM events WHERE id <= 8000
SELECT quantiles(0.25, 0.75)(qty) FROM events WHERE id <= 3000
SELECT quantileTiming(0.5)(qty + 50), quantileTiming(0.95)(qty + 50) FROM events
SELECT quantilesTiming(0.1, 0.9)(toUInt32(abs(amount))) FROM events
SELECT arraySort(groupArray(qty)) FROM events WHERE id <= 30
SELECT arraySort(groupUniqArray(country)) FROM events
SELECT arraySort(groupUniqArray(browser)) FROM events
SELECT length(groupArray(id)) FROM events
SELECT groupArray(x) FROM (SELECT number AS x FROM numbers(5) ORDER BY x)
SELECT topK(1)(country) FROM events
SELECT topK(3)(x) FROM (SELECT arrayJoin([1, 1, 1, 1, 2, 2, 2, 3, 3, 4]) AS x)
SELECT sumIf(qty, qty > 0), countIf(qty > 0), avgIf(amount, country = 'DE'), minIf(qty, browser IS NULL), maxIf(amount, qty < 0) FROM events
SELECT uniqExactIf(user_id, country = 'FR'), sumIf(score, score > 0) FROM events
SELECT sumArray(nums), countArray(tags), maxArray(nums), avgArray(nums) FROM events
SELECT uniqExactArray(tags), uniqExactArray(nums) FROM events
SELECT groupArrayArray(nums) FROM events WHERE id <= 3
SELECT sum(qty), avg(qty), min(qty), max(qty), count(), uniqExact(qty) FROM events WHERE id < 0
SELECT sumArrayIf(nums, qty > 0) FROM events
SELECT argMinIf(id, id, qty > 40), argMaxIf(id, id, qty < -40) FROM events
SELECT avg(toFloat32(amount)) FROM events
SELECT sum(toUInt8(qty)), sum(toInt8(qty)), sum(toFloat32(qty)) FROM events
SELECT sum(toDecimal64(amount, 2)) FROM events
SELECT min(tags), max(nums) FROM events
SELECT count(*) FROM events
SELECT count(1) FROM events
SELECT sum(1) FROM events
SELECT sum(qty) + 1, sum(qty) * avg(qty) FROM events
SELECT max(qty) - min(qty) AS spread FROM events
SELECT sum(amount) / count() FROM events
SELECT count() FROM numbers(1000)
SELECT sum(number), avg(number) FROM numbers(1000000)
SELECT uniqExact(number % 1000) FROM numbers(100000)
-- GROUP BY, HAVING, ORDER BY, LIMIT
SELECT country, count(), sum(qty), round(sum(amount), 2) FROM events GROUP BY country ORDER BY country
SELECT browser, count(), min(id), max(id) FROM events GROUP BY browser ORDER BY browser
SELECT country, browser, count() FROM events GROUP BY country, browser ORDER BY country, browser
SELECT user_id, count() AS c FROM events GROUP BY user_id ORDER BY c DESC, user_id LIMIT 10
SELECT user_id, sum(qty) AS s FROM events GROUP BY user_id HAVING s > 100 ORDER BY user_id
SELECT country, count() AS c FROM events GROUP BY country HAVING c > 1100 ORDER BY country
SELECT country, avg(amount) AS a FROM events GROUP BY country HAVING count() > 1000 ORDER BY a
SELECT qty, count() FROM events GROUP BY qty ORDER BY qty
SELECT score IS NULL AS n, count() FROM events GROUP BY n ORDER BY n
SELECT d, count() FROM events GROUP BY d ORDER BY count() DESC, d LIMIT 10
SELECT ts, count() FROM events GROUP BY ts HAVING count() > 1 ORDER BY ts LIMIT 20
SELECT name, count() FROM events GROUP BY name ORDER BY name
SELECT length(tags) AS l, count() FROM events GROUP BY l ORDER BY l
SELECT tags, count() FROM events GROUP BY tags ORDER BY count() DESC, tags LIMIT 10
SELECT nums, count() FROM events GROUP BY nums HAVING count() > 5 ORDER BY nums
SELECT qty % 3 AS k, country, sum(amount) FROM events GROUP BY k, country ORDER BY k, country
SELECT toString(qty) AS s, count() FROM events GROUP BY s ORDER BY s
SELECT browser, country, score IS NULL, count() FROM events GROUP BY browser, country, score IS NULL ORDER BY browser, country, score IS NULL
SELECT user_id % 10 AS b, uniqExact(country), arraySort(groupUniqArray(country)) FROM events GROUP BY b ORDER BY b
SELECT country, quantileExact(0.5)(qty), median(qty) FROM events GROUP BY country ORDER BY country
SELECT country, argMax(id, ts_utc), argMin(id, id) FROM events GROUP BY country ORDER BY country
SELECT country, sumIf(amount, qty > 0), countIf(browser = 'Chrome') FROM events GROUP BY country ORDER BY country
SELECT country, uniq(user_id) FROM events GROUP BY country ORDER BY country
SELECT country, varSamp(amount), stddevPop(qty) FROM events GROUP BY country ORDER BY country
SELECT plan, count(), avg(age), countIf(age IS NULL) FROM users GROUP BY plan ORDER BY plan
SELECT age, count() FROM users GROUP BY age ORDER BY age
SELECT toYear(signup) AS y, count() FROM users GROUP BY y ORDER BY y
SELECT country, count() FROM events GROUP BY country WITH TOTALS ORDER BY country
SELECT count() FROM events GROUP BY country HAVING country = 'FR'
SELECT 1 AS k, count() FROM events GROUP BY k
SELECT id, qty FROM events ORDER BY qty, id LIMIT 2 BY qty
SELECT country, id FROM events ORDER BY country, id LIMIT 3 BY country
SELECT country, browser, id FROM events ORDER BY country, browser, id LIMIT 1 BY country, browser
SELECT DISTINCT country FROM events ORDER BY country
SELECT DISTINCT browser FROM events ORDER BY browser
SELECT DISTINCT country, browser FROM events ORDER BY country, browser
SELECT DISTINCT qty % 5 AS m FROM events ORDER BY m
SELECT DISTINCT tags FROM events ORDER BY tags LIMIT 10
SELECT count(DISTINCT country, browser) FROM events
SELECT DISTINCT plan FROM users ORDER BY plan
SELECT id FROM events ORDER BY id DESC LIMIT 5
SELECT id FROM events ORDER BY user_id, id LIMIT 5
SELECT id, name FROM events ORDER BY lower(name), id LIMIT 10
SELECT id, amount FROM events ORDER BY amount * -1, id LIMIT 5
SELECT id FROM events ORDER BY id LIMIT 0
SELECT id FROM events ORDER BY id LIMIT 10 OFFSET 14995
SELECT country, count() c FROM events GROUP BY country ORDER BY c DESC, country LIMIT 3
SELECT id, ts FROM events ORDER BY toHour(ts), id LIMIT 10
SELECT qty, sum(amount) FROM events GROUP BY qty ORDER BY sum(amount) DESC LIMIT 5
SELECT user_id, count() FROM events WHERE country = 'JP' GROUP BY user_id ORDER BY user_id LIMIT 20
SELECT country AS c, count() FROM events GROUP BY c ORDER BY c
SELECT count() AS cnt, country FROM events GROUP BY country ORDER BY cnt, country
SELECT sum(qty) AS s FROM events GROUP BY country ORDER BY s
SELECT country, count() FROM events WHERE qty > 0 GROUP BY country HAVING sum(qty) > 12000 ORDER BY country
-- subqueries, IN, WITH, UNION ALL
SELECT count() FROM (SELECT user_id FROM events GROUP BY user_id)
SELECT avg(c) FROM (SELECT user_id, count() AS c FROM events GROUP BY user_id)
SELECT max(s), min(s) FROM (SELECT country, sum(qty) AS s FROM events GROUP BY country)
SELECT * FROM (SELECT id, qty FROM events WHERE qty > 45) ORDER BY id LIMIT 10
SELECT x FROM (SELECT qty * 2 AS x FROM events) WHERE x < -98 ORDER BY x LIMIT 5
SELECT count() FROM events WHERE user_id IN (SELECT user_id FROM users WHERE plan = 'pro')
SELECT count() FROM events WHERE user_id NOT IN (SELECT user_id FROM users WHERE plan = 'pro')
SELECT count() FROM events WHERE country IN (SELECT country FROM countries WHERE region = 'EU')
SELECT count() FROM events WHERE (user_id, country) IN (SELECT user_id, country FROM events WHERE id < 100)
SELECT count() FROM events WHERE qty IN (1, 2, 3)
SELECT count() FROM events WHERE name IN ('alpha', 'beta', '')
SELECT count() FROM events WHERE browser IN ('Chrome', NULL)
SELECT count() FROM events WHERE score IN (SELECT score FROM events WHERE id < 50)
SELECT id, qty IN (1, 2) FROM events WHERE id < 20 ORDER BY id
SELECT count() FROM events WHERE id IN (SELECT id FROM events WHERE id % 3 = 0)
SELECT (SELECT max(qty) FROM events)
SELECT count() FROM events WHERE qty = (SELECT max(qty) FROM events)
SELECT id, (SELECT count() FROM countries) FROM events WHERE id < 4 ORDER BY id
SELECT count() FROM events WHERE amount > (SELECT avg(amount) FROM events)
WITH 10 AS lim SELECT count() FROM events WHERE qty > lim
WITH qty * 2 AS q2 SELECT sum(q2) FROM events
WITH (SELECT max(id) FROM events) AS m SELECT m, m + 1
SELECT (SELECT min(id) FROM events) AS lo, lo * 10
WITH 'DE' AS c SELECT count() FROM events WHERE country = c
SELECT * FROM (SELECT 1 AS x UNION ALL SELECT 2) ORDER BY x
SELECT count() FROM (SELECT id FROM events UNION ALL SELECT user_id FROM users)
SELECT x, count() FROM (SELECT qty AS x FROM events UNION ALL SELECT toInt32(age) FROM users WHERE age IS NOT NULL) GROUP BY x ORDER BY x LIMIT 10
SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
SELECT 'a' AS s UNION ALL SELECT 'b'
SELECT count() FROM (SELECT DISTINCT user_id FROM events)
SELECT number FROM numbers(10) ORDER BY number
SELECT number FROM numbers(5, 3) ORDER BY number
SELECT sum(number) FROM numbers(100) WHERE number % 2 = 0
SELECT number % 3 AS k, count() FROM numbers(100) GROUP BY k ORDER BY k
SELECT number FROM system.numbers LIMIT 3
SELECT toTypeName(x) FROM (SELECT 1 AS x UNION ALL SELECT 300)
SELECT toTypeName(x) FROM (SELECT 'a' AS x UNION ALL SELECT toNullable('b')) LIMIT 1
SELECT x FROM (SELECT 1 AS x UNION ALL SELECT -3 UNION ALL SELECT NULL) ORDER BY x
SELECT x FROM (SELECT toUInt8(200) AS x UNION ALL SELECT toInt8(-100)) ORDER BY x
SELECT id, name FROM events WHERE name = (SELECT argMin(name, id) FROM events) ORDER BY id LIMIT 5
SELECT country FROM events GROUP BY country HAVING count() > (SELECT count() / 20 FROM events) ORDER BY country
-- joins
SELECT count() FROM events ALL INNER JOIN users USING user_id
SELECT count() FROM events INNER JOIN (SELECT user_id FROM users) USING user_id
SELECT count() FROM events ALL LEFT JOIN users USING user_id
SELECT e.id, u.plan FROM events AS e ALL INNER JOIN users AS u USING user_id WHERE e.id % 500 = 0 ORDER BY e.id
SELECT id, plan, age FROM events ALL LEFT JOIN (SELECT user_id, plan, age FROM users) USING user_id WHERE id % 500 = 0 ORDER BY id
SELECT id, user_id, plan FROM events ALL LEFT JOIN (SELECT user_id, plan FROM users) USING user_id WHERE user_id > 3990 ORDER BY id
SELECT plan, count(), sum(qty) FROM events ALL INNER JOIN (SELECT user_id, plan FROM users) USING user_id GROUP BY plan ORDER BY plan
SELECT plan, count() FROM events ALL LEFT JOIN (SELECT user_id, plan FROM users) USING user_id GROUP BY plan ORDER BY plan
SELECT region, count() FROM events ALL INNER JOIN (SELECT country, region FROM countries) USING country GROUP BY region ORDER BY region
SELECT region, count() FROM events ALL LEFT JOIN (SELECT country, region FROM countries) USING country GROUP BY region ORDER BY region
SELECT country, region FROM (SELECT DISTINCT country FROM events) ANY LEFT JOIN countries USING country ORDER BY country
SELECT count() FROM events ANY INNER JOIN users USING user_id
SELECT count() FROM events ANY LEFT JOIN users USING user_id
SELECT user_id, c, plan FROM (SELECT user_id, count() AS c FROM events GROUP BY user_id) ANY LEFT JOIN (SELECT user_id, plan FROM users) USING user_id ORDER BY c DESC, user_id LIMIT 10
SELECT e.id, c.region FROM events AS e INNER JOIN countries AS c ON e.country = c.country WHERE e.id < 40 ORDER BY e.id
SELECT e.id, c.population FROM events AS e LEFT JOIN countries AS c ON e.country = c.country WHERE e.id < 40 ORDER BY e.id
SELECT count() FROM events AS e INNER JOIN users AS u ON e.user_id = u.user_id
SELECT count() FROM events AS e LEFT JOIN users AS u ON e.user_id = u.user_id
SELECT u.plan, count() FROM events AS e INNER JOIN users AS u ON e.user_id = u.user_id GROUP BY u.plan ORDER BY u.plan
SELECT a.x, b.y FROM (SELECT number AS x FROM numbers(5)) AS a ALL INNER JOIN (SELECT number AS x, number * 10 AS y FROM numbers(3, 5)) AS b USING x ORDER BY a.x
SELECT x, y FROM (SELECT number AS x FROM numbers(5)) ALL LEFT JOIN (SELECT number AS x, toString(number) AS y FROM numbers(3)) USING x ORDER BY x
SELECT x, y FROM (SELECT number AS x FROM numbers(3)) ALL LEFT JOIN (SELECT toUInt64(number % 2) AS x, number AS y FROM numbers(6)) USING x ORDER BY x, y
SELECT x, y FROM (SELECT number AS x FROM numbers(3)) ANY LEFT JOIN (SELECT toUInt64(1) AS x, 'one' AS y) USING x ORDER BY x
SELECT x, y FROM (SELECT number AS x FROM numbers(3)) CROSS JOIN (SELECT number AS y FROM numbers(2)) ORDER BY x, y
SELECT count() FROM countries CROSS JOIN countries AS c2
SELECT k, a, b FROM (SELECT 1 AS k, 'a' AS a) ALL FULL JOIN (SELECT 2 AS k, 'b' AS b) USING k ORDER BY k
SELECT user_id, name, c FROM users ALL INNER JOIN (SELECT user_id, count() AS c FROM events GROUP BY user_id HAVING c > 8) USING user_id ORDER BY user_id
SELECT count() FROM users ALL LEFT JOIN (SELECT DISTINCT user_id, 1 AS seen FROM events) USING user_id WHERE seen = 0
SELECT x, y FROM (SELECT toNullable(number) AS x FROM numbers(3)) ALL LEFT JOIN (SELECT toNullable(number) AS x, 'r' AS y FROM numbers(2)) USING x ORDER BY x
SELECT country, region FROM events ALL INNER JOIN countries USING country WHERE id = 1
-- ARRAY JOIN
SELECT id, t FROM events ARRAY JOIN tags AS t WHERE id < 60 ORDER BY id, t
SELECT id, n FROM events ARRAY JOIN nums AS n WHERE id < 40 ORDER BY id, n
SELECT id, tags FROM events ARRAY JOIN tags WHERE id < 40 ORDER BY id, tags
SELECT id, t FROM events LEFT ARRAY JOIN tags AS t WHERE id < 40 ORDER BY id, t
SELECT t, count() FROM events ARRAY JOIN tags AS t GROUP BY t ORDER BY t
SELECT n, count() FROM events ARRAY JOIN nums AS n GROUP BY n ORDER BY n
SELECT count() FROM events ARRAY JOIN nums
SELECT count() FROM events LEFT ARRAY JOIN nums
SELECT id, n, i FROM events ARRAY JOIN nums AS n, arrayEnumerate(nums) AS i WHERE id < 20 ORDER BY id, i
SELECT id, arrayJoin(tags) AS t FROM events WHERE id < 40 ORDER BY id, t
SELECT arrayJoin(nums) AS n, count() FROM events GROUP BY n ORDER BY n
SELECT sum(arrayJoin(nums)) FROM events
SELECT id, x FROM events ARRAY JOIN [1, 2] AS x WHERE id < 5 ORDER BY id, x
SELECT id, t FROM events ARRAY JOIN tags AS t WHERE t = 'red' AND id < 300 ORDER BY id
SELECT country, t, count() FROM events ARRAY JOIN tags AS t GROUP BY country, t ORDER BY country, t
SELECT x FROM (SELECT [1, 2, 3] AS arr) ARRAY JOIN arr AS x ORDER BY x
SELECT id, e FROM events ARRAY JOIN splitByChar('/', path(url)) AS e WHERE id < 20 ORDER BY id, e
SELECT arrayJoin([1, 2]) AS a, arrayJoin(['x', 'y']) AS b ORDER BY a, b
