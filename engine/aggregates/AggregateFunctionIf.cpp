#include "engine/aggregates/AggregateFunctionIf.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnVector.h"
#include "engine/types/DataTypeNullable.h"

namespace pipit
{

AggregateFunctionIf::AggregateFunctionIf(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters)
    : AggregateFunctionForwarding(std::move(nested), argument_types, std::move(parameters))
{
    if (argument_types.empty())
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + getName() + " requires a condition argument");
    condition_index_ = argument_types.size() - 1;
    TypeIndex cond = removeNullable(argument_types.back())->getTypeId();
    if (cond != TypeIndex::UInt8 && cond != TypeIndex::Bool)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type " + argument_types.back()->getName() +
                                                                 " of last argument for aggregate function " + getName() +
                                                                 ": it must be UInt8");
}

const UInt8 * AggregateFunctionIf::conditionData(const IColumn & column, Filter & storage) const
{
    if (const auto * nullable = dynamic_cast<const ColumnNullable *>(&column))
    {
        const auto & values = assertColumnCast<ColumnUInt8>(nullable->getNestedColumn()).getData();
        const auto & nulls = nullable->getNullMapData();
        storage.resize(values.size());
        for (size_t i = 0; i < values.size(); ++i)
            storage[i] = values[i] && !nulls[i];
        return storage.data();
    }
    return assertColumnCast<ColumnUInt8>(column).getData().data();
}

void AggregateFunctionIf::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const
{
    if (conditionAt(*columns[condition_index_], row))
        nested_->add(place, columns, row, arena);
}

bool AggregateFunctionIf::conditionAt(const IColumn & cond, size_t row)
{
    if (cond.isNullable())
    {
        const auto & nullable = static_cast<const ColumnNullable &>(cond);
        return !nullable.isNullAt(row) && static_cast<const ColumnUInt8 &>(nullable.getNestedColumn()).getData()[row];
    }
    return static_cast<const ColumnUInt8 &>(cond).getData()[row];
}

void AggregateFunctionIf::addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns,
                                   Arena * arena) const
{
    Filter storage;
    const UInt8 * cond = conditionData(*columns[condition_index_], storage);
    nested_->addBatchFiltered(rows, places, place_offset, columns, arena, cond);
}

void AggregateFunctionIf::addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                                              const UInt8 * filter) const
{
    Filter storage;
    const UInt8 * cond = conditionData(*columns[condition_index_], storage);
    if (!filter)
    {
        nested_->addBatchSinglePlace(rows, place, columns, arena, cond);
        return;
    }
    Filter combined(rows);
    for (size_t i = 0; i < rows; ++i)
        combined[i] = (filter[i] != 0) & (cond[i] != 0);
    nested_->addBatchSinglePlace(rows, place, columns, arena, combined.data());
}

} // namespace pipit
