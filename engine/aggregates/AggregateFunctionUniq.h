#pragma once

#include "engine/aggregates/DistinctRowSet.h"
#include "engine/aggregates/IAggregateFunction.h"
#include "engine/aggregates/UniquesHashSet.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"

#include <cstring>
#include <unordered_set>
#include <vector>

namespace pipit
{

/// State interface shared by the uniq family: values arrive either as 64 bits of a number
/// (integers sign/zero-extended, floats by their bits) or as bytes (strings, 128-bit numbers,
/// composite keys).

/// uniq: ClickHouse's UniquesHashSet.
struct UniqSamplingData
{
    explicit UniqSamplingData(UInt32 = 0) {}
    UniquesHashSet set;

    void addNumber(UInt64 bits) { set.insert(bits); }
    void addBytes(const char * data, size_t size);
    void merge(const UniqSamplingData & rhs) { set.merge(rhs.set); }
    UInt64 size() const { return set.size(); }
    void write(WriteBuffer & out) const { set.write(out); }
    void read(ReadBuffer & in) { set.read(in); }
};

struct UInt128Hash
{
    size_t operator()(UInt128 x) const
    {
        return UniquesHashSet::intHash64(static_cast<UInt64>(x) ^ UniquesHashSet::intHash64(static_cast<UInt64>(x >> 64)));
    }
};
struct UInt64Hash
{
    size_t operator()(UInt64 x) const { return UniquesHashSet::intHash64(x); }
};

/// uniqExact: exact set of number bits, or of 128-bit hashes of bytes.
struct UniqExactData
{
    explicit UniqExactData(UInt32 = 0) {}
    std::unordered_set<UInt64, UInt64Hash> numbers;
    std::unordered_set<UInt128, UInt128Hash> hashes;

    void addNumber(UInt64 bits) { numbers.insert(bits); }
    void addBytes(const char * data, size_t size);
    void merge(const UniqExactData & rhs);
    UInt64 size() const { return numbers.size() + hashes.size(); }
    void write(WriteBuffer & out) const;
    void read(ReadBuffer & in);
};

/// uniqCombined(K) / uniqHLL12: exact 64-bit hashes up to 2^(K-4) values, then HyperLogLog with
/// 2^K one-byte registers (linear counting for small estimates). Standard error ~1.04/sqrt(2^K).
struct UniqCombinedData
{
    explicit UniqCombinedData(UInt32 k = 17)
        : precision(static_cast<UInt8>(k))
    {
    }
    UInt8 precision;
    bool large = false;
    std::unordered_set<UInt64, UInt64Hash> exact;
    std::vector<UInt8> registers;

    void addNumber(UInt64 bits) { insertHash(UniquesHashSet::intHash64(bits) ^ 0x9E3779B97F4A7C15ULL); }
    void addBytes(const char * data, size_t size);
    void insertHash(UInt64 hash);
    void merge(const UniqCombinedData & rhs);
    UInt64 size() const;
    void write(WriteBuffer & out) const;
    void read(ReadBuffer & in);

private:
    size_t exactLimit() const { return 1ULL << (precision - 4); }
    void toLarge();
    void registerHash(UInt64 hash);
};

/// How uniq-family functions read their argument(s): T is the ColumnVector element type of a
/// single numeric argument, ColumnString for one String argument, IColumn for anything else
/// (exact byte keys of all arguments).
template <typename Data, typename T>
class AggregateFunctionUniq final : public IAggregateFunctionDataHelper<Data, AggregateFunctionUniq<Data, T>>
{
    using Base = IAggregateFunctionDataHelper<Data, AggregateFunctionUniq<Data, T>>;

public:
    AggregateFunctionUniq(std::string name, UInt32 parameter, const DataTypes & argument_types, FieldVector parameters)
        : Base(argument_types, std::move(parameters))
        , name_(std::move(name))
        , parameter_(parameter)
    {
    }

    std::string getName() const override { return name_; }
    DataTypePtr getReturnType() const override;
    bool returnsDefaultWhenOnlyNull() const override { return true; }
    void create(AggregateDataPtr place) const override { new (place) Data(parameter_); }

