#include "engine/functions/FunctionArrayHigherOrder.h"

#include "engine/functions/ArrayArgument.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/types/DataTypeArray.h"

#include <algorithm>
#include <numeric>

/// Higher-order array functions. With a lambda, the lambda runs once over the flattened elements of
/// all rows (captured outer columns replicated per element), then the function combines the
/// per-element results row by row. Without a lambda, the elements themselves are the results
/// (arrayCount([0, 1]), arraySum([1, 2]), arraySort([3, 1])).

namespace pipit
{

namespace
{

enum class HigherOrderKind
{
    Map,
    Filter,
    Exists,
    All,
    Count,
    Sum,
    First,
    FirstIndex,
    Sort,
    ReverseSort,
};

struct HigherOrderSpec
{
    const char * name;
    HigherOrderKind kind;
    bool requires_lambda;
    const char * description;
    const char * example;
};

constexpr HigherOrderSpec higher_order_specs[] = {
    {"arrayMap", HigherOrderKind::Map, true, "Array of the lambda applied to the elements", "SELECT arrayMap(x -> x * 2, [1, 2, 3])"},
    {"arrayFilter", HigherOrderKind::Filter, true, "Elements for which the lambda is non-zero", "SELECT arrayFilter(x -> x > 1, [1, 2, 3])"},
    {"arrayExists", HigherOrderKind::Exists, false, "1 if the lambda (or the element) is non-zero for some element",
     "SELECT arrayExists(x -> x > 2, [1, 2, 3])"},
    {"arrayAll", HigherOrderKind::All, false, "1 if the lambda (or the element) is non-zero for every element",
     "SELECT arrayAll(x -> x > 0, [1, 2, 3])"},
    {"arrayCount", HigherOrderKind::Count, false, "Number of elements for which the lambda (or the element) is non-zero",
     "SELECT arrayCount(x -> x > 1, [1, 2, 3])"},
    {"arraySum", HigherOrderKind::Sum, false, "Sum of the lambda results (or of the elements)", "SELECT arraySum(x -> x * 2, [1, 2, 3])"},
    {"arrayFirst", HigherOrderKind::First, true, "First element for which the lambda is non-zero, default if none",
     "SELECT arrayFirst(x -> x > 1, [1, 2, 3])"},
    {"arrayFirstIndex", HigherOrderKind::FirstIndex, true, "1-based index of the first element for which the lambda is non-zero, 0 if none",
     "SELECT arrayFirstIndex(x -> x > 1, [1, 2, 3])"},
    {"arraySort", HigherOrderKind::Sort, false, "Elements sorted ascending (by the lambda's results when given)",
     "SELECT arraySort(x -> -x, [1, 3, 2])"},
    {"arrayReverseSort", HigherOrderKind::ReverseSort, false, "Elements sorted descending (by the lambda's results when given)",
     "SELECT arrayReverseSort([1, 3, 2])"},
};

const HigherOrderSpec * findSpec(const std::string & name)
{
    for (const auto & spec : higher_order_specs)
        if (name == spec.name)
            return &spec;
    return nullptr;
}

/// Per-element truth values of a result column: non-zero numbers, NULL counts as 0.
Filter truthOf(const ColumnPtr & column, const DataTypePtr & type)
{
    ColumnPtr values = column;
    DataTypePtr value_type = type;
    const PODArray<UInt8> * null_map = nullptr;
    if (const auto * nullable = dynamic_cast<const ColumnNullable *>(column.get()))
    {
        values = nullable->getNestedColumnPtr();
        value_type = removeNullableType(type);
        null_map = &nullable->getNullMapData();
    }
    if (!isNativeNumber(value_type->getTypeId()))
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "The lambda must return a number, not " + type->getName());
    Filter res(values->size(), 0);
    dispatchNativeNumber(value_type->getTypeId(),
                         [&](auto tag)
                         {
                             using T = typename decltype(tag)::Type;
                             const auto & data = assertColumnCast<ColumnVector<T>>(*values).getData();
                             for (size_t i = 0; i < data.size(); ++i)
                                 res[i] = data[i] != T {};
                         });
    if (null_map)
        for (size_t i = 0; i < res.size(); ++i)
            res[i] &= !(*null_map)[i];
    return res;
}

DataTypePtr sumType(const DataTypePtr & type)
{
    const auto id = removeNullableType(type)->getTypeId();
    if (isFloat(id))
        return typeFloat64();
    if (isInteger(id) || id == TypeIndex::Bool)
    {
        auto name = removeNullableType(type)->getName();
        return name.starts_with("UInt") || name == "Bool" ? typeUInt64() : typeInt64();
    }
    throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "arraySum needs numbers, not " + type->getName());
}

class FunctionArrayHigherOrder final : public IFunction
{
public:
    FunctionArrayHigherOrder(const HigherOrderSpec & spec, LambdaExpressionPtr lambda, size_t captured_count)
        : spec_(spec)
        , lambda_(std::move(lambda))
        , captured_count_(captured_count)
    {
    }

