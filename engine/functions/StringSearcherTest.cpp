#include "engine/functions/CityHash102.h"
#include "engine/functions/StringSearcher.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>

using namespace pipit;

/// The SIMD search agrees with std::string_view::find for every needle length and position, and
/// never reads past the range (checked under ASan by searching in exactly-sized heap copies).
TEST(StringSearcher, MatchesFindEverywhere)
{
    std::mt19937 rng(42);
    for (int iteration = 0; iteration < 3000; ++iteration)
    {
        const size_t size = rng() % 80;
        std::string haystack(size, 'a');
        for (auto & c : haystack)
            c = static_cast<char>('a' + rng() % 3);
        const size_t needle_size = 1 + rng() % 6;
        std::string needle(needle_size, 'a');
        for (auto & c : needle)
            c = static_cast<char>('a' + rng() % 3);
        std::unique_ptr<char[]> exact(new char[size ? size : 1]);
        std::memcpy(exact.get(), haystack.data(), size);
        StringSearcher searcher(needle);
        const char * res = searcher.search(exact.get(), exact.get() + size);
        const size_t expected = std::string_view(haystack).find(needle);
        EXPECT_EQ(expected == std::string_view::npos ? size : expected, static_cast<size_t>(res - exact.get()))
            << haystack << " / " << needle;
    }
}

TEST(StringSearcher, EmptyNeedleAndShortHaystack)
{
    StringSearcher empty("");
    const char * text = "abc";
    EXPECT_EQ(text, empty.search(text, text + 3));
    StringSearcher longer("abcd");
    EXPECT_EQ(text + 3, longer.search(text, text + 3));
}

/// Values from ClickHouse 18.16 (cityHash64 of a String is CityHash64 v1.0.2 of its bytes).
TEST(CityHash102, MatchesClickHouse)
{
    auto h = [](const std::string & s) { return CityHash102::hash64(s.data(), s.size()); };
    EXPECT_EQ(11160318154034397263ULL, h(""));
    EXPECT_EQ(2603192927274642682ULL, h("a"));
    EXPECT_EQ(2578220239953316063ULL, h("hello"));
    EXPECT_EQ(11952981925284261403ULL, h("hello world 12345"));
    EXPECT_EQ(3896669899269749907ULL, h(std::string(40, 'x')));
    std::string long_text;
    for (int i = 0; i < 20; ++i)
        long_text += "abcdefgh";
    EXPECT_EQ(10266818867788992232ULL, h(long_text));
}
