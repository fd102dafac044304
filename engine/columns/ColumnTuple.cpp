#include "engine/columns/ColumnTuple.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"

namespace pipit
{

ColumnTuple::ColumnTuple(MutableColumns columns, size_t rows_if_empty)
    : columns_(std::move(columns))
    , size_(rows_if_empty)
{
    if (!columns_.empty())
        size_ = columns_[0]->size();
    for (const auto & column : columns_)
    {
        CHECK(column != nullptr);
        CHECK(!column->isConst());
        CHECK(column->size() == size_);
    }
}

Field ColumnTuple::operator[](size_t n) const
{
    FieldTuple res;
    res.values.reserve(columns_.size());
    for (const auto & column : columns_)
        res.values.push_back((*column)[n]);
    return Field(std::move(res));
}

MutableColumnPtr ColumnTuple::cloneEmpty() const
{
    MutableColumns columns;
    for (const auto & column : columns_)
        columns.push_back(column->cloneEmpty());
    return std::make_shared<ColumnTuple>(std::move(columns));
}

MutableColumnPtr ColumnTuple::cloneMutable() const
{
    MutableColumns columns;
    for (const auto & column : columns_)
        columns.push_back(column->cloneMutable());
    return std::make_shared<ColumnTuple>(std::move(columns), size_);
}

void ColumnTuple::insert(const Field & value)
{
    const auto * tuple = value.tryGet<FieldTuple>();
    if (!tuple || tuple->values.size() != columns_.size())
        throw Exception(ErrorCode::BAD_TYPE_OF_FIELD, "Value " + value.dump() + " cannot be inserted into a column Tuple of " +
                                                          std::to_string(columns_.size()) + " elements");
    size_t inserted = 0;
    try
    {
        for (; inserted < columns_.size(); ++inserted)
            columns_[inserted]->insert(tuple->values[inserted]);
    }
    catch (...)
    {
        for (size_t i = 0; i < inserted; ++i)
            columns_[i]->popBack(1);
        throw;
    }
    ++size_;
}

void ColumnTuple::insertFrom(const IColumn & src, size_t n)
{
    const auto & src_col = static_cast<const ColumnTuple &>(src);
    for (size_t i = 0; i < columns_.size(); ++i)
        columns_[i]->insertFrom(*src_col.columns_[i], n);
    ++size_;
}

void ColumnTuple::insertRangeFrom(const IColumn & src, size_t start, size_t length)
{
    const auto & src_col = assertColumnCast<ColumnTuple>(src);
    CHECK(src_col.columns_.size() == columns_.size());
    CHECK(start + length <= src_col.size());
    for (size_t i = 0; i < columns_.size(); ++i)
        columns_[i]->insertRangeFrom(*src_col.columns_[i], start, length);
    size_ += length;
}

void ColumnTuple::insertDefault()
{
    for (auto & column : columns_)
        column->insertDefault();
    ++size_;
}

void ColumnTuple::popBack(size_t count)
{
    CHECK(count <= size_);
    for (auto & column : columns_)
        column->popBack(count);
    size_ -= count;
}

void ColumnTuple::reserve(size_t count)
{
    for (auto & column : columns_)
        column->reserve(count);
}

template <typename Op>
ColumnPtr ColumnTuple::transform(size_t result_rows, Op && op) const
{
    MutableColumns columns;
    columns.reserve(columns_.size());
    for (const auto & column : columns_)
        columns.push_back(assumeMutable(op(*column)));
    return std::make_shared<ColumnTuple>(std::move(columns), result_rows);
}

ColumnPtr ColumnTuple::filter(const Filter & filter, size_t result_size_hint) const
{
    column_detail::checkFilterSize(filter, size_);
    return transform(column_detail::countBytesInFilter(filter),
                     [&](const IColumn & column) { return column.filter(filter, result_size_hint); });
}

ColumnPtr ColumnTuple::permute(const Permutation & perm, size_t limit) const
{
    return transform(column_detail::permuteLimit(perm, limit), [&](const IColumn & column) { return column.permute(perm, limit); });
}

ColumnPtr ColumnTuple::cut(size_t start, size_t length) const
{
    CHECK(start + length <= size_);
    return transform(length, [&](const IColumn & column) { return column.cut(start, length); });
}

ColumnPtr ColumnTuple::replicate(const Offsets & offsets) const
{
    column_detail::checkReplicateOffsets(offsets, size_);
    return transform(offsets.empty() ? 0 : offsets.back(), [&](const IColumn & column) { return column.replicate(offsets); });
}

int ColumnTuple::compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const
{
    const auto & rhs_col = static_cast<const ColumnTuple &>(rhs);
    const size_t common = std::min(columns_.size(), rhs_col.columns_.size());
    for (size_t i = 0; i < common; ++i)
        if (int c = columns_[i]->compareAt(n, m, *rhs_col.columns_[i], nan_direction_hint))
            return c;
    return 0;
}

void ColumnTuple::getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const
{
    if (columns_.size() == 1)
    {
        columns_[0]->getPermutation(reverse, limit, nan_direction_hint, perm);
        return;
    }
    column_detail::getPermutationByCompareAt(*this, reverse, limit, nan_direction_hint, perm);
}

void ColumnTuple::updateHashWithValue(size_t n, UInt64 & hash) const
{
    for (const auto & column : columns_)
        column->updateHashWithValue(n, hash);
}

size_t ColumnTuple::byteSize() const
{
    size_t res = 0;
    for (const auto & column : columns_)
        res += column->byteSize();
    return res;
}

} // namespace pipit
