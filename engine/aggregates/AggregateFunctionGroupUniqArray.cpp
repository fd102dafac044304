#include "engine/aggregates/AggregateFunctionGroupUniqArray.h"

#include "engine/aggregates/AggregateFunctionGroupArray.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/types/DataTypeArray.h"

namespace pipit
{

namespace
{
constexpr UInt64 max_array_size = 1ULL << 28;
}

AggregateFunctionGroupUniqArray::AggregateFunctionGroupUniqArray(UInt64 max_size, const DataTypes & argument_types, FieldVector parameters)
    : IAggregateFunctionDataHelper(argument_types, std::move(parameters))
    , max_size_(max_size)
{
}

DataTypePtr AggregateFunctionGroupUniqArray::getReturnType() const
{
    return std::make_shared<DataTypeArray>(getArgumentTypes()[0]);
}

void AggregateFunctionGroupUniqArray::add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const
{
    DistinctRowSet & set = data(place);
    if (set.size() < max_size_)
        set.add(getArgumentTypes(), columns, row);
}

void AggregateFunctionGroupUniqArray::merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const
{
    DistinctRowSet & set = data(place);
    const DistinctRowSet & from = data(rhs);
    if (from.columns.empty())
        return;
    const IColumn * source = from.columns[0].get();
    for (size_t row = 0; row < from.size() && set.size() < max_size_; ++row)
        set.add(getArgumentTypes(), &source, row);
}

void AggregateFunctionGroupUniqArray::serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    data(place).write(getArgumentTypes(), out);
}

void AggregateFunctionGroupUniqArray::deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const
{
    data(place).read(getArgumentTypes(), in);
    if (data(place).size() > max_size_)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Too many values in the state of groupUniqArray");
}

void AggregateFunctionGroupUniqArray::insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const
{
    auto & array = assertColumnCast<ColumnArray>(to);
    const DistinctRowSet & set = data(place);
    if (!set.columns.empty())
        array.getData().insertRangeFrom(*set.columns[0], 0, set.size());
    array.getOffsets().push_back(array.getData().size());
}

AggregateFunctionPtr createAggregateFunctionGroupUniqArray(const std::string & name, const DataTypes & argument_types,
                                                           const FieldVector & parameters)
{
    if (argument_types.size() != 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires exactly one argument");
    return std::make_shared<AggregateFunctionGroupUniqArray>(parseSizeParameter(name, parameters, max_array_size), argument_types,
                                                             parameters);
}

} // namespace pipit
