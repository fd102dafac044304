#include "engine/columns/ColumnFixedString.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace pipit
{

ColumnFixedString::ColumnFixedString(size_t n)
    : n_(n)
{
    CHECK(n_ > 0);
}

MutableColumnPtr ColumnFixedString::cloneMutable() const
{
    auto res = create(n_);
    res->chars_ = chars_;
    return res;
}

void ColumnFixedString::insert(const Field & value)
{
    const auto * str = value.tryGet<std::string>();
    if (!str)
        throw Exception(ErrorCode::BAD_TYPE_OF_FIELD, "Value " + value.dump() + " cannot be inserted into a column FixedString");
    insertData(str->data(), str->size());
}

void ColumnFixedString::insertData(const char * data, size_t size)
{
    if (size > n_)
        throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE,
                        "String of " + std::to_string(size) + " bytes is too large for FixedString(" + std::to_string(n_) + ")");
    const size_t old = chars_.size();
    chars_.resize(old + n_);
    if (size)
        std::memcpy(chars_.data() + old, data, size);
    std::memset(chars_.data() + old + size, 0, n_ - size);
}

void ColumnFixedString::insertRangeFrom(const IColumn & src, size_t start, size_t length)
{
    const auto & src_col = assertColumnCast<ColumnFixedString>(src);
    CHECK(src_col.n_ == n_);
    CHECK(start + length <= src_col.size());
    const char * p = src_col.chars_.data() + start * n_;
    chars_.insert(chars_.end(), p, p + length * n_);
}

void ColumnFixedString::popBack(size_t count)
{
    CHECK(count <= size());
    chars_.resize(chars_.size() - count * n_);
}

ColumnPtr ColumnFixedString::filter(const Filter & filter, size_t) const
{
    const size_t rows = size();
    column_detail::checkFilterSize(filter, rows);
    auto res = create(n_);
    res->chars_.resize(column_detail::countBytesInFilter(filter) * n_);
    char * out = res->chars_.data();
    const char * in = chars_.data();
    for (size_t i = 0; i < rows; ++i)
    {
        if (filter[i])
        {
            std::memcpy(out, in + i * n_, n_);
            out += n_;
        }
    }
    return res;
}

ColumnPtr ColumnFixedString::permute(const Permutation & perm, size_t limit) const
{
    const size_t rows = column_detail::permuteLimit(perm, limit);
    auto res = create(n_);
    res->chars_.resize(rows * n_);
    char * out = res->chars_.data();
    for (size_t i = 0; i < rows; ++i)
        std::memcpy(out + i * n_, chars_.data() + perm[i] * n_, n_);
    return res;
}

ColumnPtr ColumnFixedString::cut(size_t start, size_t length) const
{
    auto res = create(n_);
    res->insertRangeFrom(*this, start, length);
    return res;
}

ColumnPtr ColumnFixedString::replicate(const Offsets & offsets) const
{
    const size_t rows = size();
    column_detail::checkReplicateOffsets(offsets, rows);
    auto res = create(n_);
    if (rows == 0)
        return res;
    res->chars_.resize(offsets.back() * n_);
    char * out = res->chars_.data();
    UInt64 prev = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        for (UInt64 j = prev; j < offsets[i]; ++j)
        {
            std::memcpy(out, chars_.data() + i * n_, n_);
            out += n_;
        }
        prev = offsets[i];
    }
    return res;
}

int ColumnFixedString::compareAt(size_t n, size_t m, const IColumn & rhs, int) const
{
    const auto & rhs_col = static_cast<const ColumnFixedString &>(rhs);
    int c = std::memcmp(chars_.data() + n * n_, rhs_col.chars_.data() + m * rhs_col.n_, std::min(n_, rhs_col.n_));
    if (c != 0)
        return c < 0 ? -1 : 1;
    return (n_ > rhs_col.n_) - (n_ < rhs_col.n_);
}

void ColumnFixedString::getPermutation(bool reverse, size_t limit, int, Permutation & perm) const
{
    const size_t rows = size();
    perm.resize(rows);
    std::iota(perm.begin(), perm.end(), size_t {0});
    if (limit >= rows)
        limit = 0;
    const char * data = chars_.data();
    const size_t width = n_;
    auto less = [data, width, reverse](size_t a, size_t b)
    {
        int c = std::memcmp(data + a * width, data + b * width, width);
        if (reverse)
            c = -c;
        return c < 0 || (c == 0 && a < b);
    };
    if (limit != 0)
        std::partial_sort(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(limit), perm.end(), less);
    else
        std::sort(perm.begin(), perm.end(), less);
}

} // namespace pipit
