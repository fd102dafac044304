#include "engine/aggregates/AggregateFunctionMinMaxAny.h"

#include "engine/aggregates/AggregateFunctionArguments.h"
#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

namespace pipit
{

namespace
{
constexpr size_t max_state_string_size = 1ULL << 30;
}

bool readStateFlag(ReadBuffer & in)
{
    UInt8 flag = 0;
    readPODBinary(flag, in);
    if (flag > 1)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Bad flag in the state of an aggregate function");
    return flag;
}

void SingleValueString::assign(std::string_view s, Arena * arena)
{
    CHECK(arena != nullptr);
    if (s.size() > capacity)
    {
        size_t new_capacity = std::max<size_t>(s.size(), 16);
        bytes = arena->alignedAlloc(new_capacity, 1);
        capacity = static_cast<UInt32>(new_capacity);
    }
    if (!s.empty())
        std::memcpy(bytes, s.data(), s.size());
    size = static_cast<UInt32>(s.size());
    has_value = true;
}

void SingleValueString::insertResultInto(IColumn & to) const
{
    auto & col = static_cast<ColumnString &>(to);
    if (has_value)
        col.insertData(bytes, size);
    else
        col.insertDefault();
}

void SingleValueString::write(WriteBuffer & out, const IDataType &) const
{
    out.write(static_cast<char>(has_value));
    if (has_value)
    {
        writeVarUInt(size, out);
        out.write(bytes, size);
    }
}

void SingleValueString::read(ReadBuffer & in, const IDataType &, Arena * arena)
{
    UInt8 flag = 0;
    readPODBinary(flag, in);
    if (flag > 1)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Bad flag in the state of an aggregate function");
    if (!flag)
    {
        has_value = false;
        return;
    }
    size_t n = readStateSize(in, max_state_string_size);
    /// In pieces: a corrupted size must not allocate more than the input holds.
    std::string s;
    constexpr size_t piece = 65536;
    while (s.size() < n)
    {
        size_t old = s.size();
        s.resize(old + std::min(piece, n - old));
        readExact(s.data() + old, s.size() - old, in);
    }
    assign(s, arena);
}

void SingleValueGeneric::insertResultInto(IColumn & to) const
{
    if (has_value)
        to.insert(value);
    else
        to.insertDefault();
}

void SingleValueGeneric::write(WriteBuffer & out, const IDataType & type) const
{
    out.write(static_cast<char>(has_value));
    if (has_value)
    {
        auto column = type.createColumn();
        column->insert(value);
        type.serializeBinaryBulk(*column, out, 0, 1);
    }
}

void SingleValueGeneric::read(ReadBuffer & in, const IDataType & type, Arena *)
{
    UInt8 flag = 0;
    readPODBinary(flag, in);
    if (flag > 1)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Bad flag in the state of an aggregate function");
    if (!flag)
    {
        has_value = false;
        return;
    }
    auto column = type.createColumn();
    type.deserializeBinaryBulk(*column, in, 1);
    value = (*column)[0];
    has_value = true;
}

namespace
{

template <SingleValueKind kind>
AggregateFunctionPtr createSingleValue(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    checkAggregateArguments(name, argument_types, parameters, 1);
    const IDataType & type = *argument_types[0];
    AggregateFunctionPtr res;
    if (dispatchStorageType(type,
                            [&]<typename T>(TypeTag<T>) {
                                res = std::make_shared<AggregateFunctionSingleValue<SingleValueFixed<T>, kind>>(argument_types, parameters);
                            }))
        return res;
    if (type.getTypeId() == TypeIndex::String)
        return std::make_shared<AggregateFunctionSingleValue<SingleValueString, kind>>(argument_types, parameters);
    return std::make_shared<AggregateFunctionSingleValue<SingleValueGeneric, kind>>(argument_types, parameters);
}

} // namespace

AggregateFunctionPtr createAggregateFunctionMin(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    return createSingleValue<SingleValueKind::Min>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionMax(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    return createSingleValue<SingleValueKind::Max>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionAny(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    return createSingleValue<SingleValueKind::Any>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionAnyLast(const std::string & name, const DataTypes & argument_types,
                                                    const FieldVector & parameters)
{
    return createSingleValue<SingleValueKind::AnyLast>(name, argument_types, parameters);
}
} // namespace pipit
