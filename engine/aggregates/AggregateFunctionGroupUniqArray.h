#pragma once

#include "engine/aggregates/DistinctRowSet.h"
#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// groupUniqArray([max_size])(x): distinct values in first-seen order (at most max_size), as Array(T).
class AggregateFunctionGroupUniqArray final : public IAggregateFunctionDataHelper<DistinctRowSet, AggregateFunctionGroupUniqArray>
{
public:
    AggregateFunctionGroupUniqArray(UInt64 max_size, const DataTypes & argument_types, FieldVector parameters);

    std::string getName() const override { return "groupUniqArray"; }
    DataTypePtr getReturnType() const override;
    bool returnsDefaultWhenOnlyNull() const override { return true; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const final;
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const override;
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override;
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override;
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override;

private:
    UInt64 max_size_;
};

AggregateFunctionPtr createAggregateFunctionGroupUniqArray(const std::string & name, const DataTypes & argument_types,
                                                           const FieldVector & parameters);

} // namespace pipit
