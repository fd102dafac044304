#pragma once

#include "engine/base/BasicTypes.h"

#include <cstddef>

namespace pipit
{

/// 64-bit finaliser of MurmurHash3: every input bit affects every output bit, so sequential keys
/// (dates, ids) spread over the whole table.
inline UInt64 aggregationHash64(UInt64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

inline UInt64 aggregationHash128(UInt128 x)
{
    return aggregationHash64(static_cast<UInt64>(x) ^ aggregationHash64(static_cast<UInt64>(x >> 64) + 0x9e3779b97f4a7c15ULL));
}

/// Hash of a byte string for the string-keyed tables (XXH3).
UInt64 aggregationHashBytes(const char * data, size_t size);

} // namespace pipit
