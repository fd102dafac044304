#pragma once

#include "engine/aggregates/IAggregateFunction.h"
#include "engine/aggregates/QuantileTDigest.h"
#include "engine/aggregates/QuantileTiming.h"
#include "engine/aggregates/ReservoirSampler.h"
#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnVector.h"

#include <cmath>

namespace pipit
{

/// quantile / median: ClickHouse's reservoir sample of 8,192 values (Float64 result).
template <typename T>
struct QuantileReservoirData
{
    ReservoirSampler<T> sampler;
    void add(T x) { sampler.insert(x); }
    void merge(const QuantileReservoirData & rhs) { sampler.merge(rhs.sampler); }
    Float64 get(Float64 level) { return sampler.quantileInterpolated(level); }
    void write(WriteBuffer & out) const { sampler.write(out); }
    void read(ReadBuffer & in) { sampler.read(in); }
};

/// quantileExact: all values; the result is the value at position floor(level * n) of the sorted
/// values (n - 1 for level 1), in the argument type; 0 (nan for floats) on empty input.
template <typename T>
struct QuantileExactData
{
    PODArray<T> values;
    void add(T x) { values.push_back(x); }
    void merge(const QuantileExactData & rhs) { values.insert(values.end(), rhs.values.begin(), rhs.values.end()); }
    T get(Float64 level);
    void write(WriteBuffer & out) const;
    void read(ReadBuffer & in);
};

/// quantileTiming: milliseconds; Float32 result.
template <typename T>
struct QuantileTimingData
{
    QuantileTiming timing;
    void add(T x)
    {
        if constexpr (std::is_signed_v<T> || std::is_floating_point_v<T>)
            if (x < 0)
                return;
        if (x > static_cast<T>(QuantileTiming::big_threshold))
            timing.add(QuantileTiming::big_threshold);
        else
            timing.add(static_cast<UInt64>(x));
    }
    void merge(const QuantileTimingData & rhs) { timing.merge(rhs.timing); }
    Float32 get(Float64 level) { return timing.get(level); }
    void write(WriteBuffer & out) const { timing.write(out); }
    void read(ReadBuffer & in) { timing.read(in); }
};

/// quantileTDigest: Float32 result.
template <typename T>
struct QuantileTDigestData
{
    QuantileTDigest digest;
    void add(T x) { digest.add(static_cast<Float64>(x)); }
    void merge(const QuantileTDigestData & rhs) { digest.merge(rhs.digest); }
    Float32 get(Float64 level) { return digest.get(level); }
    void write(WriteBuffer & out) const { digest.write(out); }
    void read(ReadBuffer & in) { digest.read(in); }
};

/// Column type of quantile results.
enum class QuantileResultKind
{
    Float64,
    Float32,
    /// The argument's own type (quantileExact, and Date/DateTime arguments).
    Argument,
};

/// quantileX(level)(x) and quantilesX(level1, level2, ...)(x) (an Array of results, one per
/// level, in the order given). NaN arguments are skipped.
template <typename Data, typename T>
class AggregateFunctionQuantile final : public IAggregateFunctionDataHelper<Data, AggregateFunctionQuantile<Data, T>>
{
    using Base = IAggregateFunctionDataHelper<Data, AggregateFunctionQuantile<Data, T>>;

public:
    AggregateFunctionQuantile(std::string name, std::vector<Float64> levels, bool multiple, QuantileResultKind result_kind,
                              DataTypePtr result_type, const DataTypes & argument_types, FieldVector parameters)
        : Base(argument_types, std::move(parameters))
        , name_(std::move(name))
        , levels_(std::move(levels))
        , multiple_(multiple)
        , result_kind_(result_kind)
        , result_type_(std::move(result_type))
    {
    }

    std::string getName() const override { return name_; }
    DataTypePtr getReturnType() const override { return result_type_; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const final
    {
        T x = static_cast<const ColumnVector<T> *>(columns[0])->getData()[row];
        if constexpr (std::is_floating_point_v<T>)
            if (std::isnan(x))
                return;
        Base::data(place).add(x);
    }
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const override { Base::data(place).merge(Base::data(rhs)); }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override { Base::data(place).write(out); }
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const override { Base::data(place).read(in); }

    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const override
    {
        Data & d = Base::data(place);
        if (!multiple_)
        {
            insertValue(to, d.get(levels_[0]));
            return;
        }
        auto & array = assertColumnCast<ColumnArray>(to);
        for (Float64 level : levels_)
            insertValue(array.getData(), d.get(level));
        array.getOffsets().push_back(array.getData().size());
    }

private:
    template <typename V>
    void insertValue(IColumn & column, V value) const
    {
        switch (result_kind_)
        {
        case QuantileResultKind::Float64:
            assertColumnCast<ColumnFloat64>(column).insertValue(static_cast<Float64>(value));
            return;
        case QuantileResultKind::Float32:
            assertColumnCast<ColumnFloat32>(column).insertValue(static_cast<Float32>(value));
            return;
        case QuantileResultKind::Argument:
        {
            T res {};
            if constexpr (std::is_floating_point_v<V> && !std::is_floating_point_v<T>)
            {
                /// nan (empty input) and out-of-range values become 0 instead of UB.
                if (std::isfinite(value) && value >= -1.7e38 && value <= 1.7e38)
                    res = static_cast<T>(static_cast<long double>(value));
            }
            else
                res = static_cast<T>(value);
            assertColumnCast<ColumnVector<T>>(column).insertValue(res);
            return;
        }
        }
    }

    std::string name_;
    std::vector<Float64> levels_;
    bool multiple_;
    QuantileResultKind result_kind_;
    DataTypePtr result_type_;
};

AggregateFunctionPtr createAggregateFunctionQuantile(const std::string & name, const DataTypes & argument_types,
                                                     const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionQuantileExact(const std::string & name, const DataTypes & argument_types,
                                                          const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionQuantileTiming(const std::string & name, const DataTypes & argument_types,
                                                           const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionQuantileTDigest(const std::string & name, const DataTypes & argument_types,
                                                            const FieldVector & parameters);
/// quantiles* take the levels as parameters and return an Array.
AggregateFunctionPtr createAggregateFunctionQuantiles(const std::string & name, const DataTypes & argument_types,
                                                      const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionQuantilesExact(const std::string & name, const DataTypes & argument_types,
                                                           const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionQuantilesTiming(const std::string & name, const DataTypes & argument_types,
                                                            const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionQuantilesTDigest(const std::string & name, const DataTypes & argument_types,
                                                             const FieldVector & parameters);

} // namespace pipit
