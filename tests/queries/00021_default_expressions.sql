-- Column DEFAULT expressions: constants, expressions over other columns, omitted in column lists, DESCRIBE output.
CREATE TABLE d (
    id UInt32,
    name String DEFAULT 'unnamed',
    ts DateTime,
    day Date DEFAULT toDate(ts),
    month UInt32 DEFAULT toYYYYMM(ts),
    name_len UInt64 DEFAULT length(name),
    greeting String DEFAULT concat('hi ', lower(name)),
    score Float64 DEFAULT -1.5,
    flag UInt8 DEFAULT if(id > 10, 1, 0),
    n Nullable(Int32)
) ENGINE = MergeTree ORDER BY id;
INSERT INTO d (id, ts) VALUES (1, '2024-02-29 13:14:15');
INSERT INTO d (id, name, ts) VALUES (11, 'BOB', '2023-12-31 23:59:59');
INSERT INTO d (id, name, ts, score, n) VALUES (12, '', '2024-01-01 00:00:00', 2, 7);
INSERT INTO d VALUES (13, 'explicit', '2024-01-01 00:00:00', '2000-01-01', 1, 2, 'given', 0, 0, NULL);
SELECT * FROM d ORDER BY id;
SELECT id, greeting FROM d WHERE flag = 1 ORDER BY id;
DESCRIBE TABLE d;
CREATE TABLE bad_default (x UInt8 DEFAULT nope(1)) ENGINE = Memory;
CREATE TABLE bad_default_col (x UInt8 DEFAULT y + 1) ENGINE = Memory;
CREATE TABLE typed_by_default (x DEFAULT 42, s DEFAULT 'str') ENGINE = Memory;
INSERT INTO typed_by_default (x) VALUES (1);
SELECT * FROM typed_by_default;
DESCRIBE TABLE typed_by_default;
