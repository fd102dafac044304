#include "engine/io/WriteAheadLog.h"

#include "engine/base/Exception.h"
#include "engine/io/FileSystem.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>
#include <unistd.h>

using namespace pipit;

namespace
{

struct Replayed
{
    std::vector<std::pair<UInt64, std::string>> records;
    WriteAheadLog::ReplayResult result;
};

Replayed replayAll(WriteAheadLog & wal)
{
    Replayed out;
    out.result = wal.replay([&](UInt64 sequence, std::string_view payload) { out.records.emplace_back(sequence, std::string(payload)); });
    return out;
}

std::string tempDir(const char * name)
{
    std::string dir = "/tmp/pipit_wal_test_" + std::to_string(::getpid()) + "_" + name;
    removeRecursive(dir);
    return dir;
}

std::string payload(size_t i)
{
    return "record-" + std::to_string(i) + std::string(i % 17, static_cast<char>('a' + i % 26));
}

} // namespace

TEST(WriteAheadLog, AppendReplayRotateRemove)
{
    std::string dir = tempDir("basic");
    {
        WriteAheadLog wal(dir);
        EXPECT_EQ(replayAll(wal).records.size(), 0u);
        EXPECT_EQ(wal.rotate(), 0u);
        EXPECT_EQ(wal.append("a", false), 1u);
        EXPECT_EQ(wal.append("", true), 1u);
        EXPECT_EQ(wal.rotate(), 1u);
        EXPECT_EQ(wal.rotate(), 1u);
        EXPECT_EQ(wal.append("b", true), 2u);
        EXPECT_EQ(wal.segments(), (std::vector<UInt64> {1, 2}));
        EXPECT_TRUE(exists(dir + "/wal_0000000000000002.log"));
    }
    {
        WriteAheadLog wal(dir);
        auto replayed = replayAll(wal);
        EXPECT_EQ(replayed.result.records, 3u);
        EXPECT_EQ(replayed.result.segments, 2u);
        EXPECT_EQ(replayed.result.torn_records, 0u);
        ASSERT_EQ(replayed.records.size(), 3u);
        EXPECT_EQ(replayed.records[0], (std::pair<UInt64, std::string> {1, "a"}));
        EXPECT_EQ(replayed.records[1], (std::pair<UInt64, std::string> {1, ""}));
        EXPECT_EQ(replayed.records[2], (std::pair<UInt64, std::string> {2, "b"}));

        // Appends after reopening go to a new segment.
        EXPECT_EQ(wal.append("c", false), 3u);
        EXPECT_THROW(wal.removeSegmentsUpTo(3), Exception);
        wal.removeSegmentsUpTo(2);
        EXPECT_EQ(wal.segments(), (std::vector<UInt64> {3}));
        EXPECT_EQ(wal.rotate(), 3u);
        wal.removeSegmentsUpTo(3);
        EXPECT_TRUE(wal.segments().empty());
        EXPECT_EQ(wal.append("d", false), 4u);
    }
    removeRecursive(dir);
}

TEST(WriteAheadLog, TornTailAtEveryOffsetOfTheLastRecord)
{
    std::string dir = tempDir("torn");
    std::string path;
    std::string full;
    size_t last_record_start = 0;
    {
        WriteAheadLog wal(dir);
        for (size_t i = 0; i < 5; ++i)
            wal.append(payload(i), false);
        wal.rotate();
        for (size_t i = 5; i < 9; ++i)
            wal.append(payload(i), false);
        path = dir + "/" + WriteAheadLog::segmentFileName(2);
        last_record_start = fileSize(path);
        wal.append(payload(9) + "-the-last", true);
    }
    full = readFile(path);
    for (size_t cut = last_record_start; cut <= full.size(); ++cut)
    {
        atomicWriteFile(path, full.substr(0, cut));
        WriteAheadLog wal(dir);
        auto replayed = replayAll(wal);
        bool torn = cut != last_record_start && cut != full.size();
        ASSERT_EQ(replayed.records.size(), torn || cut == last_record_start ? 9u : 10u) << cut;
        for (size_t i = 0; i < 9; ++i)
            EXPECT_EQ(replayed.records[i].second, payload(i));
        EXPECT_EQ(replayed.result.torn_records, torn ? 1u : 0u) << cut;
        EXPECT_EQ(replayed.result.truncated_bytes, torn ? cut - last_record_start : 0u) << cut;
        // The tail is gone from the file: replaying again finds nothing torn.
        EXPECT_EQ(fileSize(path), torn ? last_record_start : cut);
        auto again = replayAll(wal);
        EXPECT_EQ(again.result.torn_records, 0u);
        EXPECT_EQ(again.records.size(), replayed.records.size());
    }
    removeRecursive(dir);
}

