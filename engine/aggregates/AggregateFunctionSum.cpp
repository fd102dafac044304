#include "engine/aggregates/AggregateFunctionSum.h"

#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Exception.h"
#include "engine/types/DataTypeDecimal.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

AggregateFunctionPtr createAggregateFunctionSum(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    if (argument_types.size() != 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires exactly one argument");
    if (!parameters.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Aggregate function " + name + " takes no parameters");
    const IDataType & type = *argument_types[0];
    if (!isNumberType(type) && !isDecimalType(type))
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "Illegal type " + type.getName() + " of argument for aggregate function " + name);

    AggregateFunctionPtr res;
    if (isDecimalType(type))
    {
        auto result_type = std::make_shared<DataTypeDecimal128>(38, getDecimalScale(type));
        dispatchStorageType(type,
                            [&]<typename T>(TypeTag<T>)
                            {
                                if constexpr (std::is_same_v<T, Int32> || std::is_same_v<T, Int64> || std::is_same_v<T, Int128>)
                                    res = std::make_shared<AggregateFunctionSum<T, Int128>>(argument_types, parameters, result_type);
                            });
        return res;
    }
    dispatchStorageType(
        type,
        [&]<typename T>(TypeTag<T>)
        {
            if constexpr (std::is_floating_point_v<T>)
                res = std::make_shared<AggregateFunctionSum<T, Float64>>(argument_types, parameters, std::make_shared<DataTypeFloat64>());
            else if constexpr (std::is_same_v<T, Int128>)
                res = std::make_shared<AggregateFunctionSum<T, Int128>>(argument_types, parameters, std::make_shared<DataTypeInt128>());
            else if constexpr (std::is_same_v<T, UInt128>)
                res = std::make_shared<AggregateFunctionSum<T, UInt128>>(argument_types, parameters, std::make_shared<DataTypeUInt128>());
            else if constexpr (std::is_signed_v<T>)
                res = std::make_shared<AggregateFunctionSum<T, Int64>>(argument_types, parameters, std::make_shared<DataTypeInt64>());
            else
                res = std::make_shared<AggregateFunctionSum<T, UInt64>>(argument_types, parameters, std::make_shared<DataTypeUInt64>());
        });
    return res;
}

} // namespace pipit
