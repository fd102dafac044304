#include "engine/execution/Aggregator.h"

#include "engine/base/Check.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionIf.h"

#include <cmath>
#include <cstring>
#include <unordered_set>

namespace pipit
{

namespace
{

/// Splits a possibly Nullable full column into values and null map (nullptr when not Nullable).
std::pair<ColumnPtr, const PODArray<UInt8> *> splitNullable(const ColumnPtr & column)
{
    if (const auto * n = dynamic_cast<const ColumnNullable *>(column.get()))
        return {n->getNestedColumnPtr(), &n->getNullMapData()};
    return {column, nullptr};
}

class CountStates final : public IAggregateStates
{
public:
    CountStates(bool is_if, DataTypes argument_types)
        : is_if_(is_if)
        , argument_types_(std::move(argument_types))
    {
    }
    void resize(size_t groups) override { counts_.resize(groups, 0); }
    void add(const std::vector<size_t> & group_of_row, const Columns & arguments, size_t rows) override
    {
        UInt64 * __restrict counts = counts_.data();
        if (arguments.empty())
        {
            for (size_t i = 0; i < rows; ++i)
                ++counts[group_of_row[i]];
            return;
        }
        if (is_if_)
        {
            auto condition = conditionValues({arguments[0], argument_types_[0], ""}, rows);
            for (size_t i = 0; i < rows; ++i)
                counts[group_of_row[i]] += condition[i];
            return;
        }
        auto [values, null_map] = splitNullable(arguments[0]);
        if (!null_map)
        {
            for (size_t i = 0; i < rows; ++i)
                ++counts[group_of_row[i]];
            return;
        }
        for (size_t i = 0; i < rows; ++i)
            counts[group_of_row[i]] += !(*null_map)[i];
    }
    void merge(size_t dst, const IAggregateStates & other, size_t src) override
    {
        counts_[dst] += static_cast<const CountStates &>(other).counts_[src];
    }
    ColumnPtr finish(size_t groups) const override
    {
        auto res = ColumnUInt64::create(groups);
        std::copy(counts_.begin(), counts_.begin() + static_cast<std::ptrdiff_t>(groups), res->getData().begin());
        return res;
    }

private:
    bool is_if_;
    DataTypes argument_types_;
    std::vector<UInt64> counts_;
};

/// sum, sumIf, avg, avgIf: accumulator Acc (UInt64, Int64 or Float64).
template <typename Acc>
class SumStates final : public IAggregateStates
{
public:
    SumStates(bool is_avg, bool is_if, DataTypes argument_types, DataTypePtr result_type)
        : is_avg_(is_avg)
        , is_if_(is_if)
        , argument_types_(std::move(argument_types))
        , result_type_(std::move(result_type))
    {
    }
    void resize(size_t groups) override
    {
        sums_.resize(groups, Acc {});
        counts_.resize(groups, 0);
    }
    void add(const std::vector<size_t> & group_of_row, const Columns & arguments, size_t rows) override
    {
        auto [values, null_map] = splitNullable(arguments[0]);
        auto value_type = removeNullableType(argument_types_[0]);
        auto acc_type = numberType(std::is_signed_v<Acc> || std::is_floating_point_v<Acc>, std::is_floating_point_v<Acc>, 8);
        auto converted = castColumn({values, value_type, ""}, acc_type);
        const Acc * data = assertColumnCast<ColumnVector<Acc>>(*converted).getData().data();
        PODArray<UInt8> condition;
        if (is_if_)
            condition = conditionValues({arguments[1], argument_types_[1], ""}, rows);
        Acc * __restrict sums = sums_.data();
        UInt64 * __restrict counts = counts_.data();
        for (size_t i = 0; i < rows; ++i)
        {
            bool take = (!null_map || !(*null_map)[i]) && (!is_if_ || condition[i]);
            if (!take)
                continue;
            size_t g = group_of_row[i];
            if constexpr (std::is_integral_v<Acc>)
                sums[g] = static_cast<Acc>(static_cast<UInt64>(sums[g]) + static_cast<UInt64>(data[i]));
            else
                sums[g] += data[i];
            ++counts[g];
        }
    }
    void merge(size_t dst, const IAggregateStates & other, size_t src) override
    {
        const auto & o = static_cast<const SumStates &>(other);
        if constexpr (std::is_integral_v<Acc>)
            sums_[dst] = static_cast<Acc>(static_cast<UInt64>(sums_[dst]) + static_cast<UInt64>(o.sums_[src]));
        else
            sums_[dst] += o.sums_[src];
        counts_[dst] += o.counts_[src];
    }
    ColumnPtr finish(size_t groups) const override
    {
        MutableColumnPtr values;
        if (is_avg_)
        {
            auto column = ColumnFloat64::create(groups);
            for (size_t g = 0; g < groups; ++g)
                column->getData()[g] = counts_[g] ? static_cast<Float64>(sums_[g]) / static_cast<Float64>(counts_[g]) : std::nan("");
            values = column;
        }
        else
        {
            auto column = ColumnVector<Acc>::create(groups);
            for (size_t g = 0; g < groups; ++g)
                column->getData()[g] = sums_[g];
            values = column;
        }
        if (!result_type_->isNullable())
            return values;
        auto null_map = ColumnUInt8::create(groups);
        for (size_t g = 0; g < groups; ++g)
            null_map->getData()[g] = counts_[g] == 0;
        return ColumnNullable::create(std::move(values), std::move(null_map));
    }

private:
    bool is_avg_;
    bool is_if_;
    DataTypes argument_types_;
    DataTypePtr result_type_;
    std::vector<Acc> sums_;
    std::vector<UInt64> counts_;
};

enum class ValueKind
{
    Min,
    Max,
    Any,
    AnyLast,
};

/// min, max, any, anyLast over any type, with Field values (typed fast path for numbers).
class ValueStates final : public IAggregateStates
{
public:
    ValueStates(ValueKind kind, DataTypePtr type)
        : kind_(kind)
        , type_(std::move(type))
    {
    }
    void resize(size_t groups) override
    {
        values_.resize(groups);
        has_.resize(groups, 0);
    }
    void add(const std::vector<size_t> & group_of_row, const Columns & arguments, size_t rows) override
    {
        auto [column, null_map] = splitNullable(arguments[0]);
        for (size_t i = 0; i < rows; ++i)
        {
            if (null_map && (*null_map)[i])
                continue;
            size_t g = group_of_row[i];
            if (has_[g] && kind_ == ValueKind::Any)
                continue;
            Field v = (*column)[i];
            update(g, v);
        }
    }
    void merge(size_t dst, const IAggregateStates & other, size_t src) override
    {
        const auto & o = static_cast<const ValueStates &>(other);
        if (o.has_[src])
            update(dst, o.values_[src]);
    }
    ColumnPtr finish(size_t groups) const override
    {
        auto column = type_->createColumn();
        for (size_t g = 0; g < groups; ++g)
        {
            if (has_[g])
                column->insert(values_[g]);
            else
                column->insertDefault();
        }
        return column;
    }

private:
    void update(size_t g, const Field & v)
    {
        if (!has_[g])
        {
            values_[g] = v;
            has_[g] = 1;
            return;
        }
        switch (kind_)
        {
        case ValueKind::Min:
            if (compareFields(v, values_[g]) < 0)
                values_[g] = v;
            break;
        case ValueKind::Max:
            if (compareFields(v, values_[g]) > 0)
                values_[g] = v;
            break;
        case ValueKind::Any:
            break;
        case ValueKind::AnyLast:
            values_[g] = v;
            break;
        }
    }

