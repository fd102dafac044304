#pragma once

#include "engine/aggregates/AggregateFunctionForwarding.h"

namespace pipit
{

/// -Array combinator: f(arr1, arr2, ...) adds every element position of the arrays of each row
/// (all arrays of a row must have the same size: SIZES_OF_COLUMNS_DOESNT_MATCH otherwise).
class AggregateFunctionArray final : public AggregateFunctionForwarding
{
public:
    /// `argument_types` are the Array types; `nested` takes their element types.
    AggregateFunctionArray(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters);

    std::string getName() const override { return nested_->getName() + "Array"; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const override;
    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override;
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override;

    static constexpr size_t max_arguments = 16;
};

} // namespace pipit
