#include "engine/io/FileSystem.h"

#include "engine/base/Exception.h"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pipit
{

namespace
{

/// Closes a descriptor on scope exit.
struct FileDescriptor
{
    int fd;
    explicit FileDescriptor(int fd_)
        : fd(fd_)
    {
    }
    ~FileDescriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

ErrorCode openErrorCode(int error)
{
    return error == ENOENT ? ErrorCode::FILE_DOESNT_EXIST : ErrorCode::CANNOT_OPEN_FILE;
}

void writeAll(int fd, std::string_view content, const std::string & path)
{
    while (!content.empty())
    {
        ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            throwFromErrno(ErrorCode::CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write file " + path, errno);
        }
        content.remove_prefix(static_cast<size_t>(n));
    }
}

} // namespace

std::string parentDirectory(const std::string & path)
{
    size_t slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    if (slash == 0)
        return "/";
    return path.substr(0, slash);
}

void createDirectories(const std::string & path)
{
    if (path.empty())
        throw Exception(ErrorCode::CANNOT_CREATE_DIRECTORY, "Cannot create directory with an empty path");
    struct stat st;
    if (::stat(path.c_str(), &st) == 0)
    {
        if (!S_ISDIR(st.st_mode))
            throw Exception(ErrorCode::CANNOT_CREATE_DIRECTORY, "Cannot create directory " + path + ": a file with that name exists");
        return;
    }
    std::string parent = parentDirectory(path);
    if (parent != path && parent != "." && parent != "/")
        createDirectories(parent);
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
        throwFromErrno(ErrorCode::CANNOT_CREATE_DIRECTORY, "Cannot create directory " + path, errno);
}

void removeRecursive(const std::string & path)
{
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0)
    {
        if (errno == ENOENT)
            return;
        throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot stat " + path, errno);
    }
    if (S_ISDIR(st.st_mode))
    {
        for (const auto & name : listDirectory(path))
            removeRecursive(path + "/" + name);
        if (::rmdir(path.c_str()) != 0 && errno != ENOENT)
            throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot remove directory " + path, errno);
    }
    else if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot remove file " + path, errno);
}

std::vector<std::string> listDirectory(const std::string & path)
{
    DIR * dir = ::opendir(path.c_str());
    if (!dir)
        throwFromErrno(openErrorCode(errno), "Cannot open directory " + path, errno);
    std::vector<std::string> names;
    while (true)
    {
        errno = 0;
        dirent * entry = ::readdir(dir);
        if (!entry)
        {
            int saved = errno;
            ::closedir(dir);
            if (saved != 0)
                throwFromErrno(ErrorCode::CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read directory " + path, saved);
            break;
        }
        std::string name = entry->d_name;
        if (name != "." && name != "..")
            names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

UInt64 fileSize(const std::string & path)
{
    struct stat st;
    if (::stat(path.c_str(), &st) != 0)
        throwFromErrno(openErrorCode(errno), "Cannot stat file " + path, errno);
    return static_cast<UInt64>(st.st_size);
}

bool exists(const std::string & path)
{
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

void atomicWriteFile(const std::string & path, std::string_view content)
{
    std::string tmp = path + ".tmp";
    {
        FileDescriptor file(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (file.fd < 0)
            throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot create file " + tmp, errno);
        writeAll(file.fd, content, tmp);
        if (::fsync(file.fd) != 0)
            throwFromErrno(ErrorCode::CANNOT_FSYNC, "Cannot fsync file " + tmp, errno);
        int fd = file.fd;
        file.fd = -1;
        if (::close(fd) != 0)
            throwFromErrno(ErrorCode::CANNOT_CLOSE_FILE, "Cannot close file " + tmp, errno);
    }
    renameAtomic(tmp, path);
    fsyncDirectory(parentDirectory(path));
}

std::string readFile(const std::string & path)
{
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.fd < 0)
        throwFromErrno(openErrorCode(errno), "Cannot open file " + path, errno);
    std::string out;
    char buffer[65536];
    while (true)
    {
        ssize_t n = ::read(file.fd, buffer, sizeof(buffer));
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            throwFromErrno(ErrorCode::CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read file " + path, errno);
        }
        if (n == 0)
            break;
        out.append(buffer, static_cast<size_t>(n));
    }
    return out;
}

void fsyncDirectory(const std::string & path)
{
    FileDescriptor dir(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.fd < 0)
        throwFromErrno(openErrorCode(errno), "Cannot open directory " + path, errno);
    if (::fsync(dir.fd) != 0)
        throwFromErrno(ErrorCode::CANNOT_FSYNC, "Cannot fsync directory " + path, errno);
}

void renameAtomic(const std::string & from, const std::string & to)
{
    if (::rename(from.c_str(), to.c_str()) != 0)
        throwFromErrno(openErrorCode(errno), "Cannot rename " + from + " to " + to, errno);
}

} // namespace pipit
