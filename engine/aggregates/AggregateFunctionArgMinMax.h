#pragma once

#include "engine/aggregates/AggregateFunctionMinMaxAny.h"

namespace pipit
{

template <typename ValueData, typename ResultData>
struct ArgMinMaxData
{
    ResultData result;
    ValueData value;
};

/// argMin(arg, val) / argMax(arg, val): `arg` at the row with the smallest / largest `val`
/// (the first such row). Result type: the type of `arg`; default on empty input.
template <typename ValueData, bool is_max>
class AggregateFunctionArgMinMax final
    : public IAggregateFunctionDataHelper<ArgMinMaxData<ValueData, SingleValueGeneric>, AggregateFunctionArgMinMax<ValueData, is_max>>
{
    using Data = ArgMinMaxData<ValueData, SingleValueGeneric>;
    using Base = IAggregateFunctionDataHelper<Data, AggregateFunctionArgMinMax<ValueData, is_max>>;

public:
    AggregateFunctionArgMinMax(const DataTypes & argument_types, FieldVector parameters)
        : Base(argument_types, std::move(parameters))
        , result_type_(argument_types.at(0))
        , value_type_(argument_types.at(1))
    {
    }

    std::string getName() const override { return is_max ? "argMax" : "argMin"; }
    DataTypePtr getReturnType() const override { return result_type_; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const final
    {
        Data & d = Base::data(place);
        bool better = !d.value.has() || (is_max ? d.value.isGreater(*columns[1], row) : d.value.isLess(*columns[1], row));
        if (better)
        {
            d.value.set(*columns[1], row, arena);
            d.result.set(*columns[0], row, arena);
        }
    }
    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs_place, Arena * arena) const override
    {
        Data & d = Base::data(place);
        const Data & rhs = Base::data(rhs_place);
        if (!rhs.value.has())
            return;
        bool better = !d.value.has() || (is_max ? d.value.isGreater(rhs.value) : d.value.isLess(rhs.value));
        if (better)
        {
            d.value.set(rhs.value, arena);
            d.result.set(rhs.result, arena);
        }
    }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override
    {
        Base::data(place).result.write(out, *result_type_);
        Base::data(place).value.write(out, *value_type_);
    }
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override
    {
        Base::data(place).result.read(in, *result_type_, arena);
        Base::data(place).value.read(in, *value_type_, arena);
    }
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const override
    {
        const Data & d = Base::data(place);
        if (d.result.has())
            d.result.insertResultInto(to);
        else
            to.insert(result_type_->getDefault());
    }

private:
    DataTypePtr result_type_;
    DataTypePtr value_type_;
};

AggregateFunctionPtr createAggregateFunctionArgMin(const std::string & name, const DataTypes & argument_types,
                                                   const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionArgMax(const std::string & name, const DataTypes & argument_types,
                                                   const FieldVector & parameters);

} // namespace pipit
