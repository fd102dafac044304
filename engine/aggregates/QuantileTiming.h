#pragma once

#include "engine/base/BasicTypes.h"
#include "engine/columns/PODArray.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"

#include <memory>

namespace pipit
{

/// ClickHouse's quantileTiming state for times in milliseconds: exact while small (values kept as
/// they come), then a histogram with 1 ms buckets below 1,024 and 16 ms buckets up to 30,000.
/// Values above 30,000 count as 30,000; negative values are ignored. Exact up to 5,670 values.
/// Result as ClickHouse: the first non-empty bucket where the running count reaches
/// ceil(count * level); a 16 ms bucket reports its start plus ClickHouse's hash-derived jitter.
class QuantileTiming
{
public:
    static constexpr UInt64 small_threshold = 1024;
    static constexpr UInt64 big_threshold = 30000;
    static constexpr UInt64 big_precision = 16;
    static constexpr size_t big_size = (big_threshold - small_threshold) / big_precision;
    /// Values kept exactly before switching to the histogram.
    static constexpr size_t exact_max = 5670;

    void add(UInt64 x);
    void merge(const QuantileTiming & rhs);
    /// nan when empty.
    Float32 get(Float64 level);

    void write(WriteBuffer & out) const;
    void read(ReadBuffer & in);

private:
    struct Histogram
    {
        UInt64 count = 0;
        UInt64 count_small[small_threshold] = {};
        UInt64 count_big[big_size] = {};
    };
    void insertLarge(UInt64 x);
    void toLarge();

    PODArray<UInt16> exact_;
    std::unique_ptr<Histogram> large_;
};

} // namespace pipit
