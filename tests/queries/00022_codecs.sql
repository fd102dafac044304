-- reference: hand-written from the modern ClickHouse documentation; 18.16 has no column CODEC (added in 19.1).
-- DESCRIBE's codec_expression shows the codec list without CODEC(...), with type-dependent parameters filled in
-- (Delta -> Delta(8) for 8-byte, Delta(4) for 4-byte types) and ZSTD's default level (ZSTD -> ZSTD(1)).
-- Data must read back identically through every codec, after a merge and after reopening.
CREATE TABLE c (
    id UInt64 CODEC(Delta, LZ4),
    ts DateTime CODEC(DoubleDelta),
    s String CODEC(ZSTD(3)),
    f Float64 CODEC(NONE),
    x UInt32 CODEC(LZ4HC(9)),
    plain String,
    n Int32 CODEC(Delta, ZSTD),
    dflt String DEFAULT 'dv' CODEC(LZ4)
) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 2;
DESCRIBE TABLE c;
INSERT INTO c (id, ts, s, f, x, plain, n) VALUES (1, '2024-01-01 00:00:00', 'aaaa', 0.5, 4294967295, 'p1', -2147483648), (2, '2024-01-01 00:00:01', '', -0, 0, '', 2147483647);
INSERT INTO c (id, ts, s, f, x, plain, n) VALUES (3, '2024-01-01 00:00:03', 'tab\there', 1e300, 7, 'p3', 0), (18446744073709551615, '2106-02-07 06:28:15', 'max', -1.25, 1, 'pmax', -1);
INSERT INTO c VALUES (5, '1970-01-01 00:00:01', 'explicit', 2, 3, 'p5', 5, 'given');
SELECT * FROM c ORDER BY id;
SELECT id FROM c WHERE n < 0 ORDER BY id;
OPTIMIZE TABLE c FINAL;
-- restart
SELECT * FROM c ORDER BY id;
SELECT count() FROM c WHERE x > 2;
CREATE TABLE bad1 (x UInt8 CODEC(NoSuchCodec)) ENGINE = MergeTree ORDER BY tuple();
CREATE TABLE bad2 (x UInt8 CODEC(ZSTD(100))) ENGINE = MergeTree ORDER BY tuple();
CREATE TABLE bad3 (x UInt64 CODEC(Delta)) ENGINE = MergeTree ORDER BY tuple();
SHOW TABLES;
