#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace pipit
{

/// A read-only file opened once and read at explicit offsets with pread(2). readAt() is thread-safe, so one
/// instance (shared_ptr) serves all threads reading granules of the same file in parallel.
class RandomAccessFile
{
public:
    /// Throws FILE_DOESNT_EXIST / CANNOT_OPEN_FILE.
    static std::shared_ptr<RandomAccessFile> open(const std::string & path);

    RandomAccessFile(int fd, std::string path);
    ~RandomAccessFile();
    RandomAccessFile(const RandomAccessFile &) = delete;
    RandomAccessFile & operator=(const RandomAccessFile &) = delete;

    /// Size when opened (files read this way are immutable).
    size_t size() const { return size_; }
    const std::string & path() const { return path_; }

    /// Reads up to `size` bytes at `offset`; returns fewer only at end of file. Throws CANNOT_READ_FROM_FILE_DESCRIPTOR.
    size_t readAt(size_t offset, char * to, size_t size) const;

private:
    int fd_;
    std::string path_;
    size_t size_;
};

} // namespace pipit
