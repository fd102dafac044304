#include "engine/aggregates/AggregateFunctionArgMinMax.h"

#include "engine/aggregates/AggregateFunctionArguments.h"
#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Exception.h"

namespace pipit
{

namespace
{

template <bool is_max>
AggregateFunctionPtr createArgMinMax(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    checkAggregateArguments(name, argument_types, parameters, 2);
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
