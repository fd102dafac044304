#pragma once

#include <memory>
#include <vector>

namespace pipit
{

/// Contiguous storage for plain values (column data, offsets, filters, permutations).
/// std::vector with the standard allocator, so that range inserts and copies are memmove (a
/// custom allocator makes libstdc++ copy element by element); the price is that resize()
/// zero-fills, which costs far less.
template <typename T>
using PODArray = std::vector<T>;

using Filter = PODArray<uint8_t>;     /// 1 keeps the row, 0 drops it.
using Permutation = PODArray<size_t>; /// result row i is source row perm[i].
using Offsets = PODArray<uint64_t>;   /// end offset of each row (Array, String): row i is [off[i-1], off[i]).

} // namespace pipit
