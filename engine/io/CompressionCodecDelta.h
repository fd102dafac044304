#pragma once

#include "engine/io/CompressionCodec.h"

namespace pipit
{

/// Delta(width): a size-preserving transform storing each `width`-byte little-endian value minus the previous
/// one (wrapping); trailing bytes that do not fill a value are copied as they are. It makes sorted or slowly
/// changing data compressible, so it must be followed by a compression codec in a chain.
class CompressionCodecDelta final : public ICompressionCodec
{
public:
    /// `width` is 1, 2, 4 or 8.
    explicit CompressionCodecDelta(size_t width);

    UInt8 methodByte() const override { return static_cast<UInt8>(CompressionMethodByte::Delta); }
    std::string name() const override { return "Delta(" + std::to_string(width_) + ")"; }
    void writeDescription(std::string & out) const override;
    bool isCompression() const override { return false; }
    size_t maxCompressedSize(size_t source_size) const override { return source_size; }
    size_t compress(const char * source, size_t source_size, char * dest) const override;
    void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const override;

    /// dest[i] = source[i] - source[i - 1] over `width`-byte values; the tail is copied. Ranges may not overlap.
    static void encode(size_t width, const char * source, size_t size, char * dest);
    /// Inverse of encode(), in place.
    static void decodeInPlace(size_t width, char * data, size_t size);

private:
    size_t width_;
};

} // namespace pipit
