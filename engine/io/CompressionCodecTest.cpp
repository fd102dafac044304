#include "engine/io/CompressionCodec.h"

#include "engine/base/Exception.h"
#include "engine/io/CompressionCodecMultiple.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

using namespace pipit;

namespace
{

std::string randomBytes(size_t size, UInt64 seed)
{
    std::mt19937_64 rng(seed);
    std::string s(size, '\0');
    for (auto & c : s)
        c = static_cast<char>(rng());
    return s;
}

std::string sortedInt64(size_t count)
{
    std::string s(count * 8, '\0');
    Int64 v = 1'700'000'000'000;
    std::mt19937_64 rng(7);
    for (size_t i = 0; i < count; ++i)
    {
        v += static_cast<Int64>(rng() % 1000);
        std::memcpy(s.data() + i * 8, &v, 8);
    }
    return s;
}

std::vector<std::string> dataSets()
{
    std::vector<std::string> sets;
    for (size_t size : {0, 1, 2, 3, 7, 8, 9, 1001, 65537})
    {
        sets.push_back(randomBytes(size, size));
        sets.push_back(std::string(size, 'x'));
    }
    sets.push_back(sortedInt64(10000));
    std::string odd = sortedInt64(1000);
    odd += "abc";
    sets.push_back(odd);
    return sets;
}

ErrorCode codeOf(const std::function<void()> & f)
{
    try
    {
        f();
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

class CompressionCodecRoundTrip : public ::testing::TestWithParam<std::string>
{
};

TEST_P(CompressionCodecRoundTrip, AllDataShapes)
{
    auto codec = parseCodecChain(GetParam(), 8);
    for (const auto & data : dataSets())
    {
        std::string compressed = codec->compress(data);
        EXPECT_LE(compressed.size(), codec->maxCompressedSize(data.size()));
        EXPECT_EQ(codec->decompress(compressed, data.size()), data) << GetParam() << " size " << data.size();

        // The header description alone is enough to decompress.
        std::string description;
        codec->writeDescription(description);
        auto reader = codecFromDescription(description);
        EXPECT_EQ(reader->decompress(compressed, data.size()), data) << GetParam();
    }
}

INSTANTIATE_TEST_SUITE_P(Codecs, CompressionCodecRoundTrip,
                         ::testing::Values("NONE", "LZ4", "LZ4HC(9)", "LZ4HC(12)", "ZSTD", "ZSTD(3)", "ZSTD(22)", "Delta(1), LZ4",
                                           "Delta(2), LZ4", "Delta(4), ZSTD(1)", "Delta(8), ZSTD(1)", "DoubleDelta", "DoubleDelta(4)",
                                           "DoubleDelta, ZSTD(3)", "Delta, Delta(2), LZ4, ZSTD(1)", "LZ4, ZSTD", "T64", "T64, LZ4",
                                           "Delta(8), T64, ZSTD(1)", "Gorilla", "Gorilla(4), ZSTD(1)"));

TEST(CompressionCodec, Compresses)
{
    std::string sorted = sortedInt64(100000);
    auto plain = parseCodecChain("LZ4")->compress(sorted).size();
    auto delta = parseCodecChain("Delta(8), ZSTD(1)")->compress(sorted).size();
    EXPECT_LT(plain, sorted.size());
    EXPECT_LT(delta, plain);

    std::string steps(8 * 10000, '\0');
    for (Int64 i = 0; i < 10000; ++i)
    {
        Int64 v = 1'700'000'000 + i * 60;
        std::memcpy(steps.data() + i * 8, &v, 8);
    }
    EXPECT_LT(parseCodecChain("DoubleDelta", 8)->compress(steps).size(), steps.size() / 50);
}

TEST(CompressionCodec, Names)
{
    EXPECT_EQ(defaultCodec()->name(), "LZ4");
    EXPECT_EQ(parseCodecChain("lz4")->name(), "LZ4");
    EXPECT_EQ(parseCodecChain("ZSTD")->name(), "ZSTD(1)");
    EXPECT_EQ(parseCodecChain(" zstd ( 3 ) ")->name(), "ZSTD(3)");
    EXPECT_EQ(parseCodecChain("LZ4HC")->name(), "LZ4HC(9)");
    EXPECT_EQ(parseCodecChain("LZ4HC(0)")->name(), "LZ4HC(9)");
    EXPECT_EQ(parseCodecChain("Delta(4),ZSTD(1)")->name(), "Delta(4), ZSTD(1)");
    EXPECT_EQ(parseCodecChain("CODEC(Delta(4), ZSTD(1))")->name(), "Delta(4), ZSTD(1)");
    EXPECT_EQ(parseCodecChain("Delta, LZ4", 4)->name(), "Delta(4), LZ4");
    EXPECT_EQ(parseCodecChain("Delta, LZ4", 16)->name(), "Delta(1), LZ4");
    EXPECT_EQ(parseCodecChain("DoubleDelta")->name(), "DoubleDelta");
    EXPECT_EQ(parseCodecChain("NONE")->name(), "NONE");
    auto chain = parseCodecChain("Delta(2), LZ4");
    EXPECT_EQ(chain->methodByte(), static_cast<UInt8>(CompressionMethodByte::Multiple));
}

TEST(CompressionCodec, InvalidChains)
{
    for (const char * text : {"",
                              "  ",
                              ",",
                              "LZ4,",
                              ",LZ4",
                              "LZ4 LZ4",
                              "ZSTD(",
                              "ZSTD(1",
                              "ZSTD(a)",
                              "ZSTD(1,)",
                              "ZSTD(0)",
                              "ZSTD(23)",
                              "ZSTD(-1)",
                              "ZSTD(1, 2)",
                              "LZ4(1)",
                              "NONE(1)",
                              "LZ4HC(13)",
                              "Delta(3), LZ4",
                              "Delta(0), LZ4",
                              "ZSTD(99999999999999999999)",
                              "1LZ4",
                              "LZ4, LZ4, LZ4, LZ4, LZ4, LZ4, LZ4, LZ4, LZ4",
                              "ZSTD(1))",
                              "T64(1)",
                              "Gorilla(3)"})
        EXPECT_EQ(codeOf([&] { parseCodecChain(text); }), ErrorCode::ILLEGAL_CODEC_PARAMETER) << "'" << text << "'";
    for (const char * text : {"Delta", "Delta(4)", "LZ4, Delta(4)", "NONE, LZ4", "LZ4, NONE"})
        EXPECT_EQ(codeOf([&] { parseCodecChain(text); }), ErrorCode::BAD_ARGUMENTS) << "'" << text << "'";
    for (const char * text : {"Brotli", "LZ5", "Delta(4), Snappy", "FPC, LZ4"})
        EXPECT_EQ(codeOf([&] { parseCodecChain(text); }), ErrorCode::UNKNOWN_CODEC) << text;
}

TEST(CompressionCodec, BadDescriptions)
{
    EXPECT_EQ(codeOf([] { codecFromDescription(""); }), ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(codeOf([] { codecFromDescription("\x77"); }), ErrorCode::UNKNOWN_COMPRESSION_METHOD);
    EXPECT_EQ(codecFromDescription("\x82")->name(), "LZ4");
    EXPECT_EQ(codeOf([] { codecFromDescription(std::string("\x82\x00", 2)); }), ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(codeOf([] { codecFromDescription("\x92"); }), ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(codeOf([] { codecFromDescription("\x92\x03"); }), ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(codeOf([] { codecFromDescription("\x91\x01\x82"); }), ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(codeOf([] { codecFromDescription("\x91\x02\x82"); }), ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(codeOf([] { codecFromDescription("\x91\x02\x82\x91\x02\x82\x82"); }), ErrorCode::CORRUPTED_DATA);
    EXPECT_EQ(codecFromDescription("\x91\x02\x92\x04\x90")->name(), "Delta(4), ZSTD(1)");
}

TEST(CompressionCodec, GarbageNeverCrashes)
{
    std::mt19937_64 rng(42);
    for (const char * text : {"NONE", "LZ4", "ZSTD(1)", "Delta(4), LZ4", "DoubleDelta", "LZ4, ZSTD(1)", "T64", "T64, LZ4", "Gorilla"})
    {
        auto codec = parseCodecChain(text, 4);
        std::string valid = codec->compress(sortedInt64(500));
        for (int iteration = 0; iteration < 300; ++iteration)
        {
            std::string input = iteration % 2 ? randomBytes(rng() % 200, rng()) : valid;
            if (iteration % 2 == 0)
            {
                input.resize(rng() % (input.size() + 1));
                if (!input.empty())
                    input[rng() % input.size()] ^= static_cast<char>(1 + rng() % 255);
            }
            size_t size = iteration % 3 == 0 ? 4000 : rng() % 5000;
            ErrorCode code = codeOf([&] { codec->decompress(input, size); });
            EXPECT_TRUE(code == ErrorCode::OK || code == ErrorCode::CANNOT_DECOMPRESS) << text << " " << static_cast<int>(code);
        }
    }
}

TEST(CompressionCodec, T64CropsHighBits)
{
    for (size_t width : {1, 2, 4, 8})
    {
        auto codec = parseCodecChain("T64", width);
        EXPECT_EQ(codec->name(), "T64");
        // Small signed values around zero, in every width: the sign-flipped range is small.
        std::mt19937_64 rng(width);
        std::string data(width * 1000 + 3, '\0');
        for (size_t i = 0; i < 1000; ++i)
        {
            Int64 v = static_cast<Int64>(rng() % 21) - 10;
            std::memcpy(data.data() + i * width, &v, width);
        }
        std::string compressed = codec->compress(data);
        EXPECT_EQ(codec->decompress(compressed, data.size()), data) << width;
        if (width > 1)
        {
            EXPECT_LT(compressed.size(), data.size() / 2) << width;
        }
        // Extremes of the width.
        std::string extremes(width * 130, '\0');
        for (size_t i = 0; i < 130; ++i)
        {
            UInt64 v = i % 3 == 0 ? ~UInt64(0) : (i % 3 == 1 ? 0 : rng());
            std::memcpy(extremes.data() + i * width, &v, width);
        }
        EXPECT_EQ(codec->decompress(codec->compress(extremes), extremes.size()), extremes) << width;
    }
}

TEST(CompressionCodec, GorillaCompressesSlowFloats)
{
    std::string data(8 * 10000, '\0');
    for (size_t i = 0; i < 10000; ++i)
    {
        double v = 20.5 + static_cast<double>(i / 100) * 0.25;
        std::memcpy(data.data() + i * 8, &v, 8);
    }
    auto codec = parseCodecChain("Gorilla", 8);
    EXPECT_EQ(codec->name(), "Gorilla");
    std::string compressed = codec->compress(data);
    EXPECT_EQ(codec->decompress(compressed, data.size()), data);
    EXPECT_LT(compressed.size(), data.size() / 10);
}

namespace pipit
{

/// Every width and every bit count of a frame (value ranges 0 .. 2^bits - 1 above a base, with and without the
/// sign flip), frame lengths around the word-load fast path's end, and a partial last frame.
TEST(CompressionCodec, T64RoundTripEveryWidthAndBitCount)
{
    std::mt19937_64 random(7);
    for (size_t width : {1, 2, 4, 8})
    {
        auto codec = parseCodecChain("T64", width);
        for (unsigned bits = 0; bits <= 8 * width; ++bits)
        {
            for (size_t count : {1, 7, 63, 64, 65, 1000})
            {
                for (bool negative : {false, true})
                {
                    std::string data(count * width, '\0');
                    const UInt64 range = bits == 64 ? ~UInt64(0) : (UInt64(1) << bits) - 1;
                    const UInt64 base = negative ? ~UInt64(0) << (8 * width - 1) : 3;
                    for (size_t i = 0; i < count; ++i)
                    {
                        UInt64 v = base + (range ? random() % range + (i % 2 ? 0 : 1) : 0);
                        if (i == 0)
                            v = base + range;
                        std::memcpy(data.data() + i * width, &v, width);
                    }
                    std::string compressed = codec->compress(data);
                    ASSERT_EQ(codec->decompress(compressed, data.size()), data)
                        << "width " << width << " bits " << bits << " count " << count << " negative " << negative;
                }
            }
        }
    }
}

} // namespace pipit
