#!/usr/bin/env python3
"""Deterministic data for the differential test: three tables written as TSV (ClickHouse escaping) plus the
CREATE TABLE statements, identical for pipit and ClickHouse 18.16.

  events     15,000 rows: NULLs, LowCardinality, DateTime('Europe/Berlin') across both 2024 DST switches,
             Date, negative Int32/Int64/Float64, arrays, JSON strings, URLs, empty strings
  users       4,000 rows: Nullable(UInt8), LowCardinality, Date, names with empty strings
  countries      12 rows: small join side (one key absent from events, one events key absent here)

Timestamps are generated as UTC instants and written as Europe/Berlin wall-clock text; instants in the repeated
autumn hour are skipped so every text value names exactly one instant (parse is unambiguous on both engines).
"""
import datetime, os, random, sys
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Berlin")

DDL = {
    "events": """CREATE TABLE events (
    id UInt32, user_id UInt32, ts DateTime('Europe/Berlin'), ts_utc DateTime('UTC'), d Date,
    country LowCardinality(String), browser Nullable(String), amount Float64, qty Int32, big Int64,
    score Nullable(Int64), ratio Nullable(Float64), name String, url String, payload String,
    tags Array(String), nums Array(Int32)
) ENGINE = MergeTree ORDER BY (user_id, id)""",
    "users": """CREATE TABLE users (
    user_id UInt32, name String, age Nullable(UInt8), signup Date, plan LowCardinality(String), email String
) ENGINE = MergeTree ORDER BY user_id""",
    "countries": """CREATE TABLE countries (
    country String, region String, population UInt64
) ENGINE = MergeTree ORDER BY country""",
}

COUNTRIES = ["DE", "FR", "US", "GB", "ES", "IT", "NL", "PL", "SE", "BR", "JP", ""]
REGIONS = {"DE": "EU", "FR": "EU", "US": "NA", "GB": "EU", "ES": "EU", "IT": "EU", "NL": "EU", "PL": "EU",
           "SE": "EU", "BR": "SA", "JP": "AS", "CN": "AS"}
BROWSERS = ["Chrome", "Firefox", "Safari", "Edge", "", "Opera Mini"]
WORDS = ["alpha", "beta", "gamma", "delta", "", "Epsilon", "zeta zeta", "ÄÖÜ", "x", "tab\there", "quote'q", "back\\slash"]
HOSTS = ["www.example.com", "example.com", "shop.example.co.uk", "blog.test.org", "localhost:8080", "www.foo.bar"]
PATHS = ["/", "/a/b/c", "/products/123", "/search", "/a%20b/c", ""]


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def arr_str(a):
    return "[" + ",".join("'" + x.replace("\\", "\\\\").replace("'", "\\'") + "'" for x in a) + "]"


def arr_int(a):
    return "[" + ",".join(str(x) for x in a) + "]"


def nul(v, f=str):
    return "\\N" if v is None else f(v)


def fmt_float(x):
    return repr(float(x))


def berlin_text(t):
    return datetime.datetime.fromtimestamp(t, TZ).strftime("%Y-%m-%d %H:%M:%S")


def ambiguous(t):
    local = datetime.datetime.fromtimestamp(t, TZ).replace(tzinfo=None)
    a = local.replace(tzinfo=TZ, fold=0).timestamp()
    b = local.replace(tzinfo=TZ, fold=1).timestamp()
    return a != b


