-- DESCRIBE TABLE / DESC: one row per column with name, type, default_type, default_expression, comment,
-- codec_expression, ttl_expression (the last two empty here; 00022 and 00018 cover them).
-- reference: DESCRIBE rows are from the 18.16 oracle with the two trailing columns (codec_expression, ttl_expression)
-- that 18.16 lacks appended empty, as modern ClickHouse prints them.
CREATE TABLE all_types (
    u8 UInt8, u16 UInt16, u32 UInt32, u64 UInt64, i8 Int8, i16 Int16, i32 Int32, i64 Int64,
    f32 Float32, f64 Float64, s String, fs FixedString(16), d Date, dt DateTime, dt_tz DateTime('Europe/Moscow'),
    uuid UUID, dec Decimal(18, 4), ns Nullable(String), lc LowCardinality(String), lcn LowCardinality(Nullable(String)),
    arr Array(Nullable(UInt8)), tup Tuple(UInt8, String), nested_arr Array(Array(String)),
    with_default String DEFAULT 'x'
) ENGINE = MergeTree ORDER BY u8;
DESCRIBE TABLE all_types;
DESC all_types;
CREATE TABLE m (x UInt8) ENGINE = Memory;
DESCRIBE TABLE m;
DESCRIBE TABLE m FORMAT TSVWithNames;
DESCRIBE TABLE nope;
