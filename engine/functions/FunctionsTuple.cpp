#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnTuple.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <algorithm>

namespace pipit
{

namespace
{

/// tuple(a, b, ...) -> Tuple(A, B, ...).
class FunctionTuple final : public IFunction
{
public:
    std::string getName() const override { return "tuple"; }
    bool isVariadic() const override { return true; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty())
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function tuple requires at least one argument");
        std::string name = "Tuple(";
        for (size_t i = 0; i < arguments.size(); ++i)
            name += (i ? ", " : "") + arguments[i].type->getName();
        return typeByName(name + ")");
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t) const override
    {
        MutableColumns columns;
        for (const auto & arg : arguments)
            columns.push_back(std::const_pointer_cast<IColumn>(convertToFullColumnIfConst(arg.column)));
        return ColumnTuple::create(std::move(columns));
    }
};

/// array(a, b, ...) -> Array(supertype).
class FunctionArray final : public IFunction
{
public:
    std::string getName() const override { return "array"; }
    bool isVariadic() const override { return true; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        DataTypes types;
        for (const auto & arg : arguments)
            types.push_back(arg.type);
        return typeByName("Array(" + leastSupertype(types)->getName() + ")");
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        auto nested_type = arrayNestedType(result_type);
        std::vector<ColumnPtr> columns;
        for (const auto & arg : arguments)
            columns.push_back(convertToFullColumnIfConst(castColumn(arg, nested_type)));
        auto nested = nested_type->createColumn();
        nested->reserve(rows * arguments.size());
        auto offsets = ColumnUInt64::create(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            for (const auto & column : columns)
                nested->insertFrom(*column, i);
            offsets->getData()[i] = (i + 1) * columns.size();
        }
        return ColumnArray::create(std::move(nested), std::move(offsets));
    }
};

/// tupleElement(t, i): 1-based constant index.
class FunctionTupleElement final : public IFunction
{
public:
    std::string getName() const override { return "tupleElement"; }
    size_t getNumberOfArguments() const override { return 2; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments[0].type->getTypeId() != TypeIndex::Tuple)
            throwIllegalType(arguments, 0, "must be a Tuple");
        auto elements = tupleElementTypes(arguments[0].type);
        size_t index = elementIndex(arguments, elements.size());
        return elements[index];
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t) const override
    {
        const auto & tuple = assertColumnCast<ColumnTuple>(*arguments[0].column);
        return tuple.getColumnPtr(elementIndex(arguments, tuple.tupleSize()));
    }

private:
    size_t elementIndex(const ColumnsWithTypeAndName & arguments, size_t size) const
    {
        if (!arguments[1].column || !arguments[1].column->isConst() || !isInteger(arguments[1].type->getTypeId()))
            throwIllegalType(arguments, 1, "must be a constant integer");
        UInt64 index = (*arguments[1].column)[0].toUInt64();
        if (index == 0 || index > size)
            throw Exception(ErrorCode::ILLEGAL_INDEX, "Tuple doesn't have element with index " + std::to_string(index));
        return index - 1;
    }
};

/// arrayElement(arr, i): 1-based, negative from the end, out of range gives the default value.
class FunctionArrayElement final : public IFunction
{
public:
    std::string getName() const override { return "arrayElement"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments[0].type->getTypeId() != TypeIndex::Array)
            throwIllegalType(arguments, 0, "must be an Array");
        if (!isInteger(arguments[1].type->getTypeId()))
            throwIllegalType(arguments, 1, "must be an integer");
        return arrayNestedType(arguments[0].type);
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        auto array_column = convertToFullColumnIfConst(arguments[0].column);
        const auto & array = assertColumnCast<ColumnArray>(*array_column);
        auto index_column = castColumn(arguments[1], typeInt64());
        NumericArgument<Int64> index(*index_column);
        auto res = result_type->createColumn();
        res->reserve(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            Int64 size = static_cast<Int64>(array.sizeAt(i));
            Int64 k = index[i];
            Int64 pos = k > 0 ? k - 1 : size + k;
            if (k == 0 || pos < 0 || pos >= size)
                res->insertDefault();
            else
                res->insertFrom(array.getData(), array.offsetAt(i) + static_cast<size_t>(pos));
        }
        return res;
    }
};

} // namespace

void registerFunctionsTuple(FunctionRegistry & registry)
{
    registry.add(
        {"tuple", [] { return std::make_shared<FunctionTuple>(); }, "A tuple of the arguments", "SELECT tuple(1, 'a')", false, ""});
    registry.add({"array", [] { return std::make_shared<FunctionArray>(); }, "An array of the arguments (of their common type)",
                  "SELECT array(1, 2, 3)", false, ""});
    registry.add({"tupleElement", [] { return std::make_shared<FunctionTupleElement>(); }, "Element of a tuple by 1-based index",
                  "SELECT tupleElement((1, 'a'), 2)", false, ""});
    registry.add({"arrayElement", [] { return std::make_shared<FunctionArrayElement>(); },
                  "Element of an array by 1-based index (negative from the end)", "SELECT arrayElement([1, 2, 3], -1)", false, ""});
}

} // namespace pipit
