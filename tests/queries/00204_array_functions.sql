-- Array functions without lambdas. Oracle: ClickHouse 18.16, plus modern forms it lacks: arrayCount/arrayExists/arrayAll of
-- non-UInt8 elements, range(start, end[, step]), arrayStringConcat of numbers.
CREATE TABLE a (id UInt8, arr Array(UInt32), strs Array(String), n UInt32) ENGINE = Memory;
INSERT INTO a VALUES (1, [3, 1, 2, 3], ['b', 'a', 'b'], 3), (2, [], [], 0), (3, [7], ['x'], 7), (4, [5, 5, 5, 1], ['', 'z'], 9);
SELECT id, has(arr, 3), has(arr, n), indexOf(arr, 3), indexOf(arr, n), countEqual(arr, 5), has(strs, 'b'), indexOf(strs, 'z') FROM a ORDER BY id;
SELECT id, hasAll(arr, [3, 1]), hasAny(arr, [9, 1]), hasAll(arr, []), hasAny(arr, []), length(arr), empty(arr), notEmpty(arr) FROM a ORDER BY id;
SELECT id, arrayStringConcat(strs), arrayStringConcat(strs, '-'), arrayConcat(arr, [100]), arrayReverse(arr), arrayDistinct(arr), arrayUniq(arr), arrayEnumerate(strs) FROM a ORDER BY id;
SELECT id, arraySlice(arr, 2), arraySlice(arr, 2, 2), arraySlice(arr, -2), arraySlice(arr, -3, 2), arraySlice(arr, 1, -1), arraySlice(arr, 0) FROM a ORDER BY id;
SELECT id, arraySort(arr), arrayReverseSort(arr), arraySort(strs), arraySum(arr), arrayCount(arr), arrayExists(arr), arrayAll(arr) FROM a ORDER BY id;
SELECT id, arr[1], arr[-1], arr[10], strs[2] FROM a ORDER BY id;
SELECT range(5), range(2, 5), range(1, 10, 3), range(0), range(toUInt8(3));
SELECT id, range(n) FROM a ORDER BY id;
SELECT has([1, 2, 3], 2.0), has(['a'], 'b'), indexOf([1.5, 2.5], 2.5), hasAll(['a', 'b'], ['b']), arrayConcat([1], [2.5]), arraySort([3, NULL, 1]);
SELECT arrayStringConcat([1, 2, 3], ','), arraySum([1.5, 2.5]), arraySum([-1, -2]), arrayUniq(['a', 'a', 'b']), arrayDistinct(['b', 'a', 'b']);
SELECT range(1, 2, 0);
SELECT has(1, 1);
SELECT arrayConcat();
