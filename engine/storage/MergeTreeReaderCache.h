#pragma once

#include "engine/columns/IColumn.h"
#include "engine/storage/MergeTreeDataPart.h"

#include <atomic>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace pipit
{

/// Decoded column granules of MergeTree parts, shared by every reader of the process: an LRU bounded by the
/// bytes of the cached columns, keyed by (part, column position in the part, granule). Parts are immutable, so
/// an entry never goes stale. An entry holds a weak reference to its part and is only returned while that part
/// is alive, so the address of a dropped part can never alias a later part; entries of dropped parts are never
/// hit again and age out. Cached columns are shared and must not be modified (ColumnPtr is const).
///
/// Thread-safe: the key space is split over shards, each with its own lock, LRU list and 1/shards of the bytes.
/// A column larger than a shard's bytes is not cached.
class MergeTreeReaderCache
{
public:
    /// Default bytes of instance().
    static constexpr size_t default_max_bytes = 1ull << 30;
    /// MergeTreeSource uses the cache for reads of at most this many granules (point lookups and small
    /// ranges); larger scans bypass it so they neither pay for it nor evict the small reads' granules.
    static constexpr size_t max_granules_per_read = 128;

    struct Stats
    {
        size_t hits = 0;
        size_t misses = 0;
        size_t evictions = 0;
        size_t entries = 0;
        size_t bytes = 0;
    };

    explicit MergeTreeReaderCache(size_t max_bytes, size_t shards = 16);
    MergeTreeReaderCache(const MergeTreeReaderCache &) = delete;
    MergeTreeReaderCache & operator=(const MergeTreeReaderCache &) = delete;

    /// The process-wide cache MergeTreePartReader uses (default_max_bytes until setMaxBytes()).
    static MergeTreeReaderCache & instance();

    /// The cached granule `granule` of the part's column at `column_position`, or nullptr (counted as a miss).
    ColumnPtr get(const MergeTreeDataPartPtr & part, size_t column_position, size_t granule);

    /// Caches `column` for the key unless an entry is already there, then evicts least recently used entries
    /// of the shard down to its bytes. Returns the cached column (the existing one if any, else `column`).
    ColumnPtr put(const MergeTreeDataPartPtr & part, size_t column_position, size_t granule, ColumnPtr column);

    /// Changes the bound; evicts down to it. 0 disables caching.
    void setMaxBytes(size_t max_bytes);
    size_t maxBytes() const { return max_bytes_.load(std::memory_order_relaxed); }

    void clear();
    Stats stats() const;

private:
    struct Key
    {
        const MergeTreeDataPart * part;
        size_t column;
        size_t granule;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        size_t operator()(const Key & key) const;
    };
    struct Entry
    {
        Key key;
        std::weak_ptr<const MergeTreeDataPart> part;
        ColumnPtr column;
        size_t bytes;
    };
    struct Shard
    {
        mutable std::mutex mutex;
        std::list<Entry> lru; /// most recently used first
        std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> map;
        size_t bytes = 0;
        size_t hits = 0;
        size_t misses = 0;
        size_t evictions = 0;
    };

    Shard & shardOf(const Key & key);
    /// Evicts from the tail while the shard holds more than `limit` bytes. Caller holds the shard lock.
    static void evict(Shard & shard, size_t limit);
    size_t shardLimit() const;

    std::atomic<size_t> max_bytes_;
    std::vector<std::unique_ptr<Shard>> shards_;
};

} // namespace pipit