    std::string getName() const override { return spec_.name; }
    bool isVariadic() const override { return true; }
    bool useDefaultImplementationForNulls() const override { return lambda_ == nullptr; }

protected:
    size_t arrayCount() const { return lambda_ ? lambda_->getNumberOfParameters() : 1; }

    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!lambda_ && spec_.requires_lambda)
            throw Exception(ErrorCode::BAD_ARGUMENTS, std::string("Function ") + spec_.name + " needs a lambda as its first argument");
        const size_t arrays = arrayCount();
        if (arguments.size() != arrays + captured_count_)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            std::string("Number of arguments for function ") + spec_.name + " doesn't match: passed "
                                + std::to_string(arguments.size() - captured_count_) + " arrays, the lambda takes " + std::to_string(arrays));
        for (size_t i = 0; i < arrays; ++i)
            if (arguments[i].type->getTypeId() != TypeIndex::Array)
                throwIllegalType(arguments, i, "expected an Array");
        const DataTypePtr element = arrayNestedType(arguments[0].type);
        const DataTypePtr mapped = lambda_ ? lambda_->getResultType() : element;
        const bool needs_truth = spec_.kind == HigherOrderKind::Filter || spec_.kind == HigherOrderKind::Exists || spec_.kind == HigherOrderKind::All
            || spec_.kind == HigherOrderKind::Count || spec_.kind == HigherOrderKind::First || spec_.kind == HigherOrderKind::FirstIndex;
        if (needs_truth && !isNativeNumber(removeNullableType(mapped)->getTypeId()) && mapped->getTypeId() != TypeIndex::Nothing)
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                            std::string("Expression for function ") + spec_.name + " must return a number, found " + mapped->getName());
        switch (spec_.kind)
        {
        case HigherOrderKind::Map:
            return std::make_shared<DataTypeArray>(mapped);
        case HigherOrderKind::Filter:
        case HigherOrderKind::Sort:
        case HigherOrderKind::ReverseSort:
            return arguments[0].type;
        case HigherOrderKind::Exists:
        case HigherOrderKind::All:
            return typeUInt8();
        case HigherOrderKind::Count:
        case HigherOrderKind::FirstIndex:
            return typeUInt32();
        case HigherOrderKind::Sum:
            return sumType(mapped);
        case HigherOrderKind::First:
            return element;
        }
        return element;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        const size_t array_count = arrayCount();
        std::vector<ArrayArgument> arrays;
        for (size_t i = 0; i < array_count; ++i)
            arrays.emplace_back(arguments[i]);
        const ArrayArgument & first = arrays[0];
        for (size_t i = 1; i < array_count; ++i)
            for (size_t row = 0; row < rows; ++row)
                if (arrays[i].sizeAt(row) != first.sizeAt(row))
                    throw Exception(ErrorCode::BAD_ARGUMENTS,
                                    std::string("Arrays passed to ") + spec_.name + " must have equal sizes (SIZES_OF_ARRAYS_DONT_MATCH)");
        const size_t total = first.elements().size();

        ColumnPtr mapped = first.elementsPtr();
        DataTypePtr mapped_type = first.elementType();
        if (lambda_)
        {
            ColumnsWithTypeAndName parameters;
            for (const auto & a : arrays)
                parameters.push_back({a.elementsPtr(), a.elementType(), ""});
            ColumnsWithTypeAndName captured;
            for (size_t k = 0; k < captured_count_; ++k)
            {
                const auto & arg = arguments[array_count + k];
                ColumnPtr column;
                if (const auto * c = dynamic_cast<const ColumnConst *>(arg.column.get()))
                    column = ColumnConst::create(c->getDataColumnPtr(), total);
                else
                    column = arg.column->replicate(first.offsets());
                captured.push_back({column, arg.type, arg.name});
            }
            mapped = lambda_->execute(parameters, captured, total);
            mapped_type = lambda_->getResultType();
        }

        switch (spec_.kind)
        {
        case HigherOrderKind::Map:
        {
            MutableColumnPtr nested = mapped.use_count() == 1 ? assumeMutable(mapped) : mapped->cloneMutable();
            return ColumnArray::create(std::move(nested), first.array().getOffsetsColumn().cloneMutable());
        }
        case HigherOrderKind::Filter:
        {
            Filter mask = truthOf(mapped, mapped_type);
            auto offsets = ColumnUInt64::create(rows);
            size_t kept = 0;
            for (size_t row = 0; row < rows; ++row)
            {
                for (size_t i = first.offsetAt(row); i < first.offsets()[row]; ++i)
                    kept += mask[i];
                offsets->getData()[row] = kept;
            }
            return ColumnArray::create(assumeMutable(first.elements().filter(mask, kept)), std::move(offsets));
        }
        case HigherOrderKind::Exists:
        case HigherOrderKind::All:
        case HigherOrderKind::Count:
        case HigherOrderKind::FirstIndex:
        {
            Filter mask = truthOf(mapped, mapped_type);
            auto res = spec_.kind == HigherOrderKind::Count || spec_.kind == HigherOrderKind::FirstIndex ? MutableColumnPtr(ColumnUInt32::create(rows))
                                                                                                       : MutableColumnPtr(ColumnUInt8::create(rows));
            for (size_t row = 0; row < rows; ++row)
            {
                const size_t begin = first.offsetAt(row);
                const size_t end = first.offsets()[row];
                size_t count = 0;
                size_t first_index = 0;
                for (size_t i = begin; i < end; ++i)
                    if (mask[i])
                    {
                        if (!first_index)
                            first_index = i - begin + 1;
                        ++count;
                    }
                if (spec_.kind == HigherOrderKind::Count)
                    assertColumnCast<ColumnUInt32>(*res).getData()[row] = static_cast<UInt32>(count);
                else if (spec_.kind == HigherOrderKind::FirstIndex)
                    assertColumnCast<ColumnUInt32>(*res).getData()[row] = static_cast<UInt32>(first_index);
                else if (spec_.kind == HigherOrderKind::Exists)
                    assertColumnCast<ColumnUInt8>(*res).getData()[row] = count > 0;
                else
                    assertColumnCast<ColumnUInt8>(*res).getData()[row] = count == end - begin;
            }
            return res;
        }
        case HigherOrderKind::First:
        {
            Filter mask = truthOf(mapped, mapped_type);
            auto res = result_type->createColumn();
            for (size_t row = 0; row < rows; ++row)
            {
                size_t found = first.offsets()[row];
                for (size_t i = first.offsetAt(row); i < first.offsets()[row]; ++i)
                    if (mask[i])
                    {
                        found = i;
                        break;
                    }
                if (found < first.offsets()[row])
                    res->insertFrom(first.elements(), found);
                else
                    res->insertDefault();
            }
            return res;
        }
        case HigherOrderKind::Sum:
            return sum(first, mapped, mapped_type, result_type, rows);
        case HigherOrderKind::Sort:
        case HigherOrderKind::ReverseSort:
        {
            const bool reverse = spec_.kind == HigherOrderKind::ReverseSort;
            Permutation perm(total);
            std::iota(perm.begin(), perm.end(), size_t(0));
            const IColumn & keys = *mapped;
            for (size_t row = 0; row < rows; ++row)
                std::stable_sort(perm.begin() + static_cast<std::ptrdiff_t>(first.offsetAt(row)),
                                 perm.begin() + static_cast<std::ptrdiff_t>(first.offsets()[row]),
                                 [&](size_t a, size_t b)
                                 {
                                     int c = keys.compareAt(a, b, keys, 1);
                                     return reverse ? c > 0 : c < 0;
                                 });
            return ColumnArray::create(assumeMutable(first.elements().permute(perm, 0)), first.array().getOffsetsColumn().cloneMutable());
        }
        }
        return nullptr;
    }

