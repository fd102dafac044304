#include "engine/io/RandomAccessFile.h"

#include "engine/base/Exception.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pipit
{

std::shared_ptr<RandomAccessFile> RandomAccessFile::open(const std::string & path)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throwFromErrno(errno == ENOENT ? ErrorCode::FILE_DOESNT_EXIST : ErrorCode::CANNOT_OPEN_FILE, "Cannot open file " + path, errno);
    return std::make_shared<RandomAccessFile>(fd, path);
}

RandomAccessFile::RandomAccessFile(int fd, std::string path)
    : fd_(fd)
    , path_(std::move(path))
{
    struct stat st;
    if (::fstat(fd_, &st) != 0)
    {
        int saved = errno;
        ::close(fd_);
        throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot stat file " + path_, saved);
    }
    size_ = static_cast<size_t>(st.st_size);
}

RandomAccessFile::~RandomAccessFile()
{
    ::close(fd_);
}

size_t RandomAccessFile::readAt(size_t offset, char * to, size_t size) const
{
    size_t done = 0;
    while (done < size)
    {
        ssize_t n = ::pread(fd_, to + done, size - done, static_cast<off_t>(offset + done));
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            throwFromErrno(ErrorCode::CANNOT_READ_FROM_FILE_DESCRIPTOR,
                           "Cannot read file " + path_ + " at offset " + std::to_string(offset + done), errno);
        }
        if (n == 0)
            break;
        done += static_cast<size_t>(n);
    }
    return done;
}

} // namespace pipit
