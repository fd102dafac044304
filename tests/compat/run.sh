#!/usr/bin/env bash
# Compatibility test: drives `pipit local` (unchanged) with the official Tinybird npm clients
# (@tinybirdco/sdk, @tinybirdco/mockingbird) pinned in package-lock.json.
#
# usage: tests/compat/run.sh [PIPIT_BINARY]     (default: build/pipit, relative to the repository root)
# Starts pipit local on tests/projects/web_analytics with a free port and a temporary data dir, reads the
# tokens from GET /tokens, runs `node --test` on tests/compat/*.test.mjs, stops the server and exits
# non-zero when a test fails or the server does not start or does not stop cleanly.
set -u

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
binary="${1:-build/pipit}"
case "$binary" in
    /*) ;;
    *) if [ -x "$PWD/$binary" ]; then binary="$PWD/$binary"; else binary="$repo/$binary"; fi ;;
esac
if [ ! -x "$binary" ]; then
    echo "compat: pipit binary not found: $binary (build it, or pass its path)" >&2
    exit 2
fi
command -v node >/dev/null || { echo "compat: node is required" >&2; exit 2; }

if [ ! -d "$here/node_modules/@tinybirdco/sdk" ] || [ ! -d "$here/node_modules/@tinybirdco/mockingbird" ]; then
    (cd "$here" && npm ci --no-audit --no-fund) || { echo "compat: npm ci failed" >&2; exit 2; }
fi

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
work="$(mktemp -d -t pipit-compat-XXXXXX)"
log="$work/server.log"
imports="$work/imports"   # url= imports of local files are allowed only under --import-dir
mkdir -p "$imports"
env $(env | grep -o '^TB_LOCAL_[A-Za-z0-9_]*' | sed 's/^/-u /') \
    "$binary" local "$repo/tests/projects/web_analytics" --port "$port" --data-dir "$work/data" \
    --import-dir "$imports" >"$log" 2>&1 &
server_pid=$!

stop_server() {
    if kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        for _ in $(seq 1 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$server_pid" 2>/dev/null; then
            echo "compat: pipit did not stop on SIGTERM within 30 s, killing it" >&2
            kill -KILL "$server_pid"
            wait "$server_pid" 2>/dev/null
            return 1
        fi
    fi
    wait "$server_pid"
}

base="http://127.0.0.1:$port"
tokens=""
for _ in $(seq 1 600); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "compat: pipit exited before answering GET /tokens:" >&2
        cat "$log" >&2
        rm -rf "$work"
        exit 1
    fi
    tokens="$(curl -sf --max-time 2 "$base/tokens" 2>/dev/null)" && break
    tokens=""
    sleep 0.1
done
if [ -z "$tokens" ]; then
    echo "compat: pipit did not answer GET /tokens within 60 s:" >&2
    cat "$log" >&2
    stop_server
    rm -rf "$work"
    exit 1
fi

cd "$here"
PIPIT_URL="$base" PIPIT_TOKENS="$tokens" PIPIT_IMPORT_DIR="$imports" node --test --test-concurrency=1 ./*.test.mjs
status=$?

alive=0
kill -0 "$server_pid" 2>/dev/null || alive=1
stop_server
stop_status=$?
if [ "$alive" -ne 0 ]; then
    echo "compat: pipit died during the tests" >&2
    status=1
elif [ "$stop_status" -ne 0 ]; then
    echo "compat: pipit exited with $stop_status on SIGTERM" >&2
    status=1
fi
if [ "$status" -ne 0 ]; then
    echo "---- pipit log (last 50 lines) ----" >&2
    tail -n 50 "$log" >&2
fi
rm -rf "$work"
exit "$status"
