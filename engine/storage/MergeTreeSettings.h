#pragma once

#include <cstddef>
#include <cstdint>

namespace pipit
{

/// Tunables of one MergeTree table (SETTINGS clause of CREATE TABLE plus test knobs).
struct MergeTreeSettings
{
    /// Rows per granule: the unit of marks, the primary index and reads.
    size_t index_granularity = 8192;

    /// The insert buffer is flushed into parts when any threshold is reached.
    size_t buffer_flush_rows = 1'000'000;
    size_t buffer_flush_bytes = 256ull << 20;
    uint64_t buffer_flush_interval_ms = 2000;

    /// An insert of at least this many rows skips the WAL and the buffer: it is written as parts
    /// directly and acknowledged once the manifest names them (ClickHouse writes every insert so).
    size_t direct_insert_min_rows = 100'000;
    /// Size-tiered merge policy (docs/storage_format.md, "Merges, TTL and mutations").
    size_t merge_min_parts = 4;
    size_t merge_max_parts = 10;
    double merge_size_ratio = 4.0;
    size_t max_bytes_to_merge = 1ull << 30;
    /// Merges hold their rows in memory: the background policy never builds a part above this.
    size_t max_rows_to_merge = 4'000'000;

    /// Background thread that flushes by age/size and merges. Off: only explicit flush/OPTIMIZE.
    bool background_merges = true;
    /// How often the background thread drops/rewrites parts with TTL-expired rows.
    uint64_t ttl_check_interval_ms = 60'000;
    /// Wake-up period of the background thread.
    uint64_t background_interval_ms = 100;

    /// fsync part files, directories and the manifest. Off only in tests/benchmarks.
    bool fsync_parts = true;
};

} // namespace pipit
