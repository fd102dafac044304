#include "engine/aggregates/AggregateFunctionArgMinMax.h"

#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Exception.h"

namespace pipit
{

namespace
{

void checkArguments(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters, size_t count)
{
    if (argument_types.size() != count)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                        "Aggregate function " + name + " requires " + std::to_string(count) + " argument" + (count == 1 ? "" : "s"));
    if (!parameters.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Aggregate function " + name + " takes no parameters");
}

template <bool is_max>
AggregateFunctionPtr createArgMinMax(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    checkArguments(name, argument_types, parameters, 2);
    const IDataType & type = *argument_types[1];
    AggregateFunctionPtr res;
    if (dispatchStorageType(type,
                            [&]<typename T>(TypeTag<T>) {
                                res = std::make_shared<AggregateFunctionArgMinMax<SingleValueFixed<T>, is_max>>(argument_types, parameters);
                            }))
        return res;
    if (type.getTypeId() == TypeIndex::String)
        return std::make_shared<AggregateFunctionArgMinMax<SingleValueString, is_max>>(argument_types, parameters);
    return std::make_shared<AggregateFunctionArgMinMax<SingleValueGeneric, is_max>>(argument_types, parameters);
}

} // namespace

AggregateFunctionPtr createAggregateFunctionArgMin(const std::string & name, const DataTypes & argument_types,
                                                   const FieldVector & parameters)
{
    return createArgMinMax<false>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionArgMax(const std::string & name, const DataTypes & argument_types,
                                                   const FieldVector & parameters)
{
    return createArgMinMax<true>(name, argument_types, parameters);
}

} // namespace pipit
