#include "engine/functions/ArrayArgument.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/types/DataTypeArray.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_set>

/// Array functions without lambdas: range, has/hasAll/hasAny, indexOf, countEqual, arrayStringConcat,
/// arrayConcat, arraySlice, arrayReverse, arrayDistinct, arrayUniq, arrayEnumerate. Elements are
/// compared through a common supertype (has([1, 2], 2.0) is 1).

namespace pipit
{

namespace
{

constexpr size_t max_range_elements = 500'000'000;

void checkArray(const IFunction & function, const ColumnsWithTypeAndName & arguments, size_t i)
{
    if (arguments[i].type->getTypeId() != TypeIndex::Array)
        throwIllegalTypeOfArgument(function.getName(), arguments[i].type, i, "expected an Array");
}

DataTypePtr makeArrayType(const DataTypePtr & nested)
{
    return std::make_shared<DataTypeArray>(nested);
}

/// Elements of `array` and a value column, both converted to their common type.
struct ElementsAndValue
{
    ColumnPtr elements;
    ColumnPtr value;
};

ElementsAndValue castToCommon(const ArrayArgument & array, const ColumnWithTypeAndName & value)
{
    const DataTypePtr & element_type = array.elementType();
    ElementsAndValue res {array.elementsPtr(), value.column};
    if (element_type->getTypeId() == TypeIndex::Nothing)
        return res;
    if (element_type->getName() == value.type->getName())
        return res;
    DataTypePtr common = leastSupertype({element_type, value.type});
    if (common->getName() != element_type->getName())
        res.elements = castColumn({array.elementsPtr(), element_type, ""}, common);
    if (common->getName() != value.type->getName())
        res.value = castColumn(value, common);
    return res;
}

/// has(arr, x), indexOf(arr, x), countEqual(arr, x).
enum class SearchKind
{
    Has,
    IndexOf,
    CountEqual,
};

class FunctionArraySearch final : public IFunction
{
public:
    FunctionArraySearch(std::string name, SearchKind kind)
        : name_(std::move(name))
        , kind_(kind)
    {
    }
    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 2; }
    /// NULL is searched like any value: has([1, NULL], NULL) = 1.
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkArray(*this, arguments, 0);
        auto element = arrayNestedType(arguments[0].type);
        if (element->getTypeId() != TypeIndex::Nothing)
            leastSupertype({element, arguments[1].type});
        return kind_ == SearchKind::Has ? typeUInt8() : typeUInt64();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        ArrayArgument array(arguments[0]);
        auto common = castToCommon(array, arguments[1]);
        const IColumn & elements = *common.elements;
        const bool value_const = common.value->isConst();
        const IColumn & values = unwrapConst(*common.value);
        auto res = ColumnUInt64::create(rows);
        auto & out = res->getData();
        for (size_t row = 0; row < rows; ++row)
        {
            const size_t begin = array.offsetAt(row);
            const size_t end = array.offsets()[row];
            const size_t value_row = value_const ? 0 : row;
            UInt64 result = 0;
            for (size_t i = begin; i < end; ++i)
            {
                if (elements.compareAt(i, value_row, values, 1) != 0)
                    continue;
                if (kind_ == SearchKind::CountEqual)
                    ++result;
                else
                {
                    result = kind_ == SearchKind::Has ? 1 : i - begin + 1;
                    break;
                }
            }
            out[row] = result;
        }
        if (kind_ == SearchKind::Has)
            return castColumn({res, typeUInt64(), ""}, typeUInt8());
        return res;
    }

private:
    std::string name_;
    SearchKind kind_;
};

