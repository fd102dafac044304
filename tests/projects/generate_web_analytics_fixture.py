#!/usr/bin/env python3
"""Writes web_analytics/fixtures/analytics_events.ndjson: deterministic page hits and clicks of a
small site in October 2026 (seeded, so the endpoints' expected results never change)."""

import json
import os
import random
from datetime import datetime, timedelta

ROWS = 400
random.seed(20261001)

pages = ["/", "/pricing", "/docs", "/docs/quickstart", "/blog", "/blog/launch", "/about", "/careers"]
page_weights = [30, 14, 18, 9, 8, 6, 3, 2]
domains = ["example.com", "docs.example.com"]
countries = ["ES", "US", "DE", "FR", "GB", "JP"]
devices = ["desktop", "mobile-ios", "mobile-android", "bot"]
referrers = ["", "https://www.google.com/", "https://news.ycombinator.com/", "https://twitter.com/"]

sessions = [f"{random.getrandbits(64):016x}-{i:04d}" for i in range(60)]
start = datetime(2026, 10, 1)

lines = []
for i in range(ROWS):
    ts = start + timedelta(seconds=random.randrange(31 * 24 * 3600))
    session = random.choice(sessions)
    action = "page_hit" if random.random() < 0.8 else "click"
    payload = {
        "pathname": random.choices(pages, page_weights)[0],
        "domain": random.choice(domains),
        "location": random.choice(countries),
        "device": random.choice(devices),
        "referrer": random.choice(referrers),
    }
    lines.append((ts, {
        "timestamp": ts.strftime("%Y-%m-%d %H:%M:%S"),
        "session_id": session,
        "action": action,
        "version": "1",
        "payload": json.dumps(payload, separators=(",", ":")),
    }))

lines.sort(key=lambda item: item[0])
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "web_analytics", "fixtures", "analytics_events.ndjson")
with open(out, "w") as f:
    for _, row in lines:
        f.write(json.dumps(row, separators=(",", ":")) + "\n")
print(f"wrote {len(lines)} rows to {out}")
