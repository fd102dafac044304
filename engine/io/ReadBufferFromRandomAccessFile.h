#pragma once

#include "engine/io/RandomAccessFile.h"
#include "engine/io/ReadBuffer.h"

#include <memory>

namespace pipit
{

/// A seekable ReadBuffer over a shared RandomAccessFile. Each reader has its own position and buffer, so many
/// readers (one per thread) can read different ranges of one file at once.
class ReadBufferFromRandomAccessFile : public ReadBuffer
{
public:
    explicit ReadBufferFromRandomAccessFile(std::shared_ptr<const RandomAccessFile> file, size_t offset = 0,
                                            size_t buffer_size = 128 << 10);

    /// Next byte read comes from `offset` (clamped to the file size). Keeps buffered data when it covers `offset`.
    void seek(size_t offset);
    /// File offset of the next byte to be read.
    size_t fileOffset() const { return buffer_file_offset_ + static_cast<size_t>(pos_ - begin_); }
    const RandomAccessFile & file() const { return *file_; }

private:
    bool nextImpl() override;

    std::shared_ptr<const RandomAccessFile> file_;
    std::unique_ptr<char[]> buffer_;
    size_t buffer_size_;
    /// File offset of begin_.
    size_t buffer_file_offset_ = 0;
};

} // namespace pipit