private:
    static ColumnPtr sum(const ArrayArgument & first, const ColumnPtr & mapped, const DataTypePtr & mapped_type, const DataTypePtr & result_type,
                         size_t rows)
    {
        ColumnPtr values = mapped;
        const PODArray<UInt8> * null_map = nullptr;
        if (const auto * nullable = dynamic_cast<const ColumnNullable *>(mapped.get()))
        {
            values = nullable->getNestedColumnPtr();
            null_map = &nullable->getNullMapData();
        }
        const auto value_id = removeNullableType(mapped_type)->getTypeId();
        MutableColumnPtr res;
        dispatchNativeNumber(result_type->getTypeId(),
                             [&](auto result_tag)
                             {
                                 using R = typename decltype(result_tag)::Type;
                                 auto column = ColumnVector<R>::create(rows);
                                 auto & out = column->getData();
                                 dispatchNativeNumber(value_id,
                                                      [&](auto tag)
                                                      {
                                                          using T = typename decltype(tag)::Type;
                                                          const auto & data = assertColumnCast<ColumnVector<T>>(*values).getData();
                                                          for (size_t row = 0; row < rows; ++row)
                                                          {
                                                              R acc {};
                                                              for (size_t i = first.offsetAt(row); i < first.offsets()[row]; ++i)
                                                                  if (!null_map || !(*null_map)[i])
                                                                      acc += static_cast<R>(data[i]);
                                                              out[row] = acc;
                                                          }
                                                      });
                                 res = std::move(column);
                             });
        return res;
    }

    const HigherOrderSpec & spec_;
    LambdaExpressionPtr lambda_;
    size_t captured_count_;
};

} // namespace

bool isHigherOrderFunctionName(const std::string & name)
{
    return findSpec(name) != nullptr;
}

FunctionPtr createHigherOrderFunction(const std::string & name, LambdaExpressionPtr lambda, size_t captured_count)
{
    const HigherOrderSpec * spec = findSpec(name);
    if (!spec)
        throw Exception(ErrorCode::UNKNOWN_FUNCTION, "Function " + name + " does not take a lambda");
    return std::make_shared<FunctionArrayHigherOrder>(*spec, std::move(lambda), captured_count);
}

void registerFunctionsHigherOrder(FunctionRegistry & registry)
{
    for (const auto & spec : higher_order_specs)
        registry.add({spec.name, [&spec] { return std::make_shared<FunctionArrayHigherOrder>(spec, nullptr, 0); }, spec.description, spec.example,
                      false, ""});
}

} // namespace pipit
