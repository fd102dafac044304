-- Settings that would change results and are not implemented fail instead of being ignored; tuning knobs are ignored.
SELECT number % 2 AS k, count() FROM numbers(4) GROUP BY k WITH ROLLUP ORDER BY k SETTINGS group_by_use_nulls = 1;
SELECT number % 2 AS k, count() FROM numbers(4) GROUP BY k WITH ROLLUP ORDER BY k, count() SETTINGS group_by_use_nulls = 0;
SELECT sum(number) FROM numbers(0) SETTINGS aggregate_functions_null_for_empty = 1;
SELECT sum(number) FROM numbers(0) SETTINGS aggregate_functions_null_for_empty = 0;
SELECT NULL IN (NULL) SETTINGS transform_null_in = 1;
SELECT CAST(1 AS UInt8) SETTINGS cast_keep_nullable = 'true';
SELECT number % 2 AS k, count() FROM numbers(4) GROUP BY k WITH TOTALS ORDER BY k SETTINGS totals_mode = 'before_having';
SELECT number % 2 AS k, count() FROM numbers(4) GROUP BY k WITH TOTALS ORDER BY k SETTINGS totals_mode = 'after_having_exclusive';
SELECT count() FROM numbers(10) SETTINGS optimize_aggregation_in_order = 1, max_threads = 1;
