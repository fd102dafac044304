#include "engine/io/CompressionCodecZSTD.h"

#include "engine/base/Exception.h"

#include <zstd.h>

namespace pipit
{

namespace
{

/// One context per thread: creating a context costs more than compressing a small block.
struct ZstdContexts
{
    ZSTD_CCtx * cctx = ZSTD_createCCtx();
    ZSTD_DCtx * dctx = ZSTD_createDCtx();
    ~ZstdContexts()
    {
        ZSTD_freeCCtx(cctx);
        ZSTD_freeDCtx(dctx);
    }
};

ZstdContexts & contexts()
{
    thread_local ZstdContexts ctx;
    return ctx;
}

} // namespace

size_t CompressionCodecZSTD::maxCompressedSize(size_t source_size) const
{
    return ZSTD_compressBound(source_size);
}

size_t CompressionCodecZSTD::compress(const char * source, size_t source_size, char * dest) const
{
    size_t n = ZSTD_compressCCtx(contexts().cctx, dest, ZSTD_compressBound(source_size), source, source_size, level_);
    if (ZSTD_isError(n))
        throw Exception(ErrorCode::CANNOT_COMPRESS, std::string("Cannot compress with ZSTD: ") + ZSTD_getErrorName(n));
    return n;
}

void CompressionCodecZSTD::decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const
{
    size_t n = ZSTD_decompressDCtx(contexts().dctx, dest, uncompressed_size, source, source_size);
    if (ZSTD_isError(n))
        throw Exception(ErrorCode::CANNOT_DECOMPRESS, std::string("Cannot decompress ZSTD: ") + ZSTD_getErrorName(n));
    if (n != uncompressed_size)
        throw Exception(ErrorCode::CANNOT_DECOMPRESS,
                        "Cannot decompress ZSTD: got " + std::to_string(n) + " bytes instead of " + std::to_string(uncompressed_size));
}

} // namespace pipit
