#include "platform/jobs/JobQueue.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

using namespace pipit;
using namespace std::chrono_literals;

TEST(JobQueue, RunsJobToDoneWithStatistics)
{
    JobQueue queue;
    Job job = queue.submit(JobKind::Import, "default", "events",
                           [](JobContext & context)
                           {
                               context.setStatistics({3, 100, 1});
                               context.setResultJson("\"import_id\": \"x\"");
                           });
    EXPECT_EQ(job.status, JobStatus::Waiting);
    EXPECT_EQ(job.id.size(), 36u);
    Job finished = queue.wait(job.id, 5s);
    EXPECT_EQ(finished.status, JobStatus::Done);
    EXPECT_TRUE(finished.started_at.has_value());
    EXPECT_EQ(finished.statistics.row_count, 3u);
    std::string json = JobQueue::toJson(finished, "http://localhost:7181");
    EXPECT_NE(json.find("\"status\": \"done\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"kind\": \"import\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"job_url\": \"http://localhost:7181/v0/jobs/" + job.id + "\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"datasource\": {\"id\": \"events\", \"name\": \"events\"}"), std::string::npos) << json;
    EXPECT_NE(json.find("\"import_id\": \"x\""), std::string::npos) << json;
    EXPECT_EQ(json.find("\"error\""), std::string::npos) << json;
}

TEST(JobQueue, ThrowingJobEndsInErrorWithMessage)
{
    JobQueue queue;
    Job job = queue.submit(JobKind::DeleteData, "default", "t", [](JobContext &) { throw Exception(ErrorCode::BAD_ARGUMENTS, "bad \"cond\""); });
    Job finished = queue.wait(job.id, 5s);
    EXPECT_EQ(finished.status, JobStatus::Error);
    EXPECT_NE(finished.error.find("bad \"cond\""), std::string::npos);
    std::string json = JobQueue::toJson(finished, "");
    EXPECT_NE(json.find("\"error\": "), std::string::npos);
    EXPECT_NE(json.find("bad \\\"cond\\\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"kind\": \"delete_data\""), std::string::npos);
}

TEST(JobQueue, CancelWaitingJobNeverRunsIt)
{
    JobQueue queue(JobQueue::Options {1, 100, std::chrono::hours(48)});
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> started {false};
    Job blocker = queue.submit(JobKind::Copy, "default", "", [&](JobContext &) { started = true; released.wait(); });
    std::atomic<bool> ran {false};
    Job second = queue.submit(JobKind::Import, "default", "", [&](JobContext &) { ran = true; });
    while (!started)
        std::this_thread::sleep_for(1ms);
    EXPECT_EQ(queue.get(blocker.id).status, JobStatus::Working);
    try
    {
        queue.cancel(blocker.id);
        FAIL() << "a working job was cancelled";
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::JOB_NOT_CANCELLABLE);
    }
    Job cancelled = queue.cancel(second.id);
    EXPECT_EQ(cancelled.status, JobStatus::Cancelled);
    release.set_value();
    EXPECT_EQ(queue.wait(blocker.id, 5s).status, JobStatus::Done);
    std::this_thread::sleep_for(20ms);
    EXPECT_FALSE(ran);
    EXPECT_EQ(queue.get(second.id).status, JobStatus::Cancelled);
    try
    {
        queue.cancel(second.id);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::JOB_NOT_CANCELLABLE);
    }
}

TEST(JobQueue, UnknownJobThrows)
{
    JobQueue queue;
    EXPECT_FALSE(queue.tryGet("nope").has_value());
    try
    {
        queue.get("nope");
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::UNKNOWN_JOB);
    }
    EXPECT_THROW(queue.cancel("nope"), Exception);
}

TEST(JobQueue, ListFiltersNewestFirstAndKeepsAtMostMaxKept)
{
    JobQueue queue(JobQueue::Options {1, 3, std::chrono::hours(48)});
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i)
    {
        ids.push_back(queue.submit(i % 2 ? JobKind::Copy : JobKind::Import, i < 4 ? "w1" : "w2", "", [](JobContext &) {}).id);
        queue.wait(ids.back(), 5s);
    }
    auto all = queue.list();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, ids[4]);
    EXPECT_FALSE(queue.tryGet(ids[0]).has_value()); // pruned: only the newest 3 finished jobs are kept
    auto w1 = queue.list("w1");
    EXPECT_EQ(w1.size(), 2u);
    auto copies = queue.list("", JobStatus::Done, JobKind::Copy);
    ASSERT_EQ(copies.size(), 1u);
    EXPECT_EQ(copies[0].id, ids[3]);
    EXPECT_TRUE(queue.list("", JobStatus::Waiting).empty());
    std::string json = JobQueue::toJsonList(all, "");
    EXPECT_EQ(json.rfind("{\"jobs\": [", 0), 0u);
}

TEST(JobQueue, NamesRoundTrip)
{
    for (auto kind : {JobKind::Import, JobKind::DeleteData, JobKind::PopulateView, JobKind::Copy, JobKind::Sink})
        EXPECT_EQ(parseJobKind(jobKindName(kind)), kind);
    for (auto status : {JobStatus::Waiting, JobStatus::Working, JobStatus::Done, JobStatus::Error, JobStatus::Cancelled})
        EXPECT_EQ(parseJobStatus(jobStatusName(status)), status);
    EXPECT_FALSE(parseJobKind("nope").has_value());
    EXPECT_EQ(JobQueue::quoteJson("a\"\n\x01"), "\"a\\\"\\n\\u0001\"");
}

TEST(JobQueue, DestructorCancelsWaitingJobs)
{
    std::atomic<int> ran {0};
    {
        JobQueue queue(JobQueue::Options {1, 100, std::chrono::hours(48)});
        for (int i = 0; i < 50; ++i)
            queue.submit(JobKind::Import, "", "", [&](JobContext & context) { if (!context.stopRequested()) std::this_thread::sleep_for(1ms); ++ran; });
    }
    EXPECT_LT(ran.load(), 50);
}
