#pragma once

#include "engine/aggregates/IAggregateFunction.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

#include <cstring>

namespace pipit
{

/// Reads the has-value byte of a single-value state: CORRUPTED_DATA unless 0 or 1.
bool readStateFlag(ReadBuffer & in);

/// One value of a ColumnVector<T> type.
template <typename T>
struct SingleValueFixed
{
    bool has_value = false;
    T value {};

    bool has() const { return has_value; }
    T get(const IColumn & column, size_t row) const { return static_cast<const ColumnVector<T> &>(column).getData()[row]; }
    void set(const IColumn & column, size_t row, Arena *)
    {
        has_value = true;
        value = get(column, row);
    }
    void set(const SingleValueFixed & rhs, Arena *)
    {
        has_value = true;
        value = rhs.value;
    }
    bool isLess(const IColumn & column, size_t row) const { return get(column, row) < value; }
    bool isGreater(const IColumn & column, size_t row) const { return get(column, row) > value; }
    bool isLess(const SingleValueFixed & rhs) const { return rhs.value < value; }
    bool isGreater(const SingleValueFixed & rhs) const { return rhs.value > value; }
    void insertResultInto(IColumn & to) const
    {
        auto & col = static_cast<ColumnVector<T> &>(to);
        col.insertValue(has_value ? value : T {});
    }
    void write(WriteBuffer & out, const IDataType &) const
    {
        out.write(static_cast<char>(has_value));
        if (has_value)
            writePODBinary(value, out);
    }
    void read(ReadBuffer & in, const IDataType &, Arena *)
    {
        has_value = readStateFlag(in);
        if (has_value)
            readPODBinary(value, in);
    }
};

template <typename Data>
struct IsSingleValueFixed : std::false_type
{
};
template <typename T>
struct IsSingleValueFixed<SingleValueFixed<T>> : std::true_type
{
};

/// One String value whose bytes live in the Arena (reused when the next value fits).
struct SingleValueString
{
    bool has_value = false;
    UInt32 size = 0;
    UInt32 capacity = 0;
    char * bytes = nullptr;

    bool has() const { return has_value; }
    std::string_view view() const { return {bytes, size}; }
    static std::string_view get(const IColumn & column, size_t row) { return static_cast<const ColumnString &>(column).getDataAt(row); }
    void assign(std::string_view s, Arena * arena);
    void set(const IColumn & column, size_t row, Arena * arena) { assign(get(column, row), arena); }
    void set(const SingleValueString & rhs, Arena * arena) { assign(rhs.view(), arena); }
    bool isLess(const IColumn & column, size_t row) const { return get(column, row) < view(); }
    bool isGreater(const IColumn & column, size_t row) const { return get(column, row) > view(); }
    bool isLess(const SingleValueString & rhs) const { return rhs.view() < view(); }
    bool isGreater(const SingleValueString & rhs) const { return rhs.view() > view(); }
    void insertResultInto(IColumn & to) const;
    void write(WriteBuffer & out, const IDataType & type) const;
    void read(ReadBuffer & in, const IDataType & type, Arena * arena);
};

/// Any other type, as a Field ordered by compareFields.
struct SingleValueGeneric
{
    bool has_value = false;
    Field value;

    bool has() const { return has_value; }
    void set(const IColumn & column, size_t row, Arena *)
    {
        has_value = true;
        value = column[row];
    }
    void set(const SingleValueGeneric & rhs, Arena *)
    {
        has_value = true;
        value = rhs.value;
    }
    bool isLess(const IColumn & column, size_t row) const { return compareFields(column[row], value) < 0; }
    bool isGreater(const IColumn & column, size_t row) const { return compareFields(column[row], value) > 0; }
    bool isLess(const SingleValueGeneric & rhs) const { return compareFields(rhs.value, value) < 0; }
    bool isGreater(const SingleValueGeneric & rhs) const { return compareFields(rhs.value, value) > 0; }
    void insertResultInto(IColumn & to) const;
    void write(WriteBuffer & out, const IDataType & type) const;
    void read(ReadBuffer & in, const IDataType & type, Arena * arena);
};

/// How a new value replaces the kept one.
enum class SingleValueKind
{
    Min,
    Max,
    Any,
    AnyLast,
};

/// min / max / any / anyLast: the result type is the argument type; empty input gives its default.
template <typename Data, SingleValueKind kind>
class AggregateFunctionSingleValue final : public IAggregateFunctionDataHelper<Data, AggregateFunctionSingleValue<Data, kind>>
{
    using Base = IAggregateFunctionDataHelper<Data, AggregateFunctionSingleValue<Data, kind>>;

public:
    AggregateFunctionSingleValue(const DataTypes & argument_types, FieldVector parameters)
        : Base(argument_types, std::move(parameters))
        , type_(argument_types.at(0))
    {
    }

