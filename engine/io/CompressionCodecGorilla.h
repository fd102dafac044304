#pragma once

#include "engine/io/CompressionCodec.h"

namespace pipit
{

/// Gorilla: for slowly changing floating point values. Stores each `width`-byte value XOR the previous one (equal
/// neighbours become zeros, close ones share their high bytes) and compresses the result with LZ4, so it is a
/// complete codec on its own. Trailing bytes that do not fill a value are kept as they are.
class CompressionCodecGorilla final : public ICompressionCodec
{
public:
    /// `width` is 1, 2, 4 or 8.
    explicit CompressionCodecGorilla(size_t width);

    UInt8 methodByte() const override { return static_cast<UInt8>(CompressionMethodByte::Gorilla); }
    std::string name() const override { return "Gorilla"; }
    void writeDescription(std::string & out) const override;
    size_t maxCompressedSize(size_t source_size) const override;
    size_t compress(const char * source, size_t source_size, char * dest) const override;
    void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const override;

private:
    size_t width_;
};

} // namespace pipit
