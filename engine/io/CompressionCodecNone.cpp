#include "engine/io/CompressionCodecNone.h"

#include "engine/base/Exception.h"

#include <cstring>

namespace pipit
{

size_t CompressionCodecNone::compress(const char * source, size_t source_size, char * dest) const
{
    if (source_size)
        std::memcpy(dest, source, source_size);
    return source_size;
}

void CompressionCodecNone::decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const
{
    if (source_size != uncompressed_size)
        throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot decompress NONE: compressed size " + std::to_string(source_size) +
                                                          " differs from uncompressed size " + std::to_string(uncompressed_size));
    if (source_size)
        std::memcpy(dest, source, source_size);
}

} // namespace pipit
