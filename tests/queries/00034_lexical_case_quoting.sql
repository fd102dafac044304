-- Lexical details: keywords in any case, case-sensitive table/column names, `backquoted` and "double-quoted"
-- identifiers with spaces, comments of both kinds, several statements on a line, empty statements.
create table Mixed (Id UInt8, `my col` String, "other col" Int16) engine = Memory;
InSeRt InTo Mixed vAlUeS (1, 'a', -1), (2, 'b', 2);
SELECT Id, `my col`, "other col" FROM Mixed ORDER BY Id;
select * from Mixed where Id = 1; select count() from Mixed;
SELECT * FROM mixed;
SELECT id FROM Mixed;
SELECT /* inline comment */ Id -- trailing comment
FROM Mixed /* multi
line comment */ ORDER BY Id DESC;
;
;;
SELECT `Id` FROM `Mixed` WHERE `my col` = 'b';
SELECT LENGTH(`my col`), Lower('ABC'), CONCAT(`my col`, 'x') FROM Mixed ORDER BY Id;
CREATE TABLE mixed (x UInt8) ENGINE = Memory;
SHOW TABLES;
SELECT count() FROM mixed;
