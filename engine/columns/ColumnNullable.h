#pragma once

#include "engine/columns/ColumnVector.h"

namespace pipit
{

/// Nullable(T): a nested column of T + a ColumnUInt8 null map (1 = NULL) of the same size.
/// The nested column holds a default value at NULL rows. NULLs compare per nan_direction_hint
/// (1 = after every value), equal to each other.
class ColumnNullable final : public IColumn
{
public:
    ColumnNullable(MutableColumnPtr nested, MutableColumnPtr null_map);

    static std::shared_ptr<ColumnNullable> create(MutableColumnPtr nested, MutableColumnPtr null_map)
    {
        return std::make_shared<ColumnNullable>(std::move(nested), std::move(null_map));
    }
    /// Wraps `nested` with no NULLs.
    static std::shared_ptr<ColumnNullable> create(MutableColumnPtr nested);

    IColumn & getNestedColumn() { return *nested_; }
    const IColumn & getNestedColumn() const { return *nested_; }
    const MutableColumnPtr & getNestedColumnPtr() { return nested_; }
    ColumnPtr getNestedColumnPtr() const { return nested_; }
    ColumnUInt8 & getNullMapColumn() { return *null_map_; }
    const ColumnUInt8 & getNullMapColumn() const { return *null_map_; }
    ColumnPtr getNullMapColumnPtr() const { return null_map_; }
    PODArray<UInt8> & getNullMapData() { return null_map_->getData(); }
    const PODArray<UInt8> & getNullMapData() const { return null_map_->getData(); }
    bool isNullAt(size_t n) const { return null_map_->getData()[n] != 0; }

    const char * getFamilyName() const override { return "Nullable"; }
    size_t size() const override { return null_map_->size(); }
    Field operator[](size_t n) const override;

    MutableColumnPtr cloneEmpty() const override;
    MutableColumnPtr cloneMutable() const override;

    /// Null inserts NULL (default in the nested column, 1 in the map).
    void insert(const Field & value) override;
    void insertFrom(const IColumn & src, size_t n) override;
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override;
    void insertDefault() override;
    void insertManyDefaults(size_t count) override;
    /// data == nullptr inserts NULL; otherwise a non-NULL value of the nested column.
    void insertData(const char * data, size_t size) override;
    void popBack(size_t count) override;
    void reserve(size_t count) override;

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr cut(size_t start, size_t length) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;

    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override;

    void updateHashWithValue(size_t n, UInt64 & hash) const override;
    size_t byteSize() const override { return nested_->byteSize() + null_map_->byteSize(); }

    bool isNullable() const override { return true; }

private:
    MutableColumnPtr nested_;
    std::shared_ptr<ColumnUInt8> null_map_;
};

} // namespace pipit
