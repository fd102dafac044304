#include "engine/columns/LowCardinalityValueIndex.h"

namespace pipit
{

void LowCardinalityValueIndex::reserve(size_t rows)
{
    row_hashes_.reserve(rows);
    size_t slot_count = 16;
    while (slot_count < rows * 2)
        slot_count *= 2;
    if (slot_count > slots_.size())
        rehash(slot_count);
}

void LowCardinalityValueIndex::add(UInt64 hash)
{
    if ((row_hashes_.size() + 1) * 2 > slots_.size())
        rehash(slots_.empty() ? 16 : slots_.size() * 2);
    const size_t mask = slots_.size() - 1;
    size_t slot = hash & mask;
    while (slots_[slot] != no_row)
        slot = (slot + 1) & mask;
    slots_[slot] = static_cast<UInt32>(row_hashes_.size());
    row_hashes_.push_back(hash);
}

void LowCardinalityValueIndex::rehash(size_t slot_count)
{
    slots_.assign(slot_count, no_row);
    const size_t mask = slot_count - 1;
    for (size_t row = 0; row < row_hashes_.size(); ++row)
    {
        size_t slot = row_hashes_[row] & mask;
        while (slots_[slot] != no_row)
            slot = (slot + 1) & mask;
        slots_[slot] = static_cast<UInt32>(row);
    }
}

} // namespace pipit
