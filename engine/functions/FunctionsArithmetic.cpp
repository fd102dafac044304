#include "engine/base/Check.h"
#include "engine/base/TimeZone.h"
#include "engine/functions/DataTypeInterval.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionDateArithmetic.h"
#include "engine/functions/FunctionRegistry.h"

#include <cmath>
#include <limits>

#include <algorithm>

namespace pipit
{

namespace
{

/// ClickHouse's NumberTraits::Construct.
template <bool is_signed, bool is_float, size_t size>
struct Construct
{
    using Type = std::conditional_t<
        is_float, std::conditional_t<(size <= 4), Float32, Float64>,
        std::conditional_t<(size <= 1), std::conditional_t<is_signed, Int8, UInt8>,
                           std::conditional_t<(size <= 2), std::conditional_t<is_signed, Int16, UInt16>,
                                              std::conditional_t<(size <= 4), std::conditional_t<is_signed, Int32, UInt32>,
                                                                 std::conditional_t<is_signed, Int64, UInt64>>>>>;
};

constexpr size_t nextSize(size_t size)
{
    return size < 8 ? size * 2 : 8;
}

template <typename T>
constexpr bool is_signed_number = std::is_signed_v<T> || std::is_floating_point_v<T>;

enum class Op
{
    Plus,
    Minus,
    Multiply,
    Divide,
    IntDiv,
    IntDivOrZero,
    Modulo,
    ModuloOrZero,
};

template <Op op, typename A, typename B>
struct ResultOf
{
    static constexpr bool any_float = std::is_floating_point_v<A> || std::is_floating_point_v<B>;
    static constexpr bool any_signed = is_signed_number<A> || is_signed_number<B>;
    static constexpr size_t max_size = sizeof(A) > sizeof(B) ? sizeof(A) : sizeof(B);
    using Type = std::conditional_t<
        op == Op::Plus || op == Op::Multiply, typename Construct<any_signed, any_float, nextSize(max_size)>::Type,
        std::conditional_t<
            op == Op::Minus, typename Construct<true, any_float, nextSize(max_size)>::Type,
            std::conditional_t<
                op == Op::Divide, Float64,
                std::conditional_t<
                    op == Op::IntDiv || op == Op::IntDivOrZero, typename Construct<any_signed, false, sizeof(A)>::Type,
                    std::conditional_t<
                        any_float, Float64,
                        typename Construct<is_signed_number<A>, false, (is_signed_number<A> ? nextSize(sizeof(B)) : sizeof(B))>::Type>>>>>;
};

/// Wrapping integer arithmetic in R (no signed-overflow UB).
template <typename R>
inline R wrapAdd(R a, R b)
{
    if constexpr (std::is_integral_v<R>)
        return static_cast<R>(static_cast<std::make_unsigned_t<R>>(a) + static_cast<std::make_unsigned_t<R>>(b));
    else
        return a + b;
}
template <typename R>
inline R wrapSub(R a, R b)
{
    if constexpr (std::is_integral_v<R>)
        return static_cast<R>(static_cast<std::make_unsigned_t<R>>(a) - static_cast<std::make_unsigned_t<R>>(b));
    else
        return a - b;
}
template <typename R>
inline R wrapMul(R a, R b)
{
    if constexpr (std::is_integral_v<R>)
    {
        using U = std::conditional_t<sizeof(R) < sizeof(unsigned), unsigned, std::make_unsigned_t<R>>;
        return static_cast<R>(static_cast<U>(static_cast<std::make_unsigned_t<R>>(a)) *
                              static_cast<U>(static_cast<std::make_unsigned_t<R>>(b)));
    }
    else
        return a * b;
}

[[noreturn]] void throwDivisionByZero()
{
    throw Exception(ErrorCode::ILLEGAL_DIVISION, "Division by zero");
}

template <Op op, typename A, typename B>
struct BinaryImpl
{
    using R = typename ResultOf<op, A, B>::Type;
    static constexpr bool int_args = std::is_integral_v<A> && std::is_integral_v<B>;
    /// Type in which integer division/modulo is exact for any pair of A and B values.
    using DivType = std::conditional_t<std::is_unsigned_v<A> && std::is_unsigned_v<B>, UInt64,
                                       std::conditional_t<(std::is_same_v<A, UInt64> || std::is_same_v<B, UInt64>), Int128, Int64>>;

