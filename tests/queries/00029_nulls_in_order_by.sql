-- NULL and NaN placement in ORDER BY: NULLS LAST is the default for ASC and DESC; NULLS FIRST / LAST explicit.
CREATE TABLE n (id UInt8, v Nullable(Int32), s Nullable(String), f Float64) ENGINE = Memory;
INSERT INTO n VALUES (1, 3, 'c', 1), (2, NULL, NULL, nan), (3, -1, 'a', -inf), (4, NULL, 'b', 0), (5, 0, NULL, inf), (6, 2147483647, '', -0.5);
SELECT id, v FROM n ORDER BY v, id;
SELECT id, v FROM n ORDER BY v DESC, id;
SELECT id, v FROM n ORDER BY v ASC NULLS FIRST, id;
SELECT id, v FROM n ORDER BY v DESC NULLS FIRST, id;
SELECT id, v FROM n ORDER BY v NULLS LAST, id DESC;
SELECT id, s FROM n ORDER BY s, id;
SELECT id, s FROM n ORDER BY s DESC NULLS FIRST, id;
SELECT id, f FROM n ORDER BY f, id;
SELECT id, f FROM n ORDER BY f DESC, id;
SELECT id, f FROM n ORDER BY f NULLS FIRST, id;
SELECT id, v, s FROM n ORDER BY s NULLS FIRST, v DESC NULLS LAST LIMIT 4;
SELECT id FROM n ORDER BY v NULLS FIRST, id LIMIT 1, 2;
