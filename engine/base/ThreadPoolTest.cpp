#include "engine/base/ThreadPool.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>

using namespace pipit;

TEST(ThreadPool, RunsAllJobsAndWaits)
{
    ThreadPool pool(3);
    EXPECT_EQ(pool.size(), 3u);
    std::atomic<int> sum {0};
    for (int i = 1; i <= 1000; ++i)
        pool.schedule([&sum, i] { sum += i; });
    pool.wait();
    EXPECT_EQ(sum.load(), 500500);
    pool.wait();
    EXPECT_GE(ThreadPool().size(), 1u);
}

TEST(ThreadPool, WaitRethrowsFirstExceptionOnce)
{
    ThreadPool pool(2);
    std::atomic<int> ran {0};
    for (int i = 0; i < 10; ++i)
        pool.schedule(
            [&ran, i]
            {
                ++ran;
                if (i == 5)
                    throw Exception(ErrorCode::BAD_ARGUMENTS, "job failed");
            });
    EXPECT_THROW(pool.wait(), Exception);
    EXPECT_EQ(ran.load(), 10);
    pool.schedule([] {});
    EXPECT_NO_THROW(pool.wait());
}

TEST(ThreadPool, DestructorRunsQueuedJobs)
{
    std::atomic<int> ran {0};
    {
        ThreadPool pool(1);
        for (int i = 0; i < 50; ++i)
            pool.schedule([&ran] { ++ran; });
    }
    EXPECT_EQ(ran.load(), 50);
}

TEST(ParallelFor, CallsEveryIndexOnce)
{
    for (size_t n : {0, 1, 2, 7, 1000})
        for (size_t threads : {0, 1, 2, 8})
        {
            std::vector<std::atomic<int>> calls(n);
            parallelFor(n, threads, [&](size_t i) { ++calls[i]; });
            for (size_t i = 0; i < n; ++i)
                EXPECT_EQ(calls[i].load(), 1) << n << " " << threads << " " << i;
        }
}

TEST(ParallelFor, PropagatesTheException)
{
    std::atomic<int> calls {0};
    try
    {
        parallelFor(10000, 4,
                    [&](size_t i)
                    {
                        ++calls;
                        if (i == 17)
                            throw Exception(ErrorCode::CORRUPTED_DATA, "granule 17 is broken");
                    });
        FAIL() << "no exception";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::CORRUPTED_DATA);
        EXPECT_EQ(e.message(), "granule 17 is broken");
    }
    EXPECT_LT(calls.load(), 10000); // the rest was skipped
    EXPECT_THROW(parallelFor(3, 1, [](size_t) { throw std::runtime_error("x"); }), std::runtime_error);
}

TEST(ParallelFor, NestsWithoutDeadlock)
{
    std::atomic<int> total {0};
    parallelFor(16, 0, [&](size_t) { parallelFor(16, 0, [&](size_t) { ++total; }); });
    EXPECT_EQ(total.load(), 256);

    // From inside jobs of the global pool, with every worker busy.
    std::atomic<int> nested {0};
    auto & pool = globalThreadPool();
    for (size_t j = 0; j < pool.size() * 2; ++j)
        pool.schedule([&] { parallelFor(8, 0, [&](size_t) { ++nested; }); });
    pool.wait();
    EXPECT_EQ(nested.load(), static_cast<int>(pool.size() * 2 * 8));
}
