#include "engine/io/CompressionCodecDelta.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"

#include <cstring>

namespace pipit
{

namespace
{

template <typename T>
void encodeValues(const char * source, size_t count, char * dest)
{
    T prev = 0;
    for (size_t i = 0; i < count; ++i)
    {
        T value;
        std::memcpy(&value, source + i * sizeof(T), sizeof(T));
        T delta = static_cast<T>(value - prev);
        std::memcpy(dest + i * sizeof(T), &delta, sizeof(T));
        prev = value;
    }
}

template <typename T>
void decodeValues(char * data, size_t count)
{
    T acc = 0;
    for (size_t i = 0; i < count; ++i)
    {
        T delta;
        std::memcpy(&delta, data + i * sizeof(T), sizeof(T));
        acc = static_cast<T>(acc + delta);
        std::memcpy(data + i * sizeof(T), &acc, sizeof(T));
    }
}

} // namespace

CompressionCodecDelta::CompressionCodecDelta(size_t width)
    : width_(width)
{
    CHECK(width == 1 || width == 2 || width == 4 || width == 8);
}

void CompressionCodecDelta::writeDescription(std::string & out) const
{
    out.push_back(static_cast<char>(methodByte()));
    out.push_back(static_cast<char>(width_));
}

void CompressionCodecDelta::encode(size_t width, const char * source, size_t size, char * dest)
{
    size_t count = size / width;
    switch (width)
    {
    case 1:
        encodeValues<UInt8>(source, count, dest);
        break;
    case 2:
        encodeValues<UInt16>(source, count, dest);
        break;
    case 4:
        encodeValues<UInt32>(source, count, dest);
        break;
    case 8:
        encodeValues<UInt64>(source, count, dest);
        break;
    default:
        CHECK(false);
    }
    size_t tail = size - count * width;
    if (tail)
        std::memcpy(dest + count * width, source + count * width, tail);
}

void CompressionCodecDelta::decodeInPlace(size_t width, char * data, size_t size)
{
    size_t count = size / width;
    switch (width)
    {
    case 1:
        decodeValues<UInt8>(data, count);
        break;
    case 2:
        decodeValues<UInt16>(data, count);
        break;
    case 4:
        decodeValues<UInt32>(data, count);
        break;
    case 8:
        decodeValues<UInt64>(data, count);
        break;
    default:
        CHECK(false);
    }
}

size_t CompressionCodecDelta::compress(const char * source, size_t source_size, char * dest) const
{
    encode(width_, source, source_size, dest);
    return source_size;
}

void CompressionCodecDelta::decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const
{
    if (source_size != uncompressed_size)
        throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot decompress Delta: compressed size " + std::to_string(source_size) +
                                                          " differs from uncompressed size " + std::to_string(uncompressed_size));
    if (source_size)
        std::memmove(dest, source, source_size);
    decodeInPlace(width_, dest, source_size);
}

} // namespace pipit
