#include "engine/aggregates/Arena.h"

#include "engine/base/Check.h"

#include <cstdint>
#include <cstring>

namespace pipit
{

namespace
{
constexpr size_t max_chunk_growth = 128 * 1024 * 1024;
}

Arena::Arena(size_t initial_chunk_size)
    : next_chunk_size_(initial_chunk_size < 64 ? 64 : initial_chunk_size)
{
}

Arena::~Arena() = default;

void Arena::addChunk(size_t min_size)
{
    size_t size = next_chunk_size_;
    while (size < min_size)
        size *= 2;
    chunks_.push_back(std::make_unique<char[]>(size));
    pos_ = chunks_.back().get();
    end_ = pos_ + size;
    allocated_bytes_ += size;
    if (next_chunk_size_ < max_chunk_growth)
        next_chunk_size_ *= 2;
}

char * Arena::alignedAlloc(size_t size, size_t alignment)
{
    CHECK(alignment != 0 && (alignment & (alignment - 1)) == 0 && alignment <= 4096);
    auto aligned = [&]() -> char *
    {
        if (!pos_)
            return nullptr;
        uintptr_t p = reinterpret_cast<uintptr_t>(pos_);
        uintptr_t a = (p + alignment - 1) & ~(uintptr_t(alignment) - 1);
        char * res = reinterpret_cast<char *>(a);
        if (res > end_ || static_cast<size_t>(end_ - res) < size)
            return nullptr;
        return res;
    };
    char * res = aligned();
    if (!res)
    {
        addChunk(size + alignment);
        res = aligned();
        CHECK(res != nullptr);
    }
    pos_ = res + size;
    return res;
}

char * Arena::insert(const char * data, size_t size)
{
    char * res = alignedAlloc(size == 0 ? 1 : size, 1);
    if (size)
        std::memcpy(res, data, size);
    return res;
}

} // namespace pipit
