#pragma once

#include "engine/base/BasicTypes.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// A write-ahead log: a directory of segment files `wal_<16-digit sequence>.log`, each a sequence of records
///
///   [u32 magic 0x314C5750 ("PWL1" in file order)][u32 payload length][u64 xxh64 (seed 0) of the payload][payload]
///
/// (little-endian; byte layout in docs/storage_format.md, "Write-ahead log").
///
/// Usage: open the directory, replay() what is there (this also truncates a torn tail), then append(). Appends
/// never go into a segment that existed when the log was opened: the first append creates the segment after the
/// last one. rotate() closes the current segment; the next append starts a new one. Once the data of closed
/// segments is stored elsewhere, removeSegmentsUpTo() deletes them.
class WriteAheadLog
{
public:
    static constexpr UInt32 record_magic = 0x314C5750;
    static constexpr size_t record_header_size = 16;
    static constexpr size_t max_payload_size = size_t(1) << 30;

    struct ReplayResult
    {
        size_t records = 0;
        size_t segments = 0;
        /// Records cut off the end of the last segment (0 or 1): torn by a crash, never acknowledged.
        size_t torn_records = 0;
        size_t truncated_bytes = 0;
    };

    /// Creates `directory` if needed and finds its segments.
    explicit WriteAheadLog(std::string directory);
    ~WriteAheadLog();
    WriteAheadLog(const WriteAheadLog &) = delete;
    WriteAheadLog & operator=(const WriteAheadLog &) = delete;

    /// Appends one record with a single writev(2) and returns the sequence number of the segment it went into.
    /// With `fsync`, returns only once the record is durable; concurrent appenders waiting for durability share
    /// one fsync (group commit). Thread-safe. Payloads over max_payload_size throw BAD_ARGUMENTS.
    UInt64 append(std::string_view payload, bool fsync);

    /// Closes (after an fsync of it and of every segment closed by closeSegment() since) the current segment and
    /// returns its sequence number; the next append starts the next segment. With no segment open, returns the last
    /// existing sequence number (0 if none).
    UInt64 rotate();
    /// Closes the current segment like rotate() but without waiting for an fsync, so appends are never held
    /// behind the disk. Records appended with fsync are durable already; the others of the closed segment become
    /// durable with the next fsync'ing append or rotate() (which sync closed segments too).
    UInt64 closeSegment();

    /// Calls `callback(segment sequence, payload)` for every record of every segment, oldest first. A torn record
    /// at the end of the last segment (short header or payload, bad magic or checksum, with no valid record after
    /// it) is truncated away and counted; damage anywhere else throws CORRUPTED_DATA naming the file and offset.
    /// Must not run concurrently with append().
    ReplayResult replay(const std::function<void(UInt64, std::string_view)> & callback);

    /// Deletes the closed segments with sequence numbers <= `sequence`. Removing the open segment is a logic error.
    void removeSegmentsUpTo(UInt64 sequence);

    /// Sequence numbers of the segment files present, ascending.
    std::vector<UInt64> segments() const;
    const std::string & directory() const { return directory_; }

    static std::string segmentFileName(UInt64 sequence);

private:
    struct Segment;

    void openNextSegmentLocked();
    std::string segmentPath(UInt64 sequence) const;

    std::string directory_;
    mutable std::mutex mutex_;
    std::condition_variable synced_;
    std::shared_ptr<Segment> current_;
    /// Segments closed by closeSegment() and not fsync'd since.
    std::vector<std::shared_ptr<Segment>> unsynced_closed_;
    /// Largest sequence number present or ever opened.
    UInt64 last_sequence_ = 0;
    /// Records written so far and records known durable, as a count across segments (group commit bookkeeping).
    UInt64 written_ = 0;
    UInt64 durable_ = 0;
    bool sync_in_progress_ = false;
};

} // namespace pipit
