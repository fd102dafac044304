#pragma once

#include <memory>
#include <vector>

namespace pipit
{

/// Allocator whose value-less construct() default-initialises: resize() of a vector of numbers
/// does not zero memory that is about to be overwritten.
template <typename T, typename Base = std::allocator<T>>
struct DefaultInitAllocator : Base
{
    using Base::Base;
    template <typename U>
    struct rebind
    {
        using other = DefaultInitAllocator<U, typename std::allocator_traits<Base>::template rebind_alloc<U>>;
    };
    template <typename U>
    void construct(U * ptr) noexcept(std::is_nothrow_default_constructible_v<U>)
    {
        ::new (static_cast<void *>(ptr)) U;
    }
    template <typename U, typename... Args>
    void construct(U * ptr, Args &&... args)
    {
        std::allocator_traits<Base>::construct(static_cast<Base &>(*this), ptr, std::forward<Args>(args)...);
    }
};

/// Contiguous storage for plain values (column data, offsets, filters, permutations).
template <typename T>
using PODArray = std::vector<T, DefaultInitAllocator<T>>;

using Filter = PODArray<uint8_t>;       /// 1 keeps the row, 0 drops it.
using Permutation = PODArray<size_t>;   /// result row i is source row perm[i].
using Offsets = PODArray<uint64_t>;     /// end offset of each row (Array, String): row i is [off[i-1], off[i]).

} // namespace pipit
