-- Array, Tuple and nested composites: literal parsing and TSV output (strings quoted inside composites).
CREATE TABLE c (id UInt8, a Array(UInt32), s Array(String), t Tuple(UInt8, String), na Array(Nullable(Int8)), aa Array(Array(UInt8))) ENGINE = Memory;
INSERT INTO c VALUES (1, [], [], (0, ''), [], []);
INSERT INTO c VALUES (2, [1, 2, 3], ['a', 'b\'c', 'd\\e'], (255, 'tab\there'), [NULL, -1, 127], [[1], [], [2, 3]]);
INSERT INTO c VALUES (3, [4294967295], ['', 'новый'], (1, 'x'), [NULL], [[]]);
SELECT * FROM c ORDER BY id;
SELECT id, length(a), length(s) FROM c ORDER BY id;
SELECT id FROM c WHERE length(a) > 0 ORDER BY id;
SELECT t FROM c ORDER BY id DESC;
INSERT INTO c VALUES (4, [1, 'x'], [], (1, 'a'), [], []);
SELECT count() FROM c;
