#pragma once

#include "engine/aggregates/Arena.h"
#include "engine/base/BasicTypes.h"
#include "engine/execution/AggregationHash.h"

#include <cstring>
#include <memory>
#include <string_view>

namespace pipit
{

/// Open-addressing map from a byte string to a non-null `Mapped` pointer. The map does not own
/// key bytes: the caller stores them (in an Arena) before filling a new cell and keeps them alive.
/// Each cell keeps the key's hash, so probing compares hashes first and growing never rehashes.
template <typename Mapped>
class StringKeyHashMap
{
public:
    struct Cell
    {
        UInt64 hash;
        const char * data;
        size_t size;
        Mapped * mapped;

        std::string_view key() const { return {data, size}; }
    };

    StringKeyHashMap() { allocate(256); }

    /// Cells taken from `cell_arena` (zeroed, never reused; it must outlive the map) instead of the
    /// heap: the many tables of a two-level aggregator then share the arena's huge-page chunks
    /// rather than each spreading its random probes over 4 KiB pages (TLB misses).
    explicit StringKeyHashMap(Arena * cell_arena)
        : cell_arena_(cell_arena)
    {
        allocate(256);
    }

    /// Arena for the cells of later growth (same contract); nullptr: the heap. Lets each thread of a
    /// parallel merge grow its tables in an arena of its own.
    void setCellArena(Arena * cell_arena) { cell_arena_ = cell_arena; }

    /// The cell of `key` (with hash `hash`); when absent, a new cell with hash set, data/size
    /// pointing at the caller's bytes and mapped == nullptr: the caller must then point data at
    /// persistent bytes and fill mapped before the next call.
    Cell & findOrInsert(std::string_view key, UInt64 hash)
    {
        if (size_ * 2 >= capacity_)
            grow();
        size_t i = hash & mask_;
        while (true)
        {
            Cell & cell = cells_[i];
            if (!cell.mapped)
            {
                cell.hash = hash;
                cell.data = key.data();
                cell.size = key.size();
                ++size_;
                return cell;
            }
            if (cell.hash == hash && cell.size == key.size() && aggregationBytesEqual(cell.data, key.data(), key.size()))
                return cell;
            i = (i + 1) & mask_;
        }
    }

    /// Hint that `hash` will be looked up soon (brings its first cell into cache).
    void prefetch(UInt64 hash) const { __builtin_prefetch(&cells_[hash & mask_]); }

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
            size_t i = old[j].hash & mask_;
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
