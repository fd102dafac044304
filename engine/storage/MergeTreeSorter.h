#pragma once

#include "engine/columns/IColumn.h"

namespace pipit
{

/// Stable ordering of rows by several key columns (ascending, NULLs and NaNs last): equal keys keep
/// their input order, which merges rely on (block order = insertion order).
class MergeTreeSorter
{
public:
    /// Permutation that sorts the rows of `keys` (all of equal size). Empty keys: identity.
    static Permutation sortPermutation(const Columns & keys, size_t rows);
    /// True if the rows are already sorted by `keys`.
    static bool isSorted(const Columns & keys, size_t rows);
    /// <0, 0, >0 comparing row `a` of `lhs` with row `b` of `rhs` (same kinds of columns).
    static int compareRows(const Columns & lhs, size_t a, const Columns & rhs, size_t b);
};

} // namespace pipit
