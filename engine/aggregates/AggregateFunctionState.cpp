#include "engine/aggregates/AggregateFunctionState.h"

#include "engine/aggregates/AggregateFunctionMerge.h"
#include "engine/aggregates/ColumnAggregateFunction.h"
#include "engine/aggregates/DataTypeAggregateFunction.h"

namespace pipit
{

DataTypePtr AggregateFunctionState::getReturnType() const
{
    /// fMergeState returns the state type it consumes: AggregateFunction(f, ...), not (fMerge, ...).
    if (dynamic_cast<const AggregateFunctionMerge *>(nested_.get()))
        return getArgumentTypes().at(0);
    return std::make_shared<DataTypeAggregateFunction>(nested_);
}

void AggregateFunctionState::insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const
{
    assertColumnCast<ColumnAggregateFunction>(to).insertMergeFrom(place);
}

} // namespace pipit
