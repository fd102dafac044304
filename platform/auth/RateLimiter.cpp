#include "platform/auth/RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace pipit
{

RateLimitDecision RateLimiter::acquire(const std::string & key, double rps, Clock::time_point now)
{
    RateLimitDecision decision;
    if (!(rps > 0) || !std::isfinite(rps))
        return decision;

    double capacity = std::max(1.0, rps);
    std::lock_guard lock(mutex_);
    auto [it, inserted] = buckets_.try_emplace(key);
    Bucket & bucket = it->second;
    if (inserted || bucket.rps != rps)
    {
        bucket.available = capacity;
        bucket.capacity = capacity;
        bucket.rps = rps;
        bucket.updated = now;
    }
    else if (now > bucket.updated)
    {
        double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
        bucket.available = std::min(capacity, bucket.available + elapsed * rps);
        bucket.updated = now;
    }

    decision.limit = static_cast<int64_t>(std::ceil(rps));
    if (bucket.available >= 1.0)
    {
        bucket.available -= 1.0;
        decision.allowed = true;
    }
    else
    {
        decision.allowed = false;
        decision.retry_after_seconds = (1.0 - bucket.available) / rps;
    }
    decision.remaining = static_cast<int64_t>(std::floor(bucket.available));
    decision.reset_seconds = (capacity - bucket.available) / rps;

    if (inserted && buckets_.size() > prune_threshold)
        pruneLocked(now);
    return decision;
}

size_t RateLimiter::bucketCount() const
{
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

void RateLimiter::pruneLocked(Clock::time_point now)
{
    std::erase_if(buckets_,
                  [&](const auto & entry)
                  {
                      const Bucket & bucket = entry.second;
                      double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
                      return bucket.available + elapsed * bucket.rps >= bucket.capacity;
                  });
}

} // namespace pipit
