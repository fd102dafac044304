#pragma once

#include "engine/base/ErrorCodes.h"
#include "engine/io/CompressionCodec.h"
#include "engine/io/RandomAccessFile.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/ReadBufferFromRandomAccessFile.h"

#include <memory>
#include <string>
#include <vector>

namespace pipit
{

/// Reads the blocks written by CompressedWriteBuffer and yields their uncompressed bytes. Every block's checksum
/// and sizes are verified before it is decompressed; damage throws CHECKSUM_DOESNT_MATCH, CORRUPTED_DATA
/// (bad header, truncated block) or CANNOT_DECOMPRESS, each naming the source and the block's offset. Garbage
/// input never reads out of bounds nor allocates more than the data present (plus one block).
///
/// From a file, seek() jumps to any block start (a mark). One RandomAccessFile can be shared by many readers,
/// one per thread, to read granules of one file in parallel.
class CompressedReadBuffer : public ReadBuffer
{
public:
    /// Reads blocks sequentially from `in`; `source_name` names it in errors. seek() is not available.
    explicit CompressedReadBuffer(ReadBuffer & in, std::string source_name = "");
    /// Reads the file from the block at `compressed_offset`.
    explicit CompressedReadBuffer(std::shared_ptr<const RandomAccessFile> file, size_t compressed_offset = 0);
    explicit CompressedReadBuffer(const std::string & path, size_t compressed_offset = 0);

    /// Continues at the block starting at `compressed_offset`, skipping `offset_in_block` uncompressed bytes of it.
    /// Offsets past the end of the file or block throw CORRUPTED_DATA. File readers only.
    void seek(size_t compressed_offset, size_t offset_in_block = 0);

    /// Start offset of the block the next byte comes from (meaningful once a block is loaded).
    size_t currentBlockOffset() const { return current_block_offset_; }

private:
    bool nextImpl() override;
    /// Loads the block at the input's position; false at end of input.
    bool readBlock();
    size_t inputOffset() const;
    [[noreturn]] void throwCorrupted(ErrorCode code, size_t block_offset, const std::string & what) const;

    std::unique_ptr<ReadBufferFromRandomAccessFile> file_in_;
    ReadBuffer * in_;
    std::string source_name_;

    std::vector<char> raw_;
    std::string cached_description_;
    CompressionCodecPtr cached_codec_;
    std::unique_ptr<char[]> uncompressed_;
    size_t uncompressed_capacity_ = 0;
    size_t current_block_offset_ = 0;
    bool has_block_ = false;
};

} // namespace pipit
