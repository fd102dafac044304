#include "engine/aggregates/AggregateFunctionGroupArray.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeArray.h"

namespace pipit
{

namespace
{
constexpr UInt64 max_array_size = 1ULL << 28;
}

UInt64 parseSizeParameter(const std::string & name, const FieldVector & parameters, UInt64 default_value)
{
    if (parameters.empty())
        return default_value;
    if (parameters.size() > 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " takes at most one parameter");
    const Field & p = parameters[0];
    if ((p.which() != Field::Which::UInt64 && p.which() != Field::Which::Int64) || p.toInt64() <= 0)
        throw Exception(ErrorCode::BAD_ARGUMENTS,
                        "Parameter of aggregate function " + name + " must be a positive integer, got " + p.dump());
    if (p.toUInt64() > max_array_size)
        throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "Too large parameter of aggregate function " + name + ": " + p.dump());
    return p.toUInt64();
}

AggregateFunctionGroupArray::AggregateFunctionGroupArray(UInt64 max_size, const DataTypes & argument_types, FieldVector parameters)
    : IAggregateFunctionDataHelper(argument_types, std::move(parameters))
    , max_size_(max_size)
    , type_(argument_types.at(0))
{
}

DataTypePtr AggregateFunctionGroupArray::getReturnType() const
{
    return std::make_shared<DataTypeArray>(type_);
}

void AggregateFunctionGroupArray::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const
{
    auto & values = data(place).values;
    if (!values)
        values = type_->createColumn();
    if (values->size() < max_size_)
        values->insertFrom(*columns[0], row);
}

void AggregateFunctionGroupArray::merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const
{
    const auto & from = data(rhs).values;
    if (!from || from->empty())
        return;
    auto & values = data(place).values;
    if (!values)
        values = type_->createColumn();
    size_t room = max_size_ - std::min<UInt64>(max_size_, values->size());
    values->insertRangeFrom(*from, 0, std::min<size_t>(room, from->size()));
}

void AggregateFunctionGroupArray::serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    const auto & values = data(place).values;
    size_t n = values ? values->size() : 0;
    writeVarUInt(n, out);
    if (n)
        type_->serializeBinaryBulk(*values, out, 0, n);
}

void AggregateFunctionGroupArray::deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const
{
    size_t n = readStateSize(in, std::min(max_size_, max_array_size));
    auto values = type_->createColumn();
    if (n)
        readStateColumn(*type_, *values, in, n);
    data(place).values = std::move(values);
}

void AggregateFunctionGroupArray::insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const
{
    auto & array = assertColumnCast<ColumnArray>(to);
    const auto & values = data(place).values;
    if (values)
        array.getData().insertRangeFrom(*values, 0, values->size());
    array.getOffsets().push_back(array.getData().size());
}

AggregateFunctionPtr createAggregateFunctionGroupArray(const std::string & name, const DataTypes & argument_types,
                                                       const FieldVector & parameters)
{
    if (argument_types.size() != 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires exactly one argument");
    return std::make_shared<AggregateFunctionGroupArray>(parseSizeParameter(name, parameters, max_array_size), argument_types, parameters);
}

} // namespace pipit
