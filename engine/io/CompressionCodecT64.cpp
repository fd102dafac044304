#include "engine/io/CompressionCodecT64.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"

#include <algorithm>
#include <cstring>

namespace pipit
{

namespace
{

UInt64 loadValue(const char * p, size_t width)
{
    UInt64 value = 0;
    std::memcpy(&value, p, width);
    return value;
}

void storeValue(char * p, UInt64 value, size_t width)
{
    std::memcpy(p, &value, width);
}

UInt64 widthMask(size_t width)
{
    return width == 8 ? ~UInt64(0) : (UInt64(1) << (8 * width)) - 1;
}

unsigned bitsFor(UInt64 range)
{
    return range == 0 ? 0 : 64 - static_cast<unsigned>(__builtin_clzll(range));
}

/// Values [0, count) of one frame: value i is bits [i * bits, (i + 1) * bits) of the little-endian bit stream
/// `packed` bytes long, plus `base`, masked to the width, XORed with `xor_mask` (the sign flip), stored as T.
template <typename T>
void unpackFrame(const char * in, size_t packed, unsigned bits, UInt64 base, UInt64 xor_mask, UInt64 mask, char * out, size_t count)
{
    const UInt64 value_mask = bits == 64 ? ~UInt64(0) : (UInt64(1) << bits) - 1;
    size_t i = 0;
    size_t bit_position = 0;
    if (bits == 0)
    {
        const T narrow = static_cast<T>((base & mask) ^ xor_mask);
        for (; i < count; ++i)
            std::memcpy(out + i * sizeof(T), &narrow, sizeof(T));
        return;
    }
    if (bits > 56)
    {
        /// A value may span 9 bytes: the 8-byte word at its first byte plus the high bits of the next byte.
        for (; i < count; ++i, bit_position += bits)
        {
            const size_t byte = bit_position >> 3;
            if (byte + 9 > packed)
                break;
            const unsigned offset = bit_position & 7;
            UInt64 word;
            std::memcpy(&word, in + byte, 8);
            UInt64 d = word >> offset;
            if (offset)
                d |= static_cast<UInt64>(static_cast<UInt8>(in[byte + 8])) << (64 - offset);
            const T narrow = static_cast<T>((((d & value_mask) + base) & mask) ^ xor_mask);
            std::memcpy(out + i * sizeof(T), &narrow, sizeof(T));
        }
    }
    else
    {
        /// One unaligned 8-byte load per value while 8 bytes remain in the stream.
        for (; i < count; ++i, bit_position += bits)
        {
            const size_t byte = bit_position >> 3;
            if (byte + 8 > packed)
                break;
            UInt64 word;
            std::memcpy(&word, in + byte, 8);
            const UInt64 value = ((((word >> (bit_position & 7)) & value_mask) + base) & mask) ^ xor_mask;
            const T narrow = static_cast<T>(value);
            std::memcpy(out + i * sizeof(T), &narrow, sizeof(T));
        }
    }
    for (; i < count; ++i, bit_position += bits)
    {
        UInt64 d = 0;
        for (unsigned taken = 0; taken < bits;)
        {
            const size_t bit = bit_position + taken;
            const unsigned offset = bit & 7;
            const unsigned take = std::min(8 - offset, bits - taken);
            const UInt64 chunk = (static_cast<UInt64>(static_cast<UInt8>(in[bit >> 3])) >> offset) & ((UInt64(1) << take) - 1);
            d |= chunk << taken;
            taken += take;
        }
        const T narrow = static_cast<T>(((d + base) & mask) ^ xor_mask);
        std::memcpy(out + i * sizeof(T), &narrow, sizeof(T));
    }
}

[[noreturn]] void throwMalformed(const std::string & what)
{
    throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot decompress T64: " + what);
}

} // namespace

CompressionCodecT64::CompressionCodecT64(size_t width)
    : width_(width)
{
    CHECK(width == 1 || width == 2 || width == 4 || width == 8);
}

void CompressionCodecT64::writeDescription(std::string & out) const
{
    out.push_back(static_cast<char>(methodByte()));
    out.push_back(static_cast<char>(width_));
}

size_t CompressionCodecT64::maxCompressedSize(size_t source_size) const
{
    size_t values = source_size / width_;
    return source_size + (values + frame_size - 1) / frame_size * (2 + width_) + 8;
}

size_t CompressionCodecT64::compress(const char * source, size_t source_size, char * dest) const
{
    const size_t values = source_size / width_;
    const UInt64 sign_bit = UInt64(1) << (8 * width_ - 1);
    const UInt64 mask = widthMask(width_);
    char * out = dest;
    UInt64 frame[frame_size];
    for (size_t start = 0; start < values; start += frame_size)
    {
        size_t count = std::min(frame_size, values - start);
        UInt64 min_u = mask, max_u = 0, min_s = mask, max_s = 0;
        for (size_t i = 0; i < count; ++i)
        {
            UInt64 v = loadValue(source + (start + i) * width_, width_);
            frame[i] = v;
            min_u = std::min(min_u, v);
            max_u = std::max(max_u, v);
            UInt64 s = v ^ sign_bit;
            min_s = std::min(min_s, s);
            max_s = std::max(max_s, s);
        }
        bool flip = max_s - min_s < max_u - min_u;
        UInt64 base = flip ? min_s : min_u;
        unsigned bits = bitsFor(flip ? max_s - min_s : max_u - min_u);
        *out++ = static_cast<char>(bits);
        *out++ = static_cast<char>(flip);
        storeValue(out, base, width_);
        out += width_;

        unsigned __int128 acc = 0;
        unsigned fill = 0;
        for (size_t i = 0; i < count; ++i)
        {
            UInt64 d = ((flip ? frame[i] ^ sign_bit : frame[i]) - base) & mask;
            acc |= static_cast<unsigned __int128>(d) << fill;
            fill += bits;
            if (fill >= 64)
            {
                auto low = static_cast<UInt64>(acc);
                std::memcpy(out, &low, 8);
                out += 8;
                acc >>= 64;
                fill -= 64;
            }
        }
        while (fill > 0)
        {
            *out++ = static_cast<char>(static_cast<UInt8>(acc));
            acc >>= 8;
            fill = fill >= 8 ? fill - 8 : 0;
        }
    }
    size_t tail = source_size - values * width_;
    if (tail)
    {
        std::memcpy(out, source + values * width_, tail);
        out += tail;
    }
    return static_cast<size_t>(out - dest);
}

void CompressionCodecT64::decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const
{
    const size_t values = uncompressed_size / width_;
    const UInt64 sign_bit = UInt64(1) << (8 * width_ - 1);
    const UInt64 mask = widthMask(width_);
    const char * in = source;
    const char * end = source + source_size;
    for (size_t start = 0; start < values; start += frame_size)
    {
        size_t count = std::min(frame_size, values - start);
        if (static_cast<size_t>(end - in) < 2 + width_)
            throwMalformed("truncated frame header");
        unsigned bits = static_cast<UInt8>(*in++);
        auto flip = static_cast<UInt8>(*in++);
        if (bits > 8 * width_ || flip > 1)
            throwMalformed("bad frame header");
        UInt64 base = loadValue(in, width_);
        in += width_;
        size_t packed = (count * bits + 7) / 8;
        if (static_cast<size_t>(end - in) < packed)
            throwMalformed("truncated frame");

        const UInt64 xor_mask = flip ? sign_bit : 0;
        char * out = dest + start * width_;
        switch (width_)
        {
        case 1:
            unpackFrame<UInt8>(in, packed, bits, base, xor_mask, mask, out, count);
            break;
        case 2:
            unpackFrame<UInt16>(in, packed, bits, base, xor_mask, mask, out, count);
            break;
        case 4:
            unpackFrame<UInt32>(in, packed, bits, base, xor_mask, mask, out, count);
            break;
        default:
            unpackFrame<UInt64>(in, packed, bits, base, xor_mask, mask, out, count);
            break;
        }
        const char * packed_end = in + packed;
        in = packed_end;
    }
    size_t tail = uncompressed_size - values * width_;
    if (static_cast<size_t>(end - in) != tail)
        throwMalformed("payload size does not match " + std::to_string(uncompressed_size) + " uncompressed bytes");
    if (tail)
        std::memcpy(dest + values * width_, in, tail);
}

} // namespace pipit
