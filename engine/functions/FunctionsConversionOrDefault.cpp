#include "engine/base/TimeZone.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/io/ReadHelpers.h"
#include "engine/types/DataTypeLowCardinality.h"

#include <random>

/// Parsing conversions that do not fail: toXOrZero / toXOrNull (numbers, Date, DateTime),
/// parseDateTimeBestEffort[OrNull|OrZero]; plus toLowCardinality and rand/rand32/rand64.

namespace pipit
{

namespace
{

enum class OnError
{
    Zero,
    Null,
    Throw,
};

/// Parses a String argument into `target` row by row; unparsable rows become 0 or NULL.
class FunctionParseOrDefault final : public IFunction
{
public:
    FunctionParseOrDefault(std::string name, DataTypePtr target, OnError on_error)
        : name_(std::move(name))
        , target_(std::move(target))
        , on_error_(on_error)
    {
    }
    std::string getName() const override { return name_; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        const bool is_time = target_->getTypeId() == TypeIndex::DateTime;
        if (arguments.empty() || arguments.size() > (is_time ? 2u : 1u))
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function " + name_ + " doesn't match: passed " + std::to_string(arguments.size()));
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "expected a String");
        DataTypePtr type = target_;
        if (arguments.size() == 2)
        {
            if (arguments[1].type->getTypeId() != TypeIndex::String || !arguments[1].column || !arguments[1].column->isConst())
                throwIllegalType(arguments, 1, "the time zone must be a constant String");
            std::string zone(unwrapConst(*arguments[1].column).getDataAt(0));
            TimeZone::get(zone);
            type = typeDateTime(zone);
        }
        return on_error_ == OnError::Null ? makeNullableType(type) : type;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        ColumnPtr holder = arguments[0].type->getTypeId() == TypeIndex::String ? arguments[0].column : castColumn(arguments[0], typeString());
        StringArgument s(*holder);
        const DataTypePtr type = removeNullableType(result_type);
        const TimeZone & tz = timeZoneOf(*type);
        auto null_map = ColumnUInt8::create(rows);
        auto & nulls = null_map->getData();
        MutableColumnPtr values;
        auto fail = [&](size_t row)
        {
            if (on_error_ == OnError::Throw)
                throw Exception(ErrorCode::CANNOT_PARSE_DATETIME,
                                "Cannot parse '" + std::string(s[row]) + "' in function " + name_);
            nulls[row] = 1;
        };
        const auto id = type->getTypeId();
        if (id == TypeIndex::Date)
        {
            auto column = ColumnUInt16::create(rows);
            for (size_t i = 0; i < rows; ++i)
            {
                Int32 days = 0;
                nulls[i] = 0;
                if (tryParseDate(s[i], days) && days >= 0 && days <= 65535)
                    column->getData()[i] = static_cast<UInt16>(days);
                else
                {
                    column->getData()[i] = 0;
                    fail(i);
                }
            }
            values = std::move(column);
        }
        else if (id == TypeIndex::DateTime)
        {
            auto column = ColumnUInt32::create(rows);
            for (size_t i = 0; i < rows; ++i)
            {
                Int64 t = 0;
                nulls[i] = 0;
                if (tryParseDateTime(s[i], tz, t) && t >= 0 && t <= 0xFFFFFFFFLL)
                    column->getData()[i] = static_cast<UInt32>(t);
                else
                {
                    column->getData()[i] = 0;
                    fail(i);
                }
            }
            values = std::move(column);
        }
        else
        {
            dispatchNativeNumber(id,
                                 [&](auto tag)
                                 {
                                     using T = typename decltype(tag)::Type;
                                     auto column = ColumnVector<T>::create(rows);
                                     for (size_t i = 0; i < rows; ++i)
                                     {
                                         T v {};
                                         nulls[i] = 0;
                                         bool ok = false;
                                         if constexpr (std::is_floating_point_v<T>)
                                             ok = tryParseFloat(s[i], v);
                                         else
                                             ok = tryParseInt(s[i], v);
                                         column->getData()[i] = ok ? v : T {};
                                         if (!ok)
                                             fail(i);
                                     }
                                     values = std::move(column);
                                 });
        }
        if (on_error_ == OnError::Null)
            return ColumnNullable::create(std::move(values), std::move(null_map));
        return values;
    }

private:
    std::string name_;
    DataTypePtr target_;
    OnError on_error_;
};

/// toDecimal32/64/128OrZero|OrNull(x, S), toDateTime64OrZero|OrNull(x, S[, tz]), toDate32OrZero|OrNull(x),
/// toUUIDOrZero|OrNull(x): x converted to
/// the type the name and the constant arguments spell, 0 or NULL where it does not convert (accurateCastOrDefault /
/// accurateCastOrNull to that type).
class FunctionToParametrizedOrDefault final : public IFunction
{
public:
    FunctionToParametrizedOrDefault(std::string name, std::string family, OnError on_error)
        : name_(std::move(name))
        , family_(std::move(family))
        , on_error_(on_error)
    {
    }
    std::string getName() const override { return name_; }
    bool isVariadic() const override { return true; }
    bool useDefaultImplementationForNulls() const override { return false; }
    bool useDefaultImplementationForLowCardinality() const override { return false; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1, 2}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        auto cast = FunctionRegistry::instance().get(castName());
        return cast->getReturnType(castArguments(arguments));
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        auto cast = FunctionRegistry::instance().get(castName());
        return cast->execute(castArguments(arguments), result_type, rows);
    }

private:
    std::string castName() const { return on_error_ == OnError::Null ? "accurateCastOrNull" : "accurateCastOrDefault"; }

