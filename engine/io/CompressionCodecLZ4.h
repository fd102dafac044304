#pragma once

#include "engine/io/CompressionCodec.h"

namespace pipit
{

/// LZ4 (level 0: fast) or LZ4HC (level 1..12). Both write method byte LZ4 and decompress identically.
class CompressionCodecLZ4 final : public ICompressionCodec
{
public:
    /// `hc_level` 0 means plain LZ4.
    explicit CompressionCodecLZ4(int hc_level = 0)
        : hc_level_(hc_level)
    {
    }

    UInt8 methodByte() const override { return static_cast<UInt8>(CompressionMethodByte::LZ4); }
    std::string name() const override;
    size_t maxCompressedSize(size_t source_size) const override;
    size_t compress(const char * source, size_t source_size, char * dest) const override;
    void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const override;

private:
    int hc_level_;
};

} // namespace pipit
