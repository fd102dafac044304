#include "engine/functions/ArrayArgument.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <cmath>

/// Float64 math: sqrt, cbrt, exp, exp2, exp10, log (ln), log2, log10, sin, cos, tan, asin, acos, atan,
/// pow, atan2, pi(), e(), and cosineDistance / L2Distance over numeric arrays.

namespace pipit
{

namespace
{

ColumnPtr asFloat64(const ColumnWithTypeAndName & arg)
{
    return arg.type->getTypeId() == TypeIndex::Float64 ? arg.column : castColumn(arg, typeFloat64());
}

void checkNumber(const IFunction & function, const ColumnsWithTypeAndName & arguments, size_t i)
{
    const auto t = arguments[i].type->getTypeId();
    if (!isNativeNumber(t) && !isDecimal(t))
        throwIllegalTypeOfArgument(function.getName(), arguments[i].type, i, "expected a number");
}

using UnaryMath = double (*)(double);
using BinaryMath = double (*)(double, double);

class FunctionMathUnary final : public IFunction
{
public:
    FunctionMathUnary(std::string name, UnaryMath f)
        : name_(std::move(name))
        , f_(f)
    {
    }
    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkNumber(*this, arguments, 0);
        return typeFloat64();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto in = asFloat64(arguments[0]);
        const auto & x = assertColumnCast<ColumnFloat64>(*in).getData();
        auto res = ColumnFloat64::create(rows);
        auto & out = res->getData();
        for (size_t i = 0; i < rows; ++i)
            out[i] = f_(x[i]);
        return res;
    }

private:
    std::string name_;
    UnaryMath f_;
};

class FunctionMathBinary final : public IFunction
{
public:
    FunctionMathBinary(std::string name, BinaryMath f)
        : name_(std::move(name))
        , f_(f)
    {
    }
    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkNumber(*this, arguments, 0);
        checkNumber(*this, arguments, 1);
        return typeFloat64();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto a_holder = asFloat64(arguments[0]);
        auto b_holder = asFloat64(arguments[1]);
        NumericArgument<Float64> a(*a_holder);
        NumericArgument<Float64> b(*b_holder);
        auto res = ColumnFloat64::create(rows);
        auto & out = res->getData();
        for (size_t i = 0; i < rows; ++i)
            out[i] = f_(a[i], b[i]);
        return res;
    }

private:
    std::string name_;
    BinaryMath f_;
};

class FunctionMathConstant final : public IFunction
{
public:
    FunctionMathConstant(std::string name, double value)
        : name_(std::move(name))
        , value_(value)
    {
    }
    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 0; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName &) const override { return typeFloat64(); }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName &, const DataTypePtr &, size_t rows) const override
    {
        return createConstColumn(typeFloat64(), Field(value_), rows);
    }

private:
    std::string name_;
    double value_;
};

/// cosineDistance(a, b) = 1 - a.b / (|a| |b|); L2Distance(a, b) = |a - b|. Arrays of one row must have
/// equal sizes.
class FunctionArrayDistance final : public IFunction
{
public:
    explicit FunctionArrayDistance(bool cosine)
        : cosine_(cosine)
    {
    }
    std::string getName() const override { return cosine_ ? "cosineDistance" : "L2Distance"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        for (size_t i = 0; i < 2; ++i)
        {
            if (arguments[i].type->getTypeId() != TypeIndex::Array || !isNativeNumber(arrayNestedType(arguments[i].type)->getTypeId()))
                throwIllegalType(arguments, i, "expected an Array of numbers");
        }
        return typeFloat64();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        ArrayArgument a(arguments[0]);
        ArrayArgument b(arguments[1]);
        auto a_values = castColumn({a.elementsPtr(), a.elementType(), ""}, typeFloat64());
        auto b_values = castColumn({b.elementsPtr(), b.elementType(), ""}, typeFloat64());
        const auto & x = assertColumnCast<ColumnFloat64>(*a_values).getData();
        const auto & y = assertColumnCast<ColumnFloat64>(*b_values).getData();
        auto res = ColumnFloat64::create(rows);
        auto & out = res->getData();
        for (size_t row = 0; row < rows; ++row)
        {
            const size_t n = a.sizeAt(row);
            if (n != b.sizeAt(row))
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Arguments of function " + getName() + " have different array sizes: "
                                                               + std::to_string(n) + " and " + std::to_string(b.sizeAt(row)));
            const size_t ia = a.offsetAt(row);
            const size_t ib = b.offsetAt(row);
            double dot = 0;
            double na = 0;
            double nb = 0;
            double l2 = 0;
            for (size_t k = 0; k < n; ++k)
            {
                const double u = x[ia + k];
                const double v = y[ib + k];
                dot += u * v;
                na += u * u;
                nb += v * v;
                l2 += (u - v) * (u - v);
            }
            out[row] = cosine_ ? 1.0 - dot / std::sqrt(na * nb) : std::sqrt(l2);
        }
        return res;
    }

