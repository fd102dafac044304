-- ClickHouse aliases and case-insensitive names of the functions issue #3 lists.
-- reference: checked against ClickHouse 18.16 for the names it has, by hand for the rest; modern ClickHouse differs from
-- 18.16 in if(NULL, a, b) = b (18.16: NULL) and in abs, position, trim, mod, YEAR... resolving case-insensitively.
SELECT substr('abcdef', 2, 3), mid('abcdef', 2), SUBSTRING('abcdef', -2), lcase('AbC'), ucase('AbC'), LOWER('X'), UPPER('x'), LENGTH('abc'), CONCAT('a', 'b');
SELECT pow(2, 10), power(2, 0.5) = sqrt(2), POW(3, 2), ln(1), LN(exp(2)), ceiling(1.2), CEIL(-1.2), FLOOR(-1.2), truncate(-1.7), trunc(1.7), ROUND(2.4), ABS(-3), SQRT(16), EXP(0), LOG(1);
SELECT IF(1, 'y', 'n'), If(0, 'y', 'n'), if(NULL, 'y', 'n'), COALESCE(NULL, 2), IFNULL(NULL, 3), NULLIF(1, 1), ifNull(5, 3), nullIf(1, 2);
SELECT dateDiff('day', toDate('2020-01-01'), toDate('2020-01-10')), DATEDIFF('day', toDate('2020-01-01'), toDate('2020-01-10')), date_diff('day', toDate('2020-01-01'), toDate('2020-01-10')), DATE_DIFF('day', toDate('2020-01-01'), toDate('2020-01-10')), timestamp_diff('day', toDate('2020-01-01'), toDate('2020-01-10')), TIMESTAMPDIFF(day, toDate('2020-01-01'), toDate('2020-01-10'));
SELECT YEAR(toDate('2021-07-04')), MONTH(toDate('2021-07-04')), DAY(toDate('2021-07-04')), QUARTER(toDate('2021-07-04')), DAYOFMONTH(toDate('2021-07-04')), DAYOFYEAR(toDate('2021-07-04')), DAYOFWEEK(toDate('2021-07-04'));
SELECT HOUR(toDateTime('2021-07-04 01:02:03')), MINUTE(toDateTime('2021-07-04 01:02:03')), SECOND(toDateTime('2021-07-04 01:02:03')), toStartOfFiveMinute(toDateTime('2021-07-04 01:02:03'));
SELECT REPLACE('aXbX', 'X', '-'), replaceAll('aXbX', 'X', '-'), replaceOne('aXbX', 'X', '-'), POSITION('hello', 'l'), position('l' IN 'hello'), TRIM('  a  '), LTRIM('  a'), RTRIM('a  '), lpad('7', 3, '0'), rpad('7', 3, '0');
SELECT toUnixTimestamp64Milli(fromUnixTimestamp64Milli(1625665651123)), fromUnixTimestamp64Micro(1625665651123456), fromUnixTimestamp64Nano(1625665651123456789), fromUnixTimestamp64Milli(-1);
SELECT MOD(7, 3), modulo(-7, 3), intDiv(7, 2), intDivOrZero(7, 0), 7 DIV 2, 7 MOD 3;
SELECT CURRENT_DATE() = today(), CURRENT_TIMESTAMP() >= now() - 5, FROM_UNIXTIME(86400) ;
SELECT sUbStRiNg('abc', 2), Coalesce(NULL, 1), nOw() > 0;
SELECT lengthUTF8('naïve'), CHAR_LENGTH('naïve'), character_length('日本'), OCTET_LENGTH('日本'), length('日本'), lengthUTF8(CAST('ab' AS FixedString(3)));
SELECT REGEXP_REPLACE('a1b22', '\\d+', '#'), regexp_replace('abc', 'b', ''), week(toDate('2008-02-20')), YearWeek(toDate('2008-02-20'), 1);
SELECT substring_index('a.b', '.', 1);
SELECT toyear(toDate('2021-07-04'));
