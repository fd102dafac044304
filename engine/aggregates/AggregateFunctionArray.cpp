#include "engine/aggregates/AggregateFunctionArray.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"

namespace pipit
{

AggregateFunctionArray::AggregateFunctionArray(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters)
    : AggregateFunctionForwarding(std::move(nested), argument_types, std::move(parameters))
{
    if (argument_types.empty() || argument_types.size() > max_arguments)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Wrong number of arguments for aggregate function " + getName());
}

void AggregateFunctionArray::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const
{
    const IColumn * nested_columns[max_arguments];
    size_t count = getArgumentTypes().size();
    const auto & first = static_cast<const ColumnArray &>(*columns[0]);
    size_t begin = first.offsetAt(row);
    size_t end = first.getOffsets()[row];
    for (size_t i = 0; i < count; ++i)
    {
        const auto & array = static_cast<const ColumnArray &>(*columns[i]);
        if (array.offsetAt(row) != begin || array.getOffsets()[row] != end)
            throw Exception(ErrorCode::SIZES_OF_COLUMNS_DOESNT_MATCH,
                            "Arrays passed to aggregate function " + getName() + " have different sizes");
        nested_columns[i] = &array.getData();
    }
    for (size_t j = begin; j < end; ++j)
        nested_->add(place, nested_columns, j, arena);
}

void AggregateFunctionArray::addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns,
                                      Arena * arena) const
{
    for (size_t i = 0; i < getArgumentTypes().size(); ++i)
        assertColumnCast<ColumnArray>(*columns[i]);
    for (size_t i = 0; i < rows; ++i)
        add(places[i] + place_offset, columns, i, arena);
}

void AggregateFunctionArray::addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                                                 const UInt8 * filter) const
{
    const IColumn * nested_columns[max_arguments];
    size_t count = getArgumentTypes().size();
    const auto & first = assertColumnCast<ColumnArray>(*columns[0]);
    const Offsets & offsets = first.getOffsets();
    for (size_t i = 0; i < count; ++i)
    {
        const auto & array = assertColumnCast<ColumnArray>(*columns[i]);
        if (array.getOffsets() != offsets)
            throw Exception(ErrorCode::SIZES_OF_COLUMNS_DOESNT_MATCH,
                            "Arrays passed to aggregate function " + getName() + " have different sizes");
        nested_columns[i] = &array.getData();
    }
    if (rows == 0)
        return;
    size_t elements = offsets[rows - 1];
    if (!filter)
    {
        nested_->addBatchSinglePlace(elements, place, nested_columns, arena, nullptr);
        return;
    }
    Filter element_filter(elements);
    size_t prev = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        std::fill(element_filter.begin() + prev, element_filter.begin() + offsets[i], filter[i] ? 1 : 0);
        prev = offsets[i];
    }
    nested_->addBatchSinglePlace(elements, place, nested_columns, arena, element_filter.data());
}

} // namespace pipit
