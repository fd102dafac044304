-- INSERT ... VALUES: column lists in any order, omitted columns get defaults, several rows, whitespace variants.
CREATE TABLE v (a UInt32, b String, c Float64, d Nullable(String)) ENGINE = MergeTree ORDER BY a;
INSERT INTO v VALUES (1, 'one', 1.5, 'x');
INSERT INTO v (b, a) VALUES ('two', 2);
INSERT INTO v (d, c, b, a) VALUES (NULL, -3.25, 'three', 3), ('d4', 4, 'four', 4);
INSERT INTO v VALUES(5,'five',5,NULL),(6,'six',6,'6');
INSERT INTO v
VALUES
    (7, 'seven', 7e0, 'multi
line');
INSERT INTO v (a) VALUES (8);
SELECT * FROM v ORDER BY a;
SELECT a, b FROM v WHERE d IS NULL ORDER BY a;
INSERT INTO v (a, nope) VALUES (9, 1);
INSERT INTO v (a, b) VALUES (10, 'ten', 'extra');
SELECT count() FROM v;
INSERT INTO nope VALUES (1);
