#include "engine/aggregates/AggregateFunctionNull.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/io/ReadHelpers.h"
#include "engine/types/DataTypeNullable.h"

namespace pipit
{

AggregateFunctionNull::AggregateFunctionNull(AggregateFunctionPtr nested, const DataTypes & argument_types, FieldVector parameters)
    : IAggregateFunction(argument_types, std::move(parameters))
    , nested_(std::move(nested))
    , result_is_nullable_(!nested_->returnsDefaultWhenOnlyNull())
    , prefix_size_(result_is_nullable_ ? nested_->alignOfData() : 0)
{
    if (argument_types.size() > max_arguments)
        throw Exception(ErrorCode::TOO_MANY_ARGUMENTS_FOR_FUNCTION, "Too many arguments for aggregate function " + nested_->getName());
    for (const auto & type : argument_types)
        argument_is_nullable_.push_back(type->isNullable());
}

DataTypePtr AggregateFunctionNull::getReturnType() const
{
    return result_is_nullable_ ? makeNullable(nested_->getReturnType()) : nested_->getReturnType();
}

void AggregateFunctionNull::create(AggregateDataPtr place) const
{
    if (prefix_size_)
        place[0] = 0;
    nested_->create(place + prefix_size_);
}

void AggregateFunctionNull::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const
{
    const IColumn * nested_columns[max_arguments];
    size_t count = argument_is_nullable_.size();
    for (size_t i = 0; i < count; ++i)
    {
        if (argument_is_nullable_[i])
        {
            const auto & nullable = static_cast<const ColumnNullable &>(*columns[i]);
            if (nullable.isNullAt(row))
                return;
            nested_columns[i] = &nullable.getNestedColumn();
        }
        else
            nested_columns[i] = columns[i];
    }
    if (prefix_size_)
        place[0] = 1;
    nested_->add(place + prefix_size_, nested_columns, row, arena);
}

void AggregateFunctionNull::addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns,
                                     Arena * arena) const
{
    if (argument_is_nullable_.size() == 1 && argument_is_nullable_[0])
    {
        const auto & nullable = assertColumnCast<ColumnNullable>(*columns[0]);
        const IColumn * nested_column = &nullable.getNestedColumn();
        const UInt8 * null_map = nullable.getNullMapData().data();
        Filter not_null(rows);
        for (size_t i = 0; i < rows; ++i)
            not_null[i] = !null_map[i];
        if (prefix_size_)
            for (size_t i = 0; i < rows; ++i)
                if (not_null[i])
                    places[i][place_offset] = 1;
        nested_->addBatchFiltered(rows, places, place_offset + prefix_size_, &nested_column, arena, not_null.data());
        return;
    }
    for (size_t i = 0; i < rows; ++i)
        add(places[i] + place_offset, columns, i, arena);
}

void AggregateFunctionNull::addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                                                const UInt8 * filter) const
{
    const IColumn * nested_columns[max_arguments];
    Filter combined(rows);
    bool initialised = false;
    for (size_t i = 0; i < argument_is_nullable_.size(); ++i)
    {
        if (argument_is_nullable_[i])
        {
            const auto & nullable = assertColumnCast<ColumnNullable>(*columns[i]);
            const UInt8 * null_map = nullable.getNullMapData().data();
            if (!initialised && filter)
            {
                for (size_t r = 0; r < rows; ++r)
                    combined[r] = (filter[r] != 0) & !null_map[r];
            }
            else if (!initialised)
            {
                for (size_t r = 0; r < rows; ++r)
                    combined[r] = !null_map[r];
            }
            else
            {
                for (size_t r = 0; r < rows; ++r)
                    combined[r] &= !null_map[r];
            }
            initialised = true;
            nested_columns[i] = &nullable.getNestedColumn();
        }
        else
            nested_columns[i] = columns[i];
    }
    if (!initialised)
    {
        for (size_t r = 0; r < rows; ++r)
            combined[r] = filter ? filter[r] != 0 : 1;
    }
    if (prefix_size_ && !place[0])
    {
        for (size_t r = 0; r < rows; ++r)
            if (combined[r])
            {
                place[0] = 1;
                break;
            }
    }
    nested_->addBatchSinglePlace(rows, place + prefix_size_, nested_columns, arena, combined.data());
}

void AggregateFunctionNull::merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const
{
    if (prefix_size_)
        place[0] |= rhs[0];
    nested_->merge(place + prefix_size_, rhs + prefix_size_, arena);
}

void AggregateFunctionNull::serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    if (prefix_size_)
        out.write(place[0]);
    nested_->serializeBody(place + prefix_size_, out);
}

void AggregateFunctionNull::deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const
{
    if (prefix_size_)
    {
        UInt8 flag = 0;
        readPODBinary(flag, in);
        if (flag > 1)
            throw Exception(ErrorCode::CORRUPTED_DATA, "Bad NULL flag in the state of aggregate function " + getName());
        place[0] = static_cast<char>(flag);
    }
    nested_->deserializeBody(place + prefix_size_, in, arena);
}

void AggregateFunctionNull::insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const
{
    if (!result_is_nullable_)
    {
        nested_->insertResultInto(place + prefix_size_, to, arena);
        return;
    }
    auto & nullable = assertColumnCast<ColumnNullable>(to);
    if (place[0])
    {
        nested_->insertResultInto(place + prefix_size_, nullable.getNestedColumn(), arena);
        nullable.getNullMapData().push_back(0);
    }
    else
        nullable.insertDefault();
}

} // namespace pipit
