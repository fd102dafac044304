#include "engine/io/CompressionCodecGorilla.h"

#include "engine/base/Check.h"
#include "engine/io/CompressionCodecLZ4.h"

#include <cstring>
#include <memory>

namespace pipit
{

namespace
{

template <typename T>
void xorEncode(const char * source, size_t count, char * dest)
{
    T prev = 0;
    for (size_t i = 0; i < count; ++i)
    {
        T value;
        std::memcpy(&value, source + i * sizeof(T), sizeof(T));
        T x = static_cast<T>(value ^ prev);
        std::memcpy(dest + i * sizeof(T), &x, sizeof(T));
        prev = value;
    }
}

template <typename T>
void xorDecodeInPlace(char * data, size_t count)
{
    T prev = 0;
    for (size_t i = 0; i < count; ++i)
    {
        T x;
        std::memcpy(&x, data + i * sizeof(T), sizeof(T));
        prev = static_cast<T>(prev ^ x);
        std::memcpy(data + i * sizeof(T), &prev, sizeof(T));
    }
}

} // namespace

CompressionCodecGorilla::CompressionCodecGorilla(size_t width)
    : width_(width)
{
    CHECK(width == 1 || width == 2 || width == 4 || width == 8);
}

void CompressionCodecGorilla::writeDescription(std::string & out) const
{
    out.push_back(static_cast<char>(methodByte()));
    out.push_back(static_cast<char>(width_));
}

size_t CompressionCodecGorilla::maxCompressedSize(size_t source_size) const
{
    return CompressionCodecLZ4().maxCompressedSize(source_size);
}

size_t CompressionCodecGorilla::compress(const char * source, size_t source_size, char * dest) const
{
    std::unique_ptr<char[]> xored(new char[source_size + 1]);
    size_t count = source_size / width_;
    switch (width_)
    {
    case 1:
        xorEncode<UInt8>(source, count, xored.get());
        break;
    case 2:
        xorEncode<UInt16>(source, count, xored.get());
        break;
    case 4:
        xorEncode<UInt32>(source, count, xored.get());
        break;
    default:
        xorEncode<UInt64>(source, count, xored.get());
        break;
    }
    size_t tail = source_size - count * width_;
    if (tail)
        std::memcpy(xored.get() + count * width_, source + count * width_, tail);
    return CompressionCodecLZ4().compress(xored.get(), source_size, dest);
}

void CompressionCodecGorilla::decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const
{
    CompressionCodecLZ4().decompress(source, source_size, dest, uncompressed_size);
    size_t count = uncompressed_size / width_;
    switch (width_)
    {
    case 1:
        xorDecodeInPlace<UInt8>(dest, count);
        break;
    case 2:
        xorDecodeInPlace<UInt16>(dest, count);
        break;
    case 4:
        xorDecodeInPlace<UInt32>(dest, count);
        break;
    default:
        xorDecodeInPlace<UInt64>(dest, count);
        break;
    }
}

} // namespace pipit
