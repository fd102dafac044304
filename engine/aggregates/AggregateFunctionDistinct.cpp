#include "engine/aggregates/AggregateFunctionDistinct.h"

namespace pipit
{

void AggregateFunctionDistinct::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const
{
    data(place).add(getArgumentTypes(), columns, row);
}

void AggregateFunctionDistinct::merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const
{
    data(place).merge(getArgumentTypes(), data(rhs));
}

void AggregateFunctionDistinct::serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    data(place).write(getArgumentTypes(), out);
}

void AggregateFunctionDistinct::deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const
{
    data(place).read(getArgumentTypes(), in);
}

void AggregateFunctionDistinct::insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const
{
    const DistinctRowSet & rows = data(place);
    Arena arena;
    AggregateDataPtr nested_place = arena.alignedAlloc(nested_->sizeOfData(), nested_->alignOfData());
    nested_->create(nested_place);
    try
    {
        std::vector<const IColumn *> columns;
        for (const auto & column : rows.columns)
            columns.push_back(column.get());
        if (rows.size())
            nested_->addBatchSinglePlace(rows.size(), nested_place, columns.data(), &arena, nullptr);
        nested_->insertResultInto(nested_place, to, &arena);
    }
    catch (...)
    {
        nested_->destroy(nested_place);
        throw;
    }
    nested_->destroy(nested_place);
}

} // namespace pipit
