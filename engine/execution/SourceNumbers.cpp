#include "engine/execution/SourceNumbers.h"

#include "engine/columns/ColumnVector.h"
#include "engine/functions/FunctionArguments.h"

namespace pipit
{

SourceNumbers::SourceNumbers(UInt64 first, std::optional<UInt64> end, size_t max_block_size, const std::atomic<bool> * stop, bool one_row)
    : next_(first)
    , end_(end)
    , max_block_size_(max_block_size ? max_block_size : 65536)
    , stop_(stop)
    , one_row_(one_row)
{
}

Block SourceNumbers::read()
{
    if (done_ || (stop_ && stop_->load(std::memory_order_relaxed)))
        return {};
    if (one_row_)
    {
        done_ = true;
        auto column = ColumnUInt8::create(1);
        column->getData()[0] = 0;
        return Block({{std::move(column), typeUInt8(), "dummy"}});
    }
    UInt64 count = max_block_size_;
    if (end_)
    {
        if (next_ >= *end_)
        {
            done_ = true;
            return {};
        }
        count = std::min<UInt64>(count, *end_ - next_);
    }
    auto column = ColumnUInt64::create(count);
    auto * data = column->getData().data();
    for (UInt64 i = 0; i < count; ++i)
        data[i] = next_ + i;
    next_ += count;
    return Block({{std::move(column), typeUInt64(), "number"}});
}

} // namespace pipit
