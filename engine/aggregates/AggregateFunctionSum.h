#pragma once

#include "engine/aggregates/IAggregateFunction.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

#include <type_traits>

namespace pipit
{

/// Type in which sums of R are accumulated: unsigned for integers (wrapping, no UB), R for floats.
template <typename R>
struct SumAccumulator
{
    using Type = std::make_unsigned_t<R>;
};
template <>
struct SumAccumulator<Float64>
{
    using Type = Float64;
};
template <>
struct SumAccumulator<Float32>
{
    using Type = Float32;
};
template <>
struct SumAccumulator<Int128>
{
    using Type = UInt128;
};
template <>
struct SumAccumulator<UInt128>
{
    using Type = UInt128;
};

/// Integer addition that wraps on overflow like ClickHouse (no signed-overflow UB).
template <typename R>
inline R wrappingAdd(R a, R b)
{
    using Acc = typename SumAccumulator<R>::Type;
    return static_cast<R>(static_cast<Acc>(a) + static_cast<Acc>(b));
}

/// Sum of values of storage type T accumulated in R (UInt64 for unsigned, Int64 for signed,
/// Float64 for floats, Int128 for Decimal -> Decimal128(38, S) and for 128-bit integers).
template <typename T, typename R>
class AggregateFunctionSum final : public IAggregateFunctionDataHelper<R, AggregateFunctionSum<T, R>>
{
    using Base = IAggregateFunctionDataHelper<R, AggregateFunctionSum<T, R>>;

public:
    AggregateFunctionSum(const DataTypes & argument_types, FieldVector parameters, DataTypePtr result_type)
        : Base(argument_types, std::move(parameters))
        , result_type_(std::move(result_type))
    {
    }

    std::string getName() const override { return "sum"; }
    DataTypePtr getReturnType() const override { return result_type_; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const final
    {
        R & sum = Base::data(place);
        sum = wrappingAdd<R>(sum, static_cast<R>(static_cast<const ColumnVector<T> *>(columns[0])->getData()[row]));
    }

    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena *, const UInt8 * filter) const override
    {
        const T * values = assertColumnCast<ColumnVector<T>>(*columns[0]).getData().data();
        Base::data(place) = wrappingAdd<R>(Base::data(place), sumRange(values, rows, filter));
    }

    /// Sum of values[0, rows) (only where filter[i] != 0 when filter is set) in R, with four
    /// independent accumulators so float sums vectorise too.
    static R sumRange(const T * values, size_t rows, const UInt8 * filter)
    {
        using Acc = typename SumAccumulator<R>::Type;
        Acc acc[4] = {};
        size_t i = 0;
        if (filter)
        {
            for (; i + 4 <= rows; i += 4)
                for (size_t k = 0; k < 4; ++k)
                    acc[k] += filter[i + k] ? static_cast<Acc>(values[i + k]) : Acc {};
            for (; i < rows; ++i)
                acc[0] += filter[i] ? static_cast<Acc>(values[i]) : Acc {};
        }
        else
        {
            for (; i + 4 <= rows; i += 4)
                for (size_t k = 0; k < 4; ++k)
                    acc[k] += static_cast<Acc>(values[i + k]);
            for (; i < rows; ++i)
                acc[0] += static_cast<Acc>(values[i]);
        }
        return static_cast<R>((acc[0] + acc[1]) + (acc[2] + acc[3]));
    }

    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const override
    {
        Base::data(place) = wrappingAdd<R>(Base::data(place), Base::data(rhs));
    }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override { writePODBinary(Base::data(place), out); }
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const override { readPODBinary(Base::data(place), in); }
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const override
    {
        assertColumnCast<ColumnVector<R>>(to).insertValue(Base::data(place));
    }

private:
    DataTypePtr result_type_;
};

/// sum(x): ClickHouse's widening (UInt* -> UInt64, Int* -> Int64, Float* -> Float64,
/// Decimal* -> Decimal128(38, S), (U)Int128 -> (U)Int128); ILLEGAL_TYPE_OF_ARGUMENT otherwise.
AggregateFunctionPtr createAggregateFunctionSum(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);

} // namespace pipit
