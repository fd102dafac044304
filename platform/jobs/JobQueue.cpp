#include "platform/jobs/JobQueue.h"

#include "engine/base/Exception.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>

namespace pipit
{

namespace
{

/// "2026-11-24 21:56:14.123456" (UTC), the Jobs API's timestamp form.
std::string formatTime(Job::Clock::time_point time)
{
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
    std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
    std::tm tm {};
    gmtime_r(&seconds, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d %02d:%02d:%02d.%06lld", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                  tm.tm_min, tm.tm_sec, static_cast<long long>(micros % 1'000'000));
    return buffer;
}

/// A random UUID (version 4), the form of Tinybird job ids.
std::string newJobId()
{
    thread_local std::mt19937_64 generator(std::random_device {}() ^ static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    uint64_t high = generator();
    uint64_t low = generator();
    high = (high & ~0xF000ULL) | 0x4000ULL;
    low = (low & ~(0xC000000000000000ULL)) | 0x8000000000000000ULL;
    char buffer[40];
    std::snprintf(buffer, sizeof(buffer), "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(high >> 32),
                  static_cast<unsigned long long>((high >> 16) & 0xFFFF), static_cast<unsigned long long>(high & 0xFFFF),
                  static_cast<unsigned long long>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return buffer;
}

bool isFinished(JobStatus status)
{
    return status == JobStatus::Done || status == JobStatus::Error || status == JobStatus::Cancelled;
}

} // namespace

const char * jobKindName(JobKind kind)
{
    switch (kind)
    {
    case JobKind::Import:
        return "import";
    case JobKind::DeleteData:
        return "delete_data";
    case JobKind::PopulateView:
        return "populateview";
    case JobKind::Copy:
        return "copy";
    case JobKind::Sink:
        return "sink";
    }
    return "import";
}

const char * jobStatusName(JobStatus status)
{
    switch (status)
    {
    case JobStatus::Waiting:
        return "waiting";
    case JobStatus::Working:
        return "working";
    case JobStatus::Done:
        return "done";
    case JobStatus::Error:
        return "error";
    case JobStatus::Cancelled:
        return "cancelled";
    }
    return "waiting";
}

std::optional<JobKind> parseJobKind(std::string_view name)
{
    for (JobKind kind : {JobKind::Import, JobKind::DeleteData, JobKind::PopulateView, JobKind::Copy, JobKind::Sink})
        if (name == jobKindName(kind))
            return kind;
    return std::nullopt;
}

std::optional<JobStatus> parseJobStatus(std::string_view name)
{
    for (JobStatus status : {JobStatus::Waiting, JobStatus::Working, JobStatus::Done, JobStatus::Error, JobStatus::Cancelled})
        if (name == jobStatusName(status))
            return status;
    return std::nullopt;
}

struct JobQueue::Entry
{
    Job job;
    JobFunction function;
};

class JobQueue::Context final : public JobContext
{
public:
    Context(JobQueue & queue, std::shared_ptr<Entry> entry, std::string id)
        : queue_(queue)
        , entry_(std::move(entry))
        , id_(std::move(id))
    {
    }

    const std::string & jobId() const override { return id_; }

    bool stopRequested() const override
    {
        std::lock_guard lock(queue_.mutex_);
        return queue_.stopping_;
    }

    void setStatistics(const JobStatistics & statistics) override
    {
        std::lock_guard lock(queue_.mutex_);
        entry_->job.statistics = statistics;
        entry_->job.updated_at = Job::Clock::now();
    }

    void setResultJson(std::string members) override
    {
        std::lock_guard lock(queue_.mutex_);
        entry_->job.result_json = std::move(members);
    }

private:
    JobQueue & queue_;
    std::shared_ptr<Entry> entry_;
    std::string id_;
};

JobQueue::JobQueue()
    : JobQueue(Options {})
{
}

JobQueue::JobQueue(Options options)
    : options_(options)
{
    size_t workers = std::max<size_t>(options_.workers, 1);
    for (size_t i = 0; i < workers; ++i)
        workers_.emplace_back([this] { workerLoop(); });
}

JobQueue::~JobQueue()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto & entry : waiting_)
        {
            entry->job.status = JobStatus::Cancelled;
            entry->job.updated_at = Job::Clock::now();
            entry->function = {};
        }
        waiting_.clear();
    }
    changed_.notify_all();
    for (auto & worker : workers_)
        if (worker.joinable())
            worker.join();
}

Job JobQueue::submit(JobKind kind, const std::string & workspace, const std::string & datasource_name, JobFunction function,
                     std::string extra_json)
{
    auto entry = std::make_shared<Entry>();
    entry->job.id = newJobId();
    entry->job.kind = kind;
    entry->job.status = JobStatus::Waiting;
    entry->job.created_at = entry->job.updated_at = Job::Clock::now();
    entry->job.workspace = workspace;
    entry->job.datasource_name = datasource_name;
    entry->job.extra_json = std::move(extra_json);
    entry->function = std::move(function);
    Job result;
    {
        std::unique_lock lock(mutex_);
        if (stopping_)
            throw Exception(ErrorCode::LOGICAL_ERROR, "The job queue is shutting down");
        entries_[entry->job.id] = entry;
        waiting_.push_back(entry);
        result = entry->job;
        prune(lock);
    }
    changed_.notify_all();
    return result;
}

Job JobQueue::get(const std::string & id) const
{
    auto job = tryGet(id);
    if (!job)
        throw Exception(ErrorCode::UNKNOWN_JOB, "Job '" + id + "' not found");
    return *job;
}

std::optional<Job> JobQueue::tryGet(const std::string & id) const
{
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end())
        return std::nullopt;
    return it->second->job;
}

