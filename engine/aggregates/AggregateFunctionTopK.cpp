#include "engine/aggregates/AggregateFunctionTopK.h"

#include "engine/aggregates/AggregateFunctionGroupArray.h"
#include "engine/aggregates/DistinctRowSet.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeArray.h"

#include <algorithm>

namespace pipit
{

namespace
{
constexpr UInt64 max_top = 1ULL << 16;
}

void SpaceSavingData::add(std::string key, const IColumn & column, size_t row, UInt64 increment, UInt64 error, size_t capacity)
{
    auto it = index.find(key);
    if (it != index.end())
    {
        counters[it->second].count += increment;
        counters[it->second].error += error;
        return;
    }
    if (counters.size() < capacity)
    {
        index.emplace(key, counters.size());
        counters.push_back({std::move(key), column[row], increment, error});
        return;
    }
    size_t min_pos = 0;
    for (size_t i = 1; i < counters.size(); ++i)
        if (counters[i].count < counters[min_pos].count)
            min_pos = i;
    Counter & victim = counters[min_pos];
    index.erase(victim.key);
    UInt64 inherited = victim.count;
    victim.key = key;
    victim.value = column[row];
    victim.error = inherited + error;
    victim.count = inherited + increment;
    index.emplace(std::move(key), min_pos);
}

void SpaceSavingData::truncate(size_t capacity)
{
    if (counters.size() <= capacity)
        return;
    std::stable_sort(counters.begin(), counters.end(), [](const Counter & a, const Counter & b) { return a.count > b.count; });
    counters.resize(capacity);
    index.clear();
    for (size_t i = 0; i < counters.size(); ++i)
        index.emplace(counters[i].key, i);
}

AggregateFunctionTopK::AggregateFunctionTopK(UInt64 top, const DataTypes & argument_types, FieldVector parameters)
    : IAggregateFunctionDataHelper(argument_types, std::move(parameters))
    , top_(top)
    , capacity_(top * 3)
    , type_(argument_types.at(0))
{
}

DataTypePtr AggregateFunctionTopK::getReturnType() const
{
    return std::make_shared<DataTypeArray>(type_);
}

void AggregateFunctionTopK::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const
{
    std::string key;
    DistinctRowSet::appendKey(*columns[0], row, key);
    data(place).add(std::move(key), *columns[0], row, 1, 0, capacity_);
}

void AggregateFunctionTopK::merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const
{
    SpaceSavingData & d = data(place);
    /// Sum the counters of both sides, then keep the largest.
    auto column = type_->createColumn();
    for (const auto & c : data(rhs).counters)
    {
        column->insert(c.value);
        d.add(c.key, *column, column->size() - 1, c.count, c.error, SIZE_MAX);
    }
    d.truncate(capacity_);
}

void AggregateFunctionTopK::serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    const SpaceSavingData & d = data(place);
    writeVarUInt(d.counters.size(), out);
    if (d.counters.empty())
        return;
    auto column = type_->createColumn();
    for (const auto & c : d.counters)
        column->insert(c.value);
    type_->serializeBinaryBulk(*column, out, 0, column->size());
    for (const auto & c : d.counters)
    {
        writeVarUInt(c.count, out);
        writeVarUInt(c.error, out);
    }
}

void AggregateFunctionTopK::deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const
{
    size_t n = readStateSize(in, capacity_);
    if (n == 0)
        return;
    auto column = type_->createColumn();
    type_->deserializeBinaryBulk(*column, in, n);
    SpaceSavingData & d = data(place);
    for (size_t i = 0; i < n; ++i)
    {
        UInt64 count = readVarUInt(in);
        UInt64 error = readVarUInt(in);
        std::string key;
        DistinctRowSet::appendKey(*column, i, key);
        d.add(std::move(key), *column, i, count, error, SIZE_MAX);
    }
    d.truncate(capacity_);
}

void AggregateFunctionTopK::insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const
{
    auto & array = assertColumnCast<ColumnArray>(to);
    std::vector<const SpaceSavingData::Counter *> sorted;
    for (const auto & c : data(place).counters)
        sorted.push_back(&c);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto * a, const auto * b) { return a->count > b->count; });
    size_t n = std::min<size_t>(sorted.size(), top_);
    for (size_t i = 0; i < n; ++i)
        array.getData().insert(sorted[i]->value);
    array.getOffsets().push_back(array.getData().size());
}

AggregateFunctionPtr createAggregateFunctionTopK(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    if (argument_types.size() != 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires exactly one argument");
    UInt64 top = parseSizeParameter(name, parameters, 10);
    if (top > max_top)
        throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "Too large parameter of aggregate function " + name);
    return std::make_shared<AggregateFunctionTopK>(top, argument_types, parameters);
}

} // namespace pipit
