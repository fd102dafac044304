#pragma once

#include "engine/io/CompressionCodec.h"

namespace pipit
{

/// NONE: stores bytes as they are.
class CompressionCodecNone final : public ICompressionCodec
{
public:
    UInt8 methodByte() const override { return static_cast<UInt8>(CompressionMethodByte::NONE); }
    std::string name() const override { return "NONE"; }
    size_t maxCompressedSize(size_t source_size) const override { return source_size; }
    size_t compress(const char * source, size_t source_size, char * dest) const override;
    void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const override;
};

} // namespace pipit
