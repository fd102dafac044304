#pragma once

#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// Adapter for Nullable arguments (ClickHouse's AggregateFunctionNull): rows where any Nullable
/// argument is NULL are skipped and the nested function sees the non-Nullable nested columns.
/// The result is Nullable(nested result), NULL when no row reached the nested function, unless
/// nested->returnsDefaultWhenOnlyNull() (count, uniq*, groupArray ...): then the nested result as is.
/// State: [flag byte, padding][nested state] (no flag without a Nullable result).
class AggregateFunctionNull final : public IAggregateFunction
{
public:
    /// `argument_types` are the original (possibly Nullable) types; `nested` was created with
    /// the same types with Nullable removed.
    AggregateFunctionNull(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters);

    std::string getName() const override { return nested_->getName(); }
    DataTypePtr getReturnType() const override;
    bool returnsDefaultWhenOnlyNull() const override { return nested_->returnsDefaultWhenOnlyNull(); }

    size_t sizeOfData() const override { return prefix_size_ + nested_->sizeOfData(); }
    size_t alignOfData() const override { return nested_->alignOfData(); }
    void create(AggregateDataPtr place) const override;
    void destroy(AggregateDataPtr place) const noexcept override { nested_->destroy(place + prefix_size_); }
    bool hasTrivialDestructor() const override { return nested_->hasTrivialDestructor(); }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const override;
    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override;
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override;
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const override;
    UInt8 getStateVersion() const override { return nested_->getStateVersion(); }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override;
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override;
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override;

    static constexpr size_t max_arguments = 16;

private:
    AggregateFunctionPtr nested_;
    bool result_is_nullable_;
    size_t prefix_size_;
    std::vector<bool> argument_is_nullable_;
};

} // namespace pipit
