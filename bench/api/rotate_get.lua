-- GET requests rotating over ids read from a file, one id per line.
-- Environment: API_IDS (file of ids), API_PREFIX and API_SUFFIX (the request path is PREFIX .. id .. SUFFIX).
-- done() prints exact percentiles in microseconds as "API_STAT name value" lines for bench/api_bench.py.
local ids = {}
for line in io.lines(os.getenv("API_IDS")) do
    if #line > 0 then ids[#ids + 1] = line end
end
local prefix = os.getenv("API_PREFIX")
local suffix = os.getenv("API_SUFFIX") or ""
local counter = 0

local thread_index = 0
function setup(thread)
    thread:set("start", thread_index * 7919)
    thread_index = thread_index + 1
end

function init(args)
    counter = start or 0
end

function request()
    counter = counter + 1
    return wrk.format("GET", prefix .. ids[(counter % #ids) + 1] .. suffix)
end

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
