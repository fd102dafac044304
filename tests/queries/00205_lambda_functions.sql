-- Higher-order array functions with lambdas x -> e and (x, y) -> e, capturing outer columns. Oracle: ClickHouse 18.16
-- (which fails to capture the column k; values checked by hand). Arrays of different sizes: BAD_ARGUMENTS here
-- (ClickHouse: SIZES_OF_ARRAYS_DONT_MATCH, code 190, not yet in ErrorCodes.h).
CREATE TABLE l (id UInt8, arr Array(Int32), strs Array(String), k Int32) ENGINE = Memory;
INSERT INTO l VALUES (1, [3, -1, 2], ['b', 'aa', 'c'], 10), (2, [], [], 0), (3, [5, 5], ['x', 'y'], -1);
SELECT id, arrayMap(x -> x * 2, arr), arrayMap(x -> x + k, arr), arrayMap(s -> length(s), strs), arrayMap((x, s) -> concat(s, toString(x)), arr, strs) FROM l ORDER BY id;
SELECT id, arrayFilter(x -> x > 0, arr), arrayFilter((x, s) -> s != 'b', arr, strs), arrayExists(x -> x > k, arr), arrayAll(x -> x > -5, arr), arrayCount(x -> x > 0, arr) FROM l ORDER BY id;
SELECT id, arraySum(x -> x * x, arr), arrayFirst(x -> x < 3, arr), arrayFirstIndex(x -> x < 3, arr), arraySort(x -> -x, arr), arrayReverseSort(x -> abs(x), arr), arraySort((x, s) -> s, arr, strs) FROM l ORDER BY id;
SELECT arrayMap(x -> x + 1, [1, 2, 3]), arrayFilter(x -> x != 'a', ['a', 'b']), arrayMap(x -> arrayMap(y -> y * x, [1, 2]), [10, 20]), arrayMap(x -> 1, [5, 6]);
SELECT arrayMap(x -> toString(x), range(3)) AS m, length(m), arrayMap(x -> x * 2, arr) AS d FROM l WHERE id = 1;
SELECT sum(arraySum(x -> x, arr)) FROM l;
SELECT arrayMap((x, y) -> x + y, [1, 2], [1]);
SELECT arrayMap(x -> x, 1);
SELECT arrayMap((x, y) -> x, [1]);
SELECT arrayFilter(x -> 'a', [1]);
SELECT length(x -> x);
