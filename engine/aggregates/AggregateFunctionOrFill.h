#pragma once

#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// -OrNull / -OrDefault combinators: when no row was added, the result is NULL (OrNull; the result
/// type becomes Nullable) or the nested result type's default (OrDefault) instead of the nested
/// function's empty result. Over an -If function only rows passing the condition count as added
/// (sumIfOrNull of no matching row is NULL). State: [flag byte, padding][nested state].
class AggregateFunctionOrFill final : public IAggregateFunction
{
public:
    AggregateFunctionOrFill(AggregateFunctionPtr nested, bool or_null, const DataTypes & argument_types, FieldVector parameters);

    std::string getName() const override { return nested_->getName() + (or_null_ ? "OrNull" : "OrDefault"); }
    DataTypePtr getReturnType() const override;

    size_t sizeOfData() const override { return prefix_size_ + nested_->sizeOfData(); }
    size_t alignOfData() const override { return nested_->alignOfData(); }
    void create(AggregateDataPtr place) const override;
    void destroy(AggregateDataPtr place) const noexcept override { nested_->destroy(place + prefix_size_); }
    bool hasTrivialDestructor() const override { return nested_->hasTrivialDestructor(); }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const override;
    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override;
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override;
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const override;
    UInt8 getStateVersion() const override { return nested_->getStateVersion(); }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override;
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override;
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override;

private:
    AggregateFunctionPtr nested_;
    bool or_null_;
    /// OrNull over a nested function whose result is already Nullable keeps that type.
    bool wrap_nullable_;
    size_t prefix_size_;
    /// Index of the -If condition argument of the nested function, or -1.
    int condition_index_ = -1;
};

} // namespace pipit
