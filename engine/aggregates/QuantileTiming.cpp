#include "engine/aggregates/QuantileTiming.h"

#include "engine/aggregates/IAggregateFunction.h"
#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pipit
{

namespace
{

/// ClickHouse's intHash32<0> (Thomas Wang's 64 -> 32 bit hash).
UInt32 intHash32(UInt64 key)
{
    key = (~key) + (key << 18);
    key = key ^ ((key >> 31) | (key << 33));
    key = key * 21;
    key = key ^ ((key >> 11) | (key << 53));
    key = key + (key << 6);
    key = key ^ ((key >> 22) | (key << 42));
    return static_cast<UInt32>(key);
}

/// Reported value of big bucket i (ClickHouse's indexInBigToValue).
UInt64 bigBucketValue(size_t i)
{
    return i * QuantileTiming::big_precision + QuantileTiming::small_threshold + (intHash32(i) % QuantileTiming::big_precision) -
           QuantileTiming::big_precision / 2;
}

} // namespace

void QuantileTiming::insertLarge(UInt64 x)
{
    ++large_->count;
    if (x < small_threshold)
        ++large_->count_small[x];
    else if (x < big_threshold)
        ++large_->count_big[(x - small_threshold) / big_precision];
}

void QuantileTiming::toLarge()
{
    large_ = std::make_unique<Histogram>();
    for (UInt16 x : exact_)
        insertLarge(x);
    exact_ = {};
}

void QuantileTiming::add(UInt64 x)
{
    if (x > big_threshold)
        x = big_threshold;
    if (large_)
    {
        insertLarge(x);
        return;
    }
    exact_.push_back(static_cast<UInt16>(x));
    if (exact_.size() > exact_max)
        toLarge();
}

void QuantileTiming::merge(const QuantileTiming & rhs)
{
    if (!rhs.large_)
    {
        for (UInt16 x : rhs.exact_)
            add(x);
        return;
    }
    if (!large_)
        toLarge();
    large_->count += rhs.large_->count;
    for (size_t i = 0; i < small_threshold; ++i)
        large_->count_small[i] += rhs.large_->count_small[i];
    for (size_t i = 0; i < big_size; ++i)
        large_->count_big[i] += rhs.large_->count_big[i];
}

Float32 QuantileTiming::get(Float64 level)
{
    if (!large_)
    {
        if (exact_.empty())
            return std::numeric_limits<Float32>::quiet_NaN();
        size_t n = level < 1 ? static_cast<size_t>(level * static_cast<Float64>(exact_.size())) : exact_.size() - 1;
        n = std::min(n, exact_.size() - 1);
        std::nth_element(exact_.begin(), exact_.begin() + static_cast<std::ptrdiff_t>(n), exact_.end());
        return exact_[n];
    }
    if (large_->count == 0)
        return std::numeric_limits<Float32>::quiet_NaN();
    double pos = std::ceil(static_cast<double>(large_->count) * level);
    double accumulated = 0;
    for (size_t i = 0; i < small_threshold; ++i)
    {
        if (!large_->count_small[i])
            continue;
        accumulated += static_cast<double>(large_->count_small[i]);
        if (accumulated >= pos)
            return static_cast<Float32>(i);
    }
    for (size_t i = 0; i < big_size; ++i)
    {
        if (!large_->count_big[i])
            continue;
        accumulated += static_cast<double>(large_->count_big[i]);
        if (accumulated >= pos)
            return static_cast<Float32>(bigBucketValue(i));
    }
    return static_cast<Float32>(big_threshold);
}

void QuantileTiming::write(WriteBuffer & out) const
{
    out.write(static_cast<char>(large_ ? 1 : 0));
    if (!large_)
    {
        writeVarUInt(exact_.size(), out);
        out.write(reinterpret_cast<const char *>(exact_.data()), exact_.size() * sizeof(UInt16));
        return;
    }
    writeVarUInt(large_->count, out);
    for (UInt64 c : large_->count_small)
        writeVarUInt(c, out);
    for (UInt64 c : large_->count_big)
        writeVarUInt(c, out);
}

void QuantileTiming::read(ReadBuffer & in)
{
    UInt8 is_large = 0;
    readPODBinary(is_large, in);
    if (is_large > 1)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Bad header in the state of quantileTiming");
    if (!is_large)
    {
        size_t n = readStateSize(in, exact_max);
        exact_.resize(n);
        readExact(reinterpret_cast<char *>(exact_.data()), n * sizeof(UInt16), in);
        for (UInt16 x : exact_)
            if (x > big_threshold)
                throw Exception(ErrorCode::CORRUPTED_DATA, "Bad value in the state of quantileTiming");
        return;
    }
    auto histogram = std::make_unique<Histogram>();
    histogram->count = readVarUInt(in);
    for (UInt64 & c : histogram->count_small)
        c = readVarUInt(in);
    for (UInt64 & c : histogram->count_big)
        c = readVarUInt(in);
    large_ = std::move(histogram);
    exact_ = {};
}

} // namespace pipit