    static inline R apply(A a, B b)
    {
        if constexpr (op == Op::Plus)
            return wrapAdd<R>(convertNumber<R>(a), convertNumber<R>(b));
        else if constexpr (op == Op::Minus)
            return wrapSub<R>(convertNumber<R>(a), convertNumber<R>(b));
        else if constexpr (op == Op::Multiply)
            return wrapMul<R>(convertNumber<R>(a), convertNumber<R>(b));
        else if constexpr (op == Op::Divide)
            return static_cast<Float64>(a) / static_cast<Float64>(b);
        else if constexpr (op == Op::IntDiv || op == Op::IntDivOrZero)
        {
            if constexpr (int_args)
            {
                if (b == 0)
                {
                    if constexpr (op == Op::IntDivOrZero)
                        return R {};
                    throwDivisionByZero();
                }
                DivType x = static_cast<DivType>(a);
                DivType y = static_cast<DivType>(b);
                if constexpr (std::is_signed_v<DivType>)
                    if (y == -1)
                        return static_cast<R>(static_cast<std::make_unsigned_t<DivType>>(0) -
                                              static_cast<std::make_unsigned_t<DivType>>(x));
                return static_cast<R>(x / y);
            }
            else
            {
                Float64 q = static_cast<Float64>(a) / static_cast<Float64>(b);
                if (!std::isfinite(q) || std::fabs(q) > 9.2e18)
                {
                    if constexpr (op == Op::IntDivOrZero)
                        return R {};
                    throw Exception(ErrorCode::ILLEGAL_DIVISION,
                                    "Cannot perform integer division, because it will produce infinite or too large number");
                }
                return convertNumber<R>(std::trunc(q));
            }
        }
        else
        {
            if constexpr (int_args)
            {
                if (b == 0)
                {
                    if constexpr (op == Op::ModuloOrZero)
                        return R {};
                    throwDivisionByZero();
                }
                DivType x = static_cast<DivType>(a);
                DivType y = static_cast<DivType>(b);
                if constexpr (std::is_signed_v<DivType>)
                    if (y == -1)
                        return R {};
                return static_cast<R>(x % y);
            }
            else
                return std::fmod(static_cast<Float64>(a), static_cast<Float64>(b));
        }
    }
};

template <Op op, typename A, typename B>
ColumnPtr executeBinary(const IColumn & left, const IColumn & right, size_t rows)
{
    using Impl = BinaryImpl<op, A, B>;
    using R = typename Impl::R;
    NumericArgument<A> a(left);
    NumericArgument<B> b(right);
    auto res = ColumnVector<R>::create(rows);
    R * __restrict out = res->getData().data();
    if (!a.isConst() && !b.isConst())
    {
        const A * __restrict pa = a.data();
        const B * __restrict pb = b.data();
        for (size_t i = 0; i < rows; ++i)
            out[i] = Impl::apply(pa[i], pb[i]);
    }
    else if (!a.isConst())
    {
        const A * __restrict pa = a.data();
        const B vb = b.constValue();
        if constexpr ((op == Op::IntDiv || op == Op::Modulo) && BinaryImpl<op, A, B>::int_args)
            if (vb == 0)
                throwDivisionByZero();
        for (size_t i = 0; i < rows; ++i)
            out[i] = Impl::apply(pa[i], vb);
    }
    else if (!b.isConst())
    {
        const A va = a.constValue();
        const B * __restrict pb = b.data();
        for (size_t i = 0; i < rows; ++i)
            out[i] = Impl::apply(va, pb[i]);
    }
    else
    {
        R v = Impl::apply(a.constValue(), b.constValue());
        for (size_t i = 0; i < rows; ++i)
            out[i] = v;
    }
    return res;
}

template <Op op>
DataTypePtr binaryResultType(TypeIndex left, TypeIndex right)
{
    DataTypePtr res;
    dispatchNativeNumber(left,
                         [&](auto lt)
                         {
                             dispatchNativeNumber(
                                 right,
                                 [&](auto rt)
                                 {
                                     using R = typename ResultOf<op, typename decltype(lt)::Type, typename decltype(rt)::Type>::Type;
                                     res = typeByName(std::string(std::is_same_v<R, UInt8>     ? "UInt8"
                                                                  : std::is_same_v<R, UInt16>  ? "UInt16"
                                                                  : std::is_same_v<R, UInt32>  ? "UInt32"
                                                                  : std::is_same_v<R, UInt64>  ? "UInt64"
                                                                  : std::is_same_v<R, Int8>    ? "Int8"
                                                                  : std::is_same_v<R, Int16>   ? "Int16"
                                                                  : std::is_same_v<R, Int32>   ? "Int32"
                                                                  : std::is_same_v<R, Int64>   ? "Int64"
                                                                  : std::is_same_v<R, Float32> ? "Float32"
                                                                                               : "Float64"));
                                 });
                         });
    return res;
}

const char * opName(Op op)
{
    switch (op)
    {
    case Op::Plus:
        return "plus";
    case Op::Minus:
        return "minus";
    case Op::Multiply:
        return "multiply";
    case Op::Divide:
        return "divide";
    case Op::IntDiv:
        return "intDiv";
    case Op::IntDivOrZero:
        return "intDivOrZero";
    case Op::Modulo:
        return "modulo";
    case Op::ModuloOrZero:
        return "moduloOrZero";
    }
    return "";
}

const DataTypeInterval * asInterval(const DataTypePtr & type)
{
    return dynamic_cast<const DataTypeInterval *>(type.get());
}

template <Op op>
class FunctionBinaryArithmetic final : public IFunction
{
public:
    std::string getName() const override { return opName(op); }
    size_t getNumberOfArguments() const override { return 2; }
    bool hasInformationAboutMonotonicity() const override { return op == Op::Plus || op == Op::Minus; }

