#include "engine/aggregates/AggregateFunctionMerge.h"

#include "engine/aggregates/ColumnAggregateFunction.h"

namespace pipit
{

void AggregateFunctionMerge::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const
{
    nested_->merge(place, static_cast<const ColumnAggregateFunction &>(*columns[0]).getData()[row], arena);
}

void AggregateFunctionMerge::addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns,
                                      Arena * arena) const
{
    const auto & states = assertColumnCast<ColumnAggregateFunction>(*columns[0]).getData();
    for (size_t i = 0; i < rows; ++i)
        nested_->merge(places[i] + place_offset, states[i], arena);
}

void AggregateFunctionMerge::addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                                                 const UInt8 * filter) const
{
    const auto & states = assertColumnCast<ColumnAggregateFunction>(*columns[0]).getData();
    for (size_t i = 0; i < rows; ++i)
        if (!filter || filter[i])
            nested_->merge(place, states[i], arena);
}

} // namespace pipit
