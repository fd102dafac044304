-- Aggregates of issue #3 with the -If, -Distinct, -Array, -OrNull and -OrDefault combinators, over NULLs, empty input,
-- constant and column arguments; countDistinct and count(DISTINCT).
-- reference: -If/-Array checked against ClickHouse 18.16 where modern ClickHouse agrees (it differs on: minIf over a Nullable
-- argument with no matching row is NULL, anyIf with only a Nullable condition stays non-Nullable, uniqExact of only NULLs
-- is 0, quantileTDigest interpolates singletons (3, 18.16: 4)); -Distinct/-OrNull/-OrDefault by hand from modern ClickHouse.
CREATE TABLE t (k UInt8, x Nullable(Int32), s String, arr Array(UInt16)) ENGINE = Memory;
INSERT INTO t VALUES (1, 5, 'a', [1, 2]), (1, NULL, 'b', []), (1, 5, 'a', [2, 2]), (2, -1, 'c', [7]), (2, 3, 'c', [7, 8]), (3, NULL, '', []);
SELECT k, count(), count(x), countDistinct(x), count(DISTINCT x), countDistinct(s), uniqExact(x), uniq(s) FROM t GROUP BY k ORDER BY k;
SELECT k, sumIf(x, x > 0), avgIf(x, s != 'b'), minIf(x, x > 100), maxIf(s, x IS NOT NULL), anyIf(s, x = 3), countIf(x IS NULL), uniqIf(s, k = 1) FROM t GROUP BY k ORDER BY k;
SELECT k, sumDistinct(x), avgDistinct(x), arraySort(groupArrayDistinct(s)), uniqExactDistinct(s), countDistinctIf(s, x IS NOT NULL) FROM t GROUP BY k ORDER BY k;
SELECT k, sumArray(arr), maxArray(arr), arraySort(groupUniqArrayArray(arr)), uniqExactArray(arr), countArray(arr), avgArrayIf(arr, length(arr) > 1) FROM t GROUP BY k ORDER BY k;
SELECT sumOrNull(k), sumOrDefault(k), avgOrNull(k), avgOrDefault(k), maxOrNull(s), minOrDefault(s), countOrNull(), uniqOrNull(k) FROM t WHERE k = 0;
SELECT sumOrNull(x), sumOrDefault(x), maxOrNull(s), countOrNull(), argMaxOrNull(s, x) FROM t WHERE k = 2;
SELECT sumIfOrNull(x, k > 5), sumArrayOrDefault(arr), avgDistinctOrNull(x), groupArrayIf(s, x IS NULL), topKIf(1)(s, k = 2) FROM t;
SELECT argMin(s, x), argMax(s, x), argMinIf(s, x, k = 2), any(s), anyLast(s) FROM (SELECT * FROM t ORDER BY k, s);
SELECT quantileIf(0.5)(x, k = 1), quantileExactArray(0.5)(arr), medianIf(x, x > 0), quantilesArray(0.25, 0.75)(arr), quantileTDigestIf(0.5)(x, k < 3), quantileTimingIf(0.5)(x, x > 0) FROM t;
SELECT round(stddevPopIf(x, k = 2), 6), round(stddevSampIf(x, k = 2), 6), round(varPopArray(arr), 6), round(varSampDistinct(x), 6), varSampOrNull(x) FROM t;
SELECT sumIf(number, number % 2 = 1), sumDistinct(number % 3), countIf(1), sumArray([number, 1]) FROM numbers(10);
SELECT sumIf(x, 1), countDistinct(NULL), sumOrNull(NULL), count(DISTINCT NULL) FROM t;
SELECT sumIf(x) FROM t;
SELECT sumArray(x) FROM t;
SELECT sumIf(x, s) FROM t;
SELECT sumOrZero(x) FROM t;
