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
    AggregateFunctionVariance(std::string name, VarianceKind kind, Float64 divisor, const DataTypes & argument_types,
                              FieldVector parameters)
        : Base(argument_types, std::move(parameters))
        , name_(std::move(name))
        , kind_(kind)
        , divisor_(divisor)
    {
    }

    std::string getName() const override { return name_; }
    DataTypePtr getReturnType() const override;

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const final
    {
        Base::data(place).add(static_cast<Float64>(static_cast<const ColumnVector<T> *>(columns[0])->getData()[row]) / divisor_);
    }
    /// Two passes over the batch (mean, then squared deviations: both vectorise), merged into the
    /// state with Chan's formula.
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena *, const UInt8 * filter) const override
    {
        const T * values = assertColumnCast<ColumnVector<T>>(*columns[0]).getData().data();
        const Float64 scale = 1.0 / divisor_;
        Float64 sum[4] = {};
        UInt64 count = 0;
        size_t i = 0;
        if (filter)
        {
            for (; i < rows; ++i)
            {
                Float64 keep = filter[i] ? 1.0 : 0.0;
                sum[i & 3] += keep * (static_cast<Float64>(values[i]) * scale);
                count += filter[i] != 0;
            }
        }
        else
        {
            for (; i + 4 <= rows; i += 4)
                for (size_t k = 0; k < 4; ++k)
                    sum[k] += static_cast<Float64>(values[i + k]) * scale;
            for (; i < rows; ++i)
                sum[0] += static_cast<Float64>(values[i]) * scale;
            count = rows;
        }
        if (count == 0)
            return;
        VarianceData batch;
        batch.count = count;
        batch.mean = ((sum[0] + sum[1]) + (sum[2] + sum[3])) / static_cast<Float64>(count);
        Float64 m2[4] = {};
        for (i = 0; i + 4 <= rows; i += 4)
            for (size_t k = 0; k < 4; ++k)
            {
                Float64 d = static_cast<Float64>(values[i + k]) * scale - batch.mean;
                m2[k] += (filter && !filter[i + k]) ? 0.0 : d * d;
            }
        for (; i < rows; ++i)
        {
            Float64 d = static_cast<Float64>(values[i]) * scale - batch.mean;
            m2[0] += (filter && !filter[i]) ? 0.0 : d * d;
        }
        batch.m2 = (m2[0] + m2[1]) + (m2[2] + m2[3]);
        Base::data(place).merge(batch);
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

AggregateFunctionPtr createAggregateFunctionVarPop(const std::string & name, const DataTypes & argument_types,
                                                   const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionVarSamp(const std::string & name, const DataTypes & argument_types,
                                                    const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionStddevPop(const std::string & name, const DataTypes & argument_types,
                                                      const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionStddevSamp(const std::string & name, const DataTypes & argument_types,
                                                       const FieldVector & parameters);

} // namespace pipit