    FunctionMonotonicity getMonotonicityForRange(const IDataType &, const Field &, const Field &) const override
    {
        /// x + c, c + x, x - c are non-decreasing and c - x non-increasing (ignoring overflow, as ClickHouse does).
        if constexpr (op == Op::Plus)
            return {true, true, true};
        else if constexpr (op == Op::Minus)
            return {true, !constant_on_left_, true};
        else
            return {};
    }

    /// Set by the planner for key analysis: the constant is the left argument.
    mutable bool constant_on_left_ = false;

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        const auto & lt = arguments[0].type;
        const auto & rt = arguments[1].type;
        auto l = lt->getTypeId();
        auto r = rt->getTypeId();
        constant_on_left_ =
            arguments[0].column && arguments[0].column->isConst() && !(arguments[1].column && arguments[1].column->isConst());

        if constexpr (op == Op::Plus || op == Op::Minus)
        {
            const auto * li = asInterval(lt);
            const auto * ri = asInterval(rt);
            if (ri && isDateOrDateTime(l) && !li)
                return dateArithmeticResultType(lt, ri->getKind());
            if (li && isDateOrDateTime(r) && op == Op::Plus)
                return dateArithmeticResultType(rt, li->getKind());
            if (li || ri)
                throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                                "Illegal types " + lt->getName() + " and " + rt->getName() + " of arguments of function " + getName());
            if (isDateOrDateTime(l) && isInteger(r))
                return lt;
            if (op == Op::Plus && isInteger(l) && isDateOrDateTime(r))
                return rt;
            if (op == Op::Minus && isDateOrDateTime(l) && l == r)
                return l == TypeIndex::Date ? typeInt32() : typeInt64();
        }
        if (isDecimal(l) || isDecimal(r))
        {
            if ((isDecimal(l) || isNativeNumber(l)) && (isDecimal(r) || isNativeNumber(r)))
                return typeFloat64();
        }
        if (!isNativeNumber(l))
            throwIllegalType(arguments, 0);
        if (!isNativeNumber(r))
            throwIllegalType(arguments, 1);
        return binaryResultType<op>(l, r);
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        const auto & lt = arguments[0].type;
        const auto & rt = arguments[1].type;
        auto l = lt->getTypeId();
        auto r = rt->getTypeId();
        if constexpr (op == Op::Plus || op == Op::Minus)
        {
            const auto * li = asInterval(lt);
            const auto * ri = asInterval(rt);
            if (ri && isDateOrDateTime(l))
                return executeDateArithmetic(arguments[0], arguments[1], ri->getKind(), op == Op::Minus, result_type, rows);
            if (li && isDateOrDateTime(r))
                return executeDateArithmetic(arguments[1], arguments[0], li->getKind(), false, result_type, rows);
            if (isDateOrDateTime(l) && isInteger(r))
                return executeDateArithmetic(arguments[0], arguments[1], defaultUnit(lt), op == Op::Minus, result_type, rows);
            if (isInteger(l) && isDateOrDateTime(r))
                return executeDateArithmetic(arguments[1], arguments[0], defaultUnit(rt), false, result_type, rows);
            if (isDateOrDateTime(l) && l == r)
            {
                auto physical = l == TypeIndex::Date       ? typeUInt16()
                                : l == TypeIndex::Date32   ? typeInt32()
                                : l == TypeIndex::DateTime ? typeUInt32()
                                                           : typeInt64();
                ColumnsWithTypeAndName numbers = {{reinterpretAsPhysical(arguments[0].column), physical, ""},
                                                  {reinterpretAsPhysical(arguments[1].column), physical, ""}};
                auto res = executeNumbers(numbers[0].column, physical->getTypeId(), numbers[1].column, physical->getTypeId());
                return castColumn({res, binaryResultType<op>(physical->getTypeId(), physical->getTypeId()), ""}, result_type);
            }
        }
        if (isDecimal(l) || isDecimal(r))
        {
            auto a = castColumn(arguments[0], typeFloat64());
            auto b = castColumn(arguments[1], typeFloat64());
            return castColumn({executeNumbers(a, TypeIndex::Float64, b, TypeIndex::Float64),
                               binaryResultType<op>(TypeIndex::Float64, TypeIndex::Float64), ""},
                              result_type);
        }
        return executeNumbers(arguments[0].column, l, arguments[1].column, r);
    }

private:
    static DataTypeInterval::Kind defaultUnit(const DataTypePtr & type)
    {
        return isDateOrDate32(type->getTypeId()) ? DataTypeInterval::Kind::Day : DataTypeInterval::Kind::Second;
    }

