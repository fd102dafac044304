-- Nullable(T) and LowCardinality(T): NULL output, IS NULL filters, NULL in comparisons, insert NULL into non-Nullable.
CREATE TABLE n (id UInt8, ni Nullable(Int32), ns Nullable(String), lc LowCardinality(String), lcn LowCardinality(Nullable(String))) ENGINE = Memory;
INSERT INTO n VALUES (1, NULL, NULL, '', NULL), (2, 0, '', 'a', 'a'), (3, -5, 'x', 'b', NULL), (4, 7, '\\N', 'a', 'b');
INSERT INTO n VALUES (5, NULL, 'NULL', 'ünï', ''), (6, 2147483647, 'tab\tin', 'a', 'a');
SELECT * FROM n ORDER BY id;
SELECT id FROM n WHERE ni IS NULL ORDER BY id;
SELECT id FROM n WHERE ni IS NOT NULL ORDER BY id;
SELECT id FROM n WHERE ni > 0 ORDER BY id;
SELECT id FROM n WHERE NOT (ni > 0) ORDER BY id;
SELECT id FROM n WHERE ns = '' ORDER BY id;
SELECT id FROM n WHERE lc = 'a' ORDER BY id;
SELECT id FROM n WHERE lcn IS NULL ORDER BY id;
SELECT id, ni + 1 FROM n ORDER BY id;
SELECT id, length(lc), lower(lcn) FROM n ORDER BY id;
SELECT count() FROM n WHERE lcn = 'a';
CREATE TABLE nn (id UInt8, s String) ENGINE = Memory;
-- reference: modern ClickHouse behaviour, 18.16 differs (input_format_null_as_default = 1 is the modern default:
-- NULL into a non-Nullable column stores the default; 18.16 fails with VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE)
INSERT INTO nn VALUES (1, NULL);
SELECT * FROM nn;
CREATE TABLE bad_nullable (x Nullable(Array(UInt8))) ENGINE = Memory;
