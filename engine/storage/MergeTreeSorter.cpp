#include "engine/storage/MergeTreeSorter.h"

#include "engine/columns/ColumnVector.h"

#include <algorithm>
#include <numeric>

namespace pipit
{

namespace
{

/// Fast path: the first key is a plain number column; ties are broken by the remaining keys.
template <typename T>
bool trySortByNumber(const Columns & keys, size_t rows, Permutation & perm)
{
    const auto * column = dynamic_cast<const ColumnVector<T> *>(keys[0].get());
    if (!column)
        return false;
    const auto & data = column->getData();
    if constexpr (std::is_floating_point_v<T>)
    {
        for (size_t i = 0; i < rows; ++i)
            if (data[i] != data[i])
                return false; /// NaN: use the generic comparison for its ordering
    }
    if (keys.size() == 1)
    {
        std::stable_sort(perm.begin(), perm.end(), [&](size_t a, size_t b) { return data[a] < data[b]; });
        return true;
    }
    std::stable_sort(perm.begin(), perm.end(), [&](size_t a, size_t b)
    {
        if (data[a] != data[b])
            return data[a] < data[b];
        for (size_t k = 1; k < keys.size(); ++k)
        {
            int c = keys[k]->compareAt(a, b, *keys[k], 1);
            if (c != 0)
                return c < 0;
        }
        return false;
    });
    return true;
}

}

int MergeTreeSorter::compareRows(const Columns & lhs, size_t a, const Columns & rhs, size_t b)
{
    for (size_t k = 0; k < lhs.size(); ++k)
    {
        int c = lhs[k]->compareAt(a, b, *rhs[k], 1);
        if (c != 0)
            return c;
    }
    return 0;
}

bool MergeTreeSorter::isSorted(const Columns & keys, size_t rows)
{
    for (size_t i = 1; i < rows; ++i)
        if (compareRows(keys, i - 1, keys, i) > 0)
            return false;
    return true;
}

Permutation MergeTreeSorter::sortPermutation(const Columns & keys, size_t rows)
{
    Permutation perm(rows);
    std::iota(perm.begin(), perm.end(), size_t{0});
    if (keys.empty() || rows < 2)
        return perm;
    if (trySortByNumber<UInt64>(keys, rows, perm) || trySortByNumber<UInt32>(keys, rows, perm) || trySortByNumber<UInt16>(keys, rows, perm)
        || trySortByNumber<UInt8>(keys, rows, perm) || trySortByNumber<Int64>(keys, rows, perm) || trySortByNumber<Int32>(keys, rows, perm)
        || trySortByNumber<Int16>(keys, rows, perm) || trySortByNumber<Int8>(keys, rows, perm) || trySortByNumber<Float64>(keys, rows, perm)
        || trySortByNumber<Float32>(keys, rows, perm))
        return perm;
    std::stable_sort(perm.begin(), perm.end(), [&](size_t a, size_t b) { return compareRows(keys, a, keys, b) < 0; });
    return perm;
}

} // namespace pipit
