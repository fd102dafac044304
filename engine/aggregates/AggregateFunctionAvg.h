#pragma once

#include "engine/aggregates/AggregateFunctionSum.h"

#include <cmath>

namespace pipit
{

template <typename R>
struct AvgData
{
    R sum {};
    UInt64 count = 0;
};

/// avg(x): Float64 arithmetic mean; nan on empty input. Decimal arguments are summed exactly
/// and divided by 10^scale at the end.
template <typename T, typename R>
class AggregateFunctionAvg final : public IAggregateFunctionDataHelper<AvgData<R>, AggregateFunctionAvg<T, R>>
{
    using Base = IAggregateFunctionDataHelper<AvgData<R>, AggregateFunctionAvg<T, R>>;

public:
    AggregateFunctionAvg(const DataTypes & argument_types, FieldVector parameters, UInt32 decimal_scale)
        : Base(argument_types, std::move(parameters))
        , divisor_(std::pow(10.0, decimal_scale))
    {
    }

    std::string getName() const override { return "avg"; }
    DataTypePtr getReturnType() const override;

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const final
    {
        auto & d = Base::data(place);
        d.sum = wrappingAdd<R>(d.sum, static_cast<R>(static_cast<const ColumnVector<T> *>(columns[0])->getData()[row]));
        ++d.count;
    }

    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena *, const UInt8 * filter) const override
    {
        const T * values = assertColumnCast<ColumnVector<T>>(*columns[0]).getData().data();
        auto & d = Base::data(place);
        d.sum = wrappingAdd<R>(d.sum, AggregateFunctionSum<T, R>::sumRange(values, rows, filter));
        if (filter)
        {
            UInt64 count = 0;
            for (size_t i = 0; i < rows; ++i)
                count += filter[i] != 0;
            d.count += count;
        }
        else
            d.count += rows;
    }

    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const override
    {
        auto & d = Base::data(place);
        d.sum = wrappingAdd<R>(d.sum, Base::data(rhs).sum);
        d.count += Base::data(rhs).count;
    }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override
    {
        writePODBinary(Base::data(place).sum, out);
        writeVarUInt(Base::data(place).count, out);
    }
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const override
    {
        readPODBinary(Base::data(place).sum, in);
        Base::data(place).count = readVarUInt(in);
    }
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const override
    {
        const auto & d = Base::data(place);
        assertColumnCast<ColumnVector<Float64>>(to).insertValue(static_cast<Float64>(d.sum) / divisor_ / static_cast<Float64>(d.count));
    }

private:
    Float64 divisor_;
};

/// avg(x) over numbers and Decimals.
AggregateFunctionPtr createAggregateFunctionAvg(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);

} // namespace pipit
