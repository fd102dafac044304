#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <algorithm>

namespace pipit
{

namespace
{

/// Kind of target of a to<Type> conversion function.
enum class ConvertTarget
{
    Fixed,      /// the type given at registration
    DateTime,   /// toDateTime(x[, 'tz'])
    DateTime64, /// toDateTime64(x, scale[, 'tz'])
    Decimal,    /// toDecimalNN(x, scale)
};

std::string constString(const ColumnsWithTypeAndName & arguments, size_t i, const std::string & function)
{
    if (i >= arguments.size() || !arguments[i].column || !arguments[i].column->isConst() ||
        arguments[i].type->getTypeId() != TypeIndex::String)
        throwIllegalTypeOfArgument(function, i < arguments.size() ? arguments[i].type : nullptr, i, "expected a constant String");
    return std::string(arguments[i].column->getDataAt(0));
}

UInt64 constUInt(const ColumnsWithTypeAndName & arguments, size_t i, const std::string & function)
{
    if (i >= arguments.size() || !arguments[i].column || !arguments[i].column->isConst() || !isInteger(arguments[i].type->getTypeId()))
        throwIllegalTypeOfArgument(function, i < arguments.size() ? arguments[i].type : nullptr, i, "expected a constant integer");
    return (*arguments[i].column)[0].toUInt64();
}

class FunctionConvert final : public IFunction
{
public:
    FunctionConvert(std::string name, ConvertTarget target, DataTypePtr fixed_type, std::string decimal_family = "")
        : name_(std::move(name))
        , target_(target)
        , fixed_type_(std::move(fixed_type))
        , decimal_family_(std::move(decimal_family))
    {
    }

    std::string getName() const override { return name_; }
    bool isVariadic() const override { return true; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1, 2}; }
    bool hasInformationAboutMonotonicity() const override { return true; }

    FunctionMonotonicity getMonotonicityForRange(const IDataType & type, const Field & left, const Field & right) const override
    {
        if (!result_type_)
            return {};
        return conversionMonotonicity(type, *result_type_, left, right);
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        size_t min_args = target_ == ConvertTarget::DateTime64 || target_ == ConvertTarget::Decimal ? 2 : 1;
        size_t max_args = target_ == ConvertTarget::DateTime ? 2 : target_ == ConvertTarget::DateTime64 ? 3 : min_args;
        if (isToString())
            max_args = 2; /// toString(datetime, 'tz')
        if (arguments.size() < min_args || arguments.size() > max_args)
            throw Exception(
                ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                "Number of arguments for function " + name_ + " doesn't match: passed " + std::to_string(arguments.size()) +
                    ", should be " +
                    (min_args == max_args ? std::to_string(min_args) : std::to_string(min_args) + " to " + std::to_string(max_args)));
        auto from = arguments[0].type->getTypeId();
        if ((from == TypeIndex::Array || from == TypeIndex::Tuple || from == TypeIndex::Map) && !isToString())
            throwIllegalType(arguments, 0);
        if (isToString() && arguments.size() == 2)
        {
            if (from != TypeIndex::DateTime && from != TypeIndex::DateTime64)
                throwIllegalTypeOfArgument(name_, arguments[0].type, 0, "a time zone argument needs DateTime or DateTime64");
            constString(arguments, 1, name_);
        }
        switch (target_)
        {
        case ConvertTarget::Fixed:
            result_type_ = fixed_type_;
            break;
        case ConvertTarget::DateTime:
            result_type_ = typeDateTime(arguments.size() > 1 ? constString(arguments, 1, name_) : timeZoneNameOf(*arguments[0].type));
            break;
        case ConvertTarget::DateTime64:
        {
            UInt64 scale = constUInt(arguments, 1, name_);
            if (scale > 9)
                throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "Scale " + std::to_string(scale) + " is out of bounds (max 9)");
            result_type_ = typeDateTime64(static_cast<UInt32>(scale),
                                          arguments.size() > 2 ? constString(arguments, 2, name_) : timeZoneNameOf(*arguments[0].type));
            break;
        }
        case ConvertTarget::Decimal:
        {
            UInt64 scale = constUInt(arguments, 1, name_);
            UInt64 precision = decimal_family_ == "Decimal32" ? 9 : decimal_family_ == "Decimal64" ? 18 : 38;
            if (scale > precision)
                throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                                "Scale " + std::to_string(scale) + " is out of bounds (max " + std::to_string(precision) + ")");
            result_type_ = typeByName(decimal_family_ + "(" + std::to_string(scale) + ")");
            break;
        }
        }
        return result_type_;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t) const override
    {
        if (isToString() && arguments.size() == 2)
        {
            /// The same instant, printed in the given time zone.
            std::string time_zone = constString(arguments, 1, name_);
            const auto & type = *arguments[0].type;
            DataTypePtr in_zone = type.getTypeId() == TypeIndex::DateTime64 ? typeDateTime64(scaleOf(type), time_zone) : typeDateTime(time_zone);
            return castColumn({arguments[0].column, in_zone, arguments[0].name}, result_type);
        }
        return castColumn(arguments[0], result_type);
    }

