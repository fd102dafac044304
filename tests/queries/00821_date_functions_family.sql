-- Date and time functions of issue #3: yesterday, dateAdd/dateSub/dateDiff with unit keywords, toYYYYMMDDhhmmss,
-- the toStartOf* family incl. sub-second and ISO year, week modes, DateTime64 conversions, fromUnixTimestamp.
-- reference: verified by hand and against ClickHouse 18.16 where it has the function; modern ClickHouse semantics otherwise
-- (FROM_UNIXTIME formats like MySQL: %i minutes, %M month name; with two arguments the second is always a format).
SELECT yesterday() = today() - 1, toTypeName(yesterday());

-- dateAdd / dateSub / timestampAdd families: unit keyword form, INTERVAL form, case-insensitive names
SELECT dateAdd(day, 1, toDate('2020-01-31')), date_add(MONTH, 1, toDate('2020-01-31')), DATE_ADD(YEAR, 1, toDate('2020-02-29'));
SELECT dateAdd(toDate('2020-01-01'), INTERVAL 1 DAY), date_add(toDateTime('2020-01-01 00:00:00'), INTERVAL 90 MINUTE);
SELECT dateSub(day, 1, toDate('2020-03-01')), date_sub(HOUR, 25, toDateTime('2020-03-01 00:00:00')), DATE_SUB(toDate('2020-03-31'), INTERVAL 1 MONTH);
SELECT timestampAdd(toDate('2020-01-01'), INTERVAL 1 WEEK), timestamp_add(second, 61, toDateTime('2020-01-01 00:00:00')), TIMESTAMP_SUB(minute, 1, toDateTime('2020-01-01 00:00:00'));
SELECT dateAdd(dd, 2, toDate('2020-01-01')), dateAdd(SQL_TSI_WEEK, 1, toDate('2020-01-01')), dateAdd(quarters, 1, toDate('2020-01-01'));
SELECT toTypeName(dateAdd(hour, 1, toDate('2020-01-01'))), dateAdd(hour, 1, toDate('2020-01-01'));
SELECT dateAdd(day, number, toDate('2020-12-30')) FROM numbers(3);
SELECT dateAdd(day, NULL, toDate('2020-01-01')), dateAdd(day, 1, NULL);
SELECT dateAdd(day, 1, 'x');
SELECT dateAdd(toDate('2020-01-01'), 1);

-- dateDiff with unit keywords and its aliases
SELECT dateDiff(day, toDate('2020-01-01'), toDate('2020-03-01')), DATE_DIFF(MONTH, toDate('2020-01-31'), toDate('2020-02-01')), date_diff('year', toDate('2019-12-31'), toDate('2020-01-01'));
SELECT timestampDiff(hour, toDateTime('2020-01-01 00:59:59'), toDateTime('2020-01-01 01:00:00')), timestamp_diff(week, toDate('2020-01-05'), toDate('2020-01-06')), dateDiff(ss, toDateTime('2020-01-01 00:00:00'), toDateTime('2020-01-01 00:01:00'));
SELECT dateDiff(second, toDateTime64('2020-01-01 00:00:00.900', 3), toDateTime64('2020-01-01 00:00:01.100', 3));
SELECT dateDiff('fortnight', toDate('2020-01-01'), toDate('2020-01-02'));

-- toYYYYMM* family
SELECT toYYYYMM(toDate('2021-07-04')), toYYYYMMDD(toDateTime('2021-07-04 23:59:59')), toYYYYMMDDhhmmss(toDateTime('2021-07-04 23:59:58')), toYYYYMMDDhhmmss(toDate('2021-07-04'));
SELECT toYYYYMMDDhhmmss(toDateTime('2021-07-04 23:59:58', 'Asia/Tokyo')), toYYYYMMDDhhmmss(toDateTime('2021-07-04 23:59:58'), 'Asia/Tokyo'), toTypeName(toYYYYMMDDhhmmss(now()));
SELECT toYYYYMMDDhhmmss(toDateTime64('2021-07-04 01:02:03.999', 3)), toYYYYMMDDhhmmss(NULL), toYYYYMMDDhhmmss(toDate('1970-01-01'));
SELECT toYYYYMMDDhhmmss('2021-07-04');