TEST(WriteAheadLog, DamagedLastRecordIsTornTail)
{
    std::string dir = tempDir("damaged_tail");
    {
        WriteAheadLog wal(dir);
        wal.append("one", false);
        wal.append("two", false);
    }
    std::string path = dir + "/" + WriteAheadLog::segmentFileName(1);
    std::string data = readFile(path);
    for (size_t offset : {data.size() - 1, data.size() - 3 - 8, data.size() - 3 - 16})
    {
        std::string bad = data;
        bad[offset] ^= 0x40; // payload, checksum, magic of the last record
        atomicWriteFile(path, bad);
        WriteAheadLog wal(dir);
        auto replayed = replayAll(wal);
        ASSERT_EQ(replayed.records.size(), 1u) << offset;
        EXPECT_EQ(replayed.records[0].second, "one");
        EXPECT_EQ(replayed.result.torn_records, 1u);
    }
    removeRecursive(dir);
}

TEST(WriteAheadLog, CorruptionInTheMiddleThrows)
{
    std::string dir = tempDir("middle");
    {
        WriteAheadLog wal(dir);
        wal.append("first record", false);
        wal.append("second record", false);
        wal.append("third record", false);
        wal.rotate();
        wal.append("next segment", false);
    }
    std::string first = dir + "/" + WriteAheadLog::segmentFileName(1);
    std::string last = dir + "/" + WriteAheadLog::segmentFileName(2);
    std::string data = readFile(first);
    std::string last_data = readFile(last);

    auto replay_code = [&]
    {
        try
        {
            WriteAheadLog wal(dir);
            replayAll(wal);
        }
        catch (const Exception & e)
        {
            return e.code();
        }
        return ErrorCode::OK;
    };

    // Any damage in a segment that is not the last one.
    for (size_t offset = 0; offset < data.size(); ++offset)
    {
        std::string bad = data;
        bad[offset] ^= 0x01;
        atomicWriteFile(first, bad);
        EXPECT_EQ(replay_code(), ErrorCode::CORRUPTED_DATA) << offset;
    }
    atomicWriteFile(first, data.substr(0, data.size() - 2));
    EXPECT_EQ(replay_code(), ErrorCode::CORRUPTED_DATA);
    atomicWriteFile(first, data);
    EXPECT_EQ(replay_code(), ErrorCode::OK);

    // Damage in the last segment followed by a valid record.
    removeRecursive(last);
    std::string bad = data;
    bad[20] ^= 0x01; // payload of the first record
    atomicWriteFile(first, bad);
    EXPECT_EQ(replay_code(), ErrorCode::CORRUPTED_DATA);
    bad = data;
    bad[4] = '\x7f'; // length of the first record: points past the end
    atomicWriteFile(first, bad);
    EXPECT_EQ(replay_code(), ErrorCode::CORRUPTED_DATA);
    removeRecursive(dir);
}