/// hasAll(a, b): every element of b is in a; hasAny(a, b): some element of b is in a.
class FunctionArrayHasAllAny final : public IFunction
{
public:
    explicit FunctionArrayHasAllAny(bool all)
        : all_(all)
    {
    }
    std::string getName() const override { return all_ ? "hasAll" : "hasAny"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkArray(*this, arguments, 0);
        checkArray(*this, arguments, 1);
        return typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        ArrayArgument a(arguments[0]);
        ArrayArgument b(arguments[1]);
        ColumnPtr a_elements = a.elementsPtr();
        ColumnPtr b_elements = b.elementsPtr();
        const auto ta = a.elementType();
        const auto tb = b.elementType();
        if (ta->getTypeId() != TypeIndex::Nothing && tb->getTypeId() != TypeIndex::Nothing && ta->getName() != tb->getName())
        {
            auto common = leastSupertype({ta, tb});
            a_elements = castColumn({a_elements, ta, ""}, common);
            b_elements = castColumn({b_elements, tb, ""}, common);
        }
        auto res = ColumnUInt8::create(rows);
        auto & out = res->getData();
        for (size_t row = 0; row < rows; ++row)
        {
            bool result = all_;
            for (size_t j = b.offsetAt(row); j < b.offsets()[row]; ++j)
            {
                bool found = false;
                for (size_t i = a.offsetAt(row); i < a.offsets()[row] && !found; ++i)
                    found = a_elements->compareAt(i, j, *b_elements, 1) == 0;
                if (found != all_)
                {
                    result = !all_;
                    break;
                }
            }
            out[row] = result;
        }
        return res;
    }

private:
    bool all_;
};

/// range(end), range(start, end[, step]): integers in [start, end) by step.
class FunctionRange final : public IFunction
{
public:
    std::string getName() const override { return "range"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty() || arguments.size() > 3)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function range doesn't match: passed " + std::to_string(arguments.size())
                                + ", should be 1, 2 or 3");
        DataTypes types;
        for (size_t i = 0; i < arguments.size(); ++i)
        {
            if (!isInteger(arguments[i].type->getTypeId()))
                throwIllegalType(arguments, i, "expected an integer");
            types.push_back(arguments[i].type);
        }
        return makeArrayType(leastSupertype(types));
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        DataTypePtr element_type = arrayNestedType(result_type);
        std::vector<ColumnPtr> args;
        for (const auto & arg : arguments)
            args.push_back(castColumn(arg, typeInt64()));
        auto value = [&](size_t k, size_t row) -> Int64
        {
            const IColumn & c = unwrapConst(*args[k]);
            return assertColumnCast<ColumnInt64>(c).getData()[args[k]->isConst() ? 0 : row];
        };
        const bool is_unsigned = isInteger(element_type->getTypeId()) && element_type->getName().starts_with("UInt");
        auto elements = ColumnInt64::create();
        auto offsets = ColumnUInt64::create(rows);
        auto & data = elements->getData();
        auto & offs = offsets->getData();
        for (size_t row = 0; row < rows; ++row)
        {
            Int64 start = 0;
            Int64 end = 0;
            Int64 step = 1;
            if (arguments.size() == 1)
                end = value(0, row);
            else
            {
                start = value(0, row);
                end = value(1, row);
                if (arguments.size() == 3)
                    step = value(2, row);
            }
            if (step == 0)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "A call to function range would produce an infinite loop (step 0)");
            if (arguments.size() == 1 && is_unsigned && end < 0)
                end = std::numeric_limits<Int64>::max(); /// UInt64 above Int64 range: too many elements anyway
            size_t count = 0;
            if (step > 0 && end > start)
                count = static_cast<size_t>((static_cast<__int128>(end) - start + step - 1) / step);
            else if (step < 0 && end < start)
                count = static_cast<size_t>((static_cast<__int128>(start) - end - step - 1) / -static_cast<__int128>(step));
            if (data.size() + count > max_range_elements)
                throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                                "A call to function range would produce " + std::to_string(data.size() + count)
                                    + " array elements, the limit is " + std::to_string(max_range_elements));
            Int64 v = start;
            for (size_t i = 0; i < count; ++i, v = static_cast<Int64>(static_cast<UInt64>(v) + static_cast<UInt64>(step)))
                data.push_back(v);
            offs[row] = data.size();
        }
        ColumnPtr nested = castColumn({std::move(elements), typeInt64(), ""}, element_type);
        return ColumnArray::create(assumeMutable(nested), std::move(offsets));
    }
};

