/// Replacements of the global operator new/delete that count every heap allocation against the calling
/// thread's MemoryTracker (if any). Sizes are malloc_usable_size(), so a free subtracts exactly what its
/// allocation added. Counting never throws: the limit is enforced by MemoryTracker::check().

#include "engine/base/MemoryTracker.h"

#include <malloc.h>

#include <cstdlib>
#include <new>

namespace pipit
{

void linkMemoryTrackingNewDelete()
{
}

} // namespace pipit

namespace
{

inline void trackAllocated(void * ptr) noexcept
{
    if (pipit::MemoryTracker::current())
        pipit::MemoryTracker::trackCurrent(static_cast<pipit::Int64>(malloc_usable_size(ptr)));
}

inline void trackFreed(void * ptr) noexcept
{
    if (pipit::MemoryTracker::current())
        pipit::MemoryTracker::trackCurrent(-static_cast<pipit::Int64>(malloc_usable_size(ptr)));
}

void * allocate(std::size_t size)
{
    void * ptr = std::malloc(size ? size : 1);
    if (!ptr)
        throw std::bad_alloc();
    trackAllocated(ptr);
    return ptr;
}

void * allocateNoThrow(std::size_t size) noexcept
{
    void * ptr = std::malloc(size ? size : 1);
    if (ptr)
        trackAllocated(ptr);
    return ptr;
}

void * allocateAligned(std::size_t size, std::align_val_t alignment)
{
    void * ptr = nullptr;
    const std::size_t align = std::max(static_cast<std::size_t>(alignment), sizeof(void *));
    if (posix_memalign(&ptr, align, size ? size : 1) != 0 || !ptr)
        throw std::bad_alloc();
    trackAllocated(ptr);
    return ptr;
}

void * allocateAlignedNoThrow(std::size_t size, std::align_val_t alignment) noexcept
{
    void * ptr = nullptr;
    const std::size_t align = std::max(static_cast<std::size_t>(alignment), sizeof(void *));
    if (posix_memalign(&ptr, align, size ? size : 1) != 0)
        return nullptr;
    if (ptr)
        trackAllocated(ptr);
    return ptr;
}

void release(void * ptr) noexcept
{
    if (!ptr)
        return;
    trackFreed(ptr);
    std::free(ptr);
}

} // namespace

void * operator new(std::size_t size)
{
    return allocate(size);
}
void * operator new[](std::size_t size)
{
    return allocate(size);
}
void * operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size);
}
void * operator new[](std::size_t size, const std::nothrow_t &) noexcept
{
    return allocateNoThrow(size);
}
void * operator new(std::size_t size, std::align_val_t alignment)
{
    return allocateAligned(size, alignment);
}
void * operator new[](std::size_t size, std::align_val_t alignment)
{
    return allocateAligned(size, alignment);
}
void * operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t &) noexcept
{
    return allocateAlignedNoThrow(size, alignment);
}
void * operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t &) noexcept
{
    return allocateAlignedNoThrow(size, alignment);
}

void operator delete(void * ptr) noexcept
{
    release(ptr);
}
void operator delete[](void * ptr) noexcept
{
    release(ptr);
}
void operator delete(void * ptr, std::size_t) noexcept
{
    release(ptr);
}
void operator delete[](void * ptr, std::size_t) noexcept
{
    release(ptr);
}
void operator delete(void * ptr, const std::nothrow_t &) noexcept
{
    release(ptr);
}
void operator delete[](void * ptr, const std::nothrow_t &) noexcept
{
    release(ptr);
}
void operator delete(void * ptr, std::align_val_t) noexcept
{
    release(ptr);
}
void operator delete[](void * ptr, std::align_val_t) noexcept
{
    release(ptr);
}
void operator delete(void * ptr, std::size_t, std::align_val_t) noexcept
{
    release(ptr);
}
void operator delete[](void * ptr, std::size_t, std::align_val_t) noexcept
{
    release(ptr);
}
void operator delete(void * ptr, std::align_val_t, const std::nothrow_t &) noexcept
{
    release(ptr);
}
void operator delete[](void * ptr, std::align_val_t, const std::nothrow_t &) noexcept
{
    release(ptr);
}
