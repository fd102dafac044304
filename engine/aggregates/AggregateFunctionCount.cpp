#include "engine/aggregates/AggregateFunctionCount.h"

#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

AggregateFunctionCount::AggregateFunctionCount(const DataTypes & argument_types, FieldVector parameters)
    : IAggregateFunctionDataHelper(argument_types, std::move(parameters))
    , count_not_null_(argument_types.size() == 1 && argument_types[0]->isNullable())
{
}

DataTypePtr AggregateFunctionCount::getReturnType() const
{
    return std::make_shared<DataTypeUInt64>();
}

void AggregateFunctionCount::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const
{
    if (count_not_null_ && static_cast<const ColumnNullable *>(columns[0])->isNullAt(row))
        return;
    ++data(place);
}

void AggregateFunctionCount::addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena *) const
{
    if (count_not_null_)
    {
        const UInt8 * null_map = assertColumnCast<ColumnNullable>(*columns[0]).getNullMapData().data();
        for (size_t i = 0; i < rows; ++i)
            data(places[i] + place_offset) += !null_map[i];
        return;
    }
    for (size_t i = 0; i < rows; ++i)
        ++data(places[i] + place_offset);
}

void AggregateFunctionCount::addBatchFiltered(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns,
                                              Arena *, const UInt8 * filter) const
{
    if (count_not_null_)
    {
        const UInt8 * null_map = assertColumnCast<ColumnNullable>(*columns[0]).getNullMapData().data();
        for (size_t i = 0; i < rows; ++i)
            data(places[i] + place_offset) += (!null_map[i]) & (filter[i] != 0);
        return;
    }
    for (size_t i = 0; i < rows; ++i)
        data(places[i] + place_offset) += filter[i] != 0;
}

void AggregateFunctionCount::addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena *,
                                                 const UInt8 * filter) const
{
    UInt64 count = 0;
    if (count_not_null_)
    {
        const UInt8 * null_map = assertColumnCast<ColumnNullable>(*columns[0]).getNullMapData().data();
        if (filter)
        {
            for (size_t i = 0; i < rows; ++i)
                count += (!null_map[i]) & (filter[i] != 0);
        }
        else
        {
            for (size_t i = 0; i < rows; ++i)
                count += !null_map[i];
        }
    }
    else if (filter)
    {
        for (size_t i = 0; i < rows; ++i)
            count += filter[i] != 0;
    }
    else
        count = rows;
    data(place) += count;
}

void AggregateFunctionCount::merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const
{
    data(place) += data(rhs);
}

void AggregateFunctionCount::serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    writeVarUInt(data(place), out);
}

void AggregateFunctionCount::deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const
{
    data(place) = readVarUInt(in);
}

void AggregateFunctionCount::insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const
{
    assertColumnCast<ColumnUInt64>(to).insertValue(data(place));
}

void AggregateFunctionCount::insertResultIntoBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, IColumn & to, Arena *) const
{
    auto & column = assertColumnCast<ColumnUInt64>(to).getData();
    size_t old_size = column.size();
    column.resize(old_size + rows);
    for (size_t i = 0; i < rows; ++i)
        column[old_size + i] = data(places[i] + place_offset);
}

} // namespace pipit
