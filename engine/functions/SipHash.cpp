#include "engine/functions/SipHash.h"

#include <cstring>

namespace pipit
{

namespace
{

inline UInt64 rotl(UInt64 x, int b)
{
    return (x << b) | (x >> (64 - b));
}

struct SipState
{
    UInt64 v0 = 0x736f6d6570736575ULL;
    UInt64 v1 = 0x646f72616e646f6dULL;
    UInt64 v2 = 0x6c7967656e657261ULL;
    UInt64 v3 = 0x7465646279746573ULL;

    void round()
    {
        v0 += v1;
        v1 = rotl(v1, 13);
        v1 ^= v0;
        v0 = rotl(v0, 32);
        v2 += v3;
        v3 = rotl(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = rotl(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = rotl(v1, 17);
        v1 ^= v2;
        v2 = rotl(v2, 32);
    }

    void compress(UInt64 m)
    {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }
};

} // namespace

UInt64 SipHash::hash64(const char * data, size_t size)
{
    SipState s;
    const char * end = data + (size & ~static_cast<size_t>(7));
    for (const char * p = data; p < end; p += 8)
    {
        UInt64 m;
        std::memcpy(&m, p, 8);
        s.compress(m);
    }
    UInt64 last = static_cast<UInt64>(size & 0xFF) << 56;
    for (size_t i = 0; i < (size & 7); ++i)
        last |= static_cast<UInt64>(static_cast<UInt8>(end[i])) << (8 * i);
    s.compress(last);
    s.v2 ^= 0xff;
    s.round();
    s.round();
    s.round();
    s.round();
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

} // namespace pipit
