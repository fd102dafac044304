#include "engine/aggregates/Arena.h"

#include "engine/base/Check.h"
#include "engine/base/MemoryTracker.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace pipit
{

namespace
{

constexpr size_t max_chunk_growth = 128 * 1024 * 1024;
constexpr size_t huge_page_size = 2 * 1024 * 1024;
/// Below this, calloc (the heap reuses freed memory; a mapping per small block would not pay).
constexpr size_t mapping_threshold = 4 * huge_page_size;

} // namespace

void * allocateZeroedMemory(size_t bytes)
{
    if (bytes < mapping_threshold)
    {
        void * memory = std::calloc(1, bytes);
        if (!memory)
            throw std::bad_alloc();
        if (auto * tracker = MemoryTracker::current())
            tracker->add(static_cast<Int64>(bytes));
        return memory;
    }
    /// Over-map by one huge page and unmap the unaligned head and tail.
    size_t mapped = bytes + huge_page_size;
    void * region = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED)
        throw std::bad_alloc();
    auto begin = reinterpret_cast<uintptr_t>(region);
    uintptr_t aligned = (begin + huge_page_size - 1) & ~(uintptr_t(huge_page_size) - 1);
    if (aligned > begin)
        munmap(region, aligned - begin);
    size_t tail = begin + mapped - (aligned + bytes);
    if (tail)
        munmap(reinterpret_cast<void *>(aligned + bytes), tail);
    madvise(reinterpret_cast<void *>(aligned), bytes, MADV_HUGEPAGE);
    if (auto * tracker = MemoryTracker::current())
        tracker->add(static_cast<Int64>(bytes));
    return reinterpret_cast<void *>(aligned);
}

void freeZeroedMemory(void * memory, size_t bytes) noexcept
{
    if (!memory)
        return;
    if (auto * tracker = MemoryTracker::current())
        tracker->add(-static_cast<Int64>(bytes));
    if (bytes < mapping_threshold)
        std::free(memory);
    else
        munmap(memory, bytes);
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
    chunks_.push_back(std::unique_ptr<char[], FreeChunk>(static_cast<char *>(allocateZeroedMemory(size)), FreeChunk {size}));
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
