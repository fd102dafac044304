#include "engine/aggregates/AggregateFunctionQuantile.h"

#include "engine/aggregates/AggregateFunctionTypeDispatch.h"
#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeNumber.h"

namespace pipit
{

namespace
{
constexpr size_t max_exact_values = 1ULL << 30;
}

template <typename T>
void ReservoirSampler<T>::write(WriteBuffer & out) const
{
    writeVarUInt(total_values_, out);
    writeVarUInt(samples_.size(), out);
    out.write(reinterpret_cast<const char *>(samples_.data()), samples_.size() * sizeof(T));
}

template <typename T>
void ReservoirSampler<T>::read(ReadBuffer & in)
{
    total_values_ = readVarUInt(in);
    size_t n = readStateSize(in, sample_count);
    if (n > total_values_ || (total_values_ <= sample_count && n != total_values_) || (total_values_ > sample_count && n != sample_count))
        throw Exception(ErrorCode::CORRUPTED_DATA, "Bad sample size in the state of quantile");
    samples_.resize(n);
    readExact(reinterpret_cast<char *>(samples_.data()), n * sizeof(T), in);
    sorted_ = false;
}

template <typename T>
T QuantileExactData<T>::get(Float64 level)
{
    if (values.empty())
    {
        if constexpr (std::is_floating_point_v<T>)
            return std::numeric_limits<T>::quiet_NaN();
        else
            return T {};
    }
    size_t n = level < 1 ? static_cast<size_t>(level * static_cast<Float64>(values.size())) : values.size() - 1;
    n = std::min(n, values.size() - 1);
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(n), values.end(), [](T a, T b) { return a < b; });
    return values[n];
}

template <typename T>
void QuantileExactData<T>::write(WriteBuffer & out) const
{
    writeVarUInt(values.size(), out);
    out.write(reinterpret_cast<const char *>(values.data()), values.size() * sizeof(T));
}

template <typename T>
void QuantileExactData<T>::read(ReadBuffer & in)
{
    size_t n = readStateSize(in, max_exact_values);
    /// Read in pieces so a corrupted size cannot allocate more than the input holds.
    constexpr size_t piece = 65536;
    values.clear();
    for (size_t done = 0; done < n;)
    {
        size_t count = std::min(piece, n - done);
        size_t old = values.size();
        values.resize(old + count);
        readExact(reinterpret_cast<char *>(values.data() + old), count * sizeof(T), in);
        done += count;
    }
}

namespace
{

enum class QuantileKind
{
    Reservoir,
    Exact,
    Timing,
    TDigest,
};

bool isDateOrTime(const IDataType & type)
{
    TypeIndex t = type.getTypeId();
    return t == TypeIndex::Date || t == TypeIndex::Date32 || t == TypeIndex::DateTime || t == TypeIndex::DateTime64;
}

std::vector<Float64> parseLevels(const std::string & name, const FieldVector & parameters, bool multiple)
{
    if (!multiple && parameters.size() > 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                        "Aggregate function " + name + " takes at most one parameter (the level)");
    if (multiple && parameters.empty())
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                        "Aggregate function " + name + " requires at least one level parameter");
    std::vector<Float64> levels;
    for (const Field & p : parameters)
    {
        Float64 level = 0;
        switch (p.which())
        {
        case Field::Which::UInt64:
        case Field::Which::Int64:
        case Field::Which::Float64:
        case Field::Which::Decimal:
            level = p.toFloat64();
            break;
        default:
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Level of aggregate function " + name + " must be a number, got " + p.dump());
        }
        if (!(level >= 0 && level <= 1))
            throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                            "Quantile level " + p.dump() + " of aggregate function " + name + " is out of range [0, 1]");
        levels.push_back(level);
    }
    if (levels.empty())
        levels.push_back(0.5);
    return levels;
}

