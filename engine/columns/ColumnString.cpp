#include "engine/columns/ColumnString.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace pipit
{

std::shared_ptr<ColumnString> ColumnString::create(std::initializer_list<std::string_view> values)
{
    auto res = create();
    for (auto value : values)
        res->insertData(value.data(), value.size());
    return res;
}

MutableColumnPtr ColumnString::cloneMutable() const
{
    auto res = create();
    res->chars_ = chars_;
    res->offsets_ = offsets_;
    return res;
}

void ColumnString::insert(const Field & value)
{
    const auto * str = value.tryGet<std::string>();
    if (!str)
        throw Exception(ErrorCode::BAD_TYPE_OF_FIELD, "Value " + value.dump() + " cannot be inserted into a column String");
    insertData(str->data(), str->size());
}

void ColumnString::insertRangeFrom(const IColumn & src, size_t start, size_t length)
{
    if (length == 0)
        return;
    const auto & src_col = assertColumnCast<ColumnString>(src);
    CHECK(start + length <= src_col.size());
    const size_t chars_begin = src_col.offsetAt(start);
    const size_t chars_end = src_col.offsets_[start + length - 1];
    const size_t base = chars_.size();
    chars_.insert(chars_.end(), src_col.chars_.data() + chars_begin, src_col.chars_.data() + chars_end);
    const size_t old_rows = offsets_.size();
    offsets_.resize(old_rows + length);
    const UInt64 shift = base - chars_begin;
    for (size_t i = 0; i < length; ++i)
        offsets_[old_rows + i] = src_col.offsets_[start + i] + shift;
}

void ColumnString::popBack(size_t count)
{
    CHECK(count <= offsets_.size());
    offsets_.resize(offsets_.size() - count);
    chars_.resize(offsets_.empty() ? 0 : offsets_.back());
}

ColumnPtr ColumnString::filter(const Filter & filter, size_t result_size_hint) const
{
    column_detail::checkFilterSize(filter, size());
    auto res = create();
    const size_t n = offsets_.size();
    res->offsets_.reserve(result_size_hint ? result_size_hint : n);
    res->chars_.reserve(chars_.size());
    /// Copy runs of consecutive kept rows with one memcpy each.
    size_t i = 0;
    while (i < n)
    {
        if (!filter[i])
        {
            ++i;
            continue;
        }
        size_t run_end = i + 1;
        while (run_end < n && filter[run_end])
            ++run_end;
        const size_t from = offsetAt(i);
        const size_t to = offsets_[run_end - 1];
        const UInt64 shift = res->chars_.size() - from;
        res->chars_.insert(res->chars_.end(), chars_.data() + from, chars_.data() + to);
        for (size_t j = i; j < run_end; ++j)
            res->offsets_.push_back(offsets_[j] + shift);
        i = run_end;
    }
    return res;
}

ColumnPtr ColumnString::permute(const Permutation & perm, size_t limit) const
{
    const size_t n = column_detail::permuteLimit(perm, limit);
    auto res = create();
    size_t total = 0;
    for (size_t i = 0; i < n; ++i)
        total += sizeAt(perm[i]);
    res->chars_.resize(total);
    res->offsets_.resize(n);
    char * out = res->chars_.data();
    size_t pos = 0;
    for (size_t i = 0; i < n; ++i)
    {
        const size_t row = perm[i];
        const size_t start = offsetAt(row);
        const size_t len = offsets_[row] - start;
        if (len != 0) // chars_ may be empty (all rows ''): memcpy must not see its null data()
            std::memcpy(out + pos, chars_.data() + start, len);
        pos += len;
        res->offsets_[i] = pos;
    }
    return res;
}

ColumnPtr ColumnString::cut(size_t start, size_t length) const
{
    CHECK(start + length <= size());
    auto res = create();
    res->insertRangeFrom(*this, start, length);
    return res;
}

ColumnPtr ColumnString::replicate(const Offsets & offsets) const
{
    column_detail::checkReplicateOffsets(offsets, size());
    auto res = create();
    const size_t n = size();
    if (n == 0)
        return res;
    size_t total = 0;
    UInt64 prev = 0;
    for (size_t i = 0; i < n; ++i)
    {
        total += (offsets[i] - prev) * sizeAt(i);
        prev = offsets[i];
    }
    res->chars_.resize(total);
    res->offsets_.resize(offsets.back());
    char * out = res->chars_.data();
    size_t pos = 0;
    size_t row_out = 0;
    prev = 0;
    for (size_t i = 0; i < n; ++i)
    {
        const size_t start = offsetAt(i);
        const size_t len = offsets_[i] - start;
        for (UInt64 j = prev; j < offsets[i]; ++j)
        {
            if (len != 0)
                std::memcpy(out + pos, chars_.data() + start, len);
            pos += len;
            res->offsets_[row_out++] = pos;
        }
        prev = offsets[i];
    }
    return res;
}

int ColumnString::compareAt(size_t n, size_t m, const IColumn & rhs, int /*nan_direction_hint*/) const
{
    return compareStrings(getDataAt(n), static_cast<const ColumnString &>(rhs).getDataAt(m));
}

void ColumnString::getPermutation(bool reverse, size_t limit, int /*nan_direction_hint*/, Permutation & perm) const
{
    const size_t n = size();
    perm.resize(n);
    std::iota(perm.begin(), perm.end(), size_t {0});
    if (limit >= n)
        limit = 0;
    auto sort = [&](auto less)
    {
        if (limit != 0)
            std::partial_sort(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(limit), perm.end(), less);
        else
            std::sort(perm.begin(), perm.end(), less);
    };
    /// Ties broken by row index keep the order stable.
    if (reverse)
        sort(
            [this](size_t a, size_t b)
            {
                int c = compareStrings(getDataAt(a), getDataAt(b));
                return c > 0 || (c == 0 && a < b);
            });
    else
        sort(
            [this](size_t a, size_t b)
            {
                int c = compareStrings(getDataAt(a), getDataAt(b));
                return c < 0 || (c == 0 && a < b);
            });
}

} // namespace pipit
