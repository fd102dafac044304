#include "engine/functions/MurmurHash3.h"

#include <algorithm>
#include <cstring>

namespace pipit
{

namespace
{

inline UInt32 rotl32(UInt32 x, int r)
{
    return (x << r) | (x >> (32 - r));
}

inline UInt64 rotl64(UInt64 x, int r)
{
    return (x << r) | (x >> (64 - r));
}

inline UInt32 fmix32(UInt32 h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bU;
    h ^= h >> 13;
    h *= 0xc2b2ae35U;
    h ^= h >> 16;
    return h;
}

inline UInt64 fmix64(UInt64 k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ULL;
    k ^= k >> 33;
    return k;
}

inline UInt64 byteAt(const char * p, size_t i)
{
    return static_cast<UInt8>(p[i]);
}

} // namespace

UInt32 MurmurHash3::hash32(const char * data, size_t size)
{
    constexpr UInt32 c1 = 0xcc9e2d51U;
    constexpr UInt32 c2 = 0x1b873593U;
    UInt32 h1 = 0;
    const size_t blocks = size / 4;
    for (size_t i = 0; i < blocks; ++i)
    {
        UInt32 k1;
        std::memcpy(&k1, data + i * 4, 4);
        k1 *= c1;
        k1 = rotl32(k1, 15);
        k1 *= c2;
        h1 ^= k1;
        h1 = rotl32(h1, 13);
        h1 = h1 * 5 + 0xe6546b64U;
    }
    const char * tail = data + blocks * 4;
    UInt32 k1 = 0;
    switch (size & 3)
    {
    case 3:
        k1 ^= static_cast<UInt32>(byteAt(tail, 2)) << 16;
        [[fallthrough]];
    case 2:
        k1 ^= static_cast<UInt32>(byteAt(tail, 1)) << 8;
        [[fallthrough]];
    case 1:
        k1 ^= static_cast<UInt32>(byteAt(tail, 0));
        k1 *= c1;
        k1 = rotl32(k1, 15);
        k1 *= c2;
        h1 ^= k1;
    }
    h1 ^= static_cast<UInt32>(size);
    return fmix32(h1);
}

void MurmurHash3::hash128(const char * data, size_t size, UInt64 & out1, UInt64 & out2)
{
    constexpr UInt64 c1 = 0x87c37b91114253d5ULL;
    constexpr UInt64 c2 = 0x4cf5ad432745937fULL;
    UInt64 h1 = 0;
    UInt64 h2 = 0;
    const size_t blocks = size / 16;
    for (size_t i = 0; i < blocks; ++i)
    {
        UInt64 k1;
        UInt64 k2;
        std::memcpy(&k1, data + i * 16, 8);
        std::memcpy(&k2, data + i * 16 + 8, 8);
        k1 *= c1;
        k1 = rotl64(k1, 31);
        k1 *= c2;
        h1 ^= k1;
        h1 = rotl64(h1, 27);
        h1 += h2;
        h1 = h1 * 5 + 0x52dce729;
        k2 *= c2;
        k2 = rotl64(k2, 33);
        k2 *= c1;
        h2 ^= k2;
        h2 = rotl64(h2, 31);
        h2 += h1;
        h2 = h2 * 5 + 0x38495ab5;
    }
    const char * tail = data + blocks * 16;
    UInt64 k1 = 0;
    UInt64 k2 = 0;
    const size_t rest = size & 15;
    for (size_t i = rest; i > 8; --i)
        k2 ^= byteAt(tail, i - 1) << (8 * (i - 9));
    if (rest > 8)
    {
        k2 *= c2;
        k2 = rotl64(k2, 33);
        k2 *= c1;
        h2 ^= k2;
    }
    for (size_t i = std::min<size_t>(rest, 8); i > 0; --i)
        k1 ^= byteAt(tail, i - 1) << (8 * (i - 1));
    if (rest > 0)
    {
        k1 *= c1;
        k1 = rotl64(k1, 31);
        k1 *= c2;
        h1 ^= k1;
    }
    h1 ^= size;
    h2 ^= size;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    out1 = h1;
    out2 = h2;
}

} // namespace pipit
