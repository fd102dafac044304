#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace pipit
{

/// A fixed set of worker threads running scheduled jobs in FIFO order.
class ThreadPool
{
public:
    /// `threads` 0 means std::thread::hardware_concurrency() (at least 1).
    explicit ThreadPool(size_t threads = 0);
    /// Runs the jobs still queued, then joins the workers.
    ~ThreadPool();
    ThreadPool(const ThreadPool &) = delete;
    ThreadPool & operator=(const ThreadPool &) = delete;

    void schedule(std::function<void()> job);
    /// Blocks until every job scheduled so far has finished, then rethrows the first exception a job threw since
    /// the previous wait() (the other jobs still ran). Must not be called from a job of this pool.
    void wait();

    size_t size() const { return workers_.size(); }

private:
    void workerLoop();

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable has_job_;
    std::condition_variable idle_;
    std::deque<std::function<void()>> jobs_;
    size_t running_ = 0;
    bool shutdown_ = false;
    std::exception_ptr first_exception_;
};

/// The process-wide pool used by query execution (hardware_concurrency threads). Its wait() waits for everyone's
/// jobs: callers wanting their own work done use parallelFor() or a private pool.
ThreadPool & globalThreadPool();

/// Calls fn(i) for every i in [0, n) on up to `threads` threads (0: the global pool's size): the calling thread
/// and helpers from the global pool, each taking the next index. Returns when all calls are done. If calls throw,
/// the remaining indices are skipped and the first exception is rethrown to the caller. Safe to nest (a job of
/// the global pool may call it): the caller never waits for helpers that have not started.
void parallelFor(size_t n, size_t threads, const std::function<void(size_t)> & fn);

} // namespace pipit
