#include "engine/storage/MergeTreeReaderCache.h"

#include "engine/base/Check.h"

namespace pipit
{

namespace
{

/// Bytes an entry costs beyond its column's data (list node, map node, control blocks).
constexpr size_t entry_overhead = 160;

} // namespace

size_t MergeTreeReaderCache::KeyHash::operator()(const Key & key) const
{
    UInt64 hash = reinterpret_cast<uintptr_t>(key.part);
    hashCombine(hash, key.column);
    hashCombine(hash, key.granule);
    return static_cast<size_t>(hash);
}

MergeTreeReaderCache::MergeTreeReaderCache(size_t max_bytes, size_t shards)
    : max_bytes_(max_bytes)
{
    CHECK(shards > 0);
    shards_.reserve(shards);
    for (size_t i = 0; i < shards; ++i)
        shards_.push_back(std::make_unique<Shard>());
}

MergeTreeReaderCache & MergeTreeReaderCache::instance()
{
    static MergeTreeReaderCache cache(default_max_bytes);
    return cache;
}

MergeTreeReaderCache::Shard & MergeTreeReaderCache::shardOf(const Key & key)
{
    /// The map hashes the full key; the shard takes other bits of it so shards' maps stay balanced.
    size_t hash = KeyHash {}(key);
    return *shards_[(hash >> 48) % shards_.size()];
}

size_t MergeTreeReaderCache::shardLimit() const
{
    return max_bytes_.load(std::memory_order_relaxed) / shards_.size();
}

ColumnPtr MergeTreeReaderCache::get(const MergeTreeDataPartPtr & part, size_t column_position, size_t granule)
{
    const Key key {part.get(), column_position, granule};
    Shard & shard = shardOf(key);
    std::lock_guard lock(shard.mutex);
    auto it = shard.map.find(key);
    if (it == shard.map.end())
    {
        ++shard.misses;
        return nullptr;
    }
    if (it->second->part.expired())
    {
        /// The part this entry was read from is gone and `part` is a new one at its address.
        shard.bytes -= it->second->bytes;
        shard.lru.erase(it->second);
        shard.map.erase(it);
        ++shard.misses;
        return nullptr;
    }
    shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
    ++shard.hits;
    return it->second->column;
}

ColumnPtr MergeTreeReaderCache::put(const MergeTreeDataPartPtr & part, size_t column_position, size_t granule, ColumnPtr column)
{
    CHECK(part && column);
    const Key key {part.get(), column_position, granule};
    const size_t bytes = column->byteSize() + entry_overhead;
    const size_t limit = shardLimit();
    if (bytes > limit)
        return column;
    Shard & shard = shardOf(key);
    std::lock_guard lock(shard.mutex);
    auto it = shard.map.find(key);
    if (it != shard.map.end())
    {
        if (!it->second->part.expired())
        {
            shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
            return it->second->column;
        }
        shard.bytes -= it->second->bytes;
        shard.lru.erase(it->second);
        shard.map.erase(it);
    }
    shard.lru.push_front(Entry {key, part, column, bytes});
    shard.map.emplace(key, shard.lru.begin());
    shard.bytes += bytes;
    evict(shard, limit);
    return column;
}

void MergeTreeReaderCache::evict(Shard & shard, size_t limit)
{
    while (shard.bytes > limit && !shard.lru.empty())
    {
        Entry & last = shard.lru.back();
        shard.bytes -= last.bytes;
        shard.map.erase(last.key);
        shard.lru.pop_back();
        ++shard.evictions;
    }
}

void MergeTreeReaderCache::setMaxBytes(size_t max_bytes)
{
    max_bytes_.store(max_bytes, std::memory_order_relaxed);
    const size_t limit = shardLimit();
    for (auto & shard : shards_)
    {
        std::lock_guard lock(shard->mutex);
        evict(*shard, limit);
    }
}

void MergeTreeReaderCache::clear()
{
    for (auto & shard : shards_)
    {
        std::lock_guard lock(shard->mutex);
        shard->map.clear();
        shard->lru.clear();
        shard->bytes = 0;
    }
}

MergeTreeReaderCache::Stats MergeTreeReaderCache::stats() const
{
    Stats stats;
    for (const auto & shard : shards_)
    {
        std::lock_guard lock(shard->mutex);
        stats.hits += shard->hits;
        stats.misses += shard->misses;
        stats.evictions += shard->evictions;
        stats.entries += shard->map.size();
        stats.bytes += shard->bytes;
    }
    return stats;
}

} // namespace pipit
