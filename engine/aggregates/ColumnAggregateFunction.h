#pragma once

#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// Column of aggregate function states (the values of AggregateFunction(f, T) and the result of
/// fState). Each row is a pointer to a state in the column's own Arena; the column owns its states
/// and destroys them with itself. Copies between columns (insertFrom, filter, permute ...) create a
/// fresh state and merge the source into it. operator[] / insert(Field) use the serialised state
/// (with its version byte) as a String Field, like ClickHouse.
class ColumnAggregateFunction final : public IColumn
{
public:
    explicit ColumnAggregateFunction(AggregateFunctionPtr function);
    ~ColumnAggregateFunction() override;
    ColumnAggregateFunction(const ColumnAggregateFunction &) = delete;
    ColumnAggregateFunction & operator=(const ColumnAggregateFunction &) = delete;

    static std::shared_ptr<ColumnAggregateFunction> create(AggregateFunctionPtr function)
    {
        return std::make_shared<ColumnAggregateFunction>(std::move(function));
    }

    const AggregateFunctionPtr & getAggregateFunction() const { return function_; }
    const PODArray<AggregateDataPtr> & getData() const { return data_; }
    /// The arena holding this column's states; pass it to add/merge on them.
    Arena & getArena() { return *arena_; }

    /// Appends a new empty state and returns it.
    AggregateDataPtr insertEmptyState();
    /// Appends a copy of `place` (a state of the same function).
    void insertMergeFrom(ConstAggregateDataPtr place);
    /// Appends a state read by IAggregateFunction::deserialize.
    void insertDeserialized(ReadBuffer & in);

    const char * getFamilyName() const override { return "AggregateFunction"; }
    size_t size() const override { return data_.size(); }
    Field operator[](size_t n) const override;
    MutableColumnPtr cloneEmpty() const override { return create(function_); }
    void insert(const Field & value) override;
    void insertFrom(const IColumn & src, size_t n) override;
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override;
    void insertDefault() override { insertEmptyState(); }
    void popBack(size_t count) override;
    void reserve(size_t count) override { data_.reserve(count); }
    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;
    /// States have no order: every pair compares equal.
    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    void updateHashWithValue(size_t n, UInt64 & hash) const override;
    size_t byteSize() const override;

private:
    AggregateFunctionPtr function_;
    std::unique_ptr<Arena> arena_;
    PODArray<AggregateDataPtr> data_;
};

} // namespace pipit
