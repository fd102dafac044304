#pragma once

#include "engine/aggregates/Arena.h"
#include "engine/execution/AggregationHash.h"

#include <cstring>
#include <memory>

namespace pipit
{

/// Open-addressing (linear probing) map from a fixed-size key (UInt64 or UInt128) to a non-null
/// `Mapped` pointer; a cell is empty iff its mapped pointer is null, so every key value (0 too) is
/// storable. Capacity is a power of two, kept at most half full. No erase.
template <typename Key, typename Mapped>
class FixedKeyHashMap
{
public:
    struct Cell
    {
        Key key;
        Mapped * mapped;
    };

    FixedKeyHashMap() { allocate(256); }

    /// Cells taken from `cell_arena` (zeroed, never reused; it must outlive the map) instead of the
    /// heap: the many tables of a two-level aggregator then share the arena's huge-page chunks
    /// rather than each spreading its random probes over 4 KiB pages (TLB misses).
    explicit FixedKeyHashMap(Arena * cell_arena)
        : cell_arena_(cell_arena)
    {
        allocate(256);
    }

    /// Arena for the cells of later growth (same contract); nullptr: the heap. Lets each thread of a
    /// parallel merge grow its tables in an arena of its own.
    void setCellArena(Arena * cell_arena) { cell_arena_ = cell_arena; }

    static UInt64 hash(Key key)
    {
        if constexpr (sizeof(Key) == 16)
            return aggregationHash128(key);
        else
            return aggregationHash64(key);
    }

    /// The cell of `key`; when absent, a new cell with key set and mapped == nullptr that the caller
    /// must fill with a non-null pointer before the next call.
    Cell & findOrInsert(Key key) { return findOrInsert(key, hash(key)); }

    /// Same with `key_hash` == hash(key) computed by the caller.
    Cell & findOrInsert(Key key, UInt64 key_hash)
    {
        if (size_ * 2 >= capacity_)
            grow();
        size_t i = key_hash & mask_;
        while (true)
        {
            Cell & cell = cells_[i];
            if (!cell.mapped)
            {
                cell.key = key;
                ++size_;
                return cell;
            }
            if (cell.key == key)
                return cell;
            i = (i + 1) & mask_;
        }
    }

    /// Hint that `key_hash` will be looked up soon (brings its first cell into cache).
    void prefetch(UInt64 key_hash) const { __builtin_prefetch(&cells_[key_hash & mask_]); }

    size_t size() const { return size_; }

private:
    void allocate(size_t capacity)
    {
        capacity_ = capacity;
        mask_ = capacity - 1;
        size_t bytes = capacity * sizeof(Cell);
        if (cell_arena_)
            cells_ = Cells(reinterpret_cast<Cell *>(cell_arena_->alignedAlloc(bytes, 64)), FreeCells {0});
        else
            cells_ = Cells(static_cast<Cell *>(allocateZeroedMemory(bytes)), FreeCells {bytes});
    }

    void grow()
    {
        auto old = std::move(cells_);
        size_t old_capacity = capacity_;
        allocate(old_capacity * (old_capacity < (1u << 20) ? 4 : 2));
        for (size_t j = 0; j < old_capacity; ++j)
        {
            if (!old[j].mapped)
                continue;
            size_t i = hash(old[j].key) & mask_;
            while (cells_[i].mapped)
                i = (i + 1) & mask_;
            cells_[i] = old[j];
        }
    }

    struct FreeCells
    {
        /// 0: the cells belong to an arena.
        size_t bytes = 0;
        void operator()(Cell * cells) const
        {
            if (bytes)
                freeZeroedMemory(cells, bytes);
        }
    };
    using Cells = std::unique_ptr<Cell[], FreeCells>;
    Arena * cell_arena_ = nullptr;
    Cells cells_;
    size_t capacity_ = 0;
    size_t mask_ = 0;
    size_t size_ = 0;
};

} // namespace pipit
