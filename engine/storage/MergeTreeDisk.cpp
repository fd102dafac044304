#include "engine/storage/MergeTreeDisk.h"

#include "engine/base/Exception.h"

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <unistd.h>
#include <xxhash.h>

namespace pipit
{

namespace
{

class FileDescriptor
{
public:
    FileDescriptor(const std::string & path, int flags, const char * what)
        : fd_(::open(path.c_str(), flags | O_CLOEXEC, 0644))
    {
        if (fd_ < 0)
            throwFromErrno(errno == ENOENT ? ErrorCode::FILE_DOESNT_EXIST : ErrorCode::CANNOT_OPEN_FILE, std::string(what) + " " + path,
                           errno);
    }
    ~FileDescriptor()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor & operator=(const FileDescriptor &) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

} // namespace

void MergeTreeDisk::writeFile(const std::string & path, std::string_view content, bool sync)
{
    FileDescriptor fd(path, O_WRONLY | O_CREAT | O_TRUNC, "Cannot create file");
    size_t done = 0;
    while (done < content.size())
    {
        ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            throwFromErrno(ErrorCode::CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write file " + path, errno);
        }
        done += static_cast<size_t>(n);
    }
    if (sync && ::fsync(fd.get()) != 0)
        throwFromErrno(ErrorCode::CANNOT_FSYNC, "Cannot fsync " + path, errno);
}

bool MergeTreeDisk::tryRemoveRecursive(const std::string & path) noexcept
{
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    return !ec;
}

UInt64 MergeTreeDisk::fileChecksum(const std::string & path)
{
    FileDescriptor fd(path, O_RDONLY, "Cannot open file");
    std::unique_ptr<XXH64_state_t, decltype(&XXH64_freeState)> state(XXH64_createState(), &XXH64_freeState);
    XXH64_reset(state.get(), 0);
    constexpr size_t buffer_size = 1 << 20;
    std::unique_ptr<char[]> buffer(new char[buffer_size]);
    while (true)
    {
        ssize_t n = ::read(fd.get(), buffer.get(), buffer_size);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            throwFromErrno(ErrorCode::CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read file " + path, errno);
        }
        if (n == 0)
            break;
        XXH64_update(state.get(), buffer.get(), static_cast<size_t>(n));
    }
    return XXH64_digest(state.get());
}

UInt64 MergeTreeDisk::checksum(std::string_view data)
{
    return XXH64(data.data(), data.size(), 0);
}

void MergeTreeDisk::syncFileSystem(const std::string & path)
{
    FileDescriptor fd(path, O_RDONLY | O_DIRECTORY, "Cannot open directory");
    if (::syncfs(fd.get()) != 0)
        throwFromErrno(ErrorCode::CANNOT_FSYNC, "Cannot syncfs " + path, errno);
}

} // namespace pipit
