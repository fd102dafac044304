#include "engine/io/CompressionCodecLZ4.h"

#include "engine/base/Exception.h"

#include <lz4.h>
#include <lz4hc.h>

namespace pipit
{

std::string CompressionCodecLZ4::name() const
{
    return hc_level_ == 0 ? "LZ4" : "LZ4HC(" + std::to_string(hc_level_) + ")";
}

size_t CompressionCodecLZ4::maxCompressedSize(size_t source_size) const
{
    return source_size + source_size / 255 + 16;
}

size_t CompressionCodecLZ4::compress(const char * source, size_t source_size, char * dest) const
{
    if (source_size > LZ4_MAX_INPUT_SIZE)
        throw Exception(ErrorCode::CANNOT_COMPRESS,
                        "Cannot compress with LZ4: input of " + std::to_string(source_size) + " bytes is too large");
    int capacity = LZ4_compressBound(static_cast<int>(source_size));
    int n = hc_level_ == 0 ? LZ4_compress_default(source, dest, static_cast<int>(source_size), capacity)
                           : LZ4_compress_HC(source, dest, static_cast<int>(source_size), capacity, hc_level_);
    if (n <= 0)
        throw Exception(ErrorCode::CANNOT_COMPRESS, "Cannot compress with LZ4");
    return static_cast<size_t>(n);
}

void CompressionCodecLZ4::decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const
{
    if (source_size > LZ4_MAX_INPUT_SIZE || uncompressed_size > max_compression_block_size)
        throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot decompress LZ4: sizes out of range");
    int n = LZ4_decompress_safe(source, dest, static_cast<int>(source_size), static_cast<int>(uncompressed_size));
    if (n < 0 || static_cast<size_t>(n) != uncompressed_size)
        throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot decompress LZ4: malformed input of " + std::to_string(source_size) +
                                                          " bytes for " + std::to_string(uncompressed_size) + " uncompressed bytes");
}

} // namespace pipit
