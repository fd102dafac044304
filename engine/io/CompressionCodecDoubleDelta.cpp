#include "engine/io/CompressionCodecDoubleDelta.h"

#include "engine/base/Check.h"
#include "engine/io/CompressionCodecDelta.h"
#include "engine/io/CompressionCodecLZ4.h"

#include <memory>

namespace pipit
{

CompressionCodecDoubleDelta::CompressionCodecDoubleDelta(size_t width)
    : width_(width)
{
    CHECK(width == 1 || width == 2 || width == 4 || width == 8);
}

void CompressionCodecDoubleDelta::writeDescription(std::string & out) const
{
    out.push_back(static_cast<char>(methodByte()));
    out.push_back(static_cast<char>(width_));
}

size_t CompressionCodecDoubleDelta::maxCompressedSize(size_t source_size) const
{
    return CompressionCodecLZ4().maxCompressedSize(source_size);
}

size_t CompressionCodecDoubleDelta::compress(const char * source, size_t source_size, char * dest) const
{
    std::unique_ptr<char[]> deltas(new char[source_size + 1]);
    CompressionCodecDelta::encode(width_, source, source_size, deltas.get());
    std::unique_ptr<char[]> double_deltas(new char[source_size + 1]);
    CompressionCodecDelta::encode(width_, deltas.get(), source_size, double_deltas.get());
    return CompressionCodecLZ4().compress(double_deltas.get(), source_size, dest);
}

void CompressionCodecDoubleDelta::decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const
{
    CompressionCodecLZ4().decompress(source, source_size, dest, uncompressed_size);
    CompressionCodecDelta::decodeInPlace(width_, dest, uncompressed_size);
    CompressionCodecDelta::decodeInPlace(width_, dest, uncompressed_size);
}

} // namespace pipit