/// arrayStringConcat(arr[, separator]).
class FunctionArrayStringConcat final : public IFunction
{
public:
    std::string getName() const override { return "arrayStringConcat"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty() || arguments.size() > 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function arrayStringConcat doesn't match: passed " + std::to_string(arguments.size())
                                + ", should be 1 or 2");
        checkArray(*this, arguments, 0);
        if (arguments.size() == 2 && (arguments[1].type->getTypeId() != TypeIndex::String || !arguments[1].column || !arguments[1].column->isConst()))
            throwIllegalType(arguments, 1, "the separator must be a constant String");
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        ArrayArgument array(arguments[0]);
        std::string separator = arguments.size() == 2 ? std::string(unwrapConst(*arguments[1].column).getDataAt(0)) : "";
        ColumnPtr elements = array.elementsPtr();
        if (removeNullableType(array.elementType())->getTypeId() == TypeIndex::Nothing)
        {
            /// [] or only NULLs: nothing to join.
            auto empty = ColumnString::create();
            for (size_t row = 0; row < rows; ++row)
                empty->insertDefault();
            return empty;
        }
        if (array.elementType()->getTypeId() != TypeIndex::String)
            elements = castColumn({elements, array.elementType(), ""}, typeString());
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(rows);
        for (size_t row = 0; row < rows; ++row)
        {
            for (size_t i = array.offsetAt(row); i < array.offsets()[row]; ++i)
            {
                if (i != array.offsetAt(row))
                    chars.insert(chars.end(), separator.data(), separator.data() + separator.size());
                auto v = elements->getDataAt(i);
                chars.insert(chars.end(), v.data(), v.data() + v.size());
            }
            offsets[row] = chars.size();
        }
        return res;
    }
};

/// arrayConcat(a, b, ...).
class FunctionArrayConcat final : public IFunction
{
public:
    std::string getName() const override { return "arrayConcat"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty())
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function arrayConcat doesn't match: passed 0, should be at least 1");
        DataTypes types;
        for (size_t i = 0; i < arguments.size(); ++i)
        {
            checkArray(*this, arguments, i);
            types.push_back(arrayNestedType(arguments[i].type));
        }
        return makeArrayType(leastSupertype(types));
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        std::vector<ArrayArgument> arrays;
        std::vector<ColumnPtr> holders;
        for (const auto & arg : arguments)
        {
            holders.push_back(castColumn(arg, result_type));
            arrays.emplace_back(ColumnWithTypeAndName {holders.back(), result_type, ""});
        }
        auto res = result_type->createColumn();
        auto & out = assertColumnCast<ColumnArray>(*res);
        for (size_t row = 0; row < rows; ++row)
        {
            for (const auto & a : arrays)
                out.getData().insertRangeFrom(a.elements(), a.offsetAt(row), a.sizeAt(row));
            out.getOffsets().push_back(out.getData().size());
        }
        return res;
    }
};

