#include "engine/base/MemoryTracker.h"

#include "engine/base/Exception.h"
#include "engine/base/ThreadPool.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace pipit
{

TEST(MemoryTrackerTest, CountsAllocationsOfTheCurrentThreadOnly)
{
    MemoryTracker tracker(0);
    EXPECT_EQ(nullptr, MemoryTracker::current());
    std::vector<char> outside(1 << 20);
    EXPECT_EQ(0, tracker.amount());
    {
        MemoryTracker::Scope scope(&tracker);
        EXPECT_EQ(&tracker, MemoryTracker::current());
        auto block = std::make_unique<std::vector<char>>(4 << 20);
        EXPECT_GE(tracker.amount(), 4 << 20);
        block.reset();
        EXPECT_LT(tracker.amount(), 1 << 20);
        EXPECT_GE(tracker.peak(), 4 << 20);
    }
    EXPECT_EQ(nullptr, MemoryTracker::current());
}

TEST(MemoryTrackerTest, ScopesNestAndRestore)
{
    MemoryTracker outer(0);
    MemoryTracker inner(0);
    MemoryTracker::Scope a(&outer);
    {
        MemoryTracker::Scope b(&inner);
        EXPECT_EQ(&inner, MemoryTracker::current());
        std::vector<char> v(1 << 20);
        EXPECT_GE(inner.amount(), 1 << 20);
    }
    EXPECT_EQ(&outer, MemoryTracker::current());
}

TEST(MemoryTrackerTest, CheckThrowsOverTheLimit)
{
    MemoryTracker tracker(1 << 20);
    MemoryTracker::Scope scope(&tracker);
    MemoryTracker::checkCurrent();
    std::vector<char> big(2 << 20);
    try
    {
        MemoryTracker::checkCurrent();
        FAIL() << "expected MEMORY_LIMIT_EXCEEDED";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(ErrorCode::MEMORY_LIMIT_EXCEEDED, e.code());
        EXPECT_NE(std::string::npos, e.message().find("maximum: 1.00 MiB")) << e.message();
    }
    big.clear();
    big.shrink_to_fit();
    EXPECT_NO_THROW(MemoryTracker::checkCurrent());
}

TEST(MemoryTrackerTest, LimitCanOnlyBeLowered)
{
    MemoryTracker tracker(1000);
    tracker.lowerLimit(5000);
    EXPECT_EQ(1000, tracker.limit());
    tracker.lowerLimit(0);
    EXPECT_EQ(1000, tracker.limit());
    tracker.lowerLimit(500);
    EXPECT_EQ(500, tracker.limit());
    MemoryTracker unlimited(0);
    unlimited.lowerLimit(700);
    EXPECT_EQ(700, unlimited.limit());
}

TEST(MemoryTrackerTest, ParallelForCountsHelperThreadsAgainstTheCaller)
{
    MemoryTracker tracker(0);
    MemoryTracker::Scope scope(&tracker);
    std::vector<std::unique_ptr<std::vector<char>>> kept(8);
    parallelFor(kept.size(), 4, [&](size_t i) { kept[i] = std::make_unique<std::vector<char>>(1 << 20); });
    EXPECT_GE(tracker.amount(), 8 << 20);
    kept.clear();
    EXPECT_LT(tracker.amount(), 1 << 20);
}

TEST(MemoryTrackerTest, ReadableBytes)
{
    EXPECT_EQ("512.00 B", formatReadableBytes(512));
    EXPECT_EQ("1.50 KiB", formatReadableBytes(1536));
    EXPECT_EQ("10.00 GiB", formatReadableBytes(Int64(10) << 30));
}

} // namespace pipit
