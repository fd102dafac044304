#include "engine/columns/ColumnArray.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnNullable.h"

namespace pipit
{

ColumnArray::ColumnArray(MutableColumnPtr nested, MutableColumnPtr offsets)
    : data_(std::move(nested))
    , offsets_(std::dynamic_pointer_cast<ColumnUInt64>(offsets))
{
    CHECK(data_ != nullptr);
    CHECK(offsets_ != nullptr);
    CHECK(!data_->isConst());
    /// Offsets may come from disk: validate them so a corrupted part fails cleanly.
    UInt64 prev = 0;
    for (UInt64 offset : getOffsets())
    {
        if (offset < prev)
            throw Exception(ErrorCode::INCORRECT_DATA, "Array offsets are not monotonic");
        prev = offset;
    }
    if (prev != data_->size())
        throw Exception(ErrorCode::INCORRECT_DATA, "Array offsets end at " + std::to_string(prev) + " but the nested column has " +
                                                       std::to_string(data_->size()) + " elements");
}

Field ColumnArray::operator[](size_t n) const
{
    FieldArray res;
    const size_t start = offsetAt(n);
    const size_t end = getOffsets()[n];
    res.values.reserve(end - start);
    for (size_t i = start; i < end; ++i)
        res.values.push_back((*data_)[i]);
    return Field(std::move(res));
}

void ColumnArray::insert(const Field & value)
{
    const auto * array = value.tryGet<FieldArray>();
    if (!array)
        throw Exception(ErrorCode::BAD_TYPE_OF_FIELD, "Value " + value.dump() + " cannot be inserted into a column Array");
    size_t inserted = 0;
    try
    {
        for (const auto & element : array->values)
        {
            data_->insert(element);
            ++inserted;
        }
    }
    catch (...)
    {
        data_->popBack(inserted);
        throw;
    }
    getOffsets().push_back(data_->size());
}

void ColumnArray::insertFrom(const IColumn & src, size_t n)
{
    const auto & src_col = static_cast<const ColumnArray &>(src);
    data_->insertRangeFrom(*src_col.data_, src_col.offsetAt(n), src_col.sizeAt(n));
    getOffsets().push_back(data_->size());
}

void ColumnArray::insertRangeFrom(const IColumn & src, size_t start, size_t length)
{
    if (length == 0)
        return;
    const auto & src_col = assertColumnCast<ColumnArray>(src);
    CHECK(start + length <= src_col.size());
    const size_t nested_start = src_col.offsetAt(start);
    const size_t nested_end = src_col.getOffsets()[start + length - 1];
    const size_t base = data_->size();
    data_->insertRangeFrom(*src_col.data_, nested_start, nested_end - nested_start);
    auto & offsets = getOffsets();
    const size_t old_rows = offsets.size();
    offsets.resize(old_rows + length);
    for (size_t i = 0; i < length; ++i)
        offsets[old_rows + i] = src_col.getOffsets()[start + i] - nested_start + base;
}

void ColumnArray::popBack(size_t count)
{
    CHECK(count <= size());
    if (count == 0)
        return;
    auto & offsets = getOffsets();
    const size_t new_rows = offsets.size() - count;
    const size_t new_nested = new_rows == 0 ? 0 : offsets[new_rows - 1];
    data_->popBack(data_->size() - new_nested);
    offsets.resize(new_rows);
}

ColumnPtr ColumnArray::filter(const Filter & filter, size_t result_size_hint) const
{
    const size_t rows = size();
    column_detail::checkFilterSize(filter, rows);
    const auto & offsets = getOffsets();
    Filter nested_filter(data_->size());
    auto res_offsets = ColumnUInt64::create();
    auto & out_offsets = res_offsets->getData();
    out_offsets.reserve(result_size_hint ? result_size_hint : rows);
    UInt64 prev = 0;
    UInt64 total = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        const UInt8 keep = filter[i] != 0;
        std::fill(nested_filter.begin() + static_cast<std::ptrdiff_t>(prev),
                  nested_filter.begin() + static_cast<std::ptrdiff_t>(offsets[i]), keep);
        if (keep)
        {
            total += offsets[i] - prev;
            out_offsets.push_back(total);
        }
        prev = offsets[i];
    }
    return create(assumeMutable(data_->filter(nested_filter, total)), std::move(res_offsets));
}

ColumnPtr ColumnArray::permute(const Permutation & perm, size_t limit) const
{
    const size_t rows = column_detail::permuteLimit(perm, limit);
    auto res_offsets = ColumnUInt64::create(rows);
    auto & out_offsets = res_offsets->getData();
    size_t total = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        total += sizeAt(perm[i]);
        out_offsets[i] = total;
    }
    Permutation nested_perm(total);
    size_t pos = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        const size_t end = getOffsets()[perm[i]];
        for (size_t j = offsetAt(perm[i]); j < end; ++j)
            nested_perm[pos++] = j;
    }
    return create(assumeMutable(data_->permute(nested_perm, 0)), std::move(res_offsets));
}

ColumnPtr ColumnArray::cut(size_t start, size_t length) const
{
    auto res = create(data_->cloneEmpty());
    res->insertRangeFrom(*this, start, length);
    return res;
}

ColumnPtr ColumnArray::replicate(const Offsets & offsets) const
{
    const size_t rows = size();
    column_detail::checkReplicateOffsets(offsets, rows);
    const size_t out_rows = rows == 0 ? 0 : offsets.back();
    auto res_offsets = ColumnUInt64::create(out_rows);
    auto & out_offsets = res_offsets->getData();
    size_t total = 0;
    size_t out_row = 0;
    UInt64 prev = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        for (UInt64 j = prev; j < offsets[i]; ++j)
        {
            total += sizeAt(i);
            out_offsets[out_row++] = total;
        }
        prev = offsets[i];
    }
    Permutation nested_perm(total);
    size_t pos = 0;
    prev = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        const size_t start = offsetAt(i);
        const size_t end = getOffsets()[i];
        for (UInt64 j = prev; j < offsets[i]; ++j)
            for (size_t k = start; k < end; ++k)
                nested_perm[pos++] = k;
        prev = offsets[i];
    }
    return create(assumeMutable(data_->permute(nested_perm, 0)), std::move(res_offsets));
}

int ColumnArray::compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const
{
    const auto & rhs_col = static_cast<const ColumnArray &>(rhs);
    const size_t lhs_start = offsetAt(n);
    const size_t lhs_size = sizeAt(n);
    const size_t rhs_start = rhs_col.offsetAt(m);
    const size_t rhs_size = rhs_col.sizeAt(m);
    const size_t common = std::min(lhs_size, rhs_size);
    for (size_t i = 0; i < common; ++i)
        if (int c = data_->compareAt(lhs_start + i, rhs_start + i, *rhs_col.data_, nan_direction_hint))
            return c;
    return (lhs_size > rhs_size) - (lhs_size < rhs_size);
}

void ColumnArray::getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const
{
    column_detail::getPermutationByCompareAt(*this, reverse, limit, nan_direction_hint, perm);
}

void ColumnArray::updateHashWithValue(size_t n, UInt64 & hash) const
{
    const size_t start = offsetAt(n);
    const size_t end = getOffsets()[n];
    hashCombine(hash, end - start);
    for (size_t i = start; i < end; ++i)
        data_->updateHashWithValue(i, hash);
}

} // namespace pipit
