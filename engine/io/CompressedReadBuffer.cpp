#include "engine/io/CompressedReadBuffer.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"

#include <algorithm>
#include <cstring>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

namespace pipit
{

namespace
{

/// Longer descriptions than this are not written by any codec (a chain of 8 is 18 bytes).
constexpr size_t max_description_size = 64;
/// Bytes before the description: checksum + description length.
constexpr size_t prefix_size = 9;
/// Compressed payloads grow a little over their input at worst.
constexpr size_t max_payload_size = max_compression_block_size + (max_compression_block_size >> 6) + 4096;
/// Payloads not already buffered by the input are read in steps of this, so garbage sizes cannot allocate much.
constexpr size_t payload_read_step = 1 << 20;

} // namespace

CompressedReadBuffer::CompressedReadBuffer(ReadBuffer & in, std::string source_name)
    : in_(&in)
    , source_name_(std::move(source_name))
{
}

CompressedReadBuffer::CompressedReadBuffer(std::shared_ptr<const RandomAccessFile> file, size_t compressed_offset)
    : file_in_(std::make_unique<ReadBufferFromRandomAccessFile>(file, 0))
    , in_(file_in_.get())
    , source_name_(file->path())
{
    // The first block is loaded on the first read.
    if (compressed_offset > file->size())
        throwCorrupted(ErrorCode::CORRUPTED_DATA, compressed_offset,
                       "Offset past the end of the file (size " + std::to_string(file->size()) + ")");
    file_in_->seek(compressed_offset);
}

CompressedReadBuffer::CompressedReadBuffer(const std::string & path, size_t compressed_offset)
    : CompressedReadBuffer(std::shared_ptr<const RandomAccessFile>(RandomAccessFile::open(path)), compressed_offset)
{
}

size_t CompressedReadBuffer::inputOffset() const
{
    return file_in_ ? file_in_->fileOffset() : in_->offset();
}

void CompressedReadBuffer::throwCorrupted(ErrorCode code, size_t block_offset, const std::string & what) const
{
    throw Exception(code, what + " in compressed block at offset " + std::to_string(block_offset) +
                              (source_name_.empty() ? std::string() : " of file " + source_name_));
}

void CompressedReadBuffer::seek(size_t compressed_offset, size_t offset_in_block)
{
    CHECK(file_in_ != nullptr);
    if (!(has_block_ && compressed_offset == current_block_offset_))
    {
        if (compressed_offset > file_in_->file().size())
            throwCorrupted(ErrorCode::CORRUPTED_DATA, compressed_offset,
                           "Seek past the end of the file (size " + std::to_string(file_in_->file().size()) + ")");
        file_in_->seek(compressed_offset);
        has_block_ = false;
        begin_ = pos_ = end_ = nullptr;
        if (!readBlock())
        {
            if (offset_in_block != 0)
                throwCorrupted(ErrorCode::CORRUPTED_DATA, compressed_offset,
                               "Seek to offset " + std::to_string(offset_in_block) + " past the end of data");
            return;
        }
    }
    size_t block_size = static_cast<size_t>(end_ - begin_);
    if (offset_in_block > block_size)
        throwCorrupted(ErrorCode::CORRUPTED_DATA, compressed_offset,
                       "Seek to offset " + std::to_string(offset_in_block) + " past the block's " + std::to_string(block_size) + " bytes");
    pos_ = begin_ + offset_in_block;
}

bool CompressedReadBuffer::nextImpl()
{
    return readBlock();
}

bool CompressedReadBuffer::readBlock()
{
    while (true)
    {
        size_t block_offset = inputOffset();
        if (in_->eof())
        {
            has_block_ = false;
            return false;
        }

        raw_.resize(prefix_size);
        size_t got = in_->read(raw_.data(), prefix_size);
        if (got < prefix_size)
            throwCorrupted(ErrorCode::CORRUPTED_DATA, block_offset, "Truncated block header (" + std::to_string(got) + " bytes)");
        size_t description_size = static_cast<UInt8>(raw_[8]);
        if (description_size == 0 || description_size > max_description_size)
            throwCorrupted(ErrorCode::CORRUPTED_DATA, block_offset, "Bad codec description length " + std::to_string(description_size));
        size_t header_size = prefix_size + description_size + 8;
        raw_.resize(header_size);
        got = in_->read(raw_.data() + prefix_size, header_size - prefix_size);
        if (got < header_size - prefix_size)
            throwCorrupted(ErrorCode::CORRUPTED_DATA, block_offset, "Truncated block header");

        UInt32 compressed_size;
        UInt32 uncompressed_size;
        std::memcpy(&compressed_size, raw_.data() + prefix_size + description_size, 4);
        std::memcpy(&uncompressed_size, raw_.data() + prefix_size + description_size + 4, 4);
        if (uncompressed_size > max_compression_block_size || compressed_size > max_payload_size)
            throwCorrupted(ErrorCode::CORRUPTED_DATA, block_offset,
                           "Bad block sizes: compressed " + std::to_string(compressed_size) + ", uncompressed " +
                               std::to_string(uncompressed_size));
        if (file_in_ && compressed_size > file_in_->file().size() - file_in_->fileOffset())
            throwCorrupted(ErrorCode::CORRUPTED_DATA, block_offset,
                           "Truncated block: payload of " + std::to_string(compressed_size) + " bytes, " +
                               std::to_string(file_in_->file().size() - file_in_->fileOffset()) + " left in the file");

        // The payload is used in place when the input has it buffered, else copied after the header.
        const char * payload;
        bool in_place = in_->available() >= compressed_size;
        if (in_place)
            payload = in_->position();
        else
        {
            size_t have = 0;
            while (have < compressed_size)
            {
                size_t step = std::min<size_t>(compressed_size - have, payload_read_step);
                raw_.resize(header_size + have + step);
                size_t n = in_->read(raw_.data() + header_size + have, step);
                have += n;
                if (n < step)
                    throwCorrupted(ErrorCode::CORRUPTED_DATA, block_offset,
                                   "Truncated block: payload of " + std::to_string(compressed_size) + " bytes, got " +
                                       std::to_string(have));
            }
            payload = raw_.data() + header_size;
        }

        XXH64_state_t state;
        XXH64_reset(&state, 0);
        XXH64_update(&state, raw_.data() + 8, header_size - 8);
        XXH64_update(&state, payload, compressed_size);
        UInt64 expected;
        std::memcpy(&expected, raw_.data(), 8);
        UInt64 actual = XXH64_digest(&state);
        if (actual != expected)
            throwCorrupted(ErrorCode::CHECKSUM_DOESNT_MATCH, block_offset,
                           "Checksum doesn't match: expected " + std::to_string(expected) + ", got " + std::to_string(actual));

        std::string_view description(raw_.data() + prefix_size, description_size);
        try
        {
            if (!cached_codec_ || description != cached_description_)
            {
                cached_codec_ = codecFromDescription(description);
                cached_description_ = std::string(description);
            }
            if (uncompressed_capacity_ < uncompressed_size)
            {
                uncompressed_.reset(new char[uncompressed_size]);
                uncompressed_capacity_ = uncompressed_size;
            }
            cached_codec_->decompress(payload, compressed_size, uncompressed_.get(), uncompressed_size);
        }
        catch (Exception & e)
        {
            e.addContext("While reading compressed block at offset " + std::to_string(block_offset) +
                         (source_name_.empty() ? std::string() : " of file " + source_name_));
            throw;
        }
        if (in_place)
            in_->advance(compressed_size);

        current_block_offset_ = block_offset;
        if (uncompressed_size == 0)
            continue;
        has_block_ = true;
        begin_ = pos_ = uncompressed_.get();
        end_ = begin_ + uncompressed_size;
        return true;
    }
}

} // namespace pipit