    ValueKind kind_;
    DataTypePtr type_;
    std::vector<Field> values_;
    std::vector<UInt8> has_;
};

/// min/max/any/anyLast of native numbers and time types, on typed arrays.
template <typename T>
class NumericValueStates final : public IAggregateStates
{
public:
    NumericValueStates(ValueKind kind, DataTypePtr type)
        : kind_(kind)
        , type_(std::move(type))
    {
    }
    void resize(size_t groups) override
    {
        values_.resize(groups, T {});
        has_.resize(groups, 0);
    }
    void add(const std::vector<size_t> & group_of_row, const Columns & arguments, size_t rows) override
    {
        auto [column, null_map] = splitNullable(arguments[0]);
        const T * data = assertColumnCast<ColumnVector<T>>(*column).getData().data();
        for (size_t i = 0; i < rows; ++i)
        {
            if (null_map && (*null_map)[i])
                continue;
            update(group_of_row[i], data[i]);
        }
    }
    void merge(size_t dst, const IAggregateStates & other, size_t src) override
    {
        const auto & o = static_cast<const NumericValueStates &>(other);
        if (o.has_[src])
            update(dst, o.values_[src]);
    }
    ColumnPtr finish(size_t groups) const override
    {
        auto values = ColumnVector<T>::create(groups);
        for (size_t g = 0; g < groups; ++g)
            values->getData()[g] = has_[g] ? values_[g] : T {};
        if (!type_->isNullable())
            return values;
        auto null_map = ColumnUInt8::create(groups);
        for (size_t g = 0; g < groups; ++g)
            null_map->getData()[g] = !has_[g];
        return ColumnNullable::create(std::move(values), std::move(null_map));
    }

private:
    void update(size_t g, T v)
    {
        if (!has_[g])
        {
            values_[g] = v;
            has_[g] = 1;
            return;
        }
        switch (kind_)
        {
        case ValueKind::Min:
            if (v < values_[g] || (v != v))
                values_[g] = v;
            break;
        case ValueKind::Max:
            if (v > values_[g])
                values_[g] = v;
            break;
        case ValueKind::Any:
            break;
        case ValueKind::AnyLast:
            values_[g] = v;
            break;
        }
    }

