-- INSERT ... VALUES with values that are not literals of the column type: ClickHouse evaluates them as constant SQL
-- expressions and converts the result to the column type; an expression that cannot be evaluated fails the INSERT.
CREATE TABLE ve (id UInt8, d Date, s String, n Int8, c UInt8, a Array(UInt32), f Float64) ENGINE = Memory;
INSERT INTO ve VALUES (1 + 1, toDate('2024-01-02') + 1, concat('a', 'b'), -(2), CAST('5' AS UInt8), [1, 2], -(0.));
INSERT INTO ve VALUES (3, '2024-01-01', 'x', 1, 2, [1, 'x'], 0);
INSERT INTO ve VALUES (4, '2024-01-05', lower('ABC'), -1, 7 * 3, [], 1 / 4), (5, '2024-01-06', 'plain', 0, 0, [3], 2.5);
INSERT INTO ve VALUES (6, '2024-01-07', 'y', 1, 2, [], unknown_column + 1);
SELECT * FROM ve ORDER BY id;
SELECT count() FROM ve;
