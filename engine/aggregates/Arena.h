#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace pipit
{

/// Zeroed memory for large, long-lived buffers (arena chunks, hash table cells). Large blocks are
/// mapped on their own, 2 MiB aligned and advised to use transparent huge pages: random access
/// into a buffer bigger than the cache then misses the TLB far less, and the pages come zeroed
/// from the kernel (no memset pass). Throws std::bad_alloc.
void * allocateZeroedMemory(size_t bytes);
/// Frees what allocateZeroedMemory(bytes) returned (same `bytes`); null is ignored.
void freeZeroedMemory(void * memory, size_t bytes) noexcept;

/// Bump allocator for aggregate states and their variable-size data (strings kept by min/max/any).
/// Memory is released only when the Arena is destroyed; allocations never move. Not thread-safe:
/// one Arena per thread / per column of states.
class Arena
{
public:
    explicit Arena(size_t initial_chunk_size = 4096);
    Arena(const Arena &) = delete;
    Arena & operator=(const Arena &) = delete;
    ~Arena();

    /// `size` bytes aligned to 16.
    char * alloc(size_t size) { return alignedAlloc(size, 16); }
    /// `size` bytes aligned to `alignment` (a power of two, at most 4096).
    char * alignedAlloc(size_t size, size_t alignment);
    /// Copies [data, data + size) into the arena and returns the copy.
    char * insert(const char * data, size_t size);

    /// Bytes reserved from the system so far.
    size_t allocatedBytes() const { return allocated_bytes_; }

private:
    void addChunk(size_t min_size);

    struct FreeChunk
    {
        size_t bytes = 0;
        void operator()(char * chunk) const { freeZeroedMemory(chunk, bytes); }
    };
    std::vector<std::unique_ptr<char[], FreeChunk>> chunks_;
    char * pos_ = nullptr;
    char * end_ = nullptr;
    size_t next_chunk_size_;
    size_t allocated_bytes_ = 0;
};

} // namespace pipit
