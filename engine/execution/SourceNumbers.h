#pragma once

#include "engine/storage/IStorage.h"

#include <atomic>
#include <optional>

namespace pipit
{

/// Rows of the `number` UInt64 column from `first` (inclusive) to `end` (exclusive; nullopt =
/// unbounded), in blocks of max_block_size, like ClickHouse's numbers(); also the one-row source of
/// SELECT without FROM (`dummy` UInt8 = 0) when `one_row` is set. Stops early when `stop` becomes true.
class SourceNumbers final : public ISource
{
public:
    SourceNumbers(UInt64 first, std::optional<UInt64> end, size_t max_block_size, const std::atomic<bool> * stop, bool one_row = false);
    Block read() override;

private:
    UInt64 next_;
    std::optional<UInt64> end_;
    size_t max_block_size_;
    const std::atomic<bool> * stop_;
    bool one_row_;
    bool done_ = false;
};

} // namespace pipit
