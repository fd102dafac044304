#pragma once

#include "engine/base/BasicTypes.h"

#include <vector>

namespace pipit
{

/// Open-addressing hash index over the rows of a LowCardinality dictionary: maps a row's value hash to
/// the dictionary rows with that hash. Rows are added in dictionary order (row i is the i-th add); the
/// caller decides equality, so the index only stores hashes and row numbers. Load factor <= 1/2.
class LowCardinalityValueIndex
{
public:
    static constexpr UInt32 no_row = ~UInt32(0);

    size_t size() const { return row_hashes_.size(); }
    void reserve(size_t rows);

    /// Calls `equals(row)` for each row whose hash is `hash` until it returns true; returns that row,
    /// or no_row.
    template <typename Equals>
    UInt32 find(UInt64 hash, Equals && equals) const
    {
        if (slots_.empty())
            return no_row;
        const size_t mask = slots_.size() - 1;
        for (size_t slot = hash & mask;; slot = (slot + 1) & mask)
        {
            const UInt32 row = slots_[slot];
            if (row == no_row)
                return no_row;
            if (row_hashes_[row] == hash && equals(row))
                return row;
        }
    }

    /// Adds the next dictionary row (number size()) with its hash.
    void add(UInt64 hash);

private:
    void rehash(size_t slot_count);

    std::vector<UInt64> row_hashes_;
    std::vector<UInt32> slots_;
};

} // namespace pipit
