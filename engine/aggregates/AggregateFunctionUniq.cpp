#include "engine/aggregates/AggregateFunctionUniq.h"

#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

#include <xxhash.h>

#include <bit>
#include <cmath>

namespace pipit
{

namespace
{
constexpr size_t max_exact_set_size = 1ULL << 30;
}

void UniqSamplingData::addBytes(const char * data, size_t size)
{
    set.insert(XXH3_64bits(data, size));
}

void UniqExactData::addBytes(const char * data, size_t size)
{
    XXH128_hash_t h = XXH3_128bits(data, size);
    hashes.insert((static_cast<UInt128>(h.high64) << 64) | h.low64);
}

void UniqExactData::merge(const UniqExactData & rhs)
{
    numbers.insert(rhs.numbers.begin(), rhs.numbers.end());
    hashes.insert(rhs.hashes.begin(), rhs.hashes.end());
}

void UniqExactData::write(WriteBuffer & out) const
{
    writeVarUInt(numbers.size(), out);
    for (UInt64 x : numbers)
        writePODBinary(x, out);
    writeVarUInt(hashes.size(), out);
    for (UInt128 x : hashes)
        writePODBinary(x, out);
}

void UniqExactData::read(ReadBuffer & in)
{
    size_t n = readStateSize(in, max_exact_set_size);
    for (size_t i = 0; i < n; ++i)
    {
        UInt64 x = 0;
        readPODBinary(x, in);
        numbers.insert(x);
    }
    n = readStateSize(in, max_exact_set_size);
    for (size_t i = 0; i < n; ++i)
    {
        UInt128 x = 0;
        readPODBinary(x, in);
        hashes.insert(x);
    }
}

void UniqCombinedData::addBytes(const char * data, size_t size)
{
    insertHash(XXH3_64bits(data, size));
}

void UniqCombinedData::insertHash(UInt64 hash)
{
    if (large)
    {
        registerHash(hash);
        return;
    }
    exact.insert(hash);
    if (exact.size() > exactLimit())
        toLarge();
}

void UniqCombinedData::toLarge()
{
    registers.assign(1ULL << precision, 0);
    large = true;
    for (UInt64 hash : exact)
        registerHash(hash);
    exact = {};
}

void UniqCombinedData::registerHash(UInt64 hash)
{
    size_t index = hash >> (64 - precision);
    UInt64 rest = (hash << precision) | (1ULL << (precision - 1));
    UInt8 rank = static_cast<UInt8>(std::countl_zero(rest) + 1);
    if (rank > registers[index])
        registers[index] = rank;
}

void UniqCombinedData::merge(const UniqCombinedData & rhs)
{
    if (rhs.large)
    {
        if (!large)
            toLarge();
        for (size_t i = 0; i < registers.size(); ++i)
            registers[i] = std::max(registers[i], rhs.registers[i]);
        return;
    }
    for (UInt64 hash : rhs.exact)
        insertHash(hash);
}

UInt64 UniqCombinedData::size() const
{
    if (!large)
        return exact.size();
    const double m = static_cast<double>(registers.size());
    double sum = 0;
    size_t zeros = 0;
    for (UInt8 r : registers)
    {
        sum += std::ldexp(1.0, -static_cast<int>(r));
        zeros += r == 0;
    }
    const double alpha = 0.7213 / (1 + 1.079 / m);
    double estimate = alpha * m * m / sum;
    if (estimate <= 2.5 * m && zeros > 0)
        estimate = m * std::log(m / static_cast<double>(zeros));
    return static_cast<UInt64>(std::llround(estimate));
}

void UniqCombinedData::write(WriteBuffer & out) const
{
    out.write(static_cast<char>(precision));
    out.write(static_cast<char>(large));
    if (large)
        out.write(reinterpret_cast<const char *>(registers.data()), registers.size());
    else
    {
        writeVarUInt(exact.size(), out);
        for (UInt64 x : exact)
            writePODBinary(x, out);
    }
}

void UniqCombinedData::read(ReadBuffer & in)
{
    UInt8 k = 0;
    UInt8 is_large = 0;
    readPODBinary(k, in);
    readPODBinary(is_large, in);
    if (k != precision || is_large > 1)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Bad header in the state of uniqCombined");
    if (is_large)
    {
        registers.assign(1ULL << precision, 0);
        large = true;
        readExact(reinterpret_cast<char *>(registers.data()), registers.size(), in);
        for (UInt8 r : registers)
            if (r > 65 - precision)
                throw Exception(ErrorCode::CORRUPTED_DATA, "Bad register in the state of uniqCombined");
        return;
    }
    size_t n = readStateSize(in, exactLimit());
    for (size_t i = 0; i < n; ++i)
    {
        UInt64 x = 0;
        readPODBinary(x, in);
        insertHash(x);
    }
}

template <typename Data, typename T>
DataTypePtr AggregateFunctionUniq<Data, T>::getReturnType() const
{
    return std::make_shared<DataTypeUInt64>();
}

namespace
{

template <typename Data>
AggregateFunctionPtr createUniq(const std::string & name, UInt32 parameter, const DataTypes & argument_types,
                                const FieldVector & parameters)
{
    if (argument_types.empty())
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires at least one argument");
    AggregateFunctionPtr res;
    if (argument_types.size() == 1)
    {
        const IDataType & type = *argument_types[0];
        if (dispatchStorageType(type, [&]<typename T>(TypeTag<T>)
                                { res = std::make_shared<AggregateFunctionUniq<Data, T>>(name, parameter, argument_types, parameters); }))
            return res;
        if (type.getTypeId() == TypeIndex::String)
            return std::make_shared<AggregateFunctionUniq<Data, ColumnString>>(name, parameter, argument_types, parameters);
    }
    return std::make_shared<AggregateFunctionUniq<Data, IColumn>>(name, parameter, argument_types, parameters);
}

void checkNoParameters(const std::string & name, const FieldVector & parameters)
{
    if (!parameters.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Aggregate function " + name + " takes no parameters");
}

} // namespace

AggregateFunctionPtr createAggregateFunctionUniq(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    checkNoParameters(name, parameters);
    return createUniq<UniqSamplingData>(name, 0, argument_types, parameters);
}

AggregateFunctionPtr createAggregateFunctionUniqExact(const std::string & name, const DataTypes & argument_types,
                                                      const FieldVector & parameters)
{
    checkNoParameters(name, parameters);
    return createUniq<UniqExactData>(name, 0, argument_types, parameters);
}

AggregateFunctionPtr createAggregateFunctionUniqCombined(const std::string & name, const DataTypes & argument_types,
                                                         const FieldVector & parameters)
{
    UInt32 k = 17;
    if (parameters.size() > 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " takes at most one parameter");
    if (parameters.size() == 1)
    {
        const Field & p = parameters[0];
        if (p.which() != Field::Which::UInt64 && p.which() != Field::Which::Int64)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Parameter of aggregate function " + name + " must be an integer");
        Int64 v = p.toInt64();
        if (v < 12 || v > 20)
            throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "Parameter of aggregate function " + name + " must be in [12, 20]");
        k = static_cast<UInt32>(v);
    }
    return createUniq<UniqCombinedData>(name, k, argument_types, parameters);
}

AggregateFunctionPtr createAggregateFunctionUniqHLL12(const std::string & name, const DataTypes & argument_types,
                                                      const FieldVector & parameters)
{
    checkNoParameters(name, parameters);
    return createUniq<UniqCombinedData>(name, 12, argument_types, parameters);
}

} // namespace pipit
