#include "engine/aggregates/AggregateFunctionGroupBit.h"

#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Exception.h"

#include <type_traits>

namespace pipit
{

namespace
{

template <GroupBitKind Kind>
AggregateFunctionPtr createGroupBit(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    if (argument_types.size() != 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires exactly one argument");
    if (!parameters.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Aggregate function " + name + " takes no parameters");
    const IDataType & type = *argument_types[0];
    AggregateFunctionPtr res;
    switch (type.getTypeId())
    {
    case TypeIndex::UInt8:
    case TypeIndex::UInt16:
    case TypeIndex::UInt32:
    case TypeIndex::UInt64:
    case TypeIndex::Int8:
    case TypeIndex::Int16:
    case TypeIndex::Int32:
    case TypeIndex::Int64:
        dispatchStorageType(type,
                            [&]<typename T>(TypeTag<T>)
                            {
                                if constexpr (std::is_integral_v<T>)
                                    res = std::make_shared<AggregateFunctionGroupBit<T, Kind>>(argument_types, parameters);
                            });
        break;
    default:
        break;
    }
    if (!res)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "Illegal type " + type.getName() + " of argument for aggregate function " + name);
    return res;
}

} // namespace

AggregateFunctionPtr createAggregateFunctionGroupBitAnd(const std::string & name, const DataTypes & argument_types,
                                                        const FieldVector & parameters)
{
    return createGroupBit<GroupBitKind::And>(name, argument_types, parameters);
}

AggregateFunctionPtr createAggregateFunctionGroupBitOr(const std::string & name, const DataTypes & argument_types,
                                                       const FieldVector & parameters)
{
    return createGroupBit<GroupBitKind::Or>(name, argument_types, parameters);
}

AggregateFunctionPtr createAggregateFunctionGroupBitXor(const std::string & name, const DataTypes & argument_types,
                                                        const FieldVector & parameters)
{
    return createGroupBit<GroupBitKind::Xor>(name, argument_types, parameters);
}

} // namespace pipit
