#pragma once

#include "engine/io/CompressionCodec.h"

namespace pipit
{

/// DoubleDelta: for timestamps and counters. Applies Delta(width) twice (a constant step becomes zeros) and
/// compresses the result with LZ4, so it is a complete codec on its own.
class CompressionCodecDoubleDelta final : public ICompressionCodec
{
public:
    /// `width` is 1, 2, 4 or 8.
    explicit CompressionCodecDoubleDelta(size_t width);

    UInt8 methodByte() const override { return static_cast<UInt8>(CompressionMethodByte::DoubleDelta); }
    std::string name() const override { return "DoubleDelta"; }
    void writeDescription(std::string & out) const override;
    size_t maxCompressedSize(size_t source_size) const override;
    size_t compress(const char * source, size_t source_size, char * dest) const override;
    void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const override;

private:
    size_t width_;
};

} // namespace pipit
