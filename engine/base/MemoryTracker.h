#pragma once

#include "engine/base/BasicTypes.h"

#include <atomic>

namespace pipit
{

/// Counts the heap bytes allocated (minus freed) by the threads that run one query, and enforces the query's
/// memory limit. Allocations are counted by the global operator new/delete (MemoryTrackingNewDelete.cpp) for the
/// tracker current on the allocating thread; parallelFor carries the caller's tracker to its helper threads.
/// The limit is checked where a query can stop cleanly (check(), between blocks), never inside an allocation,
/// so a query overshoots by at most the memory of one block's step before it stops with MEMORY_LIMIT_EXCEEDED.
class MemoryTracker
{
public:
    /// `limit_bytes` 0: unlimited (still counted).
    explicit MemoryTracker(Int64 limit_bytes);
    ~MemoryTracker();
    MemoryTracker(const MemoryTracker &) = delete;
    MemoryTracker & operator=(const MemoryTracker &) = delete;

    Int64 amount() const { return amount_.load(std::memory_order_relaxed); }
    Int64 peak() const { return peak_.load(std::memory_order_relaxed); }
    Int64 limit() const { return limit_.load(std::memory_order_relaxed); }
    /// Lowers the limit (a query's SETTINGS can only tighten the limit it was given); 0 is ignored.
    void lowerLimit(Int64 limit_bytes);

    /// Throws MEMORY_LIMIT_EXCEEDED when the amount counted exceeds the limit.
    void check() const;

    /// Counts `bytes` (negative when freed) at once. Never throws.
    void add(Int64 bytes) noexcept;
    /// Counts `bytes` against the calling thread's current tracker, if any, batched per thread (flushed when the
    /// batch passes 256 KiB either way and when the thread's tracker changes), so that allocations do not all
    /// contend on one counter. Never throws; called from operator new/delete.
    static void trackCurrent(Int64 bytes) noexcept;

    /// The tracker of the calling thread (null: not counted).
    static MemoryTracker * current() noexcept;
    /// check() of the current tracker, if any.
    static void checkCurrent();

    /// Makes `tracker` the calling thread's tracker until destroyed (then restores the previous one).
    class Scope
    {
    public:
        explicit Scope(MemoryTracker * tracker) noexcept;
        ~Scope();
        Scope(const Scope &) = delete;
        Scope & operator=(const Scope &) = delete;

    private:
        MemoryTracker * previous_;
    };

private:
    std::atomic<Int64> amount_ {0};
    std::atomic<Int64> peak_ {0};
    std::atomic<Int64> limit_;
};

/// The default per-query limit: 10 GiB, or 80% of physical memory if that is less.
Int64 defaultMaxMemoryUsage();

/// Formats a byte count as ClickHouse does in memory errors ("1.50 GiB").
std::string formatReadableBytes(Int64 bytes);

} // namespace pipit