    ValueKind kind_;
    DataTypePtr type_;
    std::vector<T> values_;
    std::vector<UInt8> has_;
};

/// uniq / uniqExact: distinct 64-bit hashes of the argument tuple (NULLs skipped).
class UniqStates final : public IAggregateStates
{
public:
    void resize(size_t groups) override { sets_.resize(groups); }
    void add(const std::vector<size_t> & group_of_row, const Columns & arguments, size_t rows) override
    {
        for (size_t i = 0; i < rows; ++i)
        {
            UInt64 hash = 0;
            bool has_null = false;
            for (const auto & argument : arguments)
            {
                if (const auto * n = dynamic_cast<const ColumnNullable *>(argument.get()))
                    has_null = has_null || n->isNullAt(i);
                argument->updateHashWithValue(i, hash);
            }
            if (!has_null)
                sets_[group_of_row[i]].insert(hash);
        }
    }
    void merge(size_t dst, const IAggregateStates & other, size_t src) override
    {
        const auto & o = static_cast<const UniqStates &>(other);
        sets_[dst].insert(o.sets_[src].begin(), o.sets_[src].end());
    }
    ColumnPtr finish(size_t groups) const override
    {
        auto res = ColumnUInt64::create(groups);
        for (size_t g = 0; g < groups; ++g)
            res->getData()[g] = sets_[g].size();
        return res;
    }

private:
    std::vector<std::unordered_set<UInt64>> sets_;
};

std::unique_ptr<IAggregateStates> createStates(const AggregateDescription & description)
{
    const auto & f = description.function;
    if (f == "count" || f == "countif")
        return std::make_unique<CountStates>(f == "countif", description.argument_types);
    if (f == "sum" || f == "sumif" || f == "avg" || f == "avgif")
    {
        bool is_avg = f == "avg" || f == "avgif";
        bool is_if = f == "sumif" || f == "avgif";
        auto value = removeNullableType(description.argument_types[0])->getTypeId();
        if (isFloat(value))
            return std::make_unique<SumStates<Float64>>(is_avg, is_if, description.argument_types, description.result_type);
        if (value == TypeIndex::UInt8 || value == TypeIndex::UInt16 || value == TypeIndex::UInt32 || value == TypeIndex::UInt64 ||
            value == TypeIndex::Bool)
            return std::make_unique<SumStates<UInt64>>(is_avg, is_if, description.argument_types, description.result_type);
        return std::make_unique<SumStates<Int64>>(is_avg, is_if, description.argument_types, description.result_type);
    }
    if (f == "min" || f == "max" || f == "any" || f == "anylast" || f == "any_value")
    {
        ValueKind kind = f == "min" ? ValueKind::Min : f == "max" ? ValueKind::Max : f == "anylast" ? ValueKind::AnyLast : ValueKind::Any;
        std::unique_ptr<IAggregateStates> res;
        auto nested = removeNullableType(description.result_type);
        dispatchPhysicalNumber(
            nested->getTypeId(),
            [&](auto tag) { res = std::make_unique<NumericValueStates<typename decltype(tag)::Type>>(kind, description.result_type); });
        if (res)
            return res;
        return std::make_unique<ValueStates>(kind, description.result_type);
    }
    if (f == "uniq" || f == "uniqexact")
        return std::make_unique<UniqStates>();
    throw Exception(ErrorCode::UNKNOWN_AGGREGATE_FUNCTION, "Aggregate function " + f + " is not supported yet");
}

void appendKey(std::string & key, const IColumn & column, size_t row)
{
    if (const auto * n = dynamic_cast<const ColumnNullable *>(&column))
    {
        bool is_null = n->isNullAt(row);
        key.push_back(is_null ? '\1' : '\0');
        if (is_null)
            return;
        appendKey(key, n->getNestedColumn(), row);
        return;
    }
    if (column.isFixedWidth())
    {
        auto v = column.getDataAt(row);
        key.append(v.data(), v.size());
        return;
    }
    std::string_view v;
    std::string text;
    if (dynamic_cast<const ColumnString *>(&column))
        v = column.getDataAt(row);
    else
    {
        text = column[row].dump();
        v = text;
    }
    UInt64 size = v.size();
    key.append(reinterpret_cast<const char *>(&size), sizeof(size));
    key.append(v.data(), v.size());
}

} // namespace

Aggregator::Aggregator(const std::vector<std::string> & keys, const DataTypes & key_types,
                       const std::vector<AggregateDescription> & aggregates)
    : keys_(keys)
    , key_types_(key_types)
    , aggregates_(aggregates)
{
    for (const auto & description : aggregates_)
        states_.push_back(createStates(description));
    for (const auto & type : key_types_)
        key_columns_.push_back(type->createColumn());
    if (keys_.empty())
    {
        /// Aggregation without keys has exactly one group, even over no rows.
        group_count_ = 1;
        group_keys_.emplace_back();
        group_index_[""] = 0;
        for (auto & state : states_)
            state->resize(1);
    }
}

size_t Aggregator::findOrInsertGroup(const std::string & key, const Columns & key_columns, size_t row)
{
    auto [it, inserted] = group_index_.try_emplace(key, group_count_);
    if (inserted)
    {
        for (size_t k = 0; k < key_columns.size(); ++k)
            key_columns_[k]->insertFrom(*key_columns[k], row);
        group_keys_.push_back(key);
        ++group_count_;
    }
    return it->second;
}

void Aggregator::add(const Block & block, size_t rows)
{
    if (rows == 0)
        return;
    std::vector<size_t> group_of_row(rows, 0);
    if (!keys_.empty())
    {
        Columns key_columns;
        for (const auto & name : keys_)
            key_columns.push_back(convertToFullColumnIfConst(block.getByName(name).column));
        if (!key_kind_decided_)
        {
            key_kind_decided_ = true;
            const auto & column = *key_columns[0];
            fixed_key_ = key_columns.size() == 1 && column.isFixedWidth() && !column.isNullable() && column.sizeOfValueIfFixed() <= 8 &&
                         dynamic_cast<const ColumnNullable *>(&column) == nullptr;
        }
        if (fixed_key_)
        {
            const IColumn & column = *key_columns[0];
            size_t width = column.sizeOfValueIfFixed();
            for (size_t i = 0; i < rows; ++i)
            {
                UInt64 k = 0;
                std::memcpy(&k, column.getDataAt(i).data(), width);
                auto [it, inserted] = fixed_index_.try_emplace(k, group_count_);
                if (inserted)
                {
                    key_columns_[0]->insertFrom(column, i);
                    fixed_keys_.push_back(k);
                    ++group_count_;
                }
                group_of_row[i] = it->second;
            }
        }
        else
        {
            std::string key;
            for (size_t i = 0; i < rows; ++i)
            {
                key.clear();
                for (const auto & column : key_columns)
                    appendKey(key, *column, i);
                group_of_row[i] = findOrInsertGroup(key, key_columns, i);
            }
        }
        for (auto & state : states_)
            state->resize(group_count_);
    }
    for (size_t a = 0; a < aggregates_.size(); ++a)
    {
        Columns arguments;
        for (const auto & name : aggregates_[a].arguments)
            arguments.push_back(convertToFullColumnIfConst(block.getByName(name).column));
        states_[a]->add(group_of_row, arguments, rows);
    }
}

void Aggregator::merge(Aggregator & other)
{
    std::vector<size_t> mapping(other.group_count_);
    Columns other_keys(other.key_columns_.begin(), other.key_columns_.end());
    if (other.fixed_key_)
    {
        if (!key_kind_decided_)
        {
            key_kind_decided_ = true;
            fixed_key_ = true;
        }
        CHECK(fixed_key_);
        for (size_t g = 0; g < other.group_count_; ++g)
        {
            auto [it, inserted] = fixed_index_.try_emplace(other.fixed_keys_[g], group_count_);
            if (inserted)
            {
                key_columns_[0]->insertFrom(*other.key_columns_[0], g);
                fixed_keys_.push_back(other.fixed_keys_[g]);
                ++group_count_;
            }
            mapping[g] = it->second;
        }
    }
    else
    {
        CHECK(!fixed_key_ || other.group_count_ == 0);
        for (size_t g = 0; g < other.group_count_; ++g)
            mapping[g] = findOrInsertGroup(other.group_keys_[g], other_keys, g);
    }
    for (auto & state : states_)
        state->resize(group_count_);
    for (size_t a = 0; a < states_.size(); ++a)
        for (size_t g = 0; g < other.group_count_; ++g)
            states_[a]->merge(mapping[g], *other.states_[a], g);
}

Block Aggregator::finish() const
{
    Block res;
    for (size_t k = 0; k < keys_.size(); ++k)
        res.insert({key_columns_[k], key_types_[k], keys_[k]});
    for (size_t a = 0; a < aggregates_.size(); ++a)
        res.insert({states_[a]->finish(group_count_), aggregates_[a].result_type, aggregates_[a].column_name});
    return res;
}

} // namespace pipit