TEST(WriteAheadLog, ConcurrentAppendsWithGroupCommit)
{
    std::string dir = tempDir("concurrent");
    constexpr size_t threads_count = 4;
    constexpr size_t per_thread = 200;
    {
        WriteAheadLog wal(dir);
        std::vector<std::thread> threads;
        for (size_t t = 0; t < threads_count; ++t)
            threads.emplace_back(
                [&, t]
                {
                    for (size_t i = 0; i < per_thread; ++i)
                    {
                        wal.append(std::to_string(t) + ":" + std::to_string(i) + std::string(i % 50, 'x'), i % 3 == 0);
                        if (t == 0 && i % 50 == 49)
                            wal.rotate();
                    }
                });
        for (auto & thread : threads)
            thread.join();
    }
    WriteAheadLog wal(dir);
    auto replayed = replayAll(wal);
    ASSERT_EQ(replayed.records.size(), threads_count * per_thread);
    EXPECT_EQ(replayed.result.torn_records, 0u);
    // Per thread, records appear in append order.
    std::vector<size_t> next(threads_count, 0);
    for (const auto & [sequence, record] : replayed.records)
    {
        size_t colon = record.find(':');
        size_t t = std::stoul(record.substr(0, colon));
        size_t i = std::stoul(record.substr(colon + 1));
        EXPECT_EQ(i, next[t]);
        next[t] = i + 1;
    }
    removeRecursive(dir);
}

TEST(WriteAheadLog, CloseSegmentWithoutSync)
{
    std::string dir = tempDir("close");
    {
        WriteAheadLog wal(dir);
        EXPECT_EQ(wal.closeSegment(), 0u);
        EXPECT_EQ(wal.append("a", false), 1u);
        EXPECT_EQ(wal.closeSegment(), 1u);
        EXPECT_EQ(wal.closeSegment(), 1u);
        // The next append opens the next segment; a durable one also syncs the closed segment.
        EXPECT_EQ(wal.append("b", true), 2u);
        EXPECT_EQ(wal.closeSegment(), 2u);
        EXPECT_EQ(wal.append("c", false), 3u);
        // Closed segments can be removed while appends go on; rotate() still closes the current one.
        wal.removeSegmentsUpTo(1);
        EXPECT_EQ(wal.segments(), (std::vector<UInt64> {2, 3}));
        EXPECT_THROW(wal.removeSegmentsUpTo(3), Exception);
        EXPECT_EQ(wal.rotate(), 3u);
        EXPECT_EQ(wal.append("d", false), 4u);
    }
    WriteAheadLog wal(dir);
    auto replayed = replayAll(wal);
    ASSERT_EQ(replayed.records.size(), 3u);
    EXPECT_EQ(replayed.records[0], (std::pair<UInt64, std::string> {2, "b"}));
    EXPECT_EQ(replayed.records[1], (std::pair<UInt64, std::string> {3, "c"}));
    EXPECT_EQ(replayed.records[2], (std::pair<UInt64, std::string> {4, "d"}));
    removeRecursive(dir);
}

