#include "engine/aggregates/QuantileTDigest.h"

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
constexpr double epsilon = 0.01;
constexpr size_t max_centroids = 2048;
constexpr size_t max_unmerged = 2048;

bool canBeMerged(Float64 l_mean, Float32 r_mean)
{
    return l_mean == r_mean || (!std::isinf(l_mean) && !std::isinf(r_mean));
}
} // namespace

void QuantileTDigest::addCentroid(const Centroid & c)
{
    centroids_.push_back(c);
    count_ += c.count;
    ++unmerged_;
    if (unmerged_ > max_unmerged)
        compress();
}

void QuantileTDigest::compress()
{
    if (unmerged_ == 0 && centroids_.size() <= max_centroids)
        return;
    std::stable_sort(centroids_.begin(), centroids_.end(), [](const Centroid & a, const Centroid & b) { return a.mean < b.mean; });
    if (centroids_.size() > 3)
    {
        Float64 sum = 0;
        auto l = centroids_.begin();
        auto r = std::next(l);
        Float64 l_mean = l->mean;
        Float64 l_count = l->count;
        while (r != centroids_.end())
        {
            /// The quantile levels at l and at r; the pair may be glued while its weight stays
            /// within 4 * count * q * (1 - q) * epsilon (ClickHouse's rule).
            Float64 ql = (sum + l_count * 0.5) / count_;
            Float64 err = ql * (1 - ql);
            Float64 qr = (sum + l_count + r->count * 0.5) / count_;
            Float64 err2 = qr * (1 - qr);
            if (err > err2)
                err = err2;
            Float64 k = 4 * count_ * err * epsilon;
            if (l_count + r->count <= k && canBeMerged(l_mean, r->mean))
            {
                l_count += r->count;
                l_mean += r->count * (r->mean - l_mean) / l_count;
                l->mean = static_cast<Float32>(l_mean);
                l->count = static_cast<Float32>(l_count);
            }
            else
            {
                sum += l->count;
                ++l;
                if (l != r)
                    *l = *r;
                l_mean = l->mean;
                l_count = l->count;
            }
            ++r;
        }
        centroids_.resize(static_cast<size_t>(l - centroids_.begin()) + 1);
    }
    unmerged_ = 0;
}

void QuantileTDigest::merge(const QuantileTDigest & rhs)
{
    for (const Centroid & c : rhs.centroids_)
        addCentroid(c);
}

Float32 QuantileTDigest::get(Float64 level)
{
    if (centroids_.empty())
        return std::numeric_limits<Float32>::quiet_NaN();
    compress();
    if (centroids_.size() == 1)
        return centroids_.front().mean;

    Float64 x = level * count_;
    Float64 prev_x = 0;
    Float64 sum = 0;
    Float64 prev_mean = centroids_.front().mean;
    Float64 prev_count = centroids_.front().count;
    for (const Centroid & c : centroids_)
    {
        Float64 current_x = sum + c.count * 0.5;
        if (current_x >= x)
        {
            /// Singletons are points, not intervals.
            Float64 left = prev_x + 0.5 * (prev_count == 1);
            Float64 right = current_x - 0.5 * (c.count == 1);
            if (x <= left)
                return static_cast<Float32>(prev_mean);
            if (x >= right)
                return c.mean;
            Float64 t = (x - left) / (right - left);
            return static_cast<Float32>(prev_mean + t * (c.mean - prev_mean));
        }
        sum += c.count;
        prev_mean = c.mean;
        prev_count = c.count;
        prev_x = current_x;
    }
    return centroids_.back().mean;
}

void QuantileTDigest::write(WriteBuffer & out) const
{
    writeVarUInt(centroids_.size(), out);
    for (const Centroid & c : centroids_)
    {
        writePODBinary(c.mean, out);
        writePODBinary(c.count, out);
    }
}

void QuantileTDigest::read(ReadBuffer & in)
{
    size_t n = readStateSize(in, max_centroids + max_unmerged + 1);
    centroids_.clear();
    count_ = 0;
    for (size_t i = 0; i < n; ++i)
    {
        Centroid c {};
        readPODBinary(c.mean, in);
        readPODBinary(c.count, in);
        if (std::isnan(c.mean) || !(c.count > 0) || std::isinf(c.count))
            throw Exception(ErrorCode::CORRUPTED_DATA, "Bad centroid in the state of quantileTDigest");
        centroids_.push_back(c);
        count_ += c.count;
    }
    unmerged_ = n;
    compress();
}

} // namespace pipit
