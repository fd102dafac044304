#include "engine/functions/IFunction.h"

#include "engine/columns/ColumnLowCardinality.h"
#include "engine/columns/ColumnVector.h"
#include "engine/functions/FunctionArguments.h"

#include <algorithm>

namespace pipit
{

namespace
{

bool isAlwaysConstant(const std::vector<size_t> & indexes, size_t i)
{
    return std::find(indexes.begin(), indexes.end(), i) != indexes.end();
}

/// Column of a LowCardinality argument as a full column of the dictionary type.
ColumnPtr lowCardinalityToFull(const ColumnPtr & column)
{
    if (const auto * c = dynamic_cast<const ColumnConst *>(column.get()))
        return ColumnConst::create(convertToFullColumnIfLowCardinality(c->getDataColumnPtr()), c->size());
    return convertToFullColumnIfLowCardinality(column);
}

/// Row r of the result is row indexes[r] of `values`: numeric results gathered directly, others through permute().
ColumnPtr gatherByIndexes(const ColumnPtr & values, const PODArray<UInt32> & indexes, size_t rows)
{
    ColumnPtr gathered;
    auto gather = [&](auto tag)
    {
        using T = typename decltype(tag)::Type;
        const auto * column = dynamic_cast<const ColumnVector<T> *>(values.get());
        if (!column)
            return;
        auto res = ColumnVector<T>::create(rows);
        T * __restrict out = res->getData().data();
        const T * __restrict in = column->getData().data();
        const UInt32 * __restrict index = indexes.data();
        for (size_t r = 0; r < rows; ++r)
            out[r] = in[index[r]];
        gathered = std::move(res);
    };
    gather(TypeTag<UInt8> {});
    if (!gathered)
        gather(TypeTag<UInt64> {});
    if (!gathered)
        gather(TypeTag<UInt32> {});
    if (!gathered)
        gather(TypeTag<Int64> {});
    if (!gathered)
        gather(TypeTag<Float64> {});
    if (gathered)
        return gathered;
    Permutation rows_to_values(rows);
    for (size_t r = 0; r < rows; ++r)
        rows_to_values[r] = indexes[r];
    return values->permute(rows_to_values, 0);
}

} // namespace

void IFunction::checkNumberOfArguments(size_t count) const
{
    if (isVariadic())
        return;
    if (count != getNumberOfArguments())
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + getName() +
                                                                         " doesn't match: passed " + std::to_string(count) +
                                                                         ", should be " + std::to_string(getNumberOfArguments()));
}

void IFunction::throwIllegalType(const ColumnsWithTypeAndName & arguments, size_t index, const std::string & expected) const
{
    throwIllegalTypeOfArgument(getName(), index < arguments.size() ? arguments[index].type : nullptr, index, expected);
}

FunctionMonotonicity IFunction::getMonotonicityForRange(const IDataType &, const Field &, const Field &) const
{
    return {};
}

DataTypePtr IFunction::getReturnType(const DataTypes & argument_types) const
{
    ColumnsWithTypeAndName arguments;
    for (const auto & type : argument_types)
        arguments.push_back({nullptr, type, ""});
    return getReturnType(arguments);
}

DataTypePtr IFunction::getReturnType(const ColumnsWithTypeAndName & input) const
{
    checkNumberOfArguments(input.size());
    ColumnsWithTypeAndName arguments = input;
    if (useDefaultImplementationForLowCardinality())
        for (auto & arg : arguments)
            arg.type = removeLowCardinalityType(arg.type);

    if (useDefaultImplementationForNulls())
    {
        auto always_const = getArgumentsThatAreAlwaysConstant();
        bool has_nullable = false;
        for (size_t i = 0; i < arguments.size(); ++i)
        {
            if (isAlwaysConstant(always_const, i))
                continue;
            if (isNothing(*arguments[i].type))
                return makeNullableType(typeNothing());
            has_nullable = has_nullable || arguments[i].type->isNullable();
        }
        if (has_nullable)
        {
            for (size_t i = 0; i < arguments.size(); ++i)
            {
                auto & arg = arguments[i];
                if (isAlwaysConstant(always_const, i) || !arg.type->isNullable())
                    continue;
                arg.type = removeNullableType(arg.type);
                if (arg.column)
                {
                    if (const auto * c = dynamic_cast<const ColumnConst *>(arg.column.get()))
                        if (const auto * n = dynamic_cast<const ColumnNullable *>(&c->getDataColumn()))
                            arg.column = ColumnConst::create(n->getNestedColumnPtr(), c->size());
                }
            }
            return makeNullableType(getReturnTypeImpl(arguments));
        }
    }
    return getReturnTypeImpl(arguments);
}