/// arraySlice(arr, offset[, length]): offset 1-based (negative from the end); a negative length
/// leaves that many elements off the end.
class FunctionArraySlice final : public IFunction
{
public:
    std::string getName() const override { return "arraySlice"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() < 2 || arguments.size() > 3)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function arraySlice doesn't match: passed " + std::to_string(arguments.size())
                                + ", should be 2 or 3");
        checkArray(*this, arguments, 0);
        for (size_t i = 1; i < arguments.size(); ++i)
            if (!isInteger(arguments[i].type->getTypeId()))
                throwIllegalType(arguments, i, "expected an integer");
        return arguments[0].type;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        ArrayArgument array(arguments[0]);
        ColumnPtr offset_column = castColumn(arguments[1], typeInt64());
        ColumnPtr length_column = arguments.size() == 3 ? castColumn(arguments[2], typeInt64()) : nullptr;
        NumericArgument<Int64> offset_arg(*offset_column);
        std::optional<NumericArgument<Int64>> length_arg;
        if (length_column)
            length_arg.emplace(*length_column);
        auto res = result_type->createColumn();
        auto & out = assertColumnCast<ColumnArray>(*res);
        for (size_t row = 0; row < rows; ++row)
        {
            const Int64 size = static_cast<Int64>(array.sizeAt(row));
            const Int64 offset = offset_arg[row];
            /// The window may start before the first element (a negative offset beyond the size).
            Int64 begin = 0;
            if (offset > 0)
                begin = std::min(offset - 1, size);
            else if (offset < 0)
                begin = std::max(size + offset, -size - 1);
            else
                begin = size; /// offset 0: empty, as ClickHouse
            Int64 end = size;
            if (length_arg)
            {
                const Int64 length = (*length_arg)[row];
                if (length >= 0)
                    end = begin + std::min(length, size + size + 1);
                else
                    end = size + std::max(length, -size - 1);
            }
            begin = std::clamp<Int64>(begin, 0, size);
            end = std::clamp<Int64>(end, 0, size);
            if (end > begin)
                out.getData().insertRangeFrom(array.elements(), array.offsetAt(row) + static_cast<size_t>(begin),
                                              static_cast<size_t>(end - begin));
            out.getOffsets().push_back(out.getData().size());
        }
        return res;
    }
};

enum class ArrayTransformKind
{
    Reverse,
    Distinct,
    Enumerate,
    Uniq,
};

/// arrayReverse, arrayDistinct (first occurrences in order), arrayEnumerate ([1..n]), arrayUniq
/// (number of distinct elements).
class FunctionArrayTransform final : public IFunction
{
public:
    FunctionArrayTransform(std::string name, ArrayTransformKind kind)
        : name_(std::move(name))
        , kind_(kind)
    {
    }
    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkArray(*this, arguments, 0);
        switch (kind_)
        {
        case ArrayTransformKind::Reverse:
        case ArrayTransformKind::Distinct:
            return arguments[0].type;
        case ArrayTransformKind::Enumerate:
            return makeArrayType(typeUInt32());
        case ArrayTransformKind::Uniq:
            return typeUInt64();
        }
        return arguments[0].type;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        ArrayArgument array(arguments[0]);
        const IColumn & elements = array.elements();
        if (kind_ == ArrayTransformKind::Enumerate)
        {
            auto nested = ColumnUInt32::create();
            auto offsets = ColumnUInt64::create(rows);
            for (size_t row = 0; row < rows; ++row)
            {
                for (size_t i = 0; i < array.sizeAt(row); ++i)
                    nested->getData().push_back(static_cast<UInt32>(i + 1));
                offsets->getData()[row] = nested->size();
            }
            return ColumnArray::create(std::move(nested), std::move(offsets));
        }
        if (kind_ == ArrayTransformKind::Reverse)
        {
            Permutation perm;
            perm.reserve(elements.size());
            for (size_t row = 0; row < rows; ++row)
                for (size_t i = array.offsets()[row]; i-- > array.offsetAt(row);)
                    perm.push_back(i);
            return ColumnArray::create(assumeMutable(elements.permute(perm, 0)), array.array().getOffsetsColumn().cloneMutable());
        }
        /// Distinct / Uniq: first occurrences by hash then exact comparison.
        const PODArray<UInt8> * element_nulls = nullptr;
        if (const auto * nullable = dynamic_cast<const ColumnNullable *>(&elements))
            element_nulls = &nullable->getNullMapData();
        Filter keep(elements.size(), 0);
        auto uniq = ColumnUInt64::create(rows);
        auto new_offsets = ColumnUInt64::create(rows);
        size_t kept = 0;
        std::unordered_multimap<UInt64, size_t> seen;
        for (size_t row = 0; row < rows; ++row)
        {
            seen.clear();
            size_t distinct = 0;
            for (size_t i = array.offsetAt(row); i < array.offsets()[row]; ++i)
            {
                /// arrayDistinct skips NULLs (as ClickHouse); arrayUniq counts them as one value.
                if (kind_ == ArrayTransformKind::Distinct && element_nulls && (*element_nulls)[i])
                    continue;
                UInt64 h = 0;
                elements.updateHashWithValue(i, h);
                bool found = false;
                auto range = seen.equal_range(h);
                for (auto it = range.first; it != range.second && !found; ++it)
                    found = elements.compareAt(it->second, i, elements, 1) == 0;
                if (!found)
                {
                    seen.emplace(h, i);
                    keep[i] = 1;
                    ++distinct;
                }
            }
            kept += distinct;
            uniq->getData()[row] = distinct;
            new_offsets->getData()[row] = kept;
        }
        if (kind_ == ArrayTransformKind::Uniq)
            return uniq;
        (void)result_type;
        return ColumnArray::create(assumeMutable(elements.filter(keep, kept)), std::move(new_offsets));
    }