std::vector<Job> JobQueue::list(const std::string & workspace, std::optional<JobStatus> status, std::optional<JobKind> kind) const
{
    std::vector<Job> jobs;
    auto horizon = Job::Clock::now() - options_.keep_for;
    {
        std::lock_guard lock(mutex_);
        for (const auto & [id, entry] : entries_)
        {
            const Job & job = entry->job;
            if (!workspace.empty() && job.workspace != workspace)
                continue;
            if ((status && job.status != *status) || (kind && job.kind != *kind))
                continue;
            if (isFinished(job.status) && job.updated_at < horizon)
                continue;
            jobs.push_back(job);
        }
    }
    std::sort(jobs.begin(), jobs.end(),
              [](const Job & a, const Job & b) { return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id; });
    if (jobs.size() > options_.max_kept)
        jobs.resize(options_.max_kept);
    return jobs;
}

Job JobQueue::cancel(const std::string & id)
{
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end())
        throw Exception(ErrorCode::UNKNOWN_JOB, "Job '" + id + "' not found");
    Entry & entry = *it->second;
    if (entry.job.status != JobStatus::Waiting)
        throw Exception(ErrorCode::JOB_NOT_CANCELLABLE,
                        "Job '" + id + "' is " + jobStatusName(entry.job.status) + ", only waiting jobs can be cancelled");
    entry.job.status = JobStatus::Cancelled;
    entry.job.updated_at = Job::Clock::now();
    entry.function = {};
    waiting_.erase(std::remove(waiting_.begin(), waiting_.end(), it->second), waiting_.end());
    changed_.notify_all();
    return entry.job;
}

Job JobQueue::wait(const std::string & id, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end())
        throw Exception(ErrorCode::UNKNOWN_JOB, "Job '" + id + "' not found");
    std::shared_ptr<Entry> entry = it->second;
    changed_.wait_for(lock, timeout, [&] { return isFinished(entry->job.status); });
    return entry->job;
}