def events(rng):
    rows = []
    # instants clustered around the DST switches (2024-03-31 01:00 UTC, 2024-10-27 01:00 UTC) and spread over 2024
    base_spring, base_autumn = 1711846800, 1729990800
    i = 0
    while len(rows) < 15000:
        i += 1
        k = rng.random()
        if k < 0.25:
            t = base_spring + rng.randint(-6 * 3600, 6 * 3600)
        elif k < 0.5:
            t = base_autumn + rng.randint(-6 * 3600, 6 * 3600)
        else:
            t = 1704067200 + rng.randint(0, 366 * 86400 - 1)
        if ambiguous(t):
            continue
        uid = rng.randint(1, 4200)
        country = rng.choice(COUNTRIES + ["CN"]) if rng.random() < 0.95 else "DE"
        browser = None if rng.random() < 0.15 else rng.choice(BROWSERS)
        amount = round(rng.uniform(-500, 2000), 2) if rng.random() < 0.97 else 0.0
        qty = rng.randint(-50, 50)
        big = rng.choice([rng.randint(-2**62, 2**62), rng.randint(-1000, 1000), -9223372036854775807, 9223372036854775807])
        score = None if rng.random() < 0.2 else rng.randint(-100000, 100000)
        ratio = None if rng.random() < 0.3 else round(rng.uniform(-1, 1), 6)
        name = rng.choice(WORDS) + ("" if rng.random() < 0.5 else str(rng.randint(0, 99)))
        path = rng.choice(PATHS)
        q = "" if rng.random() < 0.4 else "?" + "&".join(f"{p}={rng.randint(0, 9)}" for p in rng.sample(["a", "utm_source", "id", "q"], rng.randint(1, 3)))
        frag = "" if rng.random() < 0.8 else "#sec" + str(rng.randint(1, 3))
        url = "" if rng.random() < 0.05 else rng.choice(["https://", "http://", "ftp://"]) + rng.choice(HOSTS) + path + q + frag
        if rng.random() < 0.1:
            payload = rng.choice(["", "not json", "{}", "[1,2,3]", '{"a":'])
        else:
            parts = [f'"event":"{rng.choice(["view", "click", "buy", ""])}"', f'"n":{rng.randint(-1000, 1000)}',
                     f'"price":{round(rng.uniform(-10, 100), 3)}', f'"ok":{rng.choice(["true", "false"])}']
            if rng.random() < 0.5:
                parts.append('"nested":{"k":"' + rng.choice(["v1", "v2", "é"]) + '","arr":[' + ",".join(str(rng.randint(0, 9)) for _ in range(rng.randint(0, 4))) + "]}")
            if rng.random() < 0.3:
                parts.append('"s":"' + rng.choice(['with \\"quote\\"', 'line\\nbreak', 'plain']) + '"')
            rng.shuffle(parts)
            payload = "{" + ",".join(parts) + "}"
        tags = rng.sample(["red", "green", "blue", "", "x y", "RED"], rng.randint(0, 4))
        nums = [rng.randint(-20, 20) for _ in range(rng.randint(0, 6))]
        d = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).date().isoformat()
        rows.append([str(len(rows) + 1), str(uid), berlin_text(t),
                     datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"), d,
                     esc(country), nul(browser, esc), fmt_float(amount), str(qty), str(big), nul(score), nul(ratio, fmt_float),
                     esc(name), esc(url), esc(payload), arr_str(tags), arr_int(nums)])
    return rows


def users(rng):
    rows = []
    for uid in range(1, 4001):
        name = "" if rng.random() < 0.05 else rng.choice(["ann", "bob", "Carl", "dora", "Émile", "li"]) + str(uid % 97)
        age = None if rng.random() < 0.1 else rng.randint(0, 99)
        signup = (datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000))).isoformat()
        plan = rng.choice(["free", "pro", "enterprise", ""])
        email = "" if rng.random() < 0.1 else f"{name.lower() or 'x'}@{rng.choice(['mail.com', 'example.org', 'corp.io'])}"
        rows.append([str(uid), esc(name), nul(age), signup, plan, esc(email)])
    return rows


def countries(rng):
    pops = {c: rng.randint(1000, 10**9) for c in REGIONS}
    return [[c, REGIONS[c], str(pops[c])] for c in sorted(REGIONS) if c != "SE"] + [["ZZ", "", "0"]]


def main():
    main_to(sys.argv[1] if len(sys.argv) > 1 else ".")


def main_to(out):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(20241124)
    for name, gen in (("events", events), ("users", users), ("countries", countries)):
        with open(os.path.join(out, name + ".tsv"), "w", encoding="utf-8", newline="\n") as f:
            for r in gen(rng):
                f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
