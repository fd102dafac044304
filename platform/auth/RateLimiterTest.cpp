#include "platform/auth/RateLimiter.h"

#include <gtest/gtest.h>

using namespace pipit;
using namespace std::chrono_literals;

TEST(RateLimiter, BurstThenRefusalThenRefill)
{
    RateLimiter limiter;
    auto start = RateLimiter::Clock::time_point {} + 1000s;
    for (int i = 0; i < 3; ++i)
    {
        RateLimitDecision decision = limiter.acquire("k", 3, start);
        EXPECT_TRUE(decision.allowed) << i;
        EXPECT_EQ(decision.limit, 3);
        EXPECT_EQ(decision.remaining, 2 - i);
    }
    RateLimitDecision refused = limiter.acquire("k", 3, start);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.remaining, 0);
    EXPECT_NEAR(refused.retry_after_seconds, 1.0 / 3, 1e-9);
    EXPECT_NEAR(refused.reset_seconds, 1.0, 1e-9);

    /// A third of a second later one request fits again, and only one.
    EXPECT_TRUE(limiter.acquire("k", 3, start + 334ms).allowed);
    EXPECT_FALSE(limiter.acquire("k", 3, start + 334ms).allowed);
    /// Refill never exceeds the capacity.
    auto later = start + 100s;
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(limiter.acquire("k", 3, later).allowed);
    EXPECT_FALSE(limiter.acquire("k", 3, later).allowed);
}

TEST(RateLimiter, KeysAreIndependent)
{
    RateLimiter limiter;
    auto now = RateLimiter::Clock::time_point {} + 5s;
    EXPECT_TRUE(limiter.acquire("a", 1, now).allowed);
    EXPECT_FALSE(limiter.acquire("a", 1, now).allowed);
    EXPECT_TRUE(limiter.acquire("b", 1, now).allowed);
    EXPECT_EQ(limiter.bucketCount(), 2u);
}

TEST(RateLimiter, FractionalRate)
{
    RateLimiter limiter;
    auto now = RateLimiter::Clock::time_point {} + 5s;
    RateLimitDecision first = limiter.acquire("slow", 0.5, now);
    EXPECT_TRUE(first.allowed);
    EXPECT_EQ(first.limit, 1);
    RateLimitDecision second = limiter.acquire("slow", 0.5, now + 1s);
    EXPECT_FALSE(second.allowed);
    EXPECT_NEAR(second.retry_after_seconds, 1.0, 1e-9);
    EXPECT_TRUE(limiter.acquire("slow", 0.5, now + 2s).allowed);
}

TEST(RateLimiter, NoLimitWithoutPositiveRate)
{
    RateLimiter limiter;
    auto now = RateLimiter::Clock::time_point {};
    for (int i = 0; i < 10; ++i)
    {
        RateLimitDecision decision = limiter.acquire("x", 0, now);
        EXPECT_TRUE(decision.allowed);
        EXPECT_EQ(decision.limit, 0);
    }
    EXPECT_EQ(limiter.bucketCount(), 0u);
}

TEST(RateLimiter, ClockGoingBackwardsDoesNotRefill)
{
    RateLimiter limiter;
    auto now = RateLimiter::Clock::time_point {} + 50s;
    EXPECT_TRUE(limiter.acquire("k", 1, now).allowed);
    EXPECT_FALSE(limiter.acquire("k", 1, now - 10s).allowed);
}