    /// Time-type columns are ColumnVectors of their physical type already.
    static ColumnPtr reinterpretAsPhysical(const ColumnPtr & column) { return column; }

    static ColumnPtr executeNumbers(const ColumnPtr & left, TypeIndex l, const ColumnPtr & right, TypeIndex r)
    {
        ColumnPtr res;
        dispatchNativeNumber(l,
                             [&](auto lt)
                             {
                                 dispatchNativeNumber(r,
                                                      [&](auto rt) {
                                                          res = executeBinary<op, typename decltype(lt)::Type, typename decltype(rt)::Type>(
                                                              *left, *right, left->size());
                                                      });
                             });
        CHECK(res);
        return res;
    }
};

enum class UnaryOp
{
    Negate,
    Abs,
};

template <UnaryOp op, typename A>
struct UnaryResult
{
    using Type = std::conditional_t<
        op == UnaryOp::Negate,
        typename Construct<true, std::is_floating_point_v<A>, (is_signed_number<A> ? sizeof(A) : nextSize(sizeof(A)))>::Type,
        typename Construct<std::is_floating_point_v<A>, std::is_floating_point_v<A>, sizeof(A)>::Type>;
};

template <UnaryOp op>
class FunctionUnaryArithmetic final : public IFunction
{
public:
    std::string getName() const override { return op == UnaryOp::Negate ? "negate" : "abs"; }
    size_t getNumberOfArguments() const override { return 1; }
    bool hasInformationAboutMonotonicity() const override { return true; }

