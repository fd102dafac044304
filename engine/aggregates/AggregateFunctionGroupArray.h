#pragma once

#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

struct GroupArrayData
{
    MutableColumnPtr values;
};

/// groupArray([max_size])(x): the values in the order added (at most max_size), as Array(T).
/// NULLs of a Nullable argument are skipped; empty input gives [].
class AggregateFunctionGroupArray final : public IAggregateFunctionDataHelper<GroupArrayData, AggregateFunctionGroupArray>
{
public:
    AggregateFunctionGroupArray(UInt64 max_size, const DataTypes & argument_types, FieldVector parameters);

    std::string getName() const override { return "groupArray"; }
    DataTypePtr getReturnType() const override;
    bool returnsDefaultWhenOnlyNull() const override { return true; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const final;
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const override;
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override;
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override;
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override;

private:
    UInt64 max_size_;
    DataTypePtr type_;
};

AggregateFunctionPtr createAggregateFunctionGroupArray(const std::string & name, const DataTypes & argument_types,
                                                       const FieldVector & parameters);

/// The optional positive integer size parameter of groupArray/groupUniqArray/topK.
UInt64 parseSizeParameter(const std::string & name, const FieldVector & parameters, UInt64 default_value);

} // namespace pipit
