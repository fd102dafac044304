#include "engine/aggregates/AggregateFunctionVariance.h"

#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

template <typename T>
DataTypePtr AggregateFunctionVariance<T>::getReturnType() const
{
    return std::make_shared<DataTypeFloat64>();
}

template <typename T>
void AggregateFunctionVariance<T>::serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const
{
    const VarianceData & d = Base::data(place);
    writeVarUInt(d.count, out);
    writePODBinary(d.mean, out);
    writePODBinary(d.m2, out);
}

template <typename T>
void AggregateFunctionVariance<T>::deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const
{
    VarianceData & d = Base::data(place);
    d.count = readVarUInt(in);
    readPODBinary(d.mean, in);
    readPODBinary(d.m2, in);
}

namespace
{

template <VarianceKind kind>
AggregateFunctionPtr createVariance(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    if (argument_types.size() != 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires exactly one argument");
    if (!parameters.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Aggregate function " + name + " takes no parameters");
    const IDataType & type = *argument_types[0];
    if (!isNumberType(type) && !isDecimalType(type))
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "Illegal type " + type.getName() + " of argument for aggregate function " + name);
    Float64 divisor = std::pow(10.0, getDecimalScale(type));
    AggregateFunctionPtr res;
    dispatchStorageType(type, [&]<typename T>(TypeTag<T>)
                        { res = std::make_shared<AggregateFunctionVariance<T>>(name, kind, divisor, argument_types, parameters); });
    return res;
}

} // namespace

AggregateFunctionPtr createAggregateFunctionVarPop(const std::string & name, const DataTypes & argument_types,
                                                   const FieldVector & parameters)
{
    return createVariance<VarianceKind::VarPop>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionVarSamp(const std::string & name, const DataTypes & argument_types,
                                                    const FieldVector & parameters)
{
    return createVariance<VarianceKind::VarSamp>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionStddevPop(const std::string & name, const DataTypes & argument_types,
                                                      const FieldVector & parameters)
{
    return createVariance<VarianceKind::StddevPop>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionStddevSamp(const std::string & name, const DataTypes & argument_types,
                                                       const FieldVector & parameters)
{
    return createVariance<VarianceKind::StddevSamp>(name, argument_types, parameters);
}

} // namespace pipit
