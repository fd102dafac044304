#pragma once

#include "engine/base/BasicTypes.h"
#include "engine/columns/PODArray.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"

namespace pipit
{

/// ClickHouse's t-digest for quantileTDigest (epsilon 0.01, at most 2,048 centroids and 2,048
/// unmerged points; Float32 means and weights).
class QuantileTDigest
{
public:
    struct Centroid
    {
        Float32 mean;
        Float32 count;
    };

    void add(Float64 x) { addCentroid({static_cast<Float32>(x), 1}); }
    void merge(const QuantileTDigest & rhs);
    /// nan when empty.
    Float32 get(Float64 level);

    void write(WriteBuffer & out) const;
    void read(ReadBuffer & in);

private:
    void addCentroid(const Centroid & c);
    void compress();

    PODArray<Centroid> centroids_;
    Float64 count_ = 0;
    size_t unmerged_ = 0;
};

} // namespace pipit
