-- Aggregate errors by code.
SELECT sum('a');
SELECT avg(toString(number)) FROM numbers(2);
SELECT sum(number, number) FROM numbers(1);
SELECT count(number, number) FROM numbers(1);
SELECT quantile(0.5, 0.6)(number) FROM numbers(1);
SELECT argMax(number) FROM numbers(1);
SELECT sumIf(number, 'x') FROM numbers(1);
SELECT sumMerge(number) FROM numbers(1);
SELECT sum(sum(number)) FROM numbers(1);
SELECT number FROM numbers(3) WHERE sum(number) > 1;
SELECT number, count() FROM numbers(3);
SELECT notAnAggregate(number) FROM numbers(1);
