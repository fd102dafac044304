#include "engine/base/MemoryTracker.h"

#include "engine/base/Exception.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace pipit
{

namespace
{

thread_local MemoryTracker * current_tracker = nullptr;
/// Bytes counted on this thread for current_tracker and not yet added to it.
thread_local Int64 pending_bytes = 0;
constexpr Int64 pending_flush_bytes = 256 << 10;

void flushPending() noexcept
{
    if (current_tracker && pending_bytes != 0)
        current_tracker->add(pending_bytes);
    pending_bytes = 0;
}

} // namespace

/// Defined in MemoryTrackingNewDelete.cpp; referenced so that the replacement operators are always linked in
/// from the static library.
void linkMemoryTrackingNewDelete();

MemoryTracker::MemoryTracker(Int64 limit_bytes)
    : limit_(std::max<Int64>(0, limit_bytes))
{
    linkMemoryTrackingNewDelete();
}

MemoryTracker::~MemoryTracker() = default;

void MemoryTracker::lowerLimit(Int64 limit_bytes)
{
    if (limit_bytes <= 0)
        return;
    Int64 current = limit_.load();
    while ((current == 0 || limit_bytes < current) && !limit_.compare_exchange_weak(current, limit_bytes))
    {
    }
}

void MemoryTracker::check() const
{
    const Int64 limit = limit_.load(std::memory_order_relaxed);
    const Int64 used = amount();
    if (limit > 0 && used > limit)
        throw Exception(ErrorCode::MEMORY_LIMIT_EXCEEDED, "Memory limit (for query) exceeded: would use " + formatReadableBytes(used) +
                                                              ", maximum: " + formatReadableBytes(limit) + " (setting max_memory_usage)");
}

void MemoryTracker::add(Int64 bytes) noexcept
{
    const Int64 now = amount_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    Int64 peak = peak_.load(std::memory_order_relaxed);
    while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed))
    {
    }
}

void MemoryTracker::trackCurrent(Int64 bytes) noexcept
{
    if (!current_tracker)
        return;
    pending_bytes += bytes;
    if (pending_bytes > pending_flush_bytes || pending_bytes < -pending_flush_bytes)
        flushPending();
}

MemoryTracker * MemoryTracker::current() noexcept
{
    return current_tracker;
}

void MemoryTracker::checkCurrent()
{
    if (current_tracker)
        current_tracker->check();
}

MemoryTracker::Scope::Scope(MemoryTracker * tracker) noexcept
    : previous_(current_tracker)
{
    flushPending();
    current_tracker = tracker;
}

MemoryTracker::Scope::~Scope()
{
    flushPending();
    current_tracker = previous_;
}

Int64 defaultMaxMemoryUsage()
{
    constexpr Int64 ten_gib = Int64(10) << 30;
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page_size = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page_size <= 0)
        return ten_gib;
    const Int64 physical = static_cast<Int64>(pages) * page_size;
    return std::min(ten_gib, physical / 5 * 4);
}

std::string formatReadableBytes(Int64 bytes)
{
    static const char * units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    size_t unit = 0;
    while (std::abs(value) >= 1024 && unit + 1 < std::size(units))
    {
        value /= 1024;
        ++unit;
    }
    char text[64];
    std::snprintf(text, sizeof(text), "%.2f %s", value, units[unit]);
    return text;
}

} // namespace pipit
