#pragma once

#include "platform/auth/AccessToken.h"

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pipit
{

/// Token buckets keyed by a string (the token id): capacity max(1, rps), refilled at rps per second.
/// A request takes one unit; with none left it is refused with the time until one unit is back. Thread-safe.
class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    /// Buckets idle long enough to be full again are dropped once the map holds this many.
    static constexpr size_t prune_threshold = 65536;

    RateLimitDecision acquire(const std::string & key, double rps, Clock::time_point now);

    size_t bucketCount() const;

private:
    struct Bucket
    {
        double available = 0;
        double capacity = 0;
        double rps = 0;
        Clock::time_point updated;
    };

    void pruneLocked(Clock::time_point now);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace pipit
