#include "engine/storage/MergeTreeSource.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"

#include <algorithm>

namespace pipit
{

MergeTreeSource::MergeTreeSource(MergeTreeColumns columns, std::deque<MergeTreeReadTask> tasks, Blocks buffer_blocks, size_t max_block_size,
                                 StorageExpressionPtr prewhere)
    : columns_(std::move(columns))
    , tasks_(std::move(tasks))
    , buffer_blocks_(std::move(buffer_blocks))
    , max_block_size_(max_block_size == 0 ? 65536 : max_block_size)
{
    size_t granules = 0;
    for (const auto & task : tasks_)
        granules += task.range.end - task.range.begin;
    MergeTreeReaderCache & cache = MergeTreeReaderCache::instance();
    if (granules > 0 && granules <= MergeTreeReaderCache::max_granules_per_read && cache.maxBytes() > 0)
        cache_ = &cache;
    if (!prewhere)
        return;
    const auto required = prewhere->requiredColumns();
    for (const auto & column : columns_)
    {
        if (std::find(required.begin(), required.end(), column.first) != required.end())
            prewhere_columns_.push_back(column);
        else
            other_columns_.push_back(column);
    }
    /// Worth it only when some columns can be skipped, and possible only when every prewhere column is read.
    if (prewhere_columns_.size() == required.size() && !other_columns_.empty())
        prewhere_ = std::move(prewhere);
}

Block MergeTreeSource::readGranulesWithPrewhere(const MergeTreeDataPartPtr & part, size_t begin, size_t end)
{
    if (!prewhere_reader_ || prewhere_reader_->part() != part)
    {
        prewhere_reader_ = std::make_unique<MergeTreePartReader>(part, prewhere_columns_, cache_);
        other_reader_ = std::make_unique<MergeTreePartReader>(part, other_columns_, cache_);
    }
    Block prewhere_block = prewhere_reader_->readGranules(begin, end);
    const size_t rows = prewhere_block.rows();
    auto mask_column = prewhere_->evaluate(prewhere_block);
    const auto & mask = assertColumnCast<ColumnUInt8>(*mask_column).getData();
    CHECK(mask.size() == rows);

    /// Granule runs with at least one kept row; only those are read for the other columns.
    const auto & starts = part->granule_start_rows;
    const size_t first_row = starts[begin];
    std::vector<std::pair<size_t, size_t>> runs;
    size_t kept = 0;
    for (size_t g = begin; g < end; ++g)
    {
        size_t granule_kept = 0;
        for (size_t r = starts[g] - first_row; r < starts[g + 1] - first_row; ++r)
            granule_kept += mask[r] != 0;
        kept += granule_kept;
        if (granule_kept == 0)
            continue;
        if (!runs.empty() && runs.back().second == g)
            runs.back().second = g + 1;
        else
            runs.emplace_back(g, g + 1);
    }
    if (kept == 0)
        return {};

    /// The other columns of the kept runs, and the mask rows of those runs.
    Block other_block;
    Filter other_mask;
    if (runs.size() == 1 && runs[0].first == begin && runs[0].second == end)
    {
        other_block = other_reader_->readGranules(begin, end);
        other_mask.assign(mask.begin(), mask.end());
    }
    else
    {
        std::vector<MutableColumnPtr> merged;
        for (const auto & [run_begin, run_end] : runs)
        {
            Block run = other_reader_->readGranules(run_begin, run_end);
            if (merged.empty())
            {
                other_block = run.cloneEmptyHeader();
                for (size_t c = 0; c < run.columns(); ++c)
                    merged.push_back(run.getByPosition(c).column->cloneEmpty());
            }
            for (size_t c = 0; c < run.columns(); ++c)
                merged[c]->insertRangeFrom(*run.getByPosition(c).column, 0, run.rows());
            other_mask.insert(other_mask.end(), mask.begin() + static_cast<ptrdiff_t>(starts[run_begin] - first_row),
                              mask.begin() + static_cast<ptrdiff_t>(starts[run_end] - first_row));
        }
        for (size_t c = 0; c < merged.size(); ++c)
            other_block.getByPosition(c).column = std::move(merged[c]);
    }

    Filter prewhere_mask(mask.begin(), mask.end());
    Block result;
    for (const auto & [name, type] : columns_)
    {
        const bool from_prewhere = prewhere_block.has(name);
        const auto & source = from_prewhere ? prewhere_block.getByName(name) : other_block.getByName(name);
        const auto & source_mask = from_prewhere ? prewhere_mask : other_mask;
        ColumnPtr column = kept == source.column->size() ? source.column : source.column->filter(source_mask, kept);
        result.insert({column, source.type, name});
    }
    return result;
}

Block MergeTreeSource::read()
{
    while (!tasks_.empty())
    {
        auto & task = tasks_.front();
        if (task.range.begin >= task.range.end)
        {
            tasks_.pop_front();
            continue;
        }
        const MergeTreeDataPartPtr part = task.part;
        /// Whole granules up to max_block_size rows (at least one).
        size_t end = task.range.begin + 1;
        const auto & starts = part->granule_start_rows;
        while (end < task.range.end && starts[end + 1] - starts[task.range.begin] <= max_block_size_)
            ++end;
        Block block;
        if (prewhere_)
            block = readGranulesWithPrewhere(part, task.range.begin, end);
        else
        {
            if (!reader_ || reader_->part() != part)
                reader_ = std::make_unique<MergeTreePartReader>(part, columns_, cache_);
            block = reader_->readGranules(task.range.begin, end);
        }
        task.range.begin = end;
        if (task.range.begin >= task.range.end)
            tasks_.pop_front();
        if (tasks_.empty() || tasks_.front().part != part)
        {
            reader_.reset();
            prewhere_reader_.reset();
            other_reader_.reset();
        }
        if (block.rows() > 0)
            return block;
    }
    /// Buffered blocks (often tiny single-event inserts) are coalesced up to max_block_size rows.
    MutableColumns result;
    std::vector<DataTypePtr> types;
    size_t result_rows = 0;
    while (buffer_position_ < buffer_blocks_.size() && result_rows < max_block_size_)
    {
        const Block & source = buffer_blocks_[buffer_position_];
        const size_t rows = source.rows();
        if (buffer_row_ >= rows)
        {
            ++buffer_position_;
            buffer_row_ = 0;
            continue;
        }
        const size_t count = std::min(max_block_size_ - result_rows, rows - buffer_row_);
        if (result_rows == 0 && buffer_row_ == 0 && count == rows)
        {
            /// A whole block: pass its columns through unless the next blocks can be appended.
            bool last_or_full = count == max_block_size_ || buffer_position_ + 1 == buffer_blocks_.size();
            if (last_or_full)
            {
                Block block;
                for (const auto & [name, type] : columns_)
                {
                    const auto & column = source.getByName(name);
                    block.insert({column.column, column.type, name});
                }
                ++buffer_position_;
                return block;
            }
        }
        if (result.empty())
            for (const auto & [name, type] : columns_)
            {
                const auto & column = source.getByName(name);
                result.push_back(column.column->cloneEmpty());
                result.back()->reserve(std::min(max_block_size_, rows * 4));
                types.push_back(column.type);
            }
        for (size_t i = 0; i < columns_.size(); ++i)
            result[i]->insertRangeFrom(*source.getByName(columns_[i].first).column, buffer_row_, count);
        result_rows += count;
        buffer_row_ += count;
    }
    if (result_rows > 0)
    {
        Block block;
        for (size_t i = 0; i < columns_.size(); ++i)
            block.insert({std::move(result[i]), types[i], columns_[i].first});
        return block;
    }
    return {};
}

} // namespace pipit
