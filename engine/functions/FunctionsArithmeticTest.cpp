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
    ColumnsWithTypeAndName arguments{{c, type, "x"}};
    auto function = FunctionRegistry::instance().get("negate");
    ColumnsWithTypeAndName for_type{{nullptr, type, "x"}};
    auto result_type = function->getReturnType(for_type);
    return function->execute(arguments, result_type, values.size());
}

}

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
