#include "engine/io/FileBuffers.h"

#include "engine/base/Exception.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace pipit
{

ReadBufferFromFD::ReadBufferFromFD(int fd, size_t buffer_size, bool owns_fd)
    : fd_(fd)
    , owns_fd_(owns_fd)
    , buffer_(new char[buffer_size])
    , buffer_size_(buffer_size)
{
    begin_ = pos_ = end_ = buffer_.get();
}

ReadBufferFromFD::~ReadBufferFromFD()
{
    if (owns_fd_)
        ::close(fd_);
}

std::unique_ptr<ReadBufferFromFD> ReadBufferFromFD::open(const std::string & path, size_t buffer_size)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throwFromErrno(errno == ENOENT ? ErrorCode::FILE_DOESNT_EXIST : ErrorCode::CANNOT_OPEN_FILE, "Cannot open file " + path, errno);
    return std::make_unique<ReadBufferFromFD>(fd, buffer_size, true);
}

bool ReadBufferFromFD::nextImpl()
{
    while (true)
    {
        ssize_t n = ::read(fd_, buffer_.get(), buffer_size_);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            throwFromErrno(ErrorCode::CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read from file descriptor", errno);
        }
        begin_ = pos_ = buffer_.get();
        end_ = begin_ + n;
        return n > 0;
    }
}

WriteBufferFromFD::WriteBufferFromFD(int fd, size_t buffer_size, bool owns_fd)
    : fd_(fd)
    , owns_fd_(owns_fd)
    , buffer_(new char[buffer_size])
{
    begin_ = pos_ = buffer_.get();
    end_ = begin_ + buffer_size;
}

WriteBufferFromFD::~WriteBufferFromFD()
{
    try
    {
        if (fd_ >= 0)
            next();
    }
    catch (...) // NOLINT: destructors never throw; callers that care call finalize().
    {
    }
    if (owns_fd_ && fd_ >= 0)
        ::close(fd_);
}

std::unique_ptr<WriteBufferFromFD> WriteBufferFromFD::create(const std::string & path, size_t buffer_size)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot create file " + path, errno);
    return std::make_unique<WriteBufferFromFD>(fd, buffer_size, true);
}

void WriteBufferFromFD::nextImpl()
{
    const char * data = begin_;
    size_t size = static_cast<size_t>(pos_ - begin_);
    while (size > 0)
    {
        ssize_t n = ::write(fd_, data, size);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            throwFromErrno(ErrorCode::CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write to file descriptor", errno);
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
    bytes_drained_ += static_cast<size_t>(pos_ - begin_);
}

void WriteBufferFromFD::sync()
{
    next();
    if (::fsync(fd_) != 0)
        throwFromErrno(ErrorCode::CANNOT_FSYNC, "Cannot fsync", errno);
}

void WriteBufferFromFD::finalize()
{
    next();
}

} // namespace pipit
