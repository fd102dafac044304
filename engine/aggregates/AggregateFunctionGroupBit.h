#pragma once

#include "engine/aggregates/IAggregateFunction.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

namespace pipit
{

/// Bitwise fold of an integer column: groupBitAnd (starts from all ones), groupBitOr, groupBitXor
/// (start from 0). The result has the argument's type, as in ClickHouse.
enum class GroupBitKind
{
    And,
    Or,
    Xor,
};

template <typename T>
struct GroupBitData
{
    T value {};
};

template <typename T, GroupBitKind Kind>
class AggregateFunctionGroupBit final : public IAggregateFunctionDataHelper<GroupBitData<T>, AggregateFunctionGroupBit<T, Kind>>
{
    using Base = IAggregateFunctionDataHelper<GroupBitData<T>, AggregateFunctionGroupBit<T, Kind>>;

public:
    AggregateFunctionGroupBit(const DataTypes & argument_types, FieldVector parameters)
        : Base(argument_types, std::move(parameters))
    {
    }

    std::string getName() const override
    {
        return Kind == GroupBitKind::And ? "groupBitAnd" : Kind == GroupBitKind::Or ? "groupBitOr" : "groupBitXor";
    }
    DataTypePtr getReturnType() const override { return this->getArgumentTypes()[0]; }

    void create(AggregateDataPtr place) const override
    {
        new (place) GroupBitData<T>;
        if constexpr (Kind == GroupBitKind::And)
            Base::data(place).value = static_cast<T>(~T {});
    }

    static T apply(T a, T b)
    {
        if constexpr (Kind == GroupBitKind::And)
            return static_cast<T>(a & b);
        else if constexpr (Kind == GroupBitKind::Or)
            return static_cast<T>(a | b);
        else
            return static_cast<T>(a ^ b);
    }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const final
    {
        T & value = Base::data(place).value;
        value = apply(value, static_cast<const ColumnVector<T> *>(columns[0])->getData()[row]);
    }

    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const override
    {
        Base::data(place).value = apply(Base::data(place).value, Base::data(rhs).value);
    }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override { writePODBinary(Base::data(place).value, out); }
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const override { readPODBinary(Base::data(place).value, in); }
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const override
    {
        assertColumnCast<ColumnVector<T>>(to).insertValue(Base::data(place).value);
    }
};

/// groupBitAnd/groupBitOr/groupBitXor(x) over an integer x; ILLEGAL_TYPE_OF_ARGUMENT otherwise.
AggregateFunctionPtr createAggregateFunctionGroupBitAnd(const std::string & name, const DataTypes & argument_types,
                                                        const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionGroupBitOr(const std::string & name, const DataTypes & argument_types,
                                                       const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionGroupBitXor(const std::string & name, const DataTypes & argument_types,
                                                        const FieldVector & parameters);

} // namespace pipit
