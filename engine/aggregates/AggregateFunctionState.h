#pragma once

#include "engine/aggregates/AggregateFunctionForwarding.h"

namespace pipit
{

/// -State combinator: aggregates like the nested function but returns the state itself, as a
/// value of DataTypeAggregateFunction(nested) in a ColumnAggregateFunction.
class AggregateFunctionState final : public AggregateFunctionForwarding
{
public:
    AggregateFunctionState(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters)
        : AggregateFunctionForwarding(std::move(nested), argument_types, std::move(parameters))
    {
    }

    std::string getName() const override { return nested_->getName() + "State"; }
    DataTypePtr getReturnType() const override;
    bool returnsDefaultWhenOnlyNull() const override { return true; }
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override;
};

} // namespace pipit
