#pragma once

#include "engine/aggregates/IAggregateFunction.h"

#include <unordered_map>

namespace pipit
{

/// Space-Saving counters (ClickHouse's topK state): at most `capacity` values with their counts
/// and overestimation errors; a new value evicts the value with the smallest count and inherits it.
struct SpaceSavingData
{
    struct Counter
    {
        std::string key;
        Field value;
        UInt64 count = 0;
        UInt64 error = 0;
    };
    std::vector<Counter> counters;
    std::unordered_map<std::string, size_t> index;

    void add(std::string key, const IColumn & column, size_t row, UInt64 increment, UInt64 error, size_t capacity);
    /// Keeps the `capacity` largest counters.
    void truncate(size_t capacity);
};

/// topK(N)(x): the (approximately) N most frequent values, most frequent first, as Array(T).
/// Space-Saving with 3 * N counters like ClickHouse; exact while there are at most 3 * N distinct values.
class AggregateFunctionTopK final : public IAggregateFunctionDataHelper<SpaceSavingData, AggregateFunctionTopK>
{
public:
    AggregateFunctionTopK(UInt64 top, const DataTypes & argument_types, FieldVector parameters);

    std::string getName() const override { return "topK"; }
    DataTypePtr getReturnType() const override;
    bool returnsDefaultWhenOnlyNull() const override { return true; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const final;
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const override;
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override;
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override;
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const override;

private:
    UInt64 top_;
    size_t capacity_;
    DataTypePtr type_;
};

AggregateFunctionPtr createAggregateFunctionTopK(const std::string & name, const DataTypes & argument_types,
                                                 const FieldVector & parameters);

} // namespace pipit
