#pragma once

#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// A function over a NULL literal argument (type Nothing): every row is NULL, so the result is
/// always the empty-input result: NULL (type Nullable(Nothing)), or the default of
/// `default_result_type` for functions that return their default on all-NULL input (uniq ...).
class AggregateFunctionNothing final : public IAggregateFunctionDataHelper<char, AggregateFunctionNothing>
{
public:
    AggregateFunctionNothing(std::string name, DataTypePtr result_type, const DataTypes & argument_types, FieldVector parameters)
        : IAggregateFunctionDataHelper(argument_types, std::move(parameters))
        , name_(std::move(name))
        , result_type_(std::move(result_type))
    {
    }

    std::string getName() const override { return name_; }
    DataTypePtr getReturnType() const override { return result_type_; }

    void add(AggregateDataPtr, const IColumn **, size_t, Arena *) const final {}
    void merge(AggregateDataPtr, ConstAggregateDataPtr, Arena *) const override {}
    void serializeBody(ConstAggregateDataPtr, WriteBuffer &) const override {}
    void deserializeBody(AggregateDataPtr, ReadBuffer &, Arena *) const override {}
    void insertResultInto(AggregateDataPtr, IColumn & to, Arena *) const override { to.insertDefault(); }

private:
    std::string name_;
    DataTypePtr result_type_;
};

} // namespace pipit
