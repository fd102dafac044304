-- accurateCast / accurateCastOrNull / accurateCastOrDefault: CAST only of values the target type represents exactly.
SELECT accurateCast(255, 'UInt8'), accurateCast(-1, 'Int8'), accurateCast(1.0, 'UInt8'), accurateCast('42', 'Int16');
SELECT accurateCast(256, 'UInt8');
SELECT accurateCast(-1, 'UInt8');
SELECT accurateCast(1.5, 'UInt8');
SELECT accurateCast(toNullable(5), 'Nullable(UInt8)'), accurateCast(NULL, 'Nullable(UInt8)');
SELECT accurateCastOrNull(-1, 'UInt8'), accurateCastOrNull(128, 'Int8'), accurateCastOrNull(127, 'Int8'), accurateCastOrNull('abc', 'Int32'), accurateCastOrNull(NULL, 'Int32'), toTypeName(accurateCastOrNull(1, 'UInt8'));
SELECT accurateCastOrNull(nan, 'Int32'), accurateCastOrNull(inf, 'Float32'), accurateCastOrNull(0.1, 'Float32'), accurateCastOrNull(0.5, 'Float32'), accurateCastOrNull(16777217, 'Float32'), accurateCastOrNull(18446744073709551615, 'Float64');
SELECT accurateCastOrNull(1e20, 'UInt64'), accurateCastOrNull(18446744073709551615, 'Int64'), accurateCastOrNull(-9223372036854775808, 'Int64');
SELECT accurateCastOrDefault(-1, 'UInt8'), accurateCastOrDefault(-1, 'UInt8', 5), accurateCastOrDefault(300, 'UInt8', toUInt8(7)), accurateCastOrDefault('x', 'Int32', -1), accurateCastOrDefault(NULL, 'String', 'none'), toTypeName(accurateCastOrDefault(1, 'UInt8'));
SELECT number - 2 AS x, accurateCastOrNull(x, 'UInt8'), accurateCastOrDefault(x, 'UInt8', 99) FROM numbers(5);
SELECT accurateCastOrNull('2024-01-02', 'Date'), accurateCastOrNull('nope', 'Date'), accurateCastOrDefault('nope', 'DateTime'), accurateCastOrNull(toLowCardinality('5'), 'UInt8');
SELECT accurateCastOrNull(x, 'UInt8') FROM (SELECT arrayJoin(['1', '-1', '256', '', '7']) AS x);
SELECT accurateCastOrDefault(1, 'UInt8', 2, 3);
SELECT accurateCast(1, 'Foo');