TEST(WriteAheadLog, ConcurrentAppendsWhileSegmentsCloseAndAreRemoved)
{
    std::string dir = tempDir("close_concurrent");
    constexpr size_t threads_count = 3;
    constexpr size_t per_thread = 300;
    std::vector<UInt64> removed_up_to;
    {
        WriteAheadLog wal(dir);
        std::atomic<bool> done {false};
        std::thread closer(
            [&]
            {
                // Like a flush: close the segment, later drop the ones before it.
                UInt64 previous = 0;
                while (!done.load())
                {
                    UInt64 closed = wal.closeSegment();
                    if (previous > 0 && previous < closed)
                    {
                        wal.removeSegmentsUpTo(previous);
                        removed_up_to.push_back(previous);
                    }
                    previous = closed;
                    std::this_thread::yield();
                }
            });
        std::vector<std::thread> threads;
        for (size_t t = 0; t < threads_count; ++t)
            threads.emplace_back(
                [&, t]
                {
                    for (size_t i = 0; i < per_thread; ++i)
                        wal.append(std::to_string(t) + ":" + std::to_string(i), i % 2 == 0);
                });
        for (auto & thread : threads)
            thread.join();
        done = true;
        closer.join();
    }
    // The segments left hold, per thread, a gapless run of its records in append order (removed segments held
    // earlier records only), and the run of a thread that wrote into the last segment ends with its last record.
    UInt64 removed = removed_up_to.empty() ? 0 : removed_up_to.back();
    WriteAheadLog wal(dir);
    auto replayed = replayAll(wal);
    EXPECT_EQ(replayed.result.torn_records, 0u);
    ASSERT_FALSE(replayed.records.empty());
    std::vector<long> last(threads_count, -1);
    for (const auto & [sequence, record] : replayed.records)
    {
        EXPECT_GT(sequence, removed);
        size_t colon = record.find(':');
        size_t t = std::stoul(record.substr(0, colon));
        long i = std::stol(record.substr(colon + 1));
        if (last[t] >= 0)
        {
            EXPECT_EQ(i, last[t] + 1);
        }
        last[t] = i;
    }
    const UInt64 last_segment = replayed.records.back().first;
    for (const auto & [sequence, record] : replayed.records)
    {
        if (sequence == last_segment)
        {
            EXPECT_EQ(last[std::stoul(record.substr(0, record.find(':')))], static_cast<long>(per_thread - 1));
        }
    }
    removeRecursive(dir);
}

TEST(WriteAheadLog, IgnoresOtherFiles)
{
    std::string dir = tempDir("other");
    createDirectories(dir);
    atomicWriteFile(dir + "/README", "x");
    atomicWriteFile(dir + "/wal_12.log", "x");
    WriteAheadLog wal(dir);
    EXPECT_TRUE(wal.segments().empty());
    EXPECT_EQ(replayAll(wal).records.size(), 0u);
    EXPECT_EQ(wal.append("x", true), 1u);
    removeRecursive(dir);
}

TEST(WriteAheadLog, DamagedLastSegmentNeverCrashes)
{
    std::string dir = tempDir("fuzz");
    {
        WriteAheadLog wal(dir);
        for (size_t i = 0; i < 20; ++i)
            wal.append(payload(i), false);
    }
    std::string path = dir + "/" + WriteAheadLog::segmentFileName(1);
    const std::string good = readFile(path);
    std::mt19937_64 rng(99);
    for (int iteration = 0; iteration < 300; ++iteration)
    {
        std::string bad = good;
        for (int k = 0; k < 1 + iteration % 3; ++k)
            bad[rng() % bad.size()] = static_cast<char>(rng());
        if (iteration % 2)
            bad.resize(rng() % (bad.size() + 1));
        else
            for (int k = 0; k < iteration % 40; ++k)
                bad.push_back(static_cast<char>(rng()));
        atomicWriteFile(path, bad);
        try
        {
            WriteAheadLog wal(dir);
            auto replayed = replayAll(wal);
            // Whatever survives is an intact prefix of what was written.
            for (size_t i = 0; i < replayed.records.size(); ++i)
                EXPECT_EQ(replayed.records[i].second, payload(i)) << iteration;
        }
        catch (const Exception & e)
        {
            EXPECT_EQ(e.code(), ErrorCode::CORRUPTED_DATA) << iteration;
        }
    }
    removeRecursive(dir);
}

TEST(WriteAheadLog, LargeRecords)
{
    std::string dir = tempDir("large");
    std::string big(5 << 20, 'q');
    big[12345] = 'x';
    {
        WriteAheadLog wal(dir);
        wal.append(big, true);
        wal.append("small", true);
    }
    WriteAheadLog wal(dir);
    auto replayed = replayAll(wal);
    ASSERT_EQ(replayed.records.size(), 2u);
    EXPECT_EQ(replayed.records[0].second, big);
    EXPECT_EQ(replayed.records[1].second, "small");
    removeRecursive(dir);
}
