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
/// (not yet flushed) blocks. Holds the parts alive while it exists. A stream of at most
/// MergeTreeReaderCache::max_granules_per_read granules reads through the process-wide granule cache.
class MergeTreeSource : public ISource
{
public:
    /// `buffer_blocks` hold every table column; only `columns` are returned, in that order. With `prewhere`
    /// (ReadRequest::prewhere over some of `columns`), part granules are read in two steps: the prewhere columns,
    /// then the other columns only for granules where the mask kept a row, and the rows it dropped are removed.
    MergeTreeSource(MergeTreeColumns columns, std::deque<MergeTreeReadTask> tasks, Blocks buffer_blocks, size_t max_block_size,
                    StorageExpressionPtr prewhere = nullptr);

    Block read() override;
    size_t rowsSkipped() const override { return rows_skipped_; }

    /// Narrows reads through the granule cache (small reads) to the rows whose primary key may satisfy
    /// `condition`: a bisection over the sorted key values of the rows, like MergeTreeRangeSelector's over marks,
    /// so a point lookup evaluates its WHERE over a few rows instead of whole granules. The caller still applies
    /// the full WHERE. `primary_key`: the key expressions of the parts' primary index (the key `condition` reads).
    /// No effect if some column they read is not among the source's columns.
    void setKeyCondition(std::shared_ptr<const IKeyCondition> condition, std::vector<StorageExpressionPtr> primary_key);

private:
    /// Granules [begin, end) of the current part through the prewhere mask; an empty block when no row is kept.
    /// Only rows [first_row, last_row) of the part (within the granules) are considered.
    Block readGranulesWithPrewhere(const MergeTreeDataPartPtr & part, size_t begin, size_t end, size_t first_row, size_t last_row);
    /// Part rows [first, last) of granules [begin, end) that may satisfy the key condition (all without one).
    std::pair<size_t, size_t> keyRows(const MergeTreeDataPartPtr & part, size_t begin, size_t end);

    MergeTreeColumns columns_;
    StorageExpressionPtr prewhere_;
    MergeTreeColumns prewhere_columns_;
    MergeTreeColumns other_columns_;
    std::unique_ptr<MergeTreePartReader> prewhere_reader_;
    std::unique_ptr<MergeTreePartReader> other_reader_;
    std::deque<MergeTreeReadTask> tasks_;
    Blocks buffer_blocks_;
    size_t buffer_position_ = 0;
    size_t buffer_row_ = 0;
    size_t max_block_size_;
    std::unique_ptr<MergeTreePartReader> reader_;
    MergeTreeReaderCache * cache_ = nullptr;
    std::shared_ptr<const IKeyCondition> key_condition_;
    std::vector<StorageExpressionPtr> primary_key_;
    MergeTreeColumns key_columns_;
    std::unique_ptr<MergeTreePartReader> key_reader_;
    size_t rows_skipped_ = 0;
};

} // namespace pipit
