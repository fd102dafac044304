-- Granule and row pruning by the sort key compares key values in place (String, Nullable, LowCardinality keys,
-- a toDate(ts) key): every pruned count equals the full-scan count (countIf over all rows) next to it.
CREATE TABLE kc_s (s String, n UInt32) ENGINE = MergeTree ORDER BY (s, n) SETTINGS index_granularity = 8;
INSERT INTO kc_s SELECT concat('k', toString(number % 97)), toUInt32(number) FROM numbers(3000);
INSERT INTO kc_s SELECT concat('k', toString(number % 13)), toUInt32(number) FROM numbers(500);
SELECT (SELECT count() FROM kc_s WHERE s = 'k5'), (SELECT countIf(s = 'k5') FROM kc_s);
SELECT (SELECT count() FROM kc_s WHERE s = 'k5' AND n >= 100 AND n < 2000), (SELECT countIf(s = 'k5' AND n >= 100 AND n < 2000) FROM kc_s);
SELECT (SELECT count() FROM kc_s WHERE s IN ('k1', 'k96', 'zz')), (SELECT countIf(s IN ('k1', 'k96', 'zz')) FROM kc_s);
SELECT (SELECT count() FROM kc_s WHERE s > 'k90' AND s <= 'k95'), (SELECT countIf(s > 'k90' AND s <= 'k95') FROM kc_s);
SELECT (SELECT count() FROM kc_s WHERE s = 'missing'), (SELECT count() FROM kc_s WHERE s = ''), (SELECT count() FROM kc_s WHERE NOT (s != 'k7'));
SELECT n FROM kc_s WHERE s = 'k12' ORDER BY n DESC LIMIT 4;
CREATE TABLE kc_ns (s Nullable(String), n UInt32) ENGINE = MergeTree ORDER BY (s, n) SETTINGS index_granularity = 8;
INSERT INTO kc_ns SELECT if(number % 5 = 0, NULL, concat('v', toString(number % 41))), toUInt32(number) FROM numbers(2000);
SELECT (SELECT count() FROM kc_ns WHERE s = 'v3'), (SELECT countIf(s = 'v3') FROM kc_ns), (SELECT count() FROM kc_ns WHERE s IS NULL);
SELECT (SELECT count() FROM kc_ns WHERE s < 'v2'), (SELECT countIf(s < 'v2') FROM kc_ns);
CREATE TABLE kc_lc (s LowCardinality(String), ln LowCardinality(Nullable(String)), n UInt32) ENGINE = MergeTree ORDER BY (s, n) SETTINGS index_granularity = 8;
INSERT INTO kc_lc SELECT concat('a', toString(number % 23)), if(number % 3 = 0, NULL, 'x'), toUInt32(number) FROM numbers(1500);
INSERT INTO kc_lc SELECT concat('a', toString(number % 7)), 'y', toUInt32(number) FROM numbers(300);
SELECT (SELECT count() FROM kc_lc WHERE s = 'a4'), (SELECT countIf(s = 'a4') FROM kc_lc);
SELECT (SELECT count() FROM kc_lc WHERE s >= 'a20' AND n < 700), (SELECT countIf(s >= 'a20' AND n < 700) FROM kc_lc);
SELECT n, ln FROM kc_lc WHERE s = 'a6' ORDER BY n DESC LIMIT 3;
CREATE TABLE kc_d (ts DateTime('UTC'), v UInt32) ENGINE = MergeTree ORDER BY (toDate(ts), v) SETTINGS index_granularity = 8;
INSERT INTO kc_d SELECT toDateTime(1709251200 + number * 3600, 'UTC'), toUInt32(number) FROM numbers(1000);
SELECT (SELECT count() FROM kc_d WHERE ts >= '2024-03-10 05:00:00' AND ts < '2024-03-12 00:00:00'), (SELECT countIf(ts >= '2024-03-10 05:00:00' AND ts < '2024-03-12 00:00:00') FROM kc_d);
SELECT (SELECT count() FROM kc_d WHERE toDate(ts) = '2024-03-05'), (SELECT count() FROM kc_d WHERE toStartOfHour(ts) = toDateTime('2024-03-05 07:00:00', 'UTC'));
DROP TABLE kc_s;
DROP TABLE kc_ns;
DROP TABLE kc_lc;
DROP TABLE kc_d;
