#pragma once

#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnTuple.h"

namespace pipit
{

/// Map(K, V) stored as Array(Tuple(K, V)). Values are FieldMap whose entries are FieldTuple(key, value)
/// in insertion order.
class ColumnMap final : public IColumn
{
public:
    explicit ColumnMap(MutableColumnPtr nested_array_of_tuple);

    static std::shared_ptr<ColumnMap> create(MutableColumnPtr nested_array_of_tuple)
    {
        return std::make_shared<ColumnMap>(std::move(nested_array_of_tuple));
    }
    static std::shared_ptr<ColumnMap> create(MutableColumnPtr keys, MutableColumnPtr values, MutableColumnPtr offsets);

    ColumnArray & getNestedColumn() { return *nested_; }
    const ColumnArray & getNestedColumn() const { return *nested_; }
    ColumnPtr getNestedColumnPtr() const { return nested_; }
    ColumnTuple & getNestedData() { return static_cast<ColumnTuple &>(nested_->getData()); }
    const ColumnTuple & getNestedData() const { return static_cast<const ColumnTuple &>(nested_->getData()); }
    IColumn & getKeys() { return getNestedData().getColumn(0); }
    const IColumn & getKeys() const { return getNestedData().getColumn(0); }
    IColumn & getValues() { return getNestedData().getColumn(1); }
    const IColumn & getValues() const { return getNestedData().getColumn(1); }
    Offsets & getOffsets() { return nested_->getOffsets(); }
    const Offsets & getOffsets() const { return nested_->getOffsets(); }

    const char * getFamilyName() const override { return "Map"; }
    size_t size() const override { return nested_->size(); }
    Field operator[](size_t n) const override;

    MutableColumnPtr cloneEmpty() const override { return create(nested_->cloneEmpty()); }
    MutableColumnPtr cloneMutable() const override { return create(nested_->cloneMutable()); }

    /// Accepts a FieldMap of FieldTuple(key, value) entries; on a bad entry nothing is inserted.
    void insert(const Field & value) override;
    void insertFrom(const IColumn & src, size_t n) override { nested_->insertFrom(*static_cast<const ColumnMap &>(src).nested_, n); }
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override
    {
        nested_->insertRangeFrom(*assertColumnCast<ColumnMap>(src).nested_, start, length);
    }
    void insertDefault() override { nested_->insertDefault(); }
    void popBack(size_t count) override { nested_->popBack(count); }
    void reserve(size_t count) override { nested_->reserve(count); }

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override
    {
        return create(assumeMutable(nested_->filter(filter, result_size_hint)));
    }
    ColumnPtr permute(const Permutation & perm, size_t limit) const override
    {
        return create(assumeMutable(nested_->permute(perm, limit)));
    }
    ColumnPtr cut(size_t start, size_t length) const override { return create(assumeMutable(nested_->cut(start, length))); }
    ColumnPtr replicate(const Offsets & offsets) const override { return create(assumeMutable(nested_->replicate(offsets))); }

    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override
    {
        return nested_->compareAt(n, m, *static_cast<const ColumnMap &>(rhs).nested_, nan_direction_hint);
    }
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override
    {
        nested_->getPermutation(reverse, limit, nan_direction_hint, perm);
    }

    void updateHashWithValue(size_t n, UInt64 & hash) const override { nested_->updateHashWithValue(n, hash); }
    size_t byteSize() const override { return nested_->byteSize(); }

private:
    std::shared_ptr<ColumnArray> nested_;
};

} // namespace pipit
