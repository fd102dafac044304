#include "engine/storage/MergeTreeSource.h"

#include "engine/base/Exception.h"

namespace pipit
{

MergeTreeSource::MergeTreeSource(MergeTreeColumns columns, std::deque<MergeTreeReadTask> tasks, Blocks buffer_blocks, size_t max_block_size)
    : columns_(std::move(columns)), tasks_(std::move(tasks)), buffer_blocks_(std::move(buffer_blocks)), max_block_size_(max_block_size == 0 ? 65536 : max_block_size)
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
    while (buffer_position_ < buffer_blocks_.size())
    {
        const Block & source = buffer_blocks_[buffer_position_];
        size_t rows = source.rows();
        if (buffer_row_ >= rows)
        {
            ++buffer_position_;
            buffer_row_ = 0;
            continue;
        }
        size_t count = std::min(max_block_size_, rows - buffer_row_);
        Block block;
        for (const auto & [name, type] : columns_)
        {
            const auto & column = source.getByName(name);
            ColumnPtr data = (buffer_row_ == 0 && count == rows) ? column.column : column.column->cut(buffer_row_, count);
            block.insert({std::move(data), column.type, name});
        }
        buffer_row_ += count;
        return block;
    }
    return {};
}

} // namespace pipit
