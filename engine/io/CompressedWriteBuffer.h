#pragma once

#include "engine/io/CompressionCodec.h"
#include "engine/io/WriteBuffer.h"

#include <memory>
#include <string>
#include <vector>

namespace pipit
{

/// Compresses everything written to it into a sequence of self-describing blocks appended to `out`
/// with this layout:
///
///   [u64 xxh64 (seed 0) of all following bytes of the block]
///   [u8 L][L bytes: codec description][u32 compressed payload size][u32 uncompressed size]
///   [payload]
///
/// All integers are little-endian. A block is cut when `max_block_size` uncompressed bytes are pending, on
/// finishBlock(), flush() and finalize(). A block whose codec output is not smaller than its input is stored with
/// codec NONE. Cutting one block per granule makes a mark simply compressedOffset() taken after finishBlock().
class CompressedWriteBuffer : public WriteBuffer
{
public:
    static constexpr size_t default_max_block_size = 1 << 20;

    explicit CompressedWriteBuffer(WriteBuffer & out, CompressionCodecPtr codec = defaultCodec(),
                                   size_t max_block_size = default_max_block_size);
    /// Owns `out`; finalize() finalizes it too.
    explicit CompressedWriteBuffer(std::unique_ptr<WriteBuffer> out, CompressionCodecPtr codec = defaultCodec(),
                                   size_t max_block_size = default_max_block_size);
    ~CompressedWriteBuffer() override;

    /// Compresses the pending bytes into one block (nothing if none are pending).
    void finishBlock() { next(); }
    /// Offset in `out` (as out.count()) where the block holding the next written byte starts.
    size_t compressedOffset() const { return out_->count(); }
    /// Uncompressed bytes pending in the current block (0 right after finishBlock()).
    size_t offsetInBlock() const { return static_cast<size_t>(pos_ - begin_); }

    /// Finishes the last block and flushes `out` (finalizes it when owned).
    void finalize() override;

    WriteBuffer & out() { return *out_; }
    const CompressionCodecPtr & codec() const { return codec_; }

private:
    void nextImpl() override;

    std::unique_ptr<WriteBuffer> owned_out_;
    WriteBuffer * out_;
    CompressionCodecPtr codec_;
    std::string description_;
    std::string none_description_;
    std::unique_ptr<char[]> uncompressed_;
    std::vector<char> block_;
    bool finalized_ = false;
};

} // namespace pipit
