#pragma once

#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// Base of combinators whose state is exactly the nested function's state: every operation
/// forwards to the nested function; subclasses override what they change.
class AggregateFunctionForwarding : public IAggregateFunction
{
public:
    AggregateFunctionForwarding(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters)
        : IAggregateFunction(argument_types, std::move(parameters))
        , nested_(std::move(nested))
    {
    }

    const AggregateFunctionPtr & getNestedFunction() const { return nested_; }

    DataTypePtr getReturnType() const override { return nested_->getReturnType(); }
    bool returnsDefaultWhenOnlyNull() const override { return nested_->returnsDefaultWhenOnlyNull(); }
    size_t sizeOfData() const override { return nested_->sizeOfData(); }
    size_t alignOfData() const override { return nested_->alignOfData(); }
    void create(AggregateDataPtr place) const override { nested_->create(place); }
    void destroy(AggregateDataPtr place) const noexcept override { nested_->destroy(place); }
    bool hasTrivialDestructor() const override { return nested_->hasTrivialDestructor(); }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const override
    {
        nested_->add(place, columns, row, arena);
    }
    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override
    {
        nested_->addBatch(rows, places, place_offset, columns, arena);
    }
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override
    {
        nested_->addBatchSinglePlace(rows, place, columns, arena, filter);
    }
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const override { nested_->merge(place, rhs, arena); }
    UInt8 getStateVersion() const override { return nested_->getStateVersion(); }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override { nested_->serializeBody(place, out); }
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override
    {
        nested_->deserializeBody(place, in, arena);
    }
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override
    {
        nested_->insertResultInto(place, to, arena);
    }

protected:
    AggregateFunctionPtr nested_;
};

} // namespace pipit
