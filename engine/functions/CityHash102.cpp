#include "engine/functions/CityHash102.h"

#include <cstring>
#include <utility>

namespace pipit
{

namespace
{

constexpr UInt64 k0 = 0xc3a5c85c97cb3127ULL;
constexpr UInt64 k1 = 0xb492b66fbe98f273ULL;
constexpr UInt64 k2 = 0x9ae16a3b2f90404fULL;
constexpr UInt64 k3 = 0xc949d7c7509e6557ULL;

inline UInt64 fetch64(const char * p)
{
    UInt64 v;
    std::memcpy(&v, p, 8);
    return v;
}

inline UInt64 fetch32(const char * p)
{
    UInt32 v;
    std::memcpy(&v, p, 4);
    return v;
}

inline UInt64 rotate(UInt64 v, int shift)
{
    return shift == 0 ? v : ((v >> shift) | (v << (64 - shift)));
}

/// shift in [1, 63].
inline UInt64 rotateByAtLeast1(UInt64 v, int shift)
{
    return (v >> shift) | (v << (64 - shift));
}

inline UInt64 shiftMix(UInt64 v)
{
    return v ^ (v >> 47);
}

inline UInt64 hashLen16(UInt64 u, UInt64 v)
{
    return CityHash102::hash128to64(u, v);
}

UInt64 hashLen0to16(const char * s, size_t len)
{
    if (len > 8)
    {
        const UInt64 a = fetch64(s);
        const UInt64 b = fetch64(s + len - 8);
        return hashLen16(a, rotateByAtLeast1(b + len, static_cast<int>(len))) ^ b;
    }
    if (len >= 4)
    {
        const UInt64 a = fetch32(s);
        return hashLen16(len + (a << 3), fetch32(s + len - 4));
    }
    if (len > 0)
    {
        const UInt8 a = static_cast<UInt8>(s[0]);
        const UInt8 b = static_cast<UInt8>(s[len >> 1]);
        const UInt8 c = static_cast<UInt8>(s[len - 1]);
        const UInt32 y = static_cast<UInt32>(a) + (static_cast<UInt32>(b) << 8);
        const UInt32 z = static_cast<UInt32>(len) + (static_cast<UInt32>(c) << 2);
        return shiftMix(y * k2 ^ z * k3) * k2;
    }
    return k2;
}

UInt64 hashLen17to32(const char * s, size_t len)
{
    const UInt64 a = fetch64(s) * k1;
    const UInt64 b = fetch64(s + 8);
    const UInt64 c = fetch64(s + len - 8) * k2;
    const UInt64 d = fetch64(s + len - 16) * k0;
    return hashLen16(rotate(a - b, 43) + rotate(c, 30) + d, a + rotate(b ^ k3, 20) - c + len);
}

std::pair<UInt64, UInt64> weakHashLen32WithSeeds(UInt64 w, UInt64 x, UInt64 y, UInt64 z, UInt64 a, UInt64 b)
{
    a += w;
    b = rotate(b + a + z, 21);
    const UInt64 c = a;
    a += x;
    a += y;
    b += rotate(a, 44);
    return {a + z, b + c};
}

std::pair<UInt64, UInt64> weakHashLen32WithSeeds(const char * s, UInt64 a, UInt64 b)
{
    return weakHashLen32WithSeeds(fetch64(s), fetch64(s + 8), fetch64(s + 16), fetch64(s + 24), a, b);
}

UInt64 hashLen33to64(const char * s, size_t len)
{
    UInt64 z = fetch64(s + 24);
    UInt64 a = fetch64(s) + (len + fetch64(s + len - 16)) * k0;
    UInt64 b = rotate(a + z, 52);
    UInt64 c = rotate(a, 37);
    a += fetch64(s + 8);
    c += rotate(a, 7);
    a += fetch64(s + 16);
    const UInt64 vf = a + z;
    const UInt64 vs = b + rotate(a, 31) + c;
    a = fetch64(s + 16) + fetch64(s + len - 32);
    z = fetch64(s + len - 8);
    b = rotate(a + z, 52);
    c = rotate(a, 37);
    a += fetch64(s + len - 24);
    c += rotate(a, 7);
    a += fetch64(s + len - 16);
    const UInt64 wf = a + z;
    const UInt64 ws = b + rotate(a, 31) + c;
    const UInt64 r = shiftMix((vf + ws) * k2 + (wf + vs) * k0);
    return shiftMix(r * k0 + vs) * k2;
}

} // namespace

UInt64 CityHash102::hash128to64(UInt64 low, UInt64 high)
{
    constexpr UInt64 mul = 0x9ddfea08eb382d69ULL;
    UInt64 a = (low ^ high) * mul;
    a ^= (a >> 47);
    UInt64 b = (high ^ a) * mul;
    b ^= (b >> 47);
    b *= mul;
    return b;
}

UInt64 CityHash102::hash64(const char * s, size_t len)
{
    if (len <= 16)
        return hashLen0to16(s, len);
    if (len <= 32)
        return hashLen17to32(s, len);
    if (len <= 64)
        return hashLen33to64(s, len);

    /// Over 64 bytes: hash the end first, then 64-byte chunks keeping 56 bytes of state.
    UInt64 x = fetch64(s);
    UInt64 y = fetch64(s + len - 16) ^ k1;
    UInt64 z = fetch64(s + len - 56) ^ k0;
    std::pair<UInt64, UInt64> v = weakHashLen32WithSeeds(s + len - 64, len, y);
    std::pair<UInt64, UInt64> w = weakHashLen32WithSeeds(s + len - 32, len * k1, k0);
    z += shiftMix(v.second) * k1;
    x = rotate(z + x, 39) * k1;
    y = rotate(y, 33) * k1;

    len = (len - 1) & ~static_cast<size_t>(63);
    do
    {
        x = rotate(x + y + v.first + fetch64(s + 16), 37) * k1;
        y = rotate(y + v.second + fetch64(s + 48), 42) * k1;
        x ^= w.second;
        y ^= v.first;
        z = rotate(z ^ w.first, 33);
        v = weakHashLen32WithSeeds(s, v.second * k1, x + w.first);
        w = weakHashLen32WithSeeds(s + 32, z + w.second, y);
        std::swap(z, x);
        s += 64;
        len -= 64;
    } while (len != 0);
    return hashLen16(hashLen16(v.first, w.first) + shiftMix(y) * k1 + z, hashLen16(v.second, w.second) + x);
}

} // namespace pipit
