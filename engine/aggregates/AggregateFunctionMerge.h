#pragma once

#include "engine/aggregates/AggregateFunctionForwarding.h"

namespace pipit
{

/// -Merge combinator: the argument is a column of states (AggregateFunction(f, ...)); each row's
/// state is merged into the result state. State and result are f's.
class AggregateFunctionMerge final : public AggregateFunctionForwarding
{
public:
    AggregateFunctionMerge(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters)
        : AggregateFunctionForwarding(std::move(nested), argument_types, std::move(parameters))
    {
    }

    std::string getName() const override { return nested_->getName() + "Merge"; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const override;
    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override;
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override;
};

} // namespace pipit
