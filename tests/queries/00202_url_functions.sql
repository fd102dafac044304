-- URL functions. Oracle: ClickHouse 18.16, hand-corrected to modern ClickHouse where it differs: domain() needs a dot in
-- the host ('https://localhost/x' -> '') and finds hosts without a scheme ('example.com/no/scheme' -> 'example.com');
-- encodeURLComponent is not in 18.16.
CREATE TABLE u (id UInt8, url String) ENGINE = Memory;
INSERT INTO u VALUES (1, 'https://www.example.com:8080/a/b/c.html?x=1&y=two&x=3#frag'), (2, 'http://user@sub.domain.co.uk/path/?q'), (3, 'example.com/no/scheme'), (4, '//cdn.example.org/lib.js'), (5, 'not a url'), (6, ''), (7, 'https://localhost/x'), (8, 'ftp://1.2.3.4/file?a=%20b&c'), (9, 'https://www.site.com');
SELECT id, protocol(url), domain(url), domainWithoutWWW(url), topLevelDomain(url) FROM u ORDER BY id;
SELECT id, path(url), pathFull(url), queryString(url), fragment(url) FROM u ORDER BY id;
SELECT id, cutQueryString(url), cutFragment(url), cutWWW(url), cutQueryStringAndFragment(url) FROM u ORDER BY id;
SELECT id, extractURLParameter(url, 'x'), extractURLParameter(url, 'c'), extractURLParameters(url), extractURLParameterNames(url) FROM u ORDER BY id;
SELECT id, URLHierarchy(url), URLPathHierarchy(url) FROM u ORDER BY id;
SELECT decodeURLComponent('a%20b%2Fc%zz%4'), encodeURLComponent('a b/c&d=é~');
SELECT domain(toNullable('http://a.b/')), domain(CAST(NULL AS Nullable(String)));
SELECT domain(1);