    void add(AggregateDataPtr place, const IColumn ** columns, size_t row, Arena *) const final
    {
        Data & d = Base::data(place);
        if constexpr (std::is_same_v<T, ColumnString>)
        {
            std::string_view s = static_cast<const ColumnString *>(columns[0])->getDataAt(row);
            d.addBytes(s.data(), s.size());
        }
        else if constexpr (std::is_same_v<T, IColumn>)
        {
            std::string key;
            for (size_t i = 0; i < this->getArgumentTypes().size(); ++i)
                DistinctRowSet::appendKey(*columns[i], row, key);
            d.addBytes(key.data(), key.size());
        }
        else
        {
            T x = static_cast<const ColumnVector<T> *>(columns[0])->getData()[row];
            if constexpr (sizeof(T) > 8)
                d.addBytes(reinterpret_cast<const char *>(&x), sizeof(T));
            else if constexpr (std::is_floating_point_v<T>)
            {
                UInt64 bits = 0;
                std::memcpy(&bits, &x, sizeof(T));
                d.addNumber(bits);
            }
            else
                d.addNumber(static_cast<UInt64>(x));
        }
    }

    /// String batches skip a row whose value and state repeat the previous added row's (adding a
    /// value twice changes no uniq state; columns sorted by the value repeat it a lot).
    void addBatch(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena) const override
    {
        if constexpr (std::is_same_v<T, ColumnString>)
            addStrings(rows, places, place_offset, nullptr, *static_cast<const ColumnString *>(columns[0]), nullptr);
        else
            Base::addBatch(rows, places, place_offset, columns, arena);
    }
    void addBatchFiltered(size_t rows, AggregateDataPtr * places, size_t place_offset, const IColumn ** columns, Arena * arena,
                          const UInt8 * filter) const override
    {
        if constexpr (std::is_same_v<T, ColumnString>)
            addStrings(rows, places, place_offset, nullptr, *static_cast<const ColumnString *>(columns[0]), filter);
        else
            Base::addBatchFiltered(rows, places, place_offset, columns, arena, filter);
    }
    void addBatchSinglePlace(size_t rows, AggregateDataPtr place, const IColumn ** columns, Arena * arena,
                             const UInt8 * filter) const override
    {
        if constexpr (std::is_same_v<T, ColumnString>)
            addStrings(rows, nullptr, 0, place, *static_cast<const ColumnString *>(columns[0]), filter);
        else
            Base::addBatchSinglePlace(rows, place, columns, arena, filter);
    }

    void merge(AggregateDataPtr place, ConstAggregateDataPtr rhs, Arena *) const override { Base::data(place).merge(Base::data(rhs)); }
    void serializeBody(ConstAggregateDataPtr place, WriteBuffer & out) const override { Base::data(place).write(out); }
    void deserializeBody(AggregateDataPtr place, ReadBuffer & in, Arena *) const override { Base::data(place).read(in); }
    void insertResultInto(AggregateDataPtr place, IColumn & to, Arena *) const override
    {
        assertColumnCast<ColumnUInt64>(to).insertValue(Base::data(place).size());
    }

private:
    /// Rows i (with filter[i] when filter is set) into places[i] + place_offset, or into
    /// single_place when places is null.
    void addStrings(size_t rows, AggregateDataPtr * places, size_t place_offset, AggregateDataPtr single_place, const ColumnString & column,
                    const UInt8 * filter) const
    {
        std::string_view previous;
        AggregateDataPtr previous_place = nullptr;
        for (size_t i = 0; i < rows; ++i)
        {
            if (filter && !filter[i])
                continue;
            AggregateDataPtr place = places ? places[i] + place_offset : single_place;
            std::string_view value = column.getDataAt(i);
            if (place == previous_place && value == previous)
                continue;
            Base::data(place).addBytes(value.data(), value.size());
            previous = value;
            previous_place = place;
        }
    }

    std::string name_;
    UInt32 parameter_;
};

AggregateFunctionPtr createAggregateFunctionUniq(const std::string & name, const DataTypes & argument_types,
                                                 const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionUniqExact(const std::string & name, const DataTypes & argument_types,
                                                      const FieldVector & parameters);
/// uniqCombined([K])(x...): K in [12, 20], default 17.
AggregateFunctionPtr createAggregateFunctionUniqCombined(const std::string & name, const DataTypes & argument_types,
                                                         const FieldVector & parameters);
AggregateFunctionPtr createAggregateFunctionUniqHLL12(const std::string & name, const DataTypes & argument_types,
                                                      const FieldVector & parameters);

} // namespace pipit
