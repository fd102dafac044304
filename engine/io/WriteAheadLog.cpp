#include "engine/io/WriteAheadLog.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/io/FileSystem.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>
#include <xxhash.h>

namespace pipit
{

struct WriteAheadLog::Segment
{
    UInt64 sequence = 0;
    int fd = -1;
    std::string path;
    /// Bytes of complete records in the file.
    size_t size = 0;
    /// Whether the directory entry of the segment is known durable (guarded by the log's mutex).
    bool directory_synced = false;

    ~Segment()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

namespace
{

bool parseSegmentName(const std::string & name, UInt64 & sequence)
{
    // wal_ + 16 digits + .log
    if (name.size() != 4 + 16 + 4 || name.compare(0, 4, "wal_") != 0 || name.compare(20, 4, ".log") != 0)
        return false;
    sequence = 0;
    for (size_t i = 4; i < 20; ++i)
    {
        if (name[i] < '0' || name[i] > '9')
            return false;
        sequence = sequence * 10 + static_cast<UInt64>(name[i] - '0');
    }
    return true;
}

void fsyncOrThrow(int fd, const std::string & path)
{
    if (::fdatasync(fd) != 0)
        throwFromErrno(ErrorCode::CANNOT_FSYNC, "Cannot fsync write-ahead log segment " + path, errno);
}

/// Whether a complete, valid record starts at `pos`; sets `record_size`.
bool validRecordAt(std::string_view data, size_t pos, size_t & record_size)
{
    if (data.size() - pos < WriteAheadLog::record_header_size)
        return false;
    UInt32 magic;
    UInt32 length;
    UInt64 checksum;
    std::memcpy(&magic, data.data() + pos, 4);
    std::memcpy(&length, data.data() + pos + 4, 4);
    std::memcpy(&checksum, data.data() + pos + 8, 8);
    if (magic != WriteAheadLog::record_magic || length > data.size() - pos - WriteAheadLog::record_header_size)
        return false;
    if (XXH64(data.data() + pos + WriteAheadLog::record_header_size, length, 0) != checksum)
        return false;
    record_size = WriteAheadLog::record_header_size + length;
    return true;
}

} // namespace

WriteAheadLog::WriteAheadLog(std::string directory)
    : directory_(std::move(directory))
{
    createDirectories(directory_);
    auto existing = segments();
    if (!existing.empty())
        last_sequence_ = existing.back();
}

WriteAheadLog::~WriteAheadLog() = default;

std::string WriteAheadLog::segmentFileName(UInt64 sequence)
{
    char name[32];
    std::snprintf(name, sizeof(name), "wal_%016llu.log", static_cast<unsigned long long>(sequence));
    return name;
}

std::string WriteAheadLog::segmentPath(UInt64 sequence) const
{
    return directory_ + "/" + segmentFileName(sequence);
}

std::vector<UInt64> WriteAheadLog::segments() const
{
    std::vector<UInt64> result;
    for (const auto & name : listDirectory(directory_))
    {
        UInt64 sequence;
        if (parseSegmentName(name, sequence))
            result.push_back(sequence);
    }
    return result; // listDirectory sorts names, and fixed-width numbers sort like names.
}

void WriteAheadLog::openNextSegmentLocked()
{
    auto segment = std::make_shared<Segment>();
    segment->sequence = last_sequence_ + 1;
    segment->path = segmentPath(segment->sequence);
    segment->fd = ::open(segment->path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
    if (segment->fd < 0)
        throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot create write-ahead log segment " + segment->path, errno);
    // The segment's directory entry must be durable before records in it are acknowledged as durable: the
    // fsync'ing append (or rotate) syncs the directory first, outside the lock, so plain appends never wait for it.
    last_sequence_ = segment->sequence;
    current_ = std::move(segment);
}

UInt64 WriteAheadLog::append(std::string_view payload, bool fsync)
{
    if (payload.size() > max_payload_size)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Write-ahead log record of " + std::to_string(payload.size()) + " bytes is too large");

    char header[record_header_size];
    UInt32 magic = record_magic;
    auto length = static_cast<UInt32>(payload.size());
    UInt64 checksum = XXH64(payload.data(), payload.size(), 0);
    std::memcpy(header, &magic, 4);
    std::memcpy(header + 4, &length, 4);
    std::memcpy(header + 8, &checksum, 8);
    const size_t record_size = record_header_size + payload.size();

    std::unique_lock lock(mutex_);
    if (!current_)
        openNextSegmentLocked();
    Segment & segment = *current_;
    UInt64 sequence = segment.sequence;
    // One writev(2) of header + payload (no copy); a loop only for the rare short write.
    size_t done = 0;
    while (done < record_size)
    {
        iovec parts[2];
        int count = 0;
        if (done < record_header_size)
            parts[count++] = iovec {header + done, record_header_size - done};
        size_t payload_done = done > record_header_size ? done - record_header_size : 0;
        if (payload_done < payload.size())
            parts[count++] = iovec {const_cast<char *>(payload.data()) + payload_done, payload.size() - payload_done};
        ssize_t n = ::writev(segment.fd, parts, count);
        if (n < 0)
        {
            if (errno == EINTR)
                continue;
            int saved = errno;
            std::string path = segment.path;
            // Drop a partial record so that later records do not follow garbage; if that fails, later appends go
            // to a new segment.
            if (done > 0 && ::ftruncate(segment.fd, static_cast<off_t>(segment.size)) != 0)
                current_.reset();
            throwFromErrno(ErrorCode::CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write to write-ahead log segment " + path, saved);
        }
        done += static_cast<size_t>(n);
    }
    segment.size += record_size;
    UInt64 ticket = ++written_;
    if (!fsync)
        return sequence;

    // Group commit: one thread fsyncs everything written so far (the directory if a segment is new, segments
    // closed without a sync, the current one) while the others wait for it.
    while (durable_ < ticket)
    {
        if (sync_in_progress_)
        {
            synced_.wait(lock);
            continue;
        }
        sync_in_progress_ = true;
        UInt64 target = written_;
        std::vector<std::shared_ptr<Segment>> to_sync = unsynced_closed_;
        const size_t closed = to_sync.size();
        if (current_)
            to_sync.push_back(current_);
        bool sync_directory = false;
        for (const auto & s : to_sync)
            sync_directory |= !s->directory_synced;
        lock.unlock();
        try
        {
            if (sync_directory)
                fsyncDirectory(directory_);
            for (const auto & s : to_sync)
                fsyncOrThrow(s->fd, s->path);
        }
        catch (...)
        {
            lock.lock();
            sync_in_progress_ = false;
            synced_.notify_all();
            throw;
        }
        lock.lock();
        for (const auto & s : to_sync)
            s->directory_synced = true;
        // Closed segments get no more records: the ones synced here are durable for good.
        std::erase_if(unsynced_closed_, [&](const std::shared_ptr<Segment> & s)
                      { return std::find(to_sync.begin(), to_sync.begin() + static_cast<ptrdiff_t>(closed), s) != to_sync.begin() + static_cast<ptrdiff_t>(closed); });
        sync_in_progress_ = false;
        durable_ = std::max(durable_, target);
        synced_.notify_all();
    }
    return sequence;
}

UInt64 WriteAheadLog::rotate()
{
    std::unique_lock lock(mutex_);
    while (sync_in_progress_)
        synced_.wait(lock);
    std::vector<std::shared_ptr<Segment>> to_sync = unsynced_closed_;
    if (current_)
        to_sync.push_back(current_);
    bool sync_directory = false;
    for (const auto & s : to_sync)
        sync_directory |= !s->directory_synced;
    if (sync_directory)
        fsyncDirectory(directory_);
    for (const auto & s : to_sync)
    {
        fsyncOrThrow(s->fd, s->path);
        s->directory_synced = true;
    }
    unsynced_closed_.clear();
    durable_ = written_;
    if (!current_)
        return last_sequence_;
    UInt64 closed = current_->sequence;
    current_.reset();
    return closed;
}

UInt64 WriteAheadLog::closeSegment()
{
    std::lock_guard lock(mutex_);
    if (!current_)
        return last_sequence_;
    UInt64 closed = current_->sequence;
    unsynced_closed_.push_back(std::move(current_));
    current_.reset();
    return closed;
}

WriteAheadLog::ReplayResult WriteAheadLog::replay(const std::function<void(UInt64, std::string_view)> & callback)
{
    ReplayResult result;
    std::vector<UInt64> all;
    {
        std::lock_guard lock(mutex_);
        all = segments();
    }
    for (size_t index = 0; index < all.size(); ++index)
    {
        UInt64 sequence = all[index];
        bool is_last = index + 1 == all.size();
        std::string path = segmentPath(sequence);
        std::string data = readFile(path);
        std::string_view view(data);
        ++result.segments;

        size_t pos = 0;
        while (pos < view.size())
        {
            size_t record_size = 0;
            if (validRecordAt(view, pos, record_size))
            {
                callback(sequence, view.substr(pos + record_header_size, record_size - record_header_size));
                ++result.records;
                pos += record_size;
                continue;
            }

            // Damage at `pos`: a torn tail only if it is in the last segment and no valid record follows.
            bool valid_after = false;
            for (size_t next = pos + 1; next + record_header_size <= view.size() && !valid_after; ++next)
            {
                UInt32 magic;
                std::memcpy(&magic, view.data() + next, 4);
                size_t ignored;
                valid_after = magic == record_magic && validRecordAt(view, next, ignored);
            }
            if (!is_last || valid_after)
                throw Exception(ErrorCode::CORRUPTED_DATA, "Corrupted write-ahead log record at offset " + std::to_string(pos) + " of " +
                                                               path +
                                                               (is_last ? ", followed by valid records" : " (not the last segment)"));

            int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
            if (fd < 0)
                throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot open write-ahead log segment " + path, errno);
            int truncate_result = ::ftruncate(fd, static_cast<off_t>(pos));
            int saved = errno;
            if (truncate_result == 0 && ::fsync(fd) != 0)
            {
                saved = errno;
                truncate_result = -1;
            }
            ::close(fd);
            if (truncate_result != 0)
                throwFromErrno(ErrorCode::CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot truncate torn tail of write-ahead log segment " + path,
                               saved);
            result.torn_records = 1;
            result.truncated_bytes = view.size() - pos;
            break;
        }
    }
    return result;
}

void WriteAheadLog::removeSegmentsUpTo(UInt64 sequence)
{
    {
        std::lock_guard lock(mutex_);
        CHECK(!current_ || current_->sequence > sequence);
        // Their records are stored elsewhere now: nothing left to sync for them.
        std::erase_if(unsynced_closed_, [&](const std::shared_ptr<Segment> & s) { return s->sequence <= sequence; });
    }
    // Closed segments only: appends never touch these files, so the unlinks and the directory fsync run unlocked.
    bool removed = false;
    for (UInt64 existing : segments())
    {
        if (existing > sequence)
            break;
        std::string path = segmentPath(existing);
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            throwFromErrno(ErrorCode::CANNOT_OPEN_FILE, "Cannot remove write-ahead log segment " + path, errno);
        removed = true;
    }
    if (removed)
        fsyncDirectory(directory_);
}

} // namespace pipit