ColumnPtr IFunction::execute(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const
{
    if (useDefaultImplementationForLowCardinality())
    {
        bool has_low_cardinality = false;
        for (const auto & arg : arguments)
            has_low_cardinality = has_low_cardinality || arg.type->getTypeId() == TypeIndex::LowCardinality;
        if (has_low_cardinality)
        {
            if (auto res = executeOnLowCardinalityDictionary(arguments, result_type, rows))
                return res;
            ColumnsWithTypeAndName converted = arguments;
            for (auto & arg : converted)
            {
                if (arg.type->getTypeId() != TypeIndex::LowCardinality)
                    continue;
                arg.type = removeLowCardinalityType(arg.type);
                arg.column = lowCardinalityToFull(arg.column);
            }
            return executeWithoutLowCardinality(converted, result_type, rows);
        }
    }
    return executeWithoutLowCardinality(arguments, result_type, rows);
}

ColumnPtr IFunction::executeOnLowCardinalityDictionary(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type,
                                                       size_t rows) const
{
    if (!isDeterministicInScopeOfQuery() || rows == 0)
        return nullptr;
    const ColumnLowCardinality * low_cardinality = nullptr;
    size_t low_cardinality_argument = 0;
    for (size_t i = 0; i < arguments.size(); ++i)
    {
        const auto & arg = arguments[i];
        if (!arg.column)
            return nullptr;
        if (arg.column->isConst())
            continue;
        const auto * lc = dynamic_cast<const ColumnLowCardinality *>(arg.column.get());
        if (!lc || low_cardinality)
            return nullptr;
        low_cardinality = lc;
        low_cardinality_argument = i;
    }
    if (!low_cardinality)
        return nullptr;
    /// Worth it only when the dictionary is smaller than the rows it serves.
    if (low_cardinality->getDictionary().size() * 2 > rows)
        return nullptr;
    /// Only the dictionary values some row uses: a filtered column keeps its whole dictionary, and a function must
    /// neither fail on nor reveal values of rows that were filtered out (WHERE, row security).
    const auto & all_indexes = low_cardinality->getIndexes();
    if (all_indexes.size() != rows)
        return nullptr;
    const size_t full_size = low_cardinality->getDictionary().size();
    Filter used(full_size, 0);
    for (size_t r = 0; r < rows; ++r)
        used[all_indexes[r]] = 1;
    size_t dictionary_size = 0;
    for (UInt8 u : used)
        dictionary_size += u;
    if (dictionary_size == 0)
        return nullptr;
    ColumnPtr dictionary = low_cardinality->getDictionaryPtr();
    const PODArray<UInt32> * indexes = &all_indexes;
    PODArray<UInt32> compact_indexes;
    if (dictionary_size < full_size)
    {
        dictionary = dictionary->filter(used, dictionary_size);
        std::vector<UInt32> compact_of(full_size);
        UInt32 next = 0;
        for (size_t i = 0; i < full_size; ++i)
            if (used[i])
                compact_of[i] = next++;
        compact_indexes.resize(rows);
        for (size_t r = 0; r < rows; ++r)
            compact_indexes[r] = compact_of[all_indexes[r]];
        indexes = &compact_indexes;
    }

    ColumnsWithTypeAndName on_dictionary = arguments;
    for (size_t i = 0; i < on_dictionary.size(); ++i)
    {
        auto & arg = on_dictionary[i];
        if (i == low_cardinality_argument)
        {
            arg.column = dictionary;
            arg.type = removeLowCardinalityType(arg.type);
            continue;
        }
        const auto & c = assertColumnCast<ColumnConst>(*arg.column);
        ColumnPtr data = c.getDataColumnPtr();
        if (arg.type->getTypeId() == TypeIndex::LowCardinality)
        {
            arg.type = removeLowCardinalityType(arg.type);
            data = convertToFullColumnIfLowCardinality(data);
        }
        arg.column = ColumnConst::create(data, dictionary_size);
    }
    auto dictionary_result = executeWithoutLowCardinality(on_dictionary, result_type, dictionary_size);
    if (const auto * c = dynamic_cast<const ColumnConst *>(dictionary_result.get()))
        return ColumnConst::create(c->getDataColumnPtr(), rows);

    return gatherByIndexes(dictionary_result, *indexes, rows);
}

ColumnPtr IFunction::executeWithoutLowCardinality(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type,
                                                  size_t rows) const
{
    if (!useDefaultImplementationForNulls())
        return executeWithoutConstants(arguments, result_type, rows);

    auto always_const = getArgumentsThatAreAlwaysConstant();
    bool has_nullable = false;
    for (size_t i = 0; i < arguments.size(); ++i)
    {
        if (isAlwaysConstant(always_const, i))
            continue;
        const auto & arg = arguments[i];
        if (isNothing(*arg.type))
            return createConstColumn(result_type, Field(), rows);
        if (const auto * c = dynamic_cast<const ColumnConst *>(arg.column.get()))
            if (c->getDataColumn().isNullable() && c->getField().isNull())
                return createConstColumn(result_type, Field(), rows);
        has_nullable = has_nullable || arg.type->isNullable();
    }
    if (!has_nullable)
        return executeWithoutConstants(arguments, result_type, rows);

    /// OR of the null maps of non-constant nullable arguments (constant ones are known non-NULL here).
    std::shared_ptr<ColumnUInt8> null_map;
    ColumnsWithTypeAndName nested = arguments;
    for (size_t i = 0; i < nested.size(); ++i)
    {
        auto & arg = nested[i];
        if (isAlwaysConstant(always_const, i) || !arg.type->isNullable())
            continue;
        arg.type = removeNullableType(arg.type);
        if (const auto * c = dynamic_cast<const ColumnConst *>(arg.column.get()))
        {
            const auto & n = assertColumnCast<ColumnNullable>(c->getDataColumn());
            arg.column = ColumnConst::create(n.getNestedColumnPtr(), c->size());
            continue;
        }
        const auto & n = assertColumnCast<ColumnNullable>(*arg.column);
        arg.column = n.getNestedColumnPtr();
        const auto & src = n.getNullMapData();
        if (!null_map)
        {
            null_map = ColumnUInt8::create();
            null_map->getData().assign(src.begin(), src.end());
        }
        else
        {
            auto & dst = null_map->getData();
            for (size_t r = 0; r < rows; ++r)
                dst[r] |= src[r];
        }
    }
    auto nested_result_type = removeNullableType(result_type);
    auto res = executeWithoutConstants(nested, nested_result_type, rows);
    if (!result_type->isNullable())
        return res;
    if (!null_map)
    {
        null_map = ColumnUInt8::create();
        null_map->getData().assign(rows, 0);
    }
    res = convertToFullColumnIfConst(res);
    return ColumnNullable::create(std::const_pointer_cast<IColumn>(res), std::move(null_map));
}

ColumnPtr IFunction::executeWithoutConstants(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const
{
    if (!useDefaultImplementationForConstants() || arguments.empty())
        return executeImpl(arguments, result_type, rows);
    for (const auto & arg : arguments)
        if (!arg.column || !arg.column->isConst())
            return executeImpl(arguments, result_type, rows);

    auto always_const = getArgumentsThatAreAlwaysConstant();
    ColumnsWithTypeAndName one_row = arguments;
    for (size_t i = 0; i < one_row.size(); ++i)
    {
        const auto & c = assertColumnCast<ColumnConst>(*one_row[i].column);
        if (isAlwaysConstant(always_const, i))
            one_row[i].column = ColumnConst::create(c.getDataColumnPtr(), 1);
        else
            one_row[i].column = c.getDataColumnPtr();
    }
    auto res = executeImpl(one_row, result_type, 1);
    if (const auto * c = dynamic_cast<const ColumnConst *>(res.get()))
        return ColumnConst::create(c->getDataColumnPtr(), rows);
    return ColumnConst::create(res, rows);
}

} // namespace pipit
