#pragma once

#include "engine/io/CompressionCodec.h"

namespace pipit
{

/// T64: crops the unused high bits of integers. Values (`width` bytes, little-endian) are cut into frames of 64;
/// each frame stores its minimum and every value minus that minimum in as many bits as the frame's range needs.
/// Signed data is handled by choosing, per frame, the smaller range of the values read as unsigned or with the sign
/// bit flipped. Usually followed by LZ4 or ZSTD.
///
/// Payload: per frame [u8 bits][u8 sign flipped][`width` bytes minimum][ceil(count * bits / 8) bytes, bits packed
/// LSB first]; then the `size % width` trailing bytes as they are.
class CompressionCodecT64 final : public ICompressionCodec
{
public:
    static constexpr size_t frame_size = 64;

    /// `width` is 1, 2, 4 or 8.
    explicit CompressionCodecT64(size_t width);

    UInt8 methodByte() const override { return static_cast<UInt8>(CompressionMethodByte::T64); }
    std::string name() const override { return "T64"; }
    void writeDescription(std::string & out) const override;
    size_t maxCompressedSize(size_t source_size) const override;
    size_t compress(const char * source, size_t source_size, char * dest) const override;
    void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const override;

private:
    size_t width_;
};

} // namespace pipit
