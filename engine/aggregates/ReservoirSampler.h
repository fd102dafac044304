#pragma once

#include "engine/base/BasicTypes.h"
#include "engine/columns/PODArray.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pipit
{

/// ClickHouse's pcg32_fast (PCG mcg_xsh_rs_64_32) seeded with 123456 as ReservoirSampler does, so sampling is
/// deterministic and follows the same random sequence as ClickHouse's ReservoirSampler.
class Pcg32Fast
{
public:
    static constexpr UInt64 max() { return 0xFFFFFFFFULL; }
    UInt32 operator()()
    {
        UInt64 old = state_;
        state_ = state_ * 6364136223846793005ULL;
        UInt32 rshift = static_cast<UInt32>(old >> 61) & 7u;
        old ^= old >> 22;
        return static_cast<UInt32>(old >> (22 + rshift));
    }

private:
    UInt64 state_ = 123456ULL | 3u;
};

/// ClickHouse's ReservoirSampler (quantile): keeps a uniform sample of at most 8,192 values
/// (Algorithm R with pcg32_fast), interpolates linearly between neighbouring sorted samples.
/// Below 8,192 values the result is exact.
template <typename T>
class ReservoirSampler
{
public:
    static constexpr size_t sample_count = 8192;

    void insert(T v)
    {
        sorted_ = false;
        ++total_values_;
        if (samples_.size() < sample_count)
            samples_.push_back(v);
        else
        {
            UInt64 rnd = genRandom(total_values_);
            if (rnd < sample_count)
                samples_[rnd] = v;
        }
    }

    void merge(const ReservoirSampler & b)
    {
        sorted_ = false;
        if (b.total_values_ <= sample_count)
        {
            for (T v : b.samples_)
                insert(v);
        }
        else if (total_values_ <= sample_count)
        {
            PODArray<T> from = std::move(samples_);
            samples_.assign(b.samples_.begin(), b.samples_.end());
            total_values_ = b.total_values_;
            for (T v : from)
                insert(v);
        }
        else
        {
            /// Replace every frequency'th sample with b's (ClickHouse's approximation of the
            /// exact merge).
            total_values_ += b.total_values_;
            double frequency = static_cast<double>(total_values_) / static_cast<double>(b.total_values_);
            if (frequency * 2 >= sample_count)
            {
                UInt64 rnd = genRandom(static_cast<UInt64>(frequency));
                if (rnd < sample_count)
                    samples_[rnd] = b.samples_[rnd];
            }
            else
            {
                for (double i = 0; i < sample_count; i += frequency)
                    samples_[static_cast<size_t>(i)] = b.samples_[static_cast<size_t>(i)];
            }
        }
    }

    /// Interpolated quantile; nan when empty.
    double quantileInterpolated(double level)
    {
        if (samples_.empty())
            return std::numeric_limits<double>::quiet_NaN();
        sortIfNeeded();
        double index = std::max(0., std::min(static_cast<double>(samples_.size() - 1), level * static_cast<double>(samples_.size() - 1)));
        size_t left_index = static_cast<size_t>(index);
        size_t right_index = left_index + 1;
        if (right_index == samples_.size())
            return static_cast<double>(samples_[left_index]);
        double left_coef = static_cast<double>(right_index) - index;
        double right_coef = index - static_cast<double>(left_index);
        return static_cast<double>(samples_[left_index]) * left_coef + static_cast<double>(samples_[right_index]) * right_coef;
    }

    size_t size() const { return total_values_; }

    void write(WriteBuffer & out) const;
    void read(ReadBuffer & in);

private:
    UInt64 genRandom(UInt64 limit)
    {
        if (limit <= Pcg32Fast::max())
            return static_cast<UInt32>(rng_()) % static_cast<UInt32>(limit);
        return (static_cast<UInt64>(rng_()) * (Pcg32Fast::max() + 1ULL) + static_cast<UInt64>(rng_())) % limit;
    }

    void sortIfNeeded()
    {
        if (sorted_)
            return;
        sorted_ = true;
        std::sort(samples_.begin(), samples_.end(), [](T a, T b) { return a < b; });
    }

    PODArray<T> samples_;
    UInt64 total_values_ = 0;
    bool sorted_ = false;
    Pcg32Fast rng_;
};

} // namespace pipit
