#pragma once

#include "engine/aggregates/AggregateFunctionForwarding.h"

namespace pipit
{

/// -If combinator: f(args..., cond) adds only rows where cond (UInt8/Bool, or Nullable of it with
/// NULL meaning false) is non-zero. State and result are the nested function's.
class AggregateFunctionIf final : public AggregateFunctionForwarding
{
public:
    AggregateFunctionIf(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters);

    std::string getName() const override { return nested_->getName() + "If"; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const override;
    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override;
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override;

    /// Value of the condition column (UInt8 or Nullable(UInt8)) at `row`.
    static bool conditionAt(const IColumn & column, size_t row);

private:
    /// Condition values as 0/1 bytes; `storage` receives them when the column is Nullable.
    const UInt8 * conditionData(const IColumn & column, Filter & storage) const;

    size_t condition_index_;
};

} // namespace pipit
