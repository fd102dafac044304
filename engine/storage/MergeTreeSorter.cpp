#include "engine/storage/MergeTreeSorter.h"

#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace pipit
{

namespace
{

/// A half-open range of `perm` whose rows are equal on the keys sorted so far.
struct EqualRange
{
    size_t begin;
    size_t end;
};

/// Stable-sorts each range of `perm` by one key column with a comparator `less(a, b)` and
/// equality `equal(a, b)`, and returns the sub-ranges of equal values (longer than one row).
template <typename Less, typename Equal>
std::vector<EqualRange> refine(Permutation & perm, const std::vector<EqualRange> & ranges, Less less, Equal equal)
{
    std::vector<EqualRange> next;
    for (const auto & range : ranges)
    {
        auto first = perm.begin() + static_cast<ptrdiff_t>(range.begin);
        auto last = perm.begin() + static_cast<ptrdiff_t>(range.end);
        if (!std::is_sorted(first, last, less))
            std::stable_sort(first, last, less);
        size_t start = range.begin;
        for (size_t i = range.begin + 1; i <= range.end; ++i)
        {
            if (i == range.end || !equal(perm[start], perm[i]))
            {
                if (i - start > 1)
                    next.push_back({start, i});
                start = i;
            }
        }
    }
    return next;
}

template <typename T>
bool tryRefineNumber(const IColumn & column, Permutation & perm, std::vector<EqualRange> & ranges)
{
    const auto * typed = dynamic_cast<const ColumnVector<T> *>(&column);
    if (!typed)
        return false;
    const T * data = typed->getData().data();
    if constexpr (std::is_floating_point_v<T>)
    {
        /// NaN sorts last (nan_direction_hint = 1) and equals NaN.
        ranges = refine(
            perm, ranges,
            [data](size_t a, size_t b)
            {
                bool a_nan = std::isnan(data[a]);
                bool b_nan = std::isnan(data[b]);
                if (a_nan || b_nan)
                    return !a_nan && b_nan;
                return data[a] < data[b];
            },
            [data](size_t a, size_t b) { return data[a] == data[b] || (std::isnan(data[a]) && std::isnan(data[b])); });
    }
    else
        ranges = refine(
            perm, ranges, [data](size_t a, size_t b) { return data[a] < data[b]; },
            [data](size_t a, size_t b) { return data[a] == data[b]; });
    return true;
}

bool tryRefineString(const IColumn & column, Permutation & perm, std::vector<EqualRange> & ranges)
{
    const auto * typed = dynamic_cast<const ColumnString *>(&column);
    if (!typed)
        return false;
    const char * chars = typed->getChars().data();
    const UInt64 * offsets = typed->getOffsets().data();
    auto view = [chars, offsets](size_t row)
    {
        size_t start = row == 0 ? 0 : offsets[row - 1];
        return std::string_view(chars + start, offsets[row] - start);
    };
    ranges = refine(
        perm, ranges, [&view](size_t a, size_t b) { return view(a) < view(b); },
        [&view](size_t a, size_t b) { return view(a) == view(b); });
    return true;
}

void refineByColumn(const IColumn & column, Permutation & perm, std::vector<EqualRange> & ranges)
{
    if (tryRefineNumber<UInt64>(column, perm, ranges) || tryRefineNumber<UInt32>(column, perm, ranges) ||
        tryRefineNumber<UInt16>(column, perm, ranges) || tryRefineNumber<UInt8>(column, perm, ranges) ||
        tryRefineNumber<Int64>(column, perm, ranges) || tryRefineNumber<Int32>(column, perm, ranges) ||
        tryRefineNumber<Int16>(column, perm, ranges) || tryRefineNumber<Int8>(column, perm, ranges) ||
        tryRefineNumber<Float64>(column, perm, ranges) || tryRefineNumber<Float32>(column, perm, ranges) ||
        tryRefineNumber<Int128>(column, perm, ranges) || tryRefineNumber<UInt128>(column, perm, ranges) ||
        tryRefineString(column, perm, ranges))
        return;
    ranges = refine(
        perm, ranges, [&column](size_t a, size_t b) { return column.compareAt(a, b, column, 1) < 0; },
        [&column](size_t a, size_t b) { return column.compareAt(a, b, column, 1) == 0; });
}

} // namespace

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
    std::iota(perm.begin(), perm.end(), size_t {0});
    if (keys.empty() || rows < 2)
        return perm;
    std::vector<EqualRange> ranges {{0, rows}};
    for (const auto & key : keys)
    {
        refineByColumn(*key, perm, ranges);
        if (ranges.empty())
            break;
    }
    return perm;
}

} // namespace pipit
