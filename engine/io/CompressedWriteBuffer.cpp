#include "engine/io/CompressedWriteBuffer.h"

#include "engine/base/Exception.h"
#include "engine/io/CompressionCodecNone.h"

#include <cstring>
#include <xxhash.h>

namespace pipit
{

CompressedWriteBuffer::CompressedWriteBuffer(WriteBuffer & out, CompressionCodecPtr codec, size_t max_block_size)
    : out_(&out)
    , codec_(std::move(codec))
{
    if (max_block_size == 0 || max_block_size > max_compression_block_size)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Compressed block size must be between 1 and " +
                                                      std::to_string(max_compression_block_size) + ", got " +
                                                      std::to_string(max_block_size));
    codec_->writeDescription(description_);
    CompressionCodecNone().writeDescription(none_description_);
    uncompressed_.reset(new char[max_block_size]);
    begin_ = pos_ = uncompressed_.get();
    end_ = begin_ + max_block_size;
}

CompressedWriteBuffer::CompressedWriteBuffer(std::unique_ptr<WriteBuffer> out, CompressionCodecPtr codec, size_t max_block_size)
    : CompressedWriteBuffer(*out, std::move(codec), max_block_size)
{
    owned_out_ = std::move(out);
}

CompressedWriteBuffer::~CompressedWriteBuffer()
{
    try
    {
        if (!finalized_)
            next();
    }
    catch (...) // NOLINT: destructors never throw; callers that care call finalize().
    {
    }
}

void CompressedWriteBuffer::nextImpl()
{
    size_t size = static_cast<size_t>(pos_ - begin_);
    if (size == 0)
        return;

    size_t header_size = 8 + 1 + description_.size() + 8;
    block_.resize(header_size + codec_->maxCompressedSize(size));
    size_t payload_size = codec_->compress(begin_, size, block_.data() + header_size);
    const std::string * description = &description_;
    if (payload_size >= size && codec_->methodByte() != static_cast<UInt8>(CompressionMethodByte::NONE))
    {
        // Incompressible: store as is.
        description = &none_description_;
        header_size = 8 + 1 + none_description_.size() + 8;
        block_.resize(header_size + size);
        std::memcpy(block_.data() + header_size, begin_, size);
        payload_size = size;
    }

    char * p = block_.data() + 8;
    *p++ = static_cast<char>(description->size());
    std::memcpy(p, description->data(), description->size());
    p += description->size();
    auto compressed32 = static_cast<UInt32>(payload_size);
    auto uncompressed32 = static_cast<UInt32>(size);
    std::memcpy(p, &compressed32, 4);
    std::memcpy(p + 4, &uncompressed32, 4);
    size_t total = header_size + payload_size;
    UInt64 checksum = XXH64(block_.data() + 8, total - 8, 0);
    std::memcpy(block_.data(), &checksum, 8);
    out_->write(block_.data(), total);
    bytes_drained_ += size;
}

void CompressedWriteBuffer::finalize()
{
    if (finalized_)
        return;
    next();
    if (owned_out_)
        owned_out_->finalize();
    else
        out_->flush();
    finalized_ = true;
}

} // namespace pipit