private:
    std::string name_;
    ArrayTransformKind kind_;
};

} // namespace

void registerFunctionsArray(FunctionRegistry & registry)
{
    registry.add({"has", [] { return std::make_shared<FunctionArraySearch>("has", SearchKind::Has); }, "1 if the array contains the value",
                  "SELECT has([1, 2, 3], 2)", false, ""});
    registry.add({"indexOf", [] { return std::make_shared<FunctionArraySearch>("indexOf", SearchKind::IndexOf); },
                  "1-based position of the first element equal to the value, 0 if none", "SELECT indexOf(['a', 'b'], 'b')", false, ""});
    registry.add({"countEqual", [] { return std::make_shared<FunctionArraySearch>("countEqual", SearchKind::CountEqual); },
                  "Number of elements equal to the value", "SELECT countEqual([1, 2, 1], 1)", false, ""});
    registry.add({"hasAll", [] { return std::make_shared<FunctionArrayHasAllAny>(true); }, "1 if every element of the second array is in the first",
                  "SELECT hasAll([1, 2, 3], [1, 3])", false, ""});
    registry.add({"hasAny", [] { return std::make_shared<FunctionArrayHasAllAny>(false); }, "1 if some element of the second array is in the first",
                  "SELECT hasAny([1, 2, 3], [5, 3])", false, ""});
    registry.add({"range", [] { return std::make_shared<FunctionRange>(); }, "Array of integers from start (default 0) below end by step",
                  "SELECT range(1, 10, 3)", false, ""});
    registry.add({"arrayStringConcat", [] { return std::make_shared<FunctionArrayStringConcat>(); },
                  "Elements of the array as text joined by the separator", "SELECT arrayStringConcat(['a', 'b'], ',')", false, ""});
    registry.add({"arrayConcat", [] { return std::make_shared<FunctionArrayConcat>(); }, "Concatenation of the arrays",
                  "SELECT arrayConcat([1], [2, 3])", false, ""});
    registry.add({"arraySlice", [] { return std::make_shared<FunctionArraySlice>(); },
                  "Part of the array from a 1-based offset (negative: from the end), optionally of a length",
                  "SELECT arraySlice([1, 2, 3, 4], 2, 2)", false, ""});
    registry.add({"arrayReverse", [] { return std::make_shared<FunctionArrayTransform>("arrayReverse", ArrayTransformKind::Reverse); },
                  "Elements in reverse order", "SELECT arrayReverse([1, 2, 3])", false, ""});
    registry.add({"arrayDistinct", [] { return std::make_shared<FunctionArrayTransform>("arrayDistinct", ArrayTransformKind::Distinct); },
                  "Distinct elements in order of first occurrence", "SELECT arrayDistinct([1, 2, 1])", false, ""});
    registry.add({"arrayEnumerate", [] { return std::make_shared<FunctionArrayTransform>("arrayEnumerate", ArrayTransformKind::Enumerate); },
                  "Array [1, 2, ..., length]", "SELECT arrayEnumerate(['a', 'b'])", false, ""});
    registry.add({"arrayUniq", [] { return std::make_shared<FunctionArrayTransform>("arrayUniq", ArrayTransformKind::Uniq); },
                  "Number of distinct elements", "SELECT arrayUniq([1, 2, 1])", false, ""});
}

} // namespace pipit
