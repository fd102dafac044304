#pragma once

#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// count() counts rows; count(x) counts rows where x is not NULL (it handles a Nullable argument
/// itself, without the Null adapter). Result UInt64, 0 on empty input.
class AggregateFunctionCount final : public IAggregateFunctionDataHelper<UInt64, AggregateFunctionCount>
{
public:
    AggregateFunctionCount(const DataTypes & argument_types, FieldVector parameters);

    std::string getName() const override { return "count"; }
    DataTypePtr getReturnType() const override;
    bool returnsDefaultWhenOnlyNull() const override { return true; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const final;
    /// Batch forms increment the counters inline (no call per row).
    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override;
    void addBatchFiltered(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena,
                          const UInt8 * filter) const override;
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override;
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const override;
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override;
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override;
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override;
    void insertResultIntoBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, IColumn & to, Arena * arena) const override;

private:
    /// count(x) with x Nullable: only non-NULL rows count.
    bool count_not_null_;
};

} // namespace pipit