    /// (x, 'Type') for the accurate cast.
    ColumnsWithTypeAndName castArguments(const ColumnsWithTypeAndName & arguments) const
    {
        const size_t parameters = family_ == "Date32" || family_ == "UUID" ? 0 : family_ == "DateTime64" ? 2 : 1;
        if (arguments.empty() || arguments.size() > 1 + parameters || (parameters == 1 && arguments.size() != 2) ||
            (parameters == 2 && arguments.size() < 2))
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + name_ +
                                                                             " doesn't match: passed " + std::to_string(arguments.size()));
        std::string type_name = family_;
        if (arguments.size() > 1)
        {
            const auto & scale = arguments[1];
            if (!isInteger(scale.type->getTypeId()) || !scale.column || !scale.column->isConst())
                throwIllegalType(arguments, 1, "the scale must be a constant integer");
            type_name += "(" + std::to_string((*scale.column)[0].toUInt64());
            if (arguments.size() > 2)
            {
                const auto & zone = arguments[2];
                if (zone.type->getTypeId() != TypeIndex::String || !zone.column || !zone.column->isConst())
                    throwIllegalType(arguments, 2, "the time zone must be a constant String");
                type_name += ", '" + std::string(unwrapConst(*zone.column).getDataAt(0)) + "'";
            }
            type_name += ")";
        }
        size_t rows = arguments[0].column ? arguments[0].column->size() : 1;
        return {arguments[0], {createConstColumn(typeString(), Field(type_name), rows), typeString(), "type"}};
    }

    std::string name_;
    std::string family_;
    OnError on_error_;
};

class FunctionToLowCardinality final : public IFunction
{
public:
    std::string getName() const override { return "toLowCardinality"; }
    size_t getNumberOfArguments() const override { return 1; }
    bool useDefaultImplementationForLowCardinality() const override { return false; }
    bool useDefaultImplementationForNulls() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments[0].type->getTypeId() == TypeIndex::LowCardinality)
            return arguments[0].type;
        return std::make_shared<DataTypeLowCardinality>(arguments[0].type);
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t) const override
    {
        if (arguments[0].type->getName() == result_type->getName())
            return arguments[0].column;
        return castColumn(arguments[0], result_type);
    }
};