-- toStartOf* family on one instant (a Wednesday)
WITH toDateTime('2021-07-07 13:47:31') AS t
SELECT toStartOfYear(t), toStartOfISOYear(t), toStartOfQuarter(t), toStartOfMonth(t), toStartOfWeek(t), toMonday(t), toStartOfDay(t), toStartOfHour(t);
WITH toDateTime('2021-07-07 13:47:31') AS t
SELECT toStartOfMinute(t), toStartOfFiveMinutes(t), toStartOfFiveMinute(t), toStartOfTenMinutes(t), toStartOfFifteenMinutes(t), toStartOfInterval(t, INTERVAL 2 HOUR), toLastDayOfMonth(t), toLastDayOfWeek(t);
WITH toDateTime64('2021-07-07 13:47:31.123456789', 9) AS t
SELECT toStartOfSecond(t), toStartOfMillisecond(t), toStartOfMicrosecond(t), toStartOfNanosecond(t), toTypeName(toStartOfMillisecond(t));
SELECT toStartOfSecond(toDateTime64('1969-12-31 23:59:59.5', 1)), toStartOfMillisecond(toDateTime64('2021-07-07 13:47:31', 0));
SELECT toStartOfSecond(toDateTime('2021-07-07 13:47:31'));
SELECT toStartOfISOYear(toDate('2021-01-03')), toStartOfISOYear(toDate('2021-01-04')), toStartOfISOYear(toDate('2020-12-31')), toStartOfISOYear(toDate('2026-12-31'));
SELECT toISOYear(toDate('2021-01-03')), toISOWeek(toDate('2021-01-03')), toISOWeek(toDate('2021-01-04')), toISOWeek(toDate('2020-12-31')), toISOYear(toDate('2019-12-30')), toISOWeek(toDate('2019-12-30'));
SELECT toLastDayOfMonth(toDate('2020-02-10')), toLastDayOfMonth(toDate('2021-02-10')), toLastDayOfMonth(toDateTime('2021-12-31 23:00:00')), LAST_DAY(toDate('2021-04-01'));

-- week modes: toStartOfWeek(t, mode), toDayOfWeek(t, mode), toLastDayOfWeek
SELECT toStartOfWeek(toDate('2021-07-04'), 0), toStartOfWeek(toDate('2021-07-04'), 1), toStartOfWeek(toDate('2021-07-05'), 0), toStartOfWeek(toDate('2021-07-05'), 1), toStartOfWeek(toDate('2021-07-10'), 3);
SELECT toDayOfWeek(toDate('2021-07-04')), toDayOfWeek(toDate('2021-07-04'), 1), toDayOfWeek(toDate('2021-07-04'), 2), toDayOfWeek(toDate('2021-07-04'), 3), DAYOFWEEK(toDate('2021-07-05'));
SELECT toLastDayOfWeek(toDate('2021-07-04')), toLastDayOfWeek(toDate('2021-07-04'), 1), toStartOfWeek(toDateTime('2021-07-04 23:00:00'), 1, 'Asia/Tokyo');
SELECT toDayOfWeek(toDate('2021-07-04') + number, 1) FROM numbers(7);
SELECT toStartOfWeek(toDate('2021-07-04'), number) FROM numbers(1);

