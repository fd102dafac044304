#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pipit
{

/// What a job does (Jobs API `kind`, tinybird.md §3.6).
enum class JobKind
{
    Import,
    DeleteData,
    PopulateView,
    Copy,
    Sink,
};

/// waiting -> working -> done | error; waiting -> cancelled.
enum class JobStatus
{
    Waiting,
    Working,
    Done,
    Error,
    Cancelled,
};

/// "import", "delete_data", "populateview", "copy", "sink".
const char * jobKindName(JobKind kind);
/// "waiting", "working", "done", "error", "cancelled".
const char * jobStatusName(JobStatus status);
/// Inverse of jobKindName / jobStatusName; nullopt for an unknown name.
std::optional<JobKind> parseJobKind(std::string_view name);
std::optional<JobStatus> parseJobStatus(std::string_view name);

/// Counters a job reports (rendered as `statistics`).
struct JobStatistics
{
    size_t row_count = 0;
    size_t bytes = 0;
    size_t quarantined_rows = 0;
};

/// A snapshot of one job as the Jobs API shows it.
struct Job
{
    using Clock = std::chrono::system_clock;

    std::string id;
    JobKind kind = JobKind::Import;
    JobStatus status = JobStatus::Waiting;
    Clock::time_point created_at {};
    Clock::time_point updated_at {};
    /// Set when the job starts working.
    std::optional<Clock::time_point> started_at;
    /// Message of the failure (status error).
    std::string error;
    JobStatistics statistics;
    /// Workspace (engine database) the job belongs to; lists can be filtered by it.
    std::string workspace;
    /// Data source the job writes (may be empty), rendered as "datasource": {"id", "name"}.
    std::string datasource_name;
    /// Extra members appended to the rendered object: a sequence of `"key": value` pairs without
    /// surrounding braces (e.g. `"delete_condition": "a = 1"`), or empty.
    std::string extra_json;
    /// Set by the job function through JobContext::setResultJson: more members of the same form,
    /// rendered after extra_json (e.g. `"rows_to_be_deleted": 3`).
    std::string result_json;
};

/// Handed to a running job function: cooperative cancellation checks and progress reports.
class JobContext
{
public:
    virtual ~JobContext() = default;
    /// The job id (for import ids of quarantined rows).
    virtual const std::string & jobId() const = 0;
    /// True once the queue is shutting down; long jobs should stop (throw) soon after.
    virtual bool stopRequested() const = 0;
    virtual void setStatistics(const JobStatistics & statistics) = 0;
    virtual void setResultJson(std::string members) = 0;
};

/// Body of a job; runs on a worker thread. Returning finishes the job as done; throwing finishes
/// it as error with the exception's message.
using JobFunction = std::function<void(JobContext &)>;

/// Runs jobs on a small pool of worker threads in submission order and keeps their states for the
/// Jobs API. Finished jobs are kept for `keep_for` and at most `max_kept` of them (the oldest go
/// first). Thread-safe.
class JobQueue
{
public:
    struct Options
    {
        size_t workers = 2;
        size_t max_kept = 100;
        std::chrono::seconds keep_for = std::chrono::hours(48);
    };

    JobQueue();
    explicit JobQueue(Options options);
    /// Cancels every waiting job and waits for working ones to finish.
    ~JobQueue();

    JobQueue(const JobQueue &) = delete;
    JobQueue & operator=(const JobQueue &) = delete;

    /// Queues a job; returns its snapshot (status waiting).
    Job submit(JobKind kind, const std::string & workspace, const std::string & datasource_name, JobFunction function,
               std::string extra_json = {});

    /// Throws UNKNOWN_JOB.
    Job get(const std::string & id) const;
    std::optional<Job> tryGet(const std::string & id) const;
    /// Newest first; empty `workspace` means every workspace.
    std::vector<Job> list(const std::string & workspace = {}, std::optional<JobStatus> status = std::nullopt,
                          std::optional<JobKind> kind = std::nullopt) const;
    /// Cancels a waiting job (it never runs). Throws UNKNOWN_JOB, or JOB_NOT_CANCELLABLE when the job
    /// is working or finished. Returns the cancelled job.
    Job cancel(const std::string & id);
    /// Waits until the job is finished (done, error, cancelled) or `timeout` passes; returns its
    /// snapshot. Throws UNKNOWN_JOB.
    Job wait(const std::string & id, std::chrono::milliseconds timeout) const;

    /// The job as the JSON object of the Jobs API: id, job_id, kind, status, created_at, updated_at,
    /// started_at, job_url (`base_url` + "/v0/jobs/" + id), error, statistics, datasource, extras.
    static std::string toJson(const Job & job, const std::string & base_url);
    /// `{"jobs": [...]}`.
    static std::string toJsonList(const std::vector<Job> & jobs, const std::string & base_url);
    /// A JSON string literal with quotes (for building extra_json).
    static std::string quoteJson(std::string_view text);

private:
    struct Entry;
    class Context;

    void workerLoop();
    void prune(std::unique_lock<std::mutex> & lock);
    Job snapshot(const Entry & entry) const;

    Options options_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::map<std::string, std::shared_ptr<Entry>> entries_;
    std::deque<std::shared_ptr<Entry>> waiting_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

} // namespace pipit