    FunctionMonotonicity getMonotonicityForRange(const IDataType &, const Field & left, const Field & right) const override
    {
        if constexpr (op == UnaryOp::Negate)
            return {true, false, true};
        else
        {
            if (left.isNull() || right.isNull())
                return {};
            if (left.toFloat64() >= 0 && right.toFloat64() >= 0)
                return {true, true, false};
            if (left.toFloat64() <= 0 && right.toFloat64() <= 0)
                return {true, false, false};
            return {};
        }
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        DataTypePtr res;
        if (isDecimal(arguments[0].type->getTypeId()))
            return arguments[0].type;
        dispatchNativeNumber(arguments[0].type->getTypeId(),
                             [&](auto tag)
                             {
                                 using R = typename UnaryResult<op, typename decltype(tag)::Type>::Type;
                                 res = typeByName(typeNameOf<R>());
                             });
        if (!res)
            throwIllegalType(arguments, 0);
        return res;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        if (isDecimal(arguments[0].type->getTypeId()))
        {
            ColumnPtr res;
            auto scaled = [&](auto tag)
            {
                using T = typename decltype(tag)::Type;
                const auto & src = assertColumnCast<ColumnVector<T>>(*arguments[0].column).getData();
                auto out = ColumnVector<T>::create(rows);
                for (size_t i = 0; i < rows; ++i)
                    out->getData()[i] = op == UnaryOp::Negate ? static_cast<T>(-src[i]) : (src[i] < 0 ? static_cast<T>(-src[i]) : src[i]);
                res = out;
            };
            switch (arguments[0].type->getTypeId())
            {
            case TypeIndex::Decimal32:
                scaled(TypeTag<Int32> {});
                break;
            case TypeIndex::Decimal64:
                scaled(TypeTag<Int64> {});
                break;
            default:
                scaled(TypeTag<Int128> {});
                break;
            }
            (void)result_type;
            return res;
        }
        ColumnPtr res;
        dispatchNativeNumber(arguments[0].type->getTypeId(),
                             [&](auto tag)
                             {
                                 using A = typename decltype(tag)::Type;
                                 using R = typename UnaryResult<op, A>::Type;
                                 const auto & src = assertColumnCast<ColumnVector<A>>(*arguments[0].column).getData();
                                 auto out = ColumnVector<R>::create(rows);
                                 R * __restrict dst = out->getData().data();
                                 for (size_t i = 0; i < rows; ++i)
                                 {
                                     if constexpr (op == UnaryOp::Negate && std::is_floating_point_v<R>)
                                         dst[i] = -static_cast<R>(src[i]); /// IEEE sign flip: -(0.0) is -0.0, not 0.0 - 0.0 = +0.0.
                                     else if constexpr (op == UnaryOp::Negate)
                                         dst[i] = wrapSub<R>(R {}, static_cast<R>(src[i]));
                                     else if constexpr (std::is_floating_point_v<A>)
                                         dst[i] = std::fabs(src[i]);
                                     else if constexpr (std::is_signed_v<A>)
                                         dst[i] = src[i] < 0 ? static_cast<R>(R {} - static_cast<R>(src[i])) : static_cast<R>(src[i]);
                                     else
                                         dst[i] = src[i];
                                 }
                                 res = out;
                             });
        return res;
    }

private:
    template <typename R>
    static const char * typeNameOf()
    {
        return std::is_same_v<R, UInt8>     ? "UInt8"
               : std::is_same_v<R, UInt16>  ? "UInt16"
               : std::is_same_v<R, UInt32>  ? "UInt32"
               : std::is_same_v<R, UInt64>  ? "UInt64"
               : std::is_same_v<R, Int8>    ? "Int8"
               : std::is_same_v<R, Int16>   ? "Int16"
               : std::is_same_v<R, Int32>   ? "Int32"
               : std::is_same_v<R, Int64>   ? "Int64"
               : std::is_same_v<R, Float32> ? "Float32"
                                            : "Float64";
    }
};

template <Op op>
void addBinary(FunctionRegistry & registry, const char * description, const char * example)
{
    registry.add({opName(op), [] { return std::make_shared<FunctionBinaryArithmetic<op>>(); }, description, example, false, ""});
}

} // namespace

void registerFunctionsArithmetic(FunctionRegistry & registry)
{
    addBinary<Op::Plus>(registry, "Sum of two numbers; a date or date-time plus an integer or an interval",
                        "SELECT plus(1, 2), now() + INTERVAL 1 DAY");
    addBinary<Op::Minus>(registry, "Difference of two numbers; a date or date-time minus an integer or an interval",
                         "SELECT minus(toDate('2024-03-02'), 1)");
    addBinary<Op::Multiply>(registry, "Product of two numbers", "SELECT multiply(6, 7)");
    addBinary<Op::Divide>(registry, "Quotient of two numbers as Float64 (division by zero gives inf or nan)", "SELECT divide(1, 4)");
    addBinary<Op::IntDiv>(registry, "Integer quotient rounded toward zero; throws on division by zero", "SELECT intDiv(7, 2)");
    addBinary<Op::IntDivOrZero>(registry, "Like intDiv but returns 0 when dividing by zero", "SELECT intDivOrZero(7, 0)");
    addBinary<Op::Modulo>(registry, "Remainder of integer division with the sign of the dividend", "SELECT modulo(-7, 3)");
    addBinary<Op::ModuloOrZero>(registry, "Like modulo but returns 0 when dividing by zero", "SELECT moduloOrZero(7, 0)");
    registry.addAlias("mod", "modulo", true);
    registry.add({"negate", [] { return std::make_shared<FunctionUnaryArithmetic<UnaryOp::Negate>>(); }, "Arithmetic negation",
                  "SELECT negate(5)", false, ""});
    registry.add({"abs", [] { return std::make_shared<FunctionUnaryArithmetic<UnaryOp::Abs>>(); }, "Absolute value (unsigned for integers)",
                  "SELECT abs(-5)", true, ""});
}

} // namespace pipit