-- DateTime64 <-> Unix time
SELECT toUnixTimestamp64Milli(toDateTime64('2021-07-07 13:47:31.123456', 6)), toUnixTimestamp64Micro(toDateTime64('2021-07-07 13:47:31.123', 3)), toUnixTimestamp64Nano(toDateTime64('2021-07-07 13:47:31.1', 1));
SELECT toUnixTimestamp64Milli(toDateTime64('1969-12-31 23:59:59.9995', 4)), toUnixTimestamp64Milli(toDateTime('2021-07-07 13:47:31')), toTypeName(toUnixTimestamp64Milli(now64()));
SELECT fromUnixTimestamp64Milli(toUnixTimestamp64Milli(toDateTime64('2021-07-07 13:47:31.123', 3))), toMillisecond(toDateTime64('2021-07-07 13:47:31.123', 3)), toMillisecond(toDateTime64('2021-07-07 13:47:31.5', 1)), toMillisecond(toDateTime('2021-07-07 13:47:31'));
SELECT toUnixTimestamp64Milli('2021');
SELECT fromUnixTimestamp(1625665651), FROM_UNIXTIME(1625665651, '%Y-%m-%d %H:%i'), fromUnixTimestamp(1625665651, '%F %T', 'Asia/Tokyo'), fromUnixTimestamp(1625665651, 'Asia/Tokyo'), toTypeName(fromUnixTimestamp(0));
SELECT fromUnixTimestamp(number * 86400) FROM numbers(2);
SELECT toTypeName(now64()), toTypeName(now64(6)), toTypeName(now64(0, 'Asia/Tokyo')), now64(3) >= now() - 1;
SELECT now64(10);

-- sub-second intervals
SELECT toDateTime64('2021-07-07 13:47:31.123', 3) + INTERVAL 1 MILLISECOND, addMicroseconds(toDateTime64('2021-07-07 13:47:31.123', 3), 5), toDateTime('2021-07-07 13:47:31') - toIntervalNanosecond(1), toTypeName(addMilliseconds(toDateTime('2021-07-07 13:47:31'), 1));
SELECT dateAdd(millisecond, 1500, toDateTime64('2021-07-07 13:47:31.000', 3)), subtractMilliseconds(toDateTime64('2021-07-07 13:47:31.000', 3), 1), addMilliseconds(toDate('2021-07-07'), 1);
SELECT dateDiff(millisecond, toDateTime64('2021-07-07 13:47:31.123', 3), toDateTime64('2021-07-07 13:47:32.001', 3)), dateDiff('microsecond', toDateTime('2021-07-07 13:47:31'), toDateTime64('2021-07-07 13:47:31.5', 1)), dateDiff(ns, toDate('1970-01-01'), toDateTime64('1970-01-01 00:00:00.000000001', 9));
SELECT toStartOfInterval(toDateTime64('2021-07-07 13:47:31.123456', 6), INTERVAL 100 MILLISECOND), toStartOfInterval(toDateTime64('2021-07-07 13:47:31.123456', 6), INTERVAL 10 MICROSECOND);
SELECT toStartOfInterval(toDateTime('2021-07-07 13:47:31'), INTERVAL 1 MILLISECOND);
SELECT toIntervalMillisecond(5), toTypeName(INTERVAL 3 MICROSECOND), toTypeName(toIntervalNanosecond(1));

-- MySQL week modes (values from the ClickHouse and MySQL documentation); mode 3 is ISO 8601
SELECT toWeek(toDate('2016-12-27')), toWeek(toDate('2016-12-27'), 1), toWeek(toDate('2016-12-27'), 9), toYearWeek(toDate('2016-12-27')), toYearWeek(toDate('2016-12-27'), 1), toYearWeek(toDate('2016-12-27'), 9), toYearWeek(toDate('2022-01-01'));
SELECT toWeek(toDate('2008-02-20')), toWeek(toDate('2008-02-20'), 1), toWeek(toDate('2008-12-31'), 1), toWeek(toDate('2000-01-01'), 0), toWeek(toDate('2000-01-01'), 2), toYearWeek(toDate('1987-01-01')), WEEK(toDateTime('2008-02-20 10:00:00')), YEARWEEK(toDate('2008-02-20'));
SELECT countIf(toWeek(d, 3) != toISOWeek(d)), countIf(intDiv(toYearWeek(d, 3), 100) != toISOYear(d)), countIf(toWeek(d, 2) = 0), countIf(toWeek(d) = 0) > 0 FROM (SELECT toDate('1970-01-05') + number AS d FROM numbers(60000));