/// rand() / rand32() (UInt32) and rand64() (UInt64): pseudo-random per row, arguments ignored.
class FunctionRand final : public IFunction
{
public:
    FunctionRand(std::string name, bool wide)
        : name_(std::move(name))
        , wide_(wide)
    {
    }
    std::string getName() const override { return name_; }
    bool isVariadic() const override { return true; }
    bool isDeterministic() const override { return false; }
    bool isDeterministicInScopeOfQuery() const override { return false; }
    bool useDefaultImplementationForConstants() const override { return false; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName &) const override { return wide_ ? typeUInt64() : typeUInt32(); }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName &, const DataTypePtr &, size_t rows) const override
    {
        thread_local std::mt19937_64 generator {std::random_device {}()};
        if (wide_)
        {
            auto res = ColumnUInt64::create(rows);
            for (auto & v : res->getData())
                v = generator();
            return res;
        }
        auto res = ColumnUInt32::create(rows);
        for (auto & v : res->getData())
            v = static_cast<UInt32>(generator() >> 32);
        return res;
    }

private:
    std::string name_;
    bool wide_;
};

} // namespace

void registerFunctionsConversionOrDefault(FunctionRegistry & registry)
{
    for (const char * type_name : {"UInt8", "UInt16", "UInt32", "UInt64", "Int8", "Int16", "Int32", "Int64", "Float32", "Float64", "Date", "DateTime"})
    {
        for (OnError on_error : {OnError::Zero, OnError::Null})
        {
            std::string name = std::string("to") + type_name + (on_error == OnError::Zero ? "OrZero" : "OrNull");
            DataTypePtr type = std::string(type_name) == "DateTime" ? typeDateTime() : typeByName(type_name);
            if (registry.has(name))
                continue;
            registry.add({name, [name, type, on_error] { return std::make_shared<FunctionParseOrDefault>(name, type, on_error); },
                          std::string("String parsed as ") + type_name + (on_error == OnError::Zero ? ", 0 when it cannot be" : ", NULL when it cannot be"),
                          "SELECT " + name + "('12x')", false, ""});
        }
    }
    for (const char * family : {"Decimal32", "Decimal64", "Decimal128", "DateTime64", "Date32", "UUID"})
    {
        for (OnError on_error : {OnError::Zero, OnError::Null})
        {
            std::string name = std::string("to") + family + (on_error == OnError::Zero ? "OrZero" : "OrNull");
            std::string family_name = family;
            std::string arguments = family_name == "Date32" || family_name == "UUID" ? "" : family_name == "DateTime64" ? ", 3" : ", 2";
            registry.add({name, [name, family_name, on_error] { return std::make_shared<FunctionToParametrizedOrDefault>(name, family_name, on_error); },
                          "The value converted to " + family_name + (on_error == OnError::Zero ? ", 0 when it cannot be" : ", NULL when it cannot be"),
                          "SELECT " + name + "('1.25x'" + arguments + ")", false, ""});
        }
    }
    const std::pair<const char *, OnError> best_effort[]
        = {{"parseDateTimeBestEffort", OnError::Throw}, {"parseDateTimeBestEffortOrNull", OnError::Null}, {"parseDateTimeBestEffortOrZero", OnError::Zero}};
    for (const auto & [name_literal, on_error] : best_effort)
    {
        std::string name = name_literal;
        OnError e = on_error;
        registry.add({name, [name, e] { return std::make_shared<FunctionParseOrDefault>(name, typeDateTime(), e); },
                      "DateTime parsed from ISO-like text (date, date time, T separator, fraction, Z or offset) or a Unix timestamp",
                      "SELECT " + name + "('2024-03-10T12:00:00Z')", true, ""});
    }
    registry.add({"toLowCardinality", [] { return std::make_shared<FunctionToLowCardinality>(); }, "The value as LowCardinality of its type",
                  "SELECT toLowCardinality('a')", false, ""});
    registry.add({"rand", [] { return std::make_shared<FunctionRand>("rand", false); }, "Pseudo-random UInt32 per row", "SELECT rand()", true, ""});
    registry.add({"rand32", [] { return std::make_shared<FunctionRand>("rand32", false); }, "Pseudo-random UInt32 per row", "SELECT rand32()", false, ""});
    registry.add({"rand64", [] { return std::make_shared<FunctionRand>("rand64", true); }, "Pseudo-random UInt64 per row", "SELECT rand64()", false, ""});
}

} // namespace pipit
