#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionRegistry.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

template <typename T>
ColumnPtr negate(const std::string & type_name, const std::vector<T> & values)
{
    auto type = parseDataType(type_name);
    auto c = ColumnVector<T>::create();
    for (T v : values)
        c->getData().push_back(v);
    ColumnsWithTypeAndName arguments {{c, type, "x"}};
    auto function = FunctionRegistry::instance().get("negate");
    ColumnsWithTypeAndName for_type {{nullptr, type, "x"}};
    auto result_type = function->getReturnType(for_type);
    return function->execute(arguments, result_type, values.size());
}

} // namespace

/// Unary minus flips the IEEE sign bit: -(0.0) is -0.0 (printed -0 by ClickHouse), not 0.0 - 0.0 = +0.0.
TEST(FunctionsArithmetic, NegateFloatZeroIsNegativeZero)
{
    auto r = negate<Float64>("Float64", {0.0, -0.0, 1.5});
    const auto & data = assertColumnCast<ColumnFloat64>(*r).getData();
    EXPECT_LT(1.0 / data[0], 0.0); /// -inf: -0.0
    EXPECT_GT(1.0 / data[1], 0.0);
    EXPECT_EQ(data[2], -1.5);
    auto r32 = negate<Float32>("Float32", {0.0f});
    EXPECT_LT(1.0f / assertColumnCast<ColumnFloat32>(*r32).getData()[0], 0.0f);
    auto ri = negate<Int8>("Int8", {Int8(-128)});
    EXPECT_EQ((*ri)[0].dump(), "-128"); /// Int8 stays Int8 and wraps, as in ClickHouse
}

/// greatest / least of equal values take the later argument, as ClickHouse's `a > b ? a : b`, which decides the
/// sign of a zero result: greatest(-0., 0.) is 0 and least(0., -0.) is -0.
TEST(FunctionsArithmetic, GreatestLeastTiesTakeTheLaterZero)
{
    auto type = parseDataType("Float64");
    auto zeros = [&](double v)
    {
        auto c = ColumnFloat64::create();
        c->getData().push_back(v);
        return ColumnWithTypeAndName {c, type, "z"};
    };
    auto run = [&](const std::string & name, double a, double b)
    {
        auto function = FunctionRegistry::instance().get(name);
        ColumnsWithTypeAndName for_type {{nullptr, type, "a"}, {nullptr, type, "b"}};
        auto result_type = function->getReturnType(for_type);
        auto column = function->execute({zeros(a), zeros(b)}, result_type, 1);
        return assertColumnCast<ColumnFloat64>(*column).getData()[0];
    };
    EXPECT_GT(1.0 / run("greatest", -0.0, 0.0), 0.0);
    EXPECT_LT(1.0 / run("greatest", 0.0, -0.0), 0.0);
    EXPECT_LT(1.0 / run("least", 0.0, -0.0), 0.0);
    EXPECT_EQ(run("greatest", 1.0, 2.5), 2.5);
    EXPECT_EQ(run("least", 1.0, 2.5), 1.0);
}