    std::string getName() const override
    {
        switch (kind)
        {
        case SingleValueKind::Min:
            return "min";
        case SingleValueKind::Max:
            return "max";
        case SingleValueKind::Any:
            return "any";
        case SingleValueKind::AnyLast:
            return "anyLast";
        }
        return {};
    }
    DataTypePtr getReturnType() const override { return type_; }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena * arena) const final
    {
        Data & d = Base::data(place);
        if constexpr (kind == SingleValueKind::Min)
        {
            if (!d.has() || d.isLess(*columns[0], row))
                d.set(*columns[0], row, arena);
        }
        else if constexpr (kind == SingleValueKind::Max)
        {
            if (!d.has() || d.isGreater(*columns[0], row))
                d.set(*columns[0], row, arena);
        }
        else if constexpr (kind == SingleValueKind::Any)
        {
            if (!d.has())
                d.set(*columns[0], row, arena);
        }
        else
            d.set(*columns[0], row, arena);
    }

    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override
    {
        if constexpr (kind == SingleValueKind::Any)
        {
            if (Base::data(place).has())
                return;
            for (size_t i = 0; i < rows; ++i)
                if (!filter || filter[i])
                {
                    Base::data(place).set(*columns[0], i, arena);
                    return;
                }
        }
        else if constexpr (kind == SingleValueKind::AnyLast)
        {
            for (size_t i = rows; i > 0; --i)
                if (!filter || filter[i - 1])
                {
                    Base::data(place).set(*columns[0], i - 1, arena);
                    return;
                }
        }
        else if constexpr (IsSingleValueFixed<Data>::value)
            addBatchMinMax(rows, place, columns, filter);
        else
            Base::addBatchSinglePlace(rows, place, columns, arena, filter);
    }

    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs_place, Arena * arena) const override
    {
        Data & d = Base::data(place);
        const Data & rhs = Base::data(rhs_place);
        if (!rhs.has())
            return;
        if constexpr (kind == SingleValueKind::Min)
        {
            if (!d.has() || d.isLess(rhs))
                d.set(rhs, arena);
        }
        else if constexpr (kind == SingleValueKind::Max)
        {
            if (!d.has() || d.isGreater(rhs))
                d.set(rhs, arena);
        }
        else if constexpr (kind == SingleValueKind::Any)
        {
            if (!d.has())
                d.set(rhs, arena);
        }
        else
            d.set(rhs, arena);
    }

    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override { Base::data(place).write(out, *type_); }
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena * arena) const override
    {
        Base::data(place).read(in, *type_, arena);
    }
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const override { Base::data(place).insertResultInto(to); }

private:
    /// Tight min/max loop over ColumnVector data (the branch-free select vectorises).
    void addBatchMinMax(size_t rows, AggregateDataPtr place, const IColumn ** columns, const UInt8 * filter) const
    {
        {
            using T = decltype(Data::value);
            const T * values = assertColumnCast<ColumnVector<T>>(*columns[0]).getData().data();
            size_t first = 0;
            if (filter)
            {
                while (first < rows && !filter[first])
                    ++first;
            }
            if (first == rows)
                return;
            T best = values[first];
            if (filter)
            {
                for (size_t i = first + 1; i < rows; ++i)
                {
                    bool better = kind == SingleValueKind::Min ? values[i] < best : values[i] > best;
                    best = (filter[i] && better) ? values[i] : best;
                }
            }
            else
            {
                /// Four independent running bests break the loop-carried dependency.
                auto pick = [](T a, T b)
                {
                    return kind == SingleValueKind::Min ? (b < a ? b : a) : (b > a ? b : a);
                };
                T part[4] = {best, best, best, best};
                size_t i = first + 1;
                for (; i + 4 <= rows; i += 4)
                    for (size_t k = 0; k < 4; ++k)
                        part[k] = pick(part[k], values[i + k]);
                for (; i < rows; ++i)
                    part[0] = pick(part[0], values[i]);
                best = pick(pick(part[0], part[1]), pick(part[2], part[3]));
            }
            Data & d = Base::data(place);
            bool replace = !d.has() || (kind == SingleValueKind::Min ? best < d.value : best > d.value);
            if (replace)
            {
                d.has_value = true;
                d.value = best;
            }
        }
    }

    DataTypePtr type_;
};

AggregateFunctionPtr createAggregateFunctionMin(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionMax(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionAny(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionAnyLast(const std::string & name, const DataTypes & argument_types,
                                                    const FieldVector & parameters);

} // namespace pipit
