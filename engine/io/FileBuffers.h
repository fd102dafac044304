#pragma once

#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"

#include <memory>
#include <string>

namespace pipit
{

/// Reads a file descriptor (owned or not) through a heap buffer.
class ReadBufferFromFD : public ReadBuffer
{
public:
    explicit ReadBufferFromFD(int fd, size_t buffer_size = 1 << 20, bool owns_fd = false);
    ~ReadBufferFromFD() override;

    static std::unique_ptr<ReadBufferFromFD> open(const std::string & path, size_t buffer_size = 1 << 20);

private:
    bool nextImpl() override;
    int fd_;
    bool owns_fd_;
    std::unique_ptr<char[]> buffer_;
    size_t buffer_size_;
};

/// Writes to a file descriptor (owned or not). finalize() flushes; sync() also fsyncs.
class WriteBufferFromFD : public WriteBuffer
{
public:
    explicit WriteBufferFromFD(int fd, size_t buffer_size = 1 << 20, bool owns_fd = false);
    ~WriteBufferFromFD() override;

    /// Creates or truncates `path` (mode 0644).
    static std::unique_ptr<WriteBufferFromFD> create(const std::string & path, size_t buffer_size = 1 << 20);

    void sync();
    void finalize() override;
    int fd() const { return fd_; }

private:
    void nextImpl() override;
    int fd_;
    bool owns_fd_;
    std::unique_ptr<char[]> buffer_;
};

} // namespace pipit
