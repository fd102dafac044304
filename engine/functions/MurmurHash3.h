#pragma once

#include "engine/base/BasicTypes.h"

#include <cstddef>

namespace pipit
{

/// MurmurHash3 (x86_32 and x64_128 variants) with seed 0, as ClickHouse's murmurHash3_32/64.
class MurmurHash3
{
public:
    static UInt32 hash32(const char * data, size_t size);
    /// The two 64-bit halves of MurmurHash3_x64_128.
    static void hash128(const char * data, size_t size, UInt64 & h1, UInt64 & h2);
};

} // namespace pipit
