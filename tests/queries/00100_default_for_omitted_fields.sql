-- Omitted JSON fields get the column's DEFAULT expression evaluated for their row
-- (ClickHouse input_format_defaults_for_omitted_fields = 1, the default).
CREATE TABLE t (id UInt32, name String DEFAULT concat('user-', toString(id)), n UInt32 DEFAULT id * 10) ENGINE = MergeTree ORDER BY id;
INSERT INTO t VALUES (5, 'eve', 1);
INSERT INTO t FORMAT JSONEachRow {"id":1} {"id":2,"name":"bob"} {"id":3,"n":7}
SELECT * FROM t ORDER BY id;
