#include "engine/io/CompressedWriteBuffer.h"
#include "engine/io/CompressedReadBuffer.h"

#include "engine/base/Exception.h"
#include "engine/io/FileBuffers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

using namespace pipit;

namespace
{

struct TempDir
{
    std::filesystem::path path;
    TempDir()
    {
        path = std::filesystem::temp_directory_path() /
               ("pipit_compressed_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    static std::atomic<int> & counter()
    {
        static std::atomic<int> c {0};
        return c;
    }
};

std::string readAll(ReadBuffer & in)
{
    std::string out;
    char buf[777];
    while (size_t n = in.read(buf, sizeof(buf)))
        out.append(buf, n);
    return out;
}

void spit(const std::string & path, const std::string & content)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(content.data(), static_cast<std::streamsize>(content.size()));
}

std::string granule(size_t index, size_t size)
{
    std::string s(size, '\0');
    for (size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>('a' + (index * 7 + i / 13) % 26);
    return s;
}

ErrorCode readError(const std::string & data, bool from_file, const std::string & path)
{
    try
    {
        if (from_file)
        {
            spit(path, data);
            CompressedReadBuffer in(path);
            readAll(in);
        }
        else
        {
            ReadBufferFromMemory memory(data);
            CompressedReadBuffer in(memory, "memory");
            readAll(in);
        }
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

TEST(CompressedBuffers, RoundTripInMemoryAllCodecs)
{
    std::mt19937_64 rng(1);
    std::string data;
    for (size_t i = 0; i < 300000; ++i)
        data.push_back(static_cast<char>(i % 3 == 0 ? rng() : i / 100));
    for (const char * codec : {"NONE", "LZ4", "ZSTD(3)", "Delta(4), LZ4", "DoubleDelta", "LZ4HC(9)"})
    {
        WriteBufferFromString out;
        CompressedWriteBuffer compressed(out, parseCodecChain(codec), 10000);
        compressed.write(data);
        compressed.finalize();
        EXPECT_EQ(compressed.count(), data.size());
        std::string bytes = out.str();

        ReadBufferFromMemory memory(bytes);
        CompressedReadBuffer in(memory);
        EXPECT_EQ(readAll(in), data) << codec;
    }
}

TEST(CompressedBuffers, EmptyAndTiny)
{
    WriteBufferFromString out;
    {
        CompressedWriteBuffer compressed(out);
        compressed.finishBlock();
        compressed.finalize();
    }
    EXPECT_EQ(out.str().size(), 0u);
    ReadBufferFromMemory empty("", 0);
    CompressedReadBuffer in(empty);
    EXPECT_TRUE(in.eof());

    WriteBufferFromString out1;
    CompressedWriteBuffer compressed(out1);
    compressed.write('z');
    compressed.finalize();
    std::string bytes = out1.str();
    ReadBufferFromMemory memory(bytes);
    CompressedReadBuffer in1(memory);
    EXPECT_EQ(readAll(in1), "z");
}

TEST(CompressedBuffers, IncompressibleBlocksAreStoredAsIs)
{
    std::mt19937_64 rng(5);
    std::string data(50000, '\0');
    for (auto & c : data)
        c = static_cast<char>(rng());
    WriteBufferFromString out;
    CompressedWriteBuffer compressed(out, parseCodecChain("ZSTD(1)"));
    compressed.write(data);
    compressed.finalize();
    std::string bytes = out.str();
    EXPECT_LE(bytes.size(), data.size() + 32);
    ReadBufferFromMemory memory(bytes);
    CompressedReadBuffer in(memory);
    EXPECT_EQ(readAll(in), data);
}

TEST(CompressedBuffers, GranuleMarksAndSeeks)
{
    TempDir dir;
    std::string path = (dir.path / "col.bin").string();
    std::vector<size_t> marks;
    std::vector<std::string> granules;
    {
        CompressedWriteBuffer out(WriteBufferFromFD::create(path), parseCodecChain("Delta(4), ZSTD(1)"), 4096);
        for (size_t g = 0; g < 50; ++g)
        {
            marks.push_back(out.compressedOffset());
            EXPECT_EQ(out.offsetInBlock(), 0u);
            // Some granules exceed the block size and span several blocks.
            granules.push_back(granule(g, g % 7 == 0 ? 10000 : 1 + g * 37));
            out.write(granules.back());
            out.finishBlock();
        }
        out.finalize();
    }
    std::string all;
    for (const auto & g : granules)
        all += g;

    CompressedReadBuffer sequential(path);
    EXPECT_EQ(readAll(sequential), all);

    // Random order seeks, reading one granule each time.
    auto file = RandomAccessFile::open(path);
    CompressedReadBuffer in(file);
    std::mt19937 rng(3);
    for (int i = 0; i < 200; ++i)
    {
        size_t g = rng() % granules.size();
        in.seek(marks[g]);
        EXPECT_EQ(in.currentBlockOffset(), marks[g]);
        std::string got(granules[g].size(), '\0');
        ASSERT_EQ(in.read(got.data(), got.size()), got.size());
        EXPECT_EQ(got, granules[g]) << g;
    }

    // Seek with an offset inside the block, and to the end.
    in.seek(marks[3], 5);
    char c;
    ASSERT_EQ(in.read(&c, 1), 1u);
    EXPECT_EQ(c, granules[3][5]);
    in.seek(file->size());
    EXPECT_TRUE(in.eof());
    EXPECT_THROW(in.seek(file->size() + 1), Exception);
    EXPECT_THROW(in.seek(marks[1], 1000000), Exception);
    in.seek(marks[2]);
    EXPECT_EQ(in.position()[0], granules[2][0]);

    // Opening at a mark.
    CompressedReadBuffer at_mark(path, marks[9]);
    std::string got(granules[9].size(), '\0');
    ASSERT_EQ(at_mark.read(got.data(), got.size()), got.size());
    EXPECT_EQ(got, granules[9]);
    CompressedReadBuffer at_end(path, file->size());
    EXPECT_TRUE(at_end.eof());
    EXPECT_THROW(CompressedReadBuffer(path, file->size() + 1), Exception);
    // A mark that is not a block start is detected.
    CompressedReadBuffer not_a_mark(path, marks[9] + 1);
    EXPECT_THROW(not_a_mark.eof(), Exception);
}

TEST(CompressedBuffers, ParallelReadersShareOneFile)
{
    TempDir dir;
    std::string path = (dir.path / "col.bin").string();
    std::vector<size_t> marks;
    std::vector<std::string> granules;
    {
        CompressedWriteBuffer out(WriteBufferFromFD::create(path));
        for (size_t g = 0; g < 64; ++g)
        {
            marks.push_back(out.compressedOffset());
            granules.push_back(granule(g, 8192));
            out.write(granules.back());
            out.finishBlock();
        }
        out.finalize();
    }
    auto file = RandomAccessFile::open(path);
    std::atomic<int> failures {0};
    std::vector<std::thread> threads;
    for (size_t t = 0; t < 4; ++t)
        threads.emplace_back(
            [&, t]
            {
                CompressedReadBuffer in(file);
                for (size_t g = t; g < granules.size(); g += 4)
                {
                    in.seek(marks[g]);
                    std::string got(8192, '\0');
                    if (in.read(got.data(), got.size()) != got.size() || got != granules[g])
                        ++failures;
                }
            });
    for (auto & thread : threads)
        thread.join();
    EXPECT_EQ(failures.load(), 0);
}

TEST(CompressedBuffers, CorruptionIsDetected)
{
    TempDir dir;
    std::string path = (dir.path / "col.bin").string();
    WriteBufferFromString out;
    {
        CompressedWriteBuffer compressed(out, parseCodecChain("Delta(2), LZ4"), 300);
        for (size_t g = 0; g < 4; ++g)
        {
            compressed.write(granule(g, 250));
            compressed.finishBlock();
        }
        compressed.finalize();
    }
    const std::string good = out.str();
    EXPECT_EQ(readError(good, false, path), ErrorCode::OK);
    EXPECT_EQ(readError(good, true, path), ErrorCode::OK);

    // A flipped payload byte fails the checksum.
    std::string flipped = good;
    flipped[flipped.size() - 3] ^= 0x10;
    EXPECT_EQ(readError(flipped, false, path), ErrorCode::CHECKSUM_DOESNT_MATCH);
    EXPECT_EQ(readError(flipped, true, path), ErrorCode::CHECKSUM_DOESNT_MATCH);

    // Every flipped byte anywhere is detected by some error; never a crash or silent success.
    for (size_t i = 0; i < good.size(); ++i)
    {
        std::string bad = good;
        bad[i] ^= 0x01;
        for (bool from_file : {false, true})
        {
            ErrorCode code = readError(bad, from_file, path);
            EXPECT_TRUE(code == ErrorCode::CHECKSUM_DOESNT_MATCH || code == ErrorCode::CORRUPTED_DATA)
                << i << " " << static_cast<int>(code);
        }
    }

    // Every truncation that is not at a block boundary is an error.
    for (size_t size = 0; size < good.size(); ++size)
    {
        ErrorCode code = readError(good.substr(0, size), size % 2 == 0, path);
        if (code != ErrorCode::OK)
        {
            EXPECT_TRUE(code == ErrorCode::CORRUPTED_DATA) << size << " " << static_cast<int>(code);
        }
    }
    ErrorCode truncated = readError(good.substr(0, good.size() - 1), true, path);
    EXPECT_EQ(truncated, ErrorCode::CORRUPTED_DATA);

    // The message names the file and offset.
    spit(path, flipped);
    try
    {
        CompressedReadBuffer in(path);
        readAll(in);
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_NE(e.message().find(path), std::string::npos) << e.message();
        EXPECT_NE(e.message().find("offset"), std::string::npos) << e.message();
    }
}

TEST(CompressedBuffers, RandomGarbageNeverCrashes)
{
    TempDir dir;
    std::string path = (dir.path / "garbage.bin").string();
    std::mt19937_64 rng(11);
    WriteBufferFromString out;
    {
        CompressedWriteBuffer compressed(out, parseCodecChain("ZSTD(1)"), 1000);
        compressed.write(granule(1, 5000));
        compressed.finalize();
    }
    const std::string good = out.str();
    for (int iteration = 0; iteration < 2000; ++iteration)
    {
        std::string data;
        if (iteration % 2)
        {
            data.resize(rng() % 300);
            for (auto & c : data)
                c = static_cast<char>(rng());
        }
        else
        {
            data = good;
            for (int k = 0; k < 3; ++k)
                data[rng() % data.size()] = static_cast<char>(rng());
            data.resize(rng() % (data.size() + 1));
        }
        ErrorCode code = readError(data, iteration % 4 < 2, path);
        EXPECT_TRUE(code == ErrorCode::OK || code == ErrorCode::CHECKSUM_DOESNT_MATCH || code == ErrorCode::CORRUPTED_DATA ||
                    code == ErrorCode::CANNOT_DECOMPRESS || code == ErrorCode::UNKNOWN_COMPRESSION_METHOD)
            << static_cast<int>(code);
    }
}

TEST(CompressedBuffers, BadBlockSizeIsRejected)
{
    WriteBufferFromString out;
    EXPECT_THROW(CompressedWriteBuffer(out, defaultCodec(), 0), Exception);
}
