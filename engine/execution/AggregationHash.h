#pragma once

#include "engine/base/BasicTypes.h"

#include <cstddef>
#include <cstring>

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

/// Whether [a, a + size) and [b, b + size) hold the same bytes: inline word compares, cheaper
/// than a memcmp call for the short keys of GROUP BY.
[[gnu::always_inline]] inline bool aggregationBytesEqual(const char * a, const char * b, size_t size)
{
    auto load64 = [](const char * p)
    {
        UInt64 v;
        std::memcpy(&v, p, 8);
        return v;
    };
    auto load32 = [](const char * p)
    {
        UInt32 v;
        std::memcpy(&v, p, 4);
        return v;
    };
    if (size >= 16)
    {
        /// 16 bytes per branch: ids and UUIDs of 16..48 bytes take 1..3 branches.
        auto differ16 = [&](size_t i) { return ((load64(a + i) ^ load64(b + i)) | (load64(a + i + 8) ^ load64(b + i + 8))) != 0; };
        for (size_t i = 0; i + 16 < size; i += 16)
            if (differ16(i))
                return false;
        return !differ16(size - 16);
    }
    if (size >= 8)
        return load64(a) == load64(b) && load64(a + size - 8) == load64(b + size - 8);
    if (size >= 4)
        return load32(a) == load32(b) && load32(a + size - 4) == load32(b + size - 4);
    for (size_t i = 0; i < size; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

/// Hash of a byte string for the string-keyed tables (XXH3).
UInt64 aggregationHashBytes(const char * data, size_t size);

} // namespace pipit