template <QuantileKind kind, bool multiple>
AggregateFunctionPtr createQuantile(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    if (argument_types.size() != 1)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Aggregate function " + name + " requires exactly one argument");
    std::vector<Float64> levels = parseLevels(name, parameters, multiple);
    const DataTypePtr & type = argument_types[0];
    bool allowed = isNumberType(*type) || isDateOrTime(*type) || (kind == QuantileKind::Exact && isDecimalType(*type));
    if (!allowed)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "Illegal type " + type->getName() + " of argument for aggregate function " + name);

    QuantileResultKind result_kind = QuantileResultKind::Float64;
    DataTypePtr scalar_type = std::make_shared<DataTypeFloat64>();
    if (kind == QuantileKind::Exact || (kind != QuantileKind::Timing && isDateOrTime(*type)))
    {
        result_kind = QuantileResultKind::Argument;
        scalar_type = type;
    }
    else if (kind == QuantileKind::Timing || kind == QuantileKind::TDigest)
    {
        result_kind = QuantileResultKind::Float32;
        scalar_type = std::make_shared<DataTypeFloat32>();
    }
    DataTypePtr result_type = multiple ? std::make_shared<DataTypeArray>(scalar_type) : scalar_type;

    AggregateFunctionPtr res;
    dispatchStorageType(*type,
                        [&]<typename T>(TypeTag<T>)
                        {
                            if constexpr (kind == QuantileKind::Reservoir)
                                res = std::make_shared<AggregateFunctionQuantile<QuantileReservoirData<T>, T>>(
                                    name, levels, multiple, result_kind, result_type, argument_types, parameters);
                            else if constexpr (kind == QuantileKind::Exact)
                                res = std::make_shared<AggregateFunctionQuantile<QuantileExactData<T>, T>>(
                                    name, levels, multiple, result_kind, result_type, argument_types, parameters);
                            else if constexpr (kind == QuantileKind::Timing)
                                res = std::make_shared<AggregateFunctionQuantile<QuantileTimingData<T>, T>>(
                                    name, levels, multiple, result_kind, result_type, argument_types, parameters);
                            else
                                res = std::make_shared<AggregateFunctionQuantile<QuantileTDigestData<T>, T>>(
                                    name, levels, multiple, result_kind, result_type, argument_types, parameters);
                        });
    if (!res)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "Illegal type " + type->getName() + " of argument for aggregate function " + name);
    return res;
}

} // namespace

AggregateFunctionPtr createAggregateFunctionQuantile(const std::string & name, const DataTypes & argument_types,
                                                     const FieldVector & parameters)
{
    return createQuantile<QuantileKind::Reservoir, false>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionQuantileExact(const std::string & name, const DataTypes & argument_types,
                                                          const FieldVector & parameters)
{
    return createQuantile<QuantileKind::Exact, false>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionQuantileTiming(const std::string & name, const DataTypes & argument_types,
                                                           const FieldVector & parameters)
{
    return createQuantile<QuantileKind::Timing, false>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionQuantileTDigest(const std::string & name, const DataTypes & argument_types,
                                                            const FieldVector & parameters)
{
    return createQuantile<QuantileKind::TDigest, false>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionQuantiles(const std::string & name, const DataTypes & argument_types,
                                                      const FieldVector & parameters)
{
    return createQuantile<QuantileKind::Reservoir, true>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionQuantilesExact(const std::string & name, const DataTypes & argument_types,
                                                           const FieldVector & parameters)
{
    return createQuantile<QuantileKind::Exact, true>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionQuantilesTiming(const std::string & name, const DataTypes & argument_types,
                                                            const FieldVector & parameters)
{
    return createQuantile<QuantileKind::Timing, true>(name, argument_types, parameters);
}
AggregateFunctionPtr createAggregateFunctionQuantilesTDigest(const std::string & name, const DataTypes & argument_types,
                                                             const FieldVector & parameters)
{
    return createQuantile<QuantileKind::TDigest, true>(name, argument_types, parameters);
}

} // namespace pipit