void JobQueue::workerLoop()
{
    while (true)
    {
        std::shared_ptr<Entry> entry;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
            if (waiting_.empty())
                return; // stopping
            entry = waiting_.front();
            waiting_.pop_front();
            entry->job.status = JobStatus::Working;
            entry->job.started_at = entry->job.updated_at = Job::Clock::now();
        }
        changed_.notify_all();
        Context context(*this, entry, entry->job.id);
        std::string error;
        bool failed = false;
        try
        {
            entry->function(context);
        }
        catch (const std::exception & e)
        {
            failed = true;
            error = e.what();
        }
        catch (...)
        {
            failed = true;
            error = "unknown error";
        }
        {
            std::unique_lock lock(mutex_);
            entry->job.status = failed ? JobStatus::Error : JobStatus::Done;
            entry->job.error = std::move(error);
            entry->job.updated_at = Job::Clock::now();
            entry->function = {};
            prune(lock);
        }
        changed_.notify_all();
    }
}

void JobQueue::prune(std::unique_lock<std::mutex> & /*lock*/)
{
    auto horizon = Job::Clock::now() - options_.keep_for;
    std::vector<std::shared_ptr<Entry>> finished;
    for (auto it = entries_.begin(); it != entries_.end();)
    {
        if (isFinished(it->second->job.status) && it->second->job.updated_at < horizon)
            it = entries_.erase(it);
        else
        {
            if (isFinished(it->second->job.status))
                finished.push_back(it->second);
            ++it;
        }
    }
    if (finished.size() <= options_.max_kept)
        return;
    std::sort(finished.begin(), finished.end(), [](const auto & a, const auto & b) { return a->job.created_at < b->job.created_at; });
    for (size_t i = 0; i + options_.max_kept < finished.size(); ++i)
        entries_.erase(finished[i]->job.id);
}

std::string JobQueue::quoteJson(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (char c : text)
    {
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
            {
                char buffer[8];
                std::snprintf(buffer, sizeof(buffer), "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                out += buffer;
            }
            else
                out.push_back(c);
        }
    }
    out.push_back('"');
    return out;
}

std::string JobQueue::toJson(const Job & job, const std::string & base_url)
{
    std::string out = "{";
    out += "\"id\": " + quoteJson(job.id);
    out += ", \"job_id\": " + quoteJson(job.id);
    out += ", \"kind\": " + quoteJson(jobKindName(job.kind));
    out += ", \"status\": " + quoteJson(jobStatusName(job.status));
    out += ", \"created_at\": " + quoteJson(formatTime(job.created_at));
    out += ", \"updated_at\": " + quoteJson(formatTime(job.updated_at));
    out += ", \"started_at\": " + (job.started_at ? quoteJson(formatTime(*job.started_at)) : std::string("null"));
    out += ", \"job_url\": " + quoteJson(base_url + "/v0/jobs/" + job.id);
    if (job.status == JobStatus::Error)
    {
        out += ", \"error\": " + quoteJson(job.error);
        out += ", \"errors\": [" + quoteJson(job.error) + "]";
    }
    out += ", \"statistics\": {\"row_count\": " + std::to_string(job.statistics.row_count) +
           ", \"bytes\": " + std::to_string(job.statistics.bytes) +
           ", \"quarantined_rows\": " + std::to_string(job.statistics.quarantined_rows) + "}";
    if (!job.datasource_name.empty())
        out += ", \"datasource\": {\"id\": " + quoteJson(job.datasource_name) + ", \"name\": " + quoteJson(job.datasource_name) + "}";
    if (!job.extra_json.empty())
        out += ", " + job.extra_json;
    if (!job.result_json.empty())
        out += ", " + job.result_json;
    out += "}";
    return out;
}

std::string JobQueue::toJsonList(const std::vector<Job> & jobs, const std::string & base_url)
{
    std::string out = "{\"jobs\": [";
    for (size_t i = 0; i < jobs.size(); ++i)
    {
        if (i > 0)
            out += ", ";
        out += toJson(jobs[i], base_url);
    }
    out += "]}";
    return out;
}

} // namespace pipit
