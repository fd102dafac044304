#include "engine/storage/MergeTreeSource.h"

#include "engine/base/Exception.h"

namespace pipit
{

MergeTreeSource::MergeTreeSource(MergeTreeColumns columns, std::deque<MergeTreeReadTask> tasks, Blocks buffer_blocks, size_t max_block_size)
    : columns_(std::move(columns))
    , tasks_(std::move(tasks))
    , buffer_blocks_(std::move(buffer_blocks))
    , max_block_size_(max_block_size == 0 ? 65536 : max_block_size)
{
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
        if (!reader_ || reader_->part() != task.part)
            reader_ = std::make_unique<MergeTreePartReader>(task.part, columns_);
        /// Whole granules up to max_block_size rows (at least one).
        size_t end = task.range.begin + 1;
        const auto & starts = task.part->granule_start_rows;
        while (end < task.range.end && starts[end + 1] - starts[task.range.begin] <= max_block_size_)
            ++end;
        Block block = reader_->readGranules(task.range.begin, end);
        task.range.begin = end;
        if (task.range.begin >= task.range.end)
            tasks_.pop_front();
        if (tasks_.empty() || tasks_.front().part != reader_->part())
            reader_.reset();
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
