#pragma once

#include "engine/storage/IStorage.h"
#include "engine/storage/MergeTreePartReader.h"
#include "engine/storage/MergeTreeRangeSelector.h"

#include <deque>
#include <memory>

namespace pipit
{

/// Granules [range.begin, range.end) of a part to read.
struct MergeTreeReadTask
{
    MergeTreeDataPartPtr part;
    MergeTreeMarkRange range;
};

/// One read stream over a snapshot: its share of part granule ranges, then its share of buffered
/// (not yet flushed) blocks. Holds the parts alive while it exists.
class MergeTreeSource : public ISource
{
public:
    /// `buffer_blocks` hold every table column; only `columns` are returned, in that order.
    MergeTreeSource(MergeTreeColumns columns, std::deque<MergeTreeReadTask> tasks, Blocks buffer_blocks, size_t max_block_size);

    Block read() override;

private:
    MergeTreeColumns columns_;
    std::deque<MergeTreeReadTask> tasks_;
    Blocks buffer_blocks_;
    size_t buffer_position_ = 0;
    size_t buffer_row_ = 0;
    size_t max_block_size_;
    std::unique_ptr<MergeTreePartReader> reader_;
};

} // namespace pipit
