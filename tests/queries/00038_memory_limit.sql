-- max_memory_usage bounds a query's heap (aggregation states, sort buffers, hash tables): over it the query stops
-- with MEMORY_LIMIT_EXCEEDED, the next statement runs normally, and a query's SETTINGS can only lower the limit.
SELECT number % 3000000 AS k, count() FROM numbers(10000000) GROUP BY k ORDER BY k LIMIT 1 SETTINGS max_memory_usage = 50000000;
SELECT length(groupArray(number)) FROM numbers(10000000) SETTINGS max_memory_usage = 10000000;
SELECT count() FROM (SELECT number FROM numbers(10000000) ORDER BY number DESC) SETTINGS max_memory_usage = 10000000;
SELECT number % 3000000 AS k, count() FROM numbers(10000000) GROUP BY k ORDER BY k LIMIT 1;
SELECT length(groupArray(number)) FROM numbers(100000) SETTINGS max_memory_usage = 100000000;
SELECT count(), sum(number) FROM numbers(10000000) SETTINGS max_memory_usage = 10000000;
