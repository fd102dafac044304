-- POST of the same body (the file API_BODY) to the URL given on wrk's command line.
-- done() prints "API_STAT name value" lines for bench/api_bench.py; status_errors counts non-2xx/3xx answers,
-- so acknowledged requests = requests - status_errors.
local f = assert(io.open(os.getenv("API_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = os.getenv("API_CONTENT_TYPE") or "application/x-ndjson"

function done(summary, latency, requests)
    io.write(string.format("API_STAT p50_us %d\n", latency:percentile(50)))
    io.write(string.format("API_STAT p90_us %d\n", latency:percentile(90)))
    io.write(string.format("API_STAT p99_us %d\n", latency:percentile(99)))
    io.write(string.format("API_STAT requests %d\n", summary.requests))
    io.write(string.format("API_STAT duration_us %d\n", summary.duration))
    io.write(string.format("API_STAT status_errors %d\n", summary.errors.status))
    io.write(string.format("API_STAT socket_errors %d\n",
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
