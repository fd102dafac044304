#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace pipit
{

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

    std::vector<std::unique_ptr<char[]>> chunks_;
    char * pos_ = nullptr;
    char * end_ = nullptr;
    size_t next_chunk_size_;
    size_t allocated_bytes_ = 0;
};

} // namespace pipit
