#include "engine/columns/ColumnFixedString.h"
#include "engine/columns/ColumnString.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <cstring>
#include <utility>

namespace pipit
{

namespace
{

/// Comparison of numbers by value across types, as ClickHouse does (-1 < 1u is true).
template <typename A, typename B>
inline bool accurateLess(A a, B b)
{
    if constexpr (std::is_integral_v<A> && std::is_integral_v<B>)
        return std::cmp_less(a, b);
    else if constexpr (std::is_floating_point_v<A> && std::is_floating_point_v<B>)
        return a < b;
    else
        return static_cast<long double>(a) < static_cast<long double>(b);
}

template <typename A, typename B>
inline bool accurateEquals(A a, B b)
{
    if constexpr (std::is_integral_v<A> && std::is_integral_v<B>)
        return std::cmp_equal(a, b);
    else if constexpr (std::is_floating_point_v<A> && std::is_floating_point_v<B>)
        return a == b;
    else
        return static_cast<long double>(a) == static_cast<long double>(b);
}

/// A String column holding every byte of each FixedString row (CAST to String would cut trailing zero bytes).
/// Other columns are returned unchanged.
ColumnPtr fixedStringBytesAsString(const ColumnPtr & column)
{
    if (const auto * constant = dynamic_cast<const ColumnConst *>(column.get()))
        return ColumnConst::create(fixedStringBytesAsString(constant->getDataColumnPtr()), constant->size());
    const auto * fixed = dynamic_cast<const ColumnFixedString *>(column.get());
    if (!fixed)
        return column;
    size_t n = fixed->getN();
    size_t rows = fixed->size();
    auto res = ColumnString::create();
    auto & chars = res->getChars();
    auto & offsets = res->getOffsets();
    chars.resize(rows * n);
    if (!chars.empty())
        std::memcpy(chars.data(), fixed->getChars().data(), rows * n);
    offsets.resize(rows);
    for (size_t i = 0; i < rows; ++i)
        offsets[i] = (i + 1) * n;
    return res;
}

struct NameEquals
{
    static constexpr const char * name = "equals";
    template <typename A, typename B>
    static bool apply(A a, B b)
    {
        return accurateEquals(a, b);
    }
    static bool fromCompare(int c) { return c == 0; }
};
struct NameNotEquals
{
    static constexpr const char * name = "notEquals";
    template <typename A, typename B>
    static bool apply(A a, B b)
    {
        return !accurateEquals(a, b);
    }
    static bool fromCompare(int c) { return c != 0; }
};
struct NameLess
{
    static constexpr const char * name = "less";
    template <typename A, typename B>
    static bool apply(A a, B b)
    {
        return accurateLess(a, b);
    }
    static bool fromCompare(int c) { return c < 0; }
};
struct NameGreater
{
    static constexpr const char * name = "greater";
    template <typename A, typename B>
    static bool apply(A a, B b)
    {
        return accurateLess(b, a);
    }
    static bool fromCompare(int c) { return c > 0; }
};
struct NameLessOrEquals
{
    static constexpr const char * name = "lessOrEquals";
    template <typename A, typename B>
    static bool apply(A a, B b)
    {
        if constexpr (std::is_floating_point_v<A> || std::is_floating_point_v<B>)
            return accurateLess(a, b) || accurateEquals(a, b);
        else
            return !accurateLess(b, a);
    }
    static bool fromCompare(int c) { return c <= 0; }
};
struct NameGreaterOrEquals
{
    static constexpr const char * name = "greaterOrEquals";
    template <typename A, typename B>
    static bool apply(A a, B b)
    {
        if constexpr (std::is_floating_point_v<A> || std::is_floating_point_v<B>)
            return accurateLess(b, a) || accurateEquals(a, b);
        else
            return !accurateLess(a, b);
    }
    static bool fromCompare(int c) { return c >= 0; }
};

template <typename Op, typename A, typename B>
void compareNumbers(const IColumn & left, const IColumn & right, UInt8 * __restrict res, size_t rows)
{
    NumericArgument<A> a(left);
    NumericArgument<B> b(right);
    if (!a.isConst() && !b.isConst())
    {
        const A * __restrict pa = a.data();
        const B * __restrict pb = b.data();
        for (size_t i = 0; i < rows; ++i)
            res[i] = Op::apply(pa[i], pb[i]);
    }
    else if (!a.isConst())
    {
        const A * __restrict pa = a.data();
        const B vb = b.constValue();
        for (size_t i = 0; i < rows; ++i)
            res[i] = Op::apply(pa[i], vb);
    }
    else if (!b.isConst())
    {
        const A va = a.constValue();
        const B * __restrict pb = b.data();
        for (size_t i = 0; i < rows; ++i)
            res[i] = Op::apply(va, pb[i]);
    }
    else
    {
        UInt8 v = Op::apply(a.constValue(), b.constValue());
        std::memset(res, v, rows);
    }
}

template <typename Op>
void compareStringColumns(const IColumn & left, const IColumn & right, UInt8 * __restrict res, size_t rows)
{
    StringArgument a(left);
    StringArgument b(right);
    constexpr bool is_equality = std::is_same_v<Op, NameEquals> || std::is_same_v<Op, NameNotEquals>;
    if (a.column() && b.column())
    {
        const auto & a_chars = a.column()->getChars();
        const auto & a_offsets = a.column()->getOffsets();
        const auto & b_chars = b.column()->getChars();
        const auto & b_offsets = b.column()->getOffsets();
        UInt64 a_prev = 0, b_prev = 0;
        for (size_t i = 0; i < rows; ++i)
        {
            std::string_view va(a_chars.data() + a_prev, a_offsets[i] - a_prev);
            std::string_view vb(b_chars.data() + b_prev, b_offsets[i] - b_prev);
            if constexpr (is_equality)
                res[i] = Op::fromCompare(va == vb ? 0 : 1);
            else
                res[i] = Op::fromCompare(compareStrings(va, vb));
            a_prev = a_offsets[i];
            b_prev = b_offsets[i];
        }
        return;
    }
    /// At least one side is constant: keep the column on the left and swap the comparison sense.
    bool swapped = !a.column() && b.column();
    const StringArgument & column_side = swapped ? b : a;
    std::string_view constant = swapped ? a.constValue() : b.constValue();
    if (!column_side.column())
    {
        std::memset(res, Op::fromCompare(compareStrings(a.constValue(), b.constValue())), rows);
        return;
    }
    const auto & chars = column_side.column()->getChars();
    const auto & offsets = column_side.column()->getOffsets();
    UInt64 prev = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        std::string_view v(chars.data() + prev, offsets[i] - prev);
        prev = offsets[i];
        if constexpr (is_equality)
            res[i] = Op::fromCompare(v == constant ? 0 : 1);
        else
        {
            int c = compareStrings(v, constant);
            res[i] = Op::fromCompare(swapped ? -c : c);
        }
    }
}

/// Physical-number or String comparison of arguments of equal kind (after conversions).
template <typename Op>
bool compareSameKind(const ColumnWithTypeAndName & left, const ColumnWithTypeAndName & right, UInt8 * res, size_t rows)
{
    auto l = left.type->getTypeId();
    auto r = right.type->getTypeId();
    if (l == TypeIndex::String && r == TypeIndex::String)
    {
        compareStringColumns<Op>(*left.column, *right.column, res, rows);
        return true;
    }
    bool done = false;
    dispatchPhysicalNumber(l,
                           [&](auto left_tag)
                           {
                               using A = typename decltype(left_tag)::Type;
                               dispatchPhysicalNumber(r,
                                                      [&](auto right_tag)
                                                      {
                                                          using B = typename decltype(right_tag)::Type;
                                                          compareNumbers<Op, A, B>(*left.column, *right.column, res, rows);
                                                          done = true;
                                                      });
                           });
    return done;
}

bool isComparableNumber(TypeIndex t)
{
    return isNativeNumber(t) || isDateOrDateTime(t) || isDecimal(t);
}

template <typename Op>
class FunctionComparison final : public IFunction
{
public:
    std::string getName() const override { return Op::name; }
    size_t getNumberOfArguments() const override { return 2; }

    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        auto l = arguments[0].type->getTypeId();
        auto r = arguments[1].type->getTypeId();
        bool ok = (isComparableNumber(l) && isComparableNumber(r)) || (isStringOrFixedString(l) && isStringOrFixedString(r)) ||
                  (isStringOrFixedString(l) && (isComparableNumber(r) || r == TypeIndex::UUID)) ||
                  (isStringOrFixedString(r) && (isComparableNumber(l) || l == TypeIndex::UUID)) ||
                  arguments[0].type->equals(*arguments[1].type);
        if (!ok)
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Illegal types of arguments (" + arguments[0].type->getName() + ", " +
                                                                     arguments[1].type->getName() + ") of function " + getName());
        return typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & input, const DataTypePtr &, size_t rows) const override
    {
        ColumnsWithTypeAndName arguments = input;
        auto l = arguments[0].type->getTypeId();
        auto r = arguments[1].type->getTypeId();
        /// A String compared with a value of another type is parsed as that type ('2024-03-01' vs a Date).
        if (isStringOrFixedString(l) && !isStringOrFixedString(r))
            arguments[0] = {castColumn(arguments[0], arguments[1].type), arguments[1].type, arguments[0].name};
        else if (isStringOrFixedString(r) && !isStringOrFixedString(l))
            arguments[1] = {castColumn(arguments[1], arguments[0].type), arguments[0].type, arguments[1].name};
        else if (l == TypeIndex::FixedString || r == TypeIndex::FixedString)
        {
            /// As in ClickHouse, a FixedString compares with all its N bytes (trailing zeros included) and a String
            /// constant is not padded: FixedString(4) 'ab\0\0' = 'ab' is false and 'ab\0\0' > 'ab'.
            for (auto & arg : arguments)
                arg = {fixedStringBytesAsString(arg.column), typeString(), arg.name};
        }
        l = arguments[0].type->getTypeId();
        r = arguments[1].type->getTypeId();
        /// Different time types compare in their common type (Date vs DateTime as DateTime).
        if (isDateOrDateTime(l) && isDateOrDateTime(r) && !arguments[0].type->equals(*arguments[1].type))
        {
            auto common = leastSupertype({arguments[0].type, arguments[1].type});
            for (auto & arg : arguments)
                arg = {castColumn(arg, common), common, arg.name};
        }
        else if (isDecimal(l) || isDecimal(r))
        {
            for (auto & arg : arguments)
                arg = {castColumn(arg, typeFloat64()), typeFloat64(), arg.name};
        }

        auto res = ColumnUInt8::create(rows);
        if (compareSameKind<Op>(arguments[0], arguments[1], res->getData().data(), rows))
            return res;
        /// Other equal types (UUID, tuples, arrays): row-wise comparison through IColumn::compareAt.
        if (arguments[0].type->equals(*arguments[1].type))
        {
            auto left = convertToFullColumnIfConst(arguments[0].column);
            auto right = convertToFullColumnIfConst(arguments[1].column);
            auto & data = res->getData();
            for (size_t i = 0; i < rows; ++i)
                data[i] = Op::fromCompare(left->compareAt(i, i, *right, 1));
            return res;
        }
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Illegal types of arguments (" + input[0].type->getName() + ", " +
                                                                 input[1].type->getName() + ") of function " + getName());
    }
};

template <typename Op>
void registerComparison(FunctionRegistry & registry, const char * description, const char * example)
{
    registry.add({Op::name, [] { return std::make_shared<FunctionComparison<Op>>(); }, description, example, false, ""});
}

} // namespace

void registerFunctionsComparison(FunctionRegistry & registry)
{
    registerComparison<NameEquals>(registry, "1 if a = b, else 0; numbers compare by value across types", "SELECT equals(1, 1.0)");
    registerComparison<NameNotEquals>(registry, "1 if a != b, else 0", "SELECT notEquals('a', 'b')");
    registerComparison<NameLess>(registry, "1 if a < b, else 0", "SELECT less(-1, 1)");
    registerComparison<NameGreater>(registry, "1 if a > b, else 0", "SELECT greater(toDate('2024-03-02'), '2024-03-01')");
    registerComparison<NameLessOrEquals>(registry, "1 if a <= b, else 0", "SELECT lessOrEquals(1, 2)");
    registerComparison<NameGreaterOrEquals>(registry, "1 if a >= b, else 0", "SELECT greaterOrEquals(2, 2)");
}

} // namespace pipit