private:
    bool isToString() const { return target_ == ConvertTarget::Fixed && name_ == "toString"; }

    std::string name_;
    ConvertTarget target_;
    DataTypePtr fixed_type_;
    std::string decimal_family_;
    mutable DataTypePtr result_type_;
};

/// toTypeName(x): the name of the argument's type, as a constant String.
class FunctionToTypeName final : public IFunction
{
public:
    std::string getName() const override { return "toTypeName"; }
    size_t getNumberOfArguments() const override { return 1; }
    bool useDefaultImplementationForNulls() const override { return false; }
    bool useDefaultImplementationForLowCardinality() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName &) const override { return typeString(); }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        return createConstColumn(typeString(), Field(arguments[0].type->getName()), rows);
    }
};

/// toFixedString(s, N): s as FixedString(N), zero-padded; TOO_LARGE_STRING_SIZE when s is longer than N bytes.
class FunctionToFixedString final : public IFunction
{
public:
    std::string getName() const override { return "toFixedString"; }
    size_t getNumberOfArguments() const override { return 2; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "expected a String or FixedString");
        if (!isInteger(arguments[1].type->getTypeId()) || !arguments[1].column || !arguments[1].column->isConst())
            throwIllegalType(arguments, 1, "the length must be a constant integer");
        UInt64 n = (*arguments[1].column)[0].toUInt64();
        if (n == 0 || n > (UInt64(1) << 30))
            throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "FixedString length must be between 1 and 2^30, got " + std::to_string(n));
        return typeByName("FixedString(" + std::to_string(n) + ")");
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        const size_t n = (*arguments[1].column)[0].toUInt64();
        const IColumn & column = *arguments[0].column;
        for (size_t i = 0; i < rows; ++i)
            if (column.getDataAt(i).size() > n)
                throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "String too long for type FixedString(" + std::to_string(n) + ")");
        return castColumn(arguments[0], result_type);
    }
};

void addConvert(FunctionRegistry & registry, const std::string & name, const char * type_name, const std::string & example)
{
    registry.add({name, [name, type_name] { return std::make_shared<FunctionConvert>(name, ConvertTarget::Fixed, typeByName(type_name)); },
                  std::string("Converts a value to ") + type_name + " (numbers by value, strings parsed)", example, false, ""});
}

} // namespace

void registerFunctionsConversion(FunctionRegistry & registry)
{
    registry.add({"CAST", [] { return std::make_shared<FunctionCast>(); }, "Converts a value to the type named by the second argument",
                  "SELECT CAST('42', 'UInt8')", true, ""});
    registry.addAlias("_CAST", "CAST");
    for (const char * type : {"UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "Int8", "Int16", "Int32", "Int64", "Int128", "Float32", "Float64"})
        addConvert(registry, std::string("to") + type, type, std::string("SELECT to") + type + "('1')");
    addConvert(registry, "toString", "String", "SELECT toString(42)");
    addConvert(registry, "toDate", "Date", "SELECT toDate('2024-03-01')");
    addConvert(registry, "toDate32", "Date32", "SELECT toDate32('1960-03-01')");
    addConvert(registry, "toBool", "Bool", "SELECT toBool(1)");
    addConvert(registry, "toUUID", "UUID", "SELECT toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0')");
    registry.add({"toFixedString", [] { return std::make_shared<FunctionToFixedString>(); },
                  "A String as FixedString(N), padded with zero bytes", "SELECT toFixedString('ab', 4)", false, ""});
    registry.add({"toDateTime", [] { return std::make_shared<FunctionConvert>("toDateTime", ConvertTarget::DateTime, nullptr); },
                  "Converts a value to DateTime, optionally in the given time zone", "SELECT toDateTime('2024-03-01 10:00:00', 'UTC')",
                  false, ""});
    registry.add({"toDateTime64", [] { return std::make_shared<FunctionConvert>("toDateTime64", ConvertTarget::DateTime64, nullptr); },
                  "Converts a value to DateTime64 with the given scale and optional time zone",
                  "SELECT toDateTime64('2024-03-01 10:00:00.123', 3)", false, ""});
    for (const char * family : {"Decimal32", "Decimal64", "Decimal128"})
    {
        std::string name = std::string("to") + family;
        std::string fam = family;
        registry.add({name, [name, fam] { return std::make_shared<FunctionConvert>(name, ConvertTarget::Decimal, nullptr, fam); },
                      "Converts a value to " + fam + " with the given scale", "SELECT " + name + "('1.25', 2)", false, ""});
    }
    registry.add({"toTypeName", [] { return std::make_shared<FunctionToTypeName>(); }, "Name of the type of the argument",
                  "SELECT toTypeName(1)", false, ""});
}

} // namespace pipit
