#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include <emmintrin.h>

namespace pipit
{

/// Finds a fixed non-empty needle in byte ranges: an SSE2 filter on the needle's first and last
/// bytes over 16 positions at a time, then a memcmp of the candidates. Never reads outside
/// [begin, end).
class StringSearcher
{
public:
    explicit StringSearcher(std::string needle)
        : needle_(std::move(needle))
    {
    }

    const std::string & needle() const { return needle_; }

    /// First occurrence in [begin, end), or `end`.
    const char * search(const char * begin, const char * end) const
    {
        const size_t n = needle_.size();
        if (n == 0)
            return begin;
        if (static_cast<size_t>(end - begin) < n)
            return end;
        if (n == 1)
        {
            const void * p = std::memchr(begin, needle_[0], static_cast<size_t>(end - begin));
            return p ? static_cast<const char *>(p) : end;
        }
        const char * pos = begin;
        const char * last_start = end - n; /// last position a match may start at
        const __m128i first = _mm_set1_epi8(needle_[0]);
        const __m128i last = _mm_set1_epi8(needle_[n - 1]);
        while (pos + 16 <= last_start + 1)
        {
            const __m128i block_first = _mm_loadu_si128(reinterpret_cast<const __m128i *>(pos));
            const __m128i block_last = _mm_loadu_si128(reinterpret_cast<const __m128i *>(pos + n - 1));
            unsigned mask = static_cast<unsigned>(
                _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(block_first, first), _mm_cmpeq_epi8(block_last, last))));
            while (mask)
            {
                const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
                if (std::memcmp(pos + bit + 1, needle_.data() + 1, n - 2) == 0)
                    return pos + bit;
                mask &= mask - 1;
            }
            pos += 16;
        }
        for (; pos <= last_start; ++pos)
            if (pos[0] == needle_[0] && std::memcmp(pos, needle_.data(), n) == 0)
                return pos;
        return end;
    }

private:
    std::string needle_;
};

} // namespace pipit
