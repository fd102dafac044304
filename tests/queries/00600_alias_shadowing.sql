-- Aliases: visible in every clause and before their definition; `f(x) AS x` shadows x everywhere except inside f(x).
CREATE TABLE ev (ts DateTime, location String, action String, revenue Float64) ENGINE = MergeTree ORDER BY ts;
INSERT INTO ev VALUES ('2024-03-24 10:00:00', 'a', 'purchase', 10), ('2024-03-24 11:00:00', 'a', 'view', 5), ('2024-03-25 00:00:00', 'b', 'purchase', 30), ('2024-03-23 23:00:00', 'b', 'purchase', 100), ('2024-03-26 12:00:00', 'c', 'view', 1);
-- the benchmark's q09: inside sum(revenue) AS revenue, revenue is the column; ORDER BY revenue sorts by the sum
SELECT location, sum(revenue) AS revenue, countIf(action = 'purchase') AS orders, count() AS hits FROM ev WHERE ts >= '2024-03-24 00:00:00' GROUP BY location ORDER BY revenue DESC LIMIT 20;
SELECT location, sum(revenue) AS revenue FROM ev GROUP BY location HAVING revenue > 10 ORDER BY location;
SELECT location, sum(revenue) AS revenue, revenue * 2 AS twice FROM ev GROUP BY location ORDER BY location;
-- min(revenue) sees the alias max(revenue): an aggregate inside an aggregate
SELECT location, max(revenue) AS revenue, min(revenue) AS low FROM ev GROUP BY location ORDER BY revenue;
-- toDate(ts) AS ts: the alias everywhere, the column inside its definition
SELECT toDate(ts) AS ts, count() AS c FROM ev GROUP BY ts ORDER BY ts;
SELECT toDate(ts) AS ts FROM ev WHERE ts = '2024-03-24' ORDER BY ts;
-- x + 1 AS x
SELECT number + 1 AS number FROM numbers(3) ORDER BY number DESC;
SELECT number * 10 AS number FROM numbers(5) WHERE number > 20 ORDER BY number;
-- use before definition, chains
SELECT z, number * 2 AS y, y + 1 AS z FROM numbers(3) WHERE z > 2 ORDER BY z;
SELECT a + b AS c, number AS a, a * 10 AS b FROM numbers(3) ORDER BY c DESC;
-- cycles
SELECT b + 1 AS a, a + 1 AS b FROM numbers(1);
SELECT a + 1 AS a2, b + 1 AS a, a + 1 AS b FROM numbers(1);
SELECT number FROM numbers(2) WHERE x > 0 AND (y + 1 AS x) > 0 AND (x + 1 AS y) > 0;
