#include "engine/aggregates/AggregateFunctionOrFill.h"

#include "engine/aggregates/AggregateFunctionIf.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/io/ReadHelpers.h"
#include "engine/types/DataTypeNullable.h"

namespace pipit
{

AggregateFunctionOrFill::AggregateFunctionOrFill(AggregateFunctionPtr nested, bool or_null, const DataTypes & argument_types,
                                                 FieldVector parameters)
    : IAggregateFunction(argument_types, std::move(parameters))
    , nested_(std::move(nested))
    , or_null_(or_null)
    , wrap_nullable_(or_null && nested_->getReturnType()->canBeInsideNullable() && !nested_->getReturnType()->isNullable())
    , prefix_size_(nested_->alignOfData())
{
    if (dynamic_cast<const AggregateFunctionIf *>(nested_.get()))
        condition_index_ = static_cast<int>(argument_types.size()) - 1;
}

DataTypePtr AggregateFunctionOrFill::getReturnType() const
{
    return wrap_nullable_ ? makeNullable(nested_->getReturnType()) : nested_->getReturnType();
}

void AggregateFunctionOrFill::create(AggregateDataPtr place) const
{
    place[0] = 0;
    nested_->create(place + prefix_size_);
}

void AggregateFunctionOrFill::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const
{
    if (condition_index_ >= 0 && !AggregateFunctionIf::conditionAt(*columns[condition_index_], row))
        return;
    place[0] = 1;
    nested_->add(place + prefix_size_, columns, row, arena);
}

void AggregateFunctionOrFill::addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns,
                                       Arena * arena) const
{
    for (size_t i = 0; i < rows; ++i)
        add(places[i] + place_offset, columns, i, arena);
}

void AggregateFunctionOrFill::addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                                                  const UInt8 * filter) const
{
    if (!place[0])
    {
        for (size_t i = 0; i < rows; ++i)
            if ((!filter || filter[i]) && (condition_index_ < 0 || AggregateFunctionIf::conditionAt(*columns[condition_index_], i)))
            {
                place[0] = 1;
                break;
            }
    }
    nested_->addBatchSinglePlace(rows, place + prefix_size_, columns, arena, filter);
}

void AggregateFunctionOrFill::merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena * arena) const
{
    place[0] |= rhs[0];
    nested_->merge(place + prefix_size_, rhs + prefix_size_, arena);
}

void AggregateFunctionOrFill::serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    out.write(place[0]);
    nested_->serializeBody(place + prefix_size_, out);
}

void AggregateFunctionOrFill::deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const
{
    UInt8 flag = 0;
    readPODBinary(flag, in);
    if (flag > 1)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Bad flag in the state of aggregate function " + getName());
    place[0] = static_cast<char>(flag);
    nested_->deserializeBody(place + prefix_size_, in, arena);
}

void AggregateFunctionOrFill::insertResultInto(AggregateDataPtr place, IColumn & to, Arena * arena) const
{
    if (!place[0])
    {
        to.insertDefault();
        return;
    }
    if (wrap_nullable_)
    {
        auto & nullable = assertColumnCast<ColumnNullable>(to);
        nested_->insertResultInto(place + prefix_size_, nullable.getNestedColumn(), arena);
        nullable.getNullMapData().push_back(0);
    }
    else
        nested_->insertResultInto(place + prefix_size_, to, arena);
}

} // namespace pipit
