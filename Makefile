# Quick start on a fresh Debian 12 machine:  make run   |   make test
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
JOBS      ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
# Paths relative to the checkout in ccache's keys, so that another clone (CI) reuses the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: deps build build-asan test unit-test query-test crash-test api-test asan-test differential-test compat-test run shell bench format clean

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja: | deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD_DIR)/build.ninja
	@ninja -C $(BUILD_DIR) -j $(JOBS)

$(ASAN_DIR)/build.ninja: | deps
	@cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPIPIT_SANITIZE=ON -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g0" >/dev/null

build-asan: deps $(ASAN_DIR)/build.ninja
	@ninja -C $(ASAN_DIR) -j $(JOBS)

unit-test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

query-test: build
	@/usr/bin/python3 tests/queries/run.py --pipit $(BUILD_DIR)/pipit

crash-test: build
	@/usr/bin/python3 tests/crash/crash_test.py --pipit $(BUILD_DIR)/pipit --rounds 20

# HTTP API tests (pytest) against the built server on a free port with a temporary data directory.
api-test: build
	@PIPIT_BINARY=$(CURDIR)/$(BUILD_DIR)/pipit /usr/bin/python3 -m pytest tests/api -q

asan-test: build-asan
	@cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1 /usr/bin/python3 tests/queries/run.py --pipit $(ASAN_DIR)/pipit

# The official npm clients (@tinybirdco/sdk, @tinybirdco/mockingbird), unchanged, against pipit local.
compat-test: build
	@tests/compat/run.sh $(BUILD_DIR)/pipit

# pipit vs ClickHouse 18.16 on the same generated data (tests/differential/README.md); about 30 s.
# Needs clickhouse-server (scripts/install-deps installs it); prints SKIPPED and passes without it.
differential-test: build
	@/usr/bin/python3 tests/differential/run.py --pipit $(BUILD_DIR)/pipit

# Every test: unit, SQL, differential against ClickHouse 18.16, crash recovery, HTTP API, npm client
# compatibility, then unit + SQL again under ASan+UBSan.
test: unit-test query-test differential-test crash-test api-test compat-test asan-test

PIPIT_DATA ?= ./pipit-data
PORT ?= 7181
# Builds and serves the sample web-analytics project (generated events as its fixture) on http://localhost:$(PORT):
# prints the admin token and example URLs. Ctrl-C stops.
run: build
	@$(BUILD_DIR)/pipit local tests/projects/web_analytics --data-dir $(PIPIT_DATA) --port $(PORT)

# Builds, loads 200,000 generated events into ./pipit-data and opens the SQL shell on them.
shell: build
	@scripts/run-sample

bench: build
	@/usr/bin/python3 bench/ingest_bench.py --rows 1000000,10000000 && /usr/bin/python3 bench/query_bench.py --rows 10000000

format:
	@find engine platform apps tests -name '*.h' -o -name '*.cpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
