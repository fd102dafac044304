#pragma once

#include "engine/aggregates/DistinctRowSet.h"
#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// -Distinct combinator: the nested function sees each distinct argument tuple once. The state
/// keeps the distinct rows; the nested state is built from them when the result is taken.
class AggregateFunctionDistinct final : public IAggregateFunctionDataHelper<DistinctRowSet, AggregateFunctionDistinct>
{
public:
    AggregateFunctionDistinct(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters)
        : IAggregateFunctionDataHelper(argument_types, std::move(parameters))
        , nested_(std::move(nested))
    {
    }

    std::string getName() const override { return nested_->getName() + "Distinct"; }
    DataTypePtr getReturnType() const override { return nested_->getReturnType(); }
    bool returnsDefaultWhenOnlyNull() const override { return nested_->returnsDefaultWhenOnlyNull(); }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const final;
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const override;
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override;
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override;
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override;

private:
    AggregateFunctionPtr nested_;
};

} // namespace pipit
