-- String and FixedString: escapes in literals, TSV output escaping, unicode, empty strings, padding.
CREATE TABLE s (id UInt8, v String) ENGINE = Memory;
INSERT INTO s VALUES (1, ''), (2, 'plain'), (3, 'tab\there'), (4, 'new\nline'), (5, 'back\\slash');
INSERT INTO s VALUES (6, 'single\'quote'), (7, 'double"quote'), (8, 'caf\xC3\xA9'), (9, 'Привет, мир'), (10, '日本語 🎉');
INSERT INTO s VALUES (11, 'cr\rhere'), (12, 'nul\0byte'), (13, '\\N'), (14, 'semi;colon'), (15, '  spaces  ');
INSERT INTO s VALUES (16, 'it''s');
SELECT * FROM s ORDER BY id;
SELECT id, length(v) FROM s ORDER BY id;
SELECT id FROM s WHERE v = '' ORDER BY id;
SELECT id FROM s WHERE v = 'tab\there';
SELECT id, lower(v), concat(v, '|', v) FROM s WHERE id IN (2, 8, 9, 10) ORDER BY id;
SELECT id FROM s WHERE v > 'p' ORDER BY v;
CREATE TABLE fs (id UInt8, f FixedString(4)) ENGINE = Memory;
INSERT INTO fs VALUES (1, ''), (2, 'ab'), (3, 'abcd'), (4, 'é');
SELECT id, f, length(f) FROM fs ORDER BY id;
SELECT id FROM fs WHERE f = 'ab' ORDER BY id;
INSERT INTO fs VALUES (5, 'abcde');
SELECT count() FROM fs;
