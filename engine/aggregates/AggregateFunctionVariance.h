#pragma once

#include "engine/aggregates/IAggregateFunction.h"
#include "engine/columns/ColumnVector.h"

#include <cmath>

namespace pipit
{

/// Welford's running moments; merged with Chan's parallel formula.
struct VarianceData
{
    UInt64 count = 0;
    Float64 mean = 0;
    Float64 m2 = 0;

    void add(Float64 x)
    {
        ++count;
        Float64 delta = x - mean;
        mean += delta / static_cast<Float64>(count);
        m2 += delta * (x - mean);
    }
    void merge(const VarianceData & rhs)
    {
        if (rhs.count == 0)
            return;
        if (count == 0)
        {
            *this = rhs;
            return;
        }
        Float64 total = static_cast<Float64>(count + rhs.count);
        Float64 delta = rhs.mean - mean;
        mean += delta * static_cast<Float64>(rhs.count) / total;
        m2 += rhs.m2 + delta * delta * static_cast<Float64>(count) * static_cast<Float64>(rhs.count) / total;
        count += rhs.count;
    }
};

enum class VarianceKind
{
    VarPop,
    VarSamp,
    StddevPop,
    StddevSamp,
};

/// varPop / varSamp / stddevPop / stddevSamp (Float64): nan on empty input, and for the sample
/// forms with a single value (like ClickHouse).
template <typename T>
class AggregateFunctionVariance final : public IAggregateFunctionDataHelper<VarianceData, AggregateFunctionVariance<T>>
{
    using Base = IAggregateFunctionDataHelper<VarianceData, AggregateFunctionVariance<T>>;

public:
    AggregateFunctionVariance(std::string name, VarianceKind kind, Float64 divisor, const DataTypes & argument_types, FieldVector parameters)
        : Base(argument_types, std::move(parameters)), name_(std::move(name)), kind_(kind), divisor_(divisor)
    {
    }

    std::string getName() const override { return name_; }
    DataTypePtr getReturnType() const override;

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const final
    {
        Base::data(place).add(static_cast<Float64>(static_cast<const ColumnVector<T> *>(columns[0])->getData()[row]) / divisor_);
    }
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const override { Base::data(place).merge(Base::data(rhs)); }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override;
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const override;
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const override
    {
        const VarianceData & d = Base::data(place);
        Float64 n = static_cast<Float64>(d.count);
        Float64 res = std::numeric_limits<Float64>::quiet_NaN();
        bool sample = kind_ == VarianceKind::VarSamp || kind_ == VarianceKind::StddevSamp;
        if (sample ? d.count > 1 : d.count > 0)
            res = std::max(0.0, d.m2 / (sample ? n - 1 : n));
        if (kind_ == VarianceKind::StddevPop || kind_ == VarianceKind::StddevSamp)
            res = std::sqrt(res);
        assertColumnCast<ColumnFloat64>(to).insertValue(res);
    }

private:
    std::string name_;
    VarianceKind kind_;
    Float64 divisor_;
};

AggregateFunctionPtr createAggregateFunctionVarPop(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionVarSamp(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionStddevPop(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionStddevSamp(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);

} // namespace pipit
