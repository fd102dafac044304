#pragma once

#include "engine/io/CompressionCodec.h"

namespace pipit
{

/// ZSTD at a level 1..22. The level only matters when compressing.
class CompressionCodecZSTD final : public ICompressionCodec
{
public:
    explicit CompressionCodecZSTD(int level = 1)
        : level_(level)
    {
    }

    UInt8 methodByte() const override { return static_cast<UInt8>(CompressionMethodByte::ZSTD); }
    std::string name() const override { return "ZSTD(" + std::to_string(level_) + ")"; }
    size_t maxCompressedSize(size_t source_size) const override;
    size_t compress(const char * source, size_t source_size, char * dest) const override;
    void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const override;

private:
    int level_;
};

} // namespace pipit
