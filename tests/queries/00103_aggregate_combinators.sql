-- -If, -Distinct, -Array, -OrNull, -OrDefault, -State/-Merge and count(DISTINCT x).
SELECT countIf(number % 2 = 0), sumIf(number, number > 5), avgIf(number, number < 3), uniqIf(number, number % 3 = 0) FROM numbers(10);
SELECT minIf(number, number > 3), maxIf(number, number < 3), anyIf(number, number > 7), groupArrayIf(number, number % 4 = 0) FROM numbers(10);
SELECT countIf(number > 100), sumIf(number, number > 100) FROM numbers(10);
SELECT count(DISTINCT number % 3), countDistinct(number % 4), sumDistinct(number % 3), avgDistinct(number % 2) FROM numbers(100);
SELECT uniqExactDistinct(number % 3), groupArrayDistinct(number % 2) FROM numbers(10);
SELECT sumArray([number, 1]), countArray([1, 2, 3]), groupArrayArray([number, number * 10]), uniqArray([number % 2, 5]) FROM numbers(3);
SELECT sumIfArray([1, 2, 3], [1, 0, 1]) FROM numbers(2);
SELECT number % 2 AS k, countIf(number > 2), sumIf(number, number % 3 = 0), count(DISTINCT number % 5) FROM numbers(20) GROUP BY k ORDER BY k;
SELECT sumOrNull(number), sumOrDefault(number), maxOrNull(number), avgOrDefault(number), countOrNull() FROM numbers(0);
SELECT sumOrNull(number), maxOrNull(number), minOrDefault(number) FROM numbers(5);
SELECT sumMerge(s), avgMerge(a), uniqMerge(u), quantilesMerge(0.5)(q) FROM (SELECT sumState(number) AS s, avgState(number) AS a, uniqState(number % 10) AS u, quantilesState(0.5)(number) AS q FROM numbers(100));
SELECT k, sumMerge(s) FROM (SELECT number % 3 AS k, sumState(number) AS s FROM numbers(30) GROUP BY k) GROUP BY k ORDER BY k;
SELECT countIfDistinct(number % 3, number > 4) FROM numbers(20);
SELECT countIf(toNullable(number % 2 = 1)), sumIf(number, toNullable(number > 3)) FROM numbers(6);
