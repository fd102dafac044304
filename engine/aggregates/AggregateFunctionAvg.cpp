#include "engine/aggregates/AggregateFunctionAvg.h"

#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Exception.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

template <typename T, typename R>
DataTypePtr AggregateFunctionAvg<T, R>::getReturnType() const
{
    return std::make_shared<DataTypeFloat64>();
}

AggregateFunctionPtr createAggregateFunctionAvg(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    if (argument_types.size() != 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires exactly one argument");
    if (!parameters.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Aggregate function " + name + " takes no parameters");
    const IDataType & type = *argument_types[0];
    if (!isNumberType(type) && !isDecimalType(type))
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "Illegal type " + type.getName() + " of argument for aggregate function " + name);
    UInt32 scale = getDecimalScale(type);
    AggregateFunctionPtr res;
    dispatchStorageType(type,
                        [&]<typename T>(TypeTag<T>)
                        {
                            if constexpr (std::is_floating_point_v<T>)
                                res = std::make_shared<AggregateFunctionAvg<T, Float64>>(argument_types, parameters, scale);
                            else if constexpr (std::is_same_v<T, Int128> || std::is_same_v<T, Int32> || std::is_same_v<T, Int64>)
                            {
                                if (std::is_same_v<T, Int128> || isDecimalType(type))
                                    res = std::make_shared<AggregateFunctionAvg<T, Int128>>(argument_types, parameters, scale);
                                else
                                    res = std::make_shared<AggregateFunctionAvg<T, Int64>>(argument_types, parameters, scale);
                            }
                            else if constexpr (std::is_same_v<T, UInt128>)
                                res = std::make_shared<AggregateFunctionAvg<T, UInt128>>(argument_types, parameters, scale);
                            else if constexpr (std::is_signed_v<T>)
                                res = std::make_shared<AggregateFunctionAvg<T, Int64>>(argument_types, parameters, scale);
                            else
                                res = std::make_shared<AggregateFunctionAvg<T, UInt64>>(argument_types, parameters, scale);
                        });
    return res;
}

} // namespace pipit