private:
    bool cosine_;
};

double exp10Impl(double x)
{
    return std::pow(10.0, x);
}

} // namespace

void registerFunctionsMath(FunctionRegistry & registry)
{
    struct Unary
    {
        const char * name;
        UnaryMath f;
        const char * description;
    };
    const Unary unary[] = {
        {"sqrt", [](double x) { return std::sqrt(x); }, "Square root"},
        {"cbrt", [](double x) { return std::cbrt(x); }, "Cube root"},
        {"exp", [](double x) { return std::exp(x); }, "e to the power of x"},
        {"exp2", [](double x) { return std::exp2(x); }, "2 to the power of x"},
        {"exp10", exp10Impl, "10 to the power of x"},
        {"log", [](double x) { return std::log(x); }, "Natural logarithm"},
        {"log2", [](double x) { return std::log2(x); }, "Binary logarithm"},
        {"log10", [](double x) { return std::log10(x); }, "Decimal logarithm"},
        {"sin", [](double x) { return std::sin(x); }, "Sine"},
        {"cos", [](double x) { return std::cos(x); }, "Cosine"},
        {"tan", [](double x) { return std::tan(x); }, "Tangent"},
        {"asin", [](double x) { return std::asin(x); }, "Arc sine"},
        {"acos", [](double x) { return std::acos(x); }, "Arc cosine"},
        {"atan", [](double x) { return std::atan(x); }, "Arc tangent"},
    };
    for (const auto & u : unary)
    {
        std::string name = u.name;
        UnaryMath f = u.f;
        registry.add({name, [name, f] { return std::make_shared<FunctionMathUnary>(name, f); }, u.description,
                      "SELECT " + name + "(2)", true, ""});
    }
    registry.addAlias("ln", "log", true);
    registry.add({"pow", [] { return std::make_shared<FunctionMathBinary>("pow", [](double a, double b) { return std::pow(a, b); }); },
                  "x to the power of y", "SELECT pow(2, 10)", true, ""});
    registry.addAlias("power", "pow", true);
    registry.add({"atan2", [] { return std::make_shared<FunctionMathBinary>("atan2", [](double a, double b) { return std::atan2(a, b); }); },
                  "Arc tangent of y/x using the signs of both", "SELECT atan2(1, 1)", true, ""});
    registry.add({"pi", [] { return std::make_shared<FunctionMathConstant>("pi", M_PI); }, "The constant pi", "SELECT pi()", true, ""});
    registry.add({"e", [] { return std::make_shared<FunctionMathConstant>("e", M_E); }, "The constant e", "SELECT e()", true, ""});
    registry.add({"cosineDistance", [] { return std::make_shared<FunctionArrayDistance>(true); }, "1 - cosine similarity of two numeric arrays",
                  "SELECT cosineDistance([1, 2], [2, 3])", false, ""});
    registry.add({"L2Distance", [] { return std::make_shared<FunctionArrayDistance>(false); }, "Euclidean distance of two numeric arrays",
                  "SELECT L2Distance([1, 2], [2, 3])", false, ""});
}

} // namespace pipit
