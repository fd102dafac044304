#include "engine/columns/ColumnConst.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnVector.h"

#include <numeric>

namespace pipit
{

ColumnConst::ColumnConst(ColumnPtr data, size_t size)
    : data_(std::move(data))
    , size_(size)
{
    CHECK(data_ != nullptr);
    if (const auto * nested_const = dynamic_cast<const ColumnConst *>(data_.get()))
        data_ = nested_const->data_;
    CHECK(data_->size() == 1);
}

ColumnPtr ColumnConst::convertToFullColumn() const
{
    Offsets offsets {size_};
    return data_->replicate(offsets);
}

void ColumnConst::popBack(size_t count)
{
    CHECK(count <= size_);
    size_ -= count;
}

ColumnPtr ColumnConst::filter(const Filter & filter, size_t) const
{
    column_detail::checkFilterSize(filter, size_);
    return create(data_, column_detail::countBytesInFilter(filter));
}

ColumnPtr ColumnConst::permute(const Permutation & perm, size_t limit) const
{
    return create(data_, column_detail::permuteLimit(perm, limit));
}

ColumnPtr ColumnConst::cut(size_t start, size_t length) const
{
    CHECK(start + length <= size_);
    return create(data_, length);
}

ColumnPtr ColumnConst::replicate(const Offsets & offsets) const
{
    column_detail::checkReplicateOffsets(offsets, size_);
    return create(data_, offsets.empty() ? 0 : offsets.back());
}

int ColumnConst::compareAt(size_t, size_t, const IColumn & rhs, int nan_direction_hint) const
{
    return data_->compareAt(0, 0, *static_cast<const ColumnConst &>(rhs).data_, nan_direction_hint);
}

void ColumnConst::getPermutation(bool, size_t, int, Permutation & perm) const
{
    perm.resize(size_);
    std::iota(perm.begin(), perm.end(), size_t {0});
}

ColumnPtr convertToFullColumnIfConst(const ColumnPtr & column)
{
    if (const auto * const_column = dynamic_cast<const ColumnConst *>(column.get()))
        return const_column->convertToFullColumn();
    return column;
}

} // namespace pipit
