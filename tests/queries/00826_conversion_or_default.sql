-- toXOrZero / toXOrNull for the parametrized types (Decimal, DateTime64, Date32) next to the plain ones.
-- reference: by hand from modern ClickHouse (18.16 has only toDecimal*OrZero/OrNull, checked against it).
SELECT toDecimal32OrNull('1.25', 2), toDecimal32OrZero('1.25x', 2), toDecimal64OrNull('x', 3), toDecimal128OrZero('-7.5', 1), toDecimal32OrNull('123456789', 2);
SELECT toTypeName(toDecimal32OrNull('1', 2)), toTypeName(toDecimal64OrZero('1', 4)), toTypeName(toDateTime64OrNull('2021-01-01', 3)), toTypeName(toDate32OrZero('2021-01-01'));
SELECT toDateTime64OrNull('2021-07-07 13:47:31.5', 3), toDateTime64OrZero('garbage', 3), toDateTime64OrNull('x', 0), toDateTime64OrNull('2021-07-07 13:47:31', 3, 'Asia/Tokyo');
SELECT toDate32OrNull('1950-06-01'), toDate32OrZero('nope'), toDate32OrNull('');
SELECT s, toDecimal32OrNull(s, 1), toDecimal32OrZero(s, 1), toInt32OrNull(s), toFloat64OrZero(s)
FROM (SELECT arrayJoin(['1.5', 'abc', '', '2021-07-07 00:00:00', '-3']) AS s);
SELECT toDecimal32OrNull(NULL, 2), toDateTime64OrNull(NULL, 3);
SELECT toDecimal32OrNull('1');
SELECT toDecimal32OrNull('1', number) FROM numbers(1);
SELECT toDate32OrNull('1', 2);
SELECT toFixedString('ab', 4) = 'ab\0\0', length(toFixedString('ab', 4)), toTypeName(toFixedString('ab', 4)), toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0'), toUUIDOrNull('x'), toUUIDOrZero('x');
SELECT toFixedString(s, 3) = s FROM (SELECT arrayJoin(['abc', 'ab']) AS s);
SELECT toFixedString('abc', 2);
SELECT toFixedString('abc', 0);
SELECT toInt128('170141183460469231731687303715884105727'), toInt128(-5), toUInt128('340282366920938463463374607431768211455'), toTypeName(toUInt128(1)), toInt128(NULL);
SELECT toInt128(number), toUInt128(toString(number)) FROM numbers(2);
