#include "engine/base/ThreadPool.h"

#include "engine/base/MemoryTracker.h"

#include <algorithm>
#include <atomic>
#include <memory>

namespace pipit
{

ThreadPool::ThreadPool(size_t threads)
{
    if (threads == 0)
        threads = std::max<size_t>(1, std::thread::hardware_concurrency());
    workers_.reserve(threads);
    for (size_t i = 0; i < threads; ++i)
        workers_.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(mutex_);
        shutdown_ = true;
    }
    has_job_.notify_all();
    for (auto & worker : workers_)
        worker.join();
}

void ThreadPool::schedule(std::function<void()> job)
{
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    has_job_.notify_one();
}

void ThreadPool::wait()
{
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return jobs_.empty() && running_ == 0; });
    if (first_exception_)
    {
        auto exception = first_exception_;
        first_exception_ = nullptr;
        std::rethrow_exception(exception);
    }
}

void ThreadPool::workerLoop()
{
    std::unique_lock lock(mutex_);
    while (true)
    {
        has_job_.wait(lock, [this] { return shutdown_ || !jobs_.empty(); });
        if (jobs_.empty())
            return; // shutdown with nothing left to run
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        ++running_;
        lock.unlock();
        try
        {
            job();
        }
        catch (...)
        {
            lock.lock();
            if (!first_exception_)
                first_exception_ = std::current_exception();
            lock.unlock();
        }
        job = nullptr;
        lock.lock();
        --running_;
        if (jobs_.empty() && running_ == 0)
            idle_.notify_all();
    }
}

ThreadPool & globalThreadPool()
{
    static ThreadPool pool;
    return pool;
}

namespace
{

/// Shared by the caller and the helpers of one parallelFor; helpers that start late only touch this.
struct ParallelForState
{
    size_t n = 0;
    std::function<void(size_t)> fn;
    /// The caller's memory tracker: every fn(i) counts its allocations against it (alive until all are done).
    MemoryTracker * tracker = nullptr;
    std::atomic<size_t> next {0};
    std::atomic<bool> failed {false};
    std::mutex mutex;
    std::condition_variable all_done;
    size_t done = 0;
    std::exception_ptr exception;

    void work()
    {
        size_t finished = 0;
        while (true)
        {
            size_t i = next.fetch_add(1);
            if (i >= n)
                break;
            if (!failed.load(std::memory_order_relaxed))
            {
                try
                {
                    MemoryTracker::Scope scope(tracker);
                    fn(i);
                }
                catch (...)
                {
                    std::lock_guard lock(mutex);
                    if (!exception)
                        exception = std::current_exception();
                    failed = true;
                }
            }
            ++finished;
        }
        if (finished)
        {
            std::lock_guard lock(mutex);
            done += finished;
            if (done == n)
                all_done.notify_all();
        }
    }
};

} // namespace

void parallelFor(size_t n, size_t threads, const std::function<void(size_t)> & fn)
{
    if (n == 0)
        return;
    ThreadPool & pool = globalThreadPool();
    if (threads == 0)
        threads = pool.size();
    threads = std::min(threads, n);
    if (threads <= 1)
    {
        for (size_t i = 0; i < n; ++i)
            fn(i);
        return;
    }

    auto state = std::make_shared<ParallelForState>();
    state->n = n;
    state->fn = fn;
    state->tracker = MemoryTracker::current();
    for (size_t t = 1; t < threads; ++t)
        pool.schedule([state] { state->work(); });
    state->work();

    std::exception_ptr exception;
    {
        std::unique_lock lock(state->mutex);
        state->all_done.wait(lock, [&] { return state->done == n; });
        // Late helpers may release `state` last: it must not own the exception the caller is handling.
        exception = std::move(state->exception);
        state->exception = nullptr;
    }
    if (exception)
        std::rethrow_exception(exception);
}

} // namespace pipit
