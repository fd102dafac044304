#pragma once

#include "engine/base/BasicTypes.h"

#include <cstddef>

namespace pipit
{

/// CityHash64 as of CityHash v1.0.2, the version ClickHouse's cityHash64 uses (later CityHash
/// releases give different values), written from the published algorithm.
class CityHash102
{
public:
    static UInt64 hash64(const char * data, size_t size);
    /// Hash128to64 of (low, high): ClickHouse's way of combining two 64-bit hashes.
    static UInt64 hash128to64(UInt64 low, UInt64 high);
};

} // namespace pipit
