#include "engine/io/ReadBufferFromRandomAccessFile.h"

#include <algorithm>

namespace pipit
{

ReadBufferFromRandomAccessFile::ReadBufferFromRandomAccessFile(std::shared_ptr<const RandomAccessFile> file, size_t offset,
                                                               size_t buffer_size)
    : file_(std::move(file))
    , buffer_(new char[std::max<size_t>(buffer_size, 1)])
    , buffer_size_(std::max<size_t>(buffer_size, 1))
{
    begin_ = pos_ = end_ = buffer_.get();
    buffer_file_offset_ = std::min(offset, file_->size());
}

void ReadBufferFromRandomAccessFile::seek(size_t offset)
{
    offset = std::min(offset, file_->size());
    size_t buffered = static_cast<size_t>(end_ - begin_);
    if (offset >= buffer_file_offset_ && offset <= buffer_file_offset_ + buffered && begin_ != end_)
    {
        pos_ = begin_ + (offset - buffer_file_offset_);
        return;
    }
    begin_ = pos_ = end_ = buffer_.get();
    buffer_file_offset_ = offset;
}

bool ReadBufferFromRandomAccessFile::nextImpl()
{
    size_t offset = buffer_file_offset_ + static_cast<size_t>(end_ - begin_);
    size_t n = file_->readAt(offset, buffer_.get(), buffer_size_);
    buffer_file_offset_ = offset;
    begin_ = pos_ = buffer_.get();
    end_ = begin_ + n;
    return n > 0;
}

} // namespace pipit
