#include "engine/columns/IColumn.h"

#include "engine/base/Exception.h"

#include <algorithm>
#include <numeric>
#include <xxhash.h>

namespace pipit
{

std::string_view IColumn::getDataAt(size_t) const
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, std::string("getDataAt is not supported for column ") + getFamilyName());
}

void IColumn::insertData(const char *, size_t)
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, std::string("insertData is not supported for column ") + getFamilyName());
}

MutableColumnPtr IColumn::cloneMutable() const
{
    auto res = cloneEmpty();
    res->insertRangeFrom(*this, 0, size());
    return res;
}

ColumnPtr IColumn::cut(size_t start, size_t length) const
{
    auto res = cloneEmpty();
    res->insertRangeFrom(*this, start, length);
    return res;
}

void IColumn::getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const
{
    size_t n = size();
    perm.resize(n);
    std::iota(perm.begin(), perm.end(), size_t {0});
    auto less = [&](size_t a, size_t b)
    {
        int c = compareAt(a, b, *this, nan_direction_hint);
        return reverse ? c > 0 : c < 0;
    };
    if (limit != 0 && limit < n)
        std::partial_sort(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(limit), perm.end(), less);
    else
        std::stable_sort(perm.begin(), perm.end(), less);
}

void throwBadColumnCast(const IColumn & column, const char * expected)
{
    throw Exception(ErrorCode::LOGICAL_ERROR,
                    std::string("Logical error: column ") + column.getFamilyName() + " is not of the expected class " + expected);
}

UInt64 hashBytes(const char * data, size_t size)
{
    return XXH3_64bits(data, size);
}

} // namespace pipit
