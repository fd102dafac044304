#pragma once

#include "engine/columns/ColumnVector.h"

namespace pipit
{

/// Array(T): a nested column holding all elements back to back + END offsets (ColumnUInt64):
/// row i is nested[offsets[i-1], offsets[i]) with offsets[-1] = 0.
class ColumnArray final : public IColumn
{
public:
    ColumnArray(MutableColumnPtr nested, MutableColumnPtr offsets);

    static std::shared_ptr<ColumnArray> create(MutableColumnPtr nested, MutableColumnPtr offsets)
    {
        return std::make_shared<ColumnArray>(std::move(nested), std::move(offsets));
    }
    static std::shared_ptr<ColumnArray> create(MutableColumnPtr nested)
    {
        return std::make_shared<ColumnArray>(std::move(nested), ColumnUInt64::create());
    }

    IColumn & getData() { return *data_; }
    const IColumn & getData() const { return *data_; }
    const MutableColumnPtr & getDataPtr() { return data_; }
    ColumnPtr getDataPtr() const { return data_; }
    Offsets & getOffsets() { return offsets_->getData(); }
    const Offsets & getOffsets() const { return offsets_->getData(); }
    ColumnUInt64 & getOffsetsColumn() { return *offsets_; }
    const ColumnUInt64 & getOffsetsColumn() const { return *offsets_; }
    ColumnPtr getOffsetsPtr() const { return offsets_; }

    /// Start offset of row i in the nested column.
    size_t offsetAt(size_t i) const { return i == 0 ? 0 : getOffsets()[i - 1]; }
    size_t sizeAt(size_t i) const { return getOffsets()[i] - offsetAt(i); }

    const char * getFamilyName() const override { return "Array"; }
    size_t size() const override { return offsets_->size(); }
    Field operator[](size_t n) const override;

    MutableColumnPtr cloneEmpty() const override { return create(data_->cloneEmpty()); }
    MutableColumnPtr cloneMutable() const override { return create(data_->cloneMutable(), offsets_->cloneMutable()); }

    /// Accepts a FieldArray; on a bad element nothing is inserted.
    void insert(const Field & value) override;
    void insertFrom(const IColumn & src, size_t n) override;
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override;
    void insertDefault() override { getOffsets().push_back(getOffsets().empty() ? 0 : getOffsets().back()); }
    void popBack(size_t count) override;
    void reserve(size_t count) override { offsets_->reserve(count); }

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr cut(size_t start, size_t length) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;

    /// Lexicographic by elements, then the shorter array first.
    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override;

    void updateHashWithValue(size_t n, UInt64 & hash) const override;
    size_t byteSize() const override { return data_->byteSize() + offsets_->byteSize(); }

private:
    MutableColumnPtr data_;
    std::shared_ptr<ColumnUInt64> offsets_;
};

} // namespace pipit
