#pragma once

#include "engine/io/CompressionCodec.h"

#include <vector>

namespace pipit
{

/// A chain of codecs applied left to right on compress and right to left on decompress.
/// Payload: [u32 LE output size of each stage but the last][output of the last stage].
/// Description: [Multiple][u8 stage count][description of each stage].
class CompressionCodecMultiple final : public ICompressionCodec
{
public:
    static constexpr size_t max_stages = 8;

    /// At least two stages, none of them a chain.
    explicit CompressionCodecMultiple(std::vector<CompressionCodecPtr> stages);

    UInt8 methodByte() const override { return static_cast<UInt8>(CompressionMethodByte::Multiple); }
    std::string name() const override;
    void writeDescription(std::string & out) const override;
    size_t maxCompressedSize(size_t source_size) const override;
    size_t compress(const char * source, size_t source_size, char * dest) const override;
    void decompress(const char * source, size_t source_size, char * dest, size_t uncompressed_size) const override;

    const std::vector<CompressionCodecPtr> & stages() const { return stages_; }

private:
    std::vector<CompressionCodecPtr> stages_;
};

} // namespace pipit
