#include "engine/functions/FunctionCast.h"

#include "engine/base/TimeZone.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace pipit
{

namespace
{

Int64 powerOf10(UInt32 scale)
{
    Int64 r = 1;
    for (UInt32 i = 0; i < scale && i < 18; ++i)
        r *= 10;
    return r;
}

[[noreturn]] void throwCannotConvert(const DataTypePtr & from, const DataTypePtr & to)
{
    throw Exception(ErrorCode::CANNOT_CONVERT_TYPE, "Conversion from " + from->getName() + " to " + to->getName() + " is not supported");
}

template <typename From, typename To>
ColumnPtr convertNumbers(const IColumn & column, bool to_bool)
{
    const auto & src = assertColumnCast<ColumnVector<From>>(column).getData();
    auto res = ColumnVector<To>::create(src.size());
    auto & dst = res->getData();
    if (to_bool)
    {
        for (size_t i = 0; i < src.size(); ++i)
            dst[i] = src[i] != 0;
    }
    else
    {
        for (size_t i = 0; i < src.size(); ++i)
            dst[i] = convertNumber<To>(src[i]);
    }
    return res;
}

/// Number (native) to number (native) by physical types.
ColumnPtr convertNativeNumbers(const IColumn & column, TypeIndex from, TypeIndex to)
{
    ColumnPtr res;
    dispatchNativeNumber(from,
                         [&](auto from_tag)
                         {
                             using From = typename decltype(from_tag)::Type;
                             dispatchNativeNumber(to,
                                                  [&](auto to_tag)
                                                  {
                                                      using To = typename decltype(to_tag)::Type;
                                                      res = convertNumbers<From, To>(column, to == TypeIndex::Bool);
                                                  });
                         });
    return res;
}

/// Values of a number-backed column (native numbers and time types) as Int64 / Float64.
template <typename F>
void forEachPhysical(const IColumn & column, TypeIndex type, F && f)
{
    dispatchPhysicalNumber(type,
                           [&](auto tag)
                           {
                               using T = typename decltype(tag)::Type;
                               const auto & data = assertColumnCast<ColumnVector<T>>(column).getData();
                               f(data.data(), data.size());
                           });
}

template <typename To, typename From, typename Transform>
ColumnPtr transformColumn(const IColumn & column, Transform && transform)
{
    const auto & src = assertColumnCast<ColumnVector<From>>(column).getData();
    auto res = ColumnVector<To>::create(src.size());
    auto & dst = res->getData();
    for (size_t i = 0; i < src.size(); ++i)
        dst[i] = transform(src[i]);
    return res;
}

UInt16 clampDate(Int64 day)
{
    return static_cast<UInt16>(std::clamp<Int64>(day, 0, 65535));
}

UInt32 clampDateTime(Int64 t)
{
    return static_cast<UInt32>(std::clamp<Int64>(t, 0, 4294967295LL));
}

/// Day number of a numeric value for toDate: small values are day numbers, larger ones
/// (beyond the Date range) are Unix timestamps, as in ClickHouse.
template <typename T>
Int64 numberToDayNum(T value, const TimeZone & tz)
{
    if constexpr (std::is_floating_point_v<T>)
    {
        if (!(value > -1e15 && value < 1e15))
            return 0;
        Int64 v = static_cast<Int64>(value);
        return v <= 65535 ? v : tz.toDayNum(v);
    }
    else
    {
        if constexpr (sizeof(T) <= 2)
            return static_cast<Int64>(value);
        else
        {
            if (std::cmp_less_equal(value, 65535))
                return static_cast<Int64>(value);
            return tz.toDayNum(static_cast<Int64>(std::min<UInt64>(static_cast<UInt64>(value), 1ULL << 40)));
        }
    }
}

ColumnPtr castFromString(const IColumn & column, const DataTypePtr & to, const PODArray<UInt8> * null_map)
{
    const auto & strings = assertColumnCast<ColumnString>(column);
    auto res = to->createColumn();
    res->reserve(strings.size());
    FormatSettings settings;
    for (size_t i = 0; i < strings.size(); ++i)
    {
        if (null_map && (*null_map)[i])
        {
            res->insertDefault();
            continue;
        }
        auto value = strings.getDataAt(i);
        ReadBufferFromMemory in(value);
        to->deserializeWholeText(*res, in, settings);
    }
    return res;
}

ColumnPtr castToString(const IColumn & column, const DataTypePtr & from)
{
    auto res = ColumnString::create();
    WriteBufferFromString out;
    FormatSettings settings;
    auto & offsets = res->getOffsets();
    offsets.resize(column.size());
    for (size_t i = 0; i < column.size(); ++i)
    {
        from->serializeText(column, i, out, settings);
        offsets[i] = out.count();
    }
    const auto & text = out.str();
    res->getChars().assign(text.begin(), text.end());
    return res;
}

/// Physical Int128 decimal values scaled to `scale` from native numbers.
template <typename Decimal>
ColumnPtr numbersToDecimal(const IColumn & column, TypeIndex from, UInt32 scale)
{
    auto res = ColumnVector<Decimal>::create(column.size());
    auto & dst = res->getData();
    Int64 multiplier = powerOf10(scale);
    double float_multiplier = 1;
    for (UInt32 i = 0; i < scale; ++i)
        float_multiplier *= 10;
    const double max_abs = sizeof(Decimal) == 4 ? 2147483648.0 : sizeof(Decimal) == 8 ? 9223372036854775808.0 : 1.7e38;
    dispatchNativeNumber(from,
                         [&](auto tag)
                         {
                             using T = typename decltype(tag)::Type;
                             const auto & src = assertColumnCast<ColumnVector<T>>(column).getData();
                             for (size_t i = 0; i < src.size(); ++i)
                             {
                                 if constexpr (std::is_floating_point_v<T>)
                                 {
                                     /// As ClickHouse: the product in the argument's own float type, then truncated
                                     /// (115.88 * 100 rounds to 11588 in double; long double would give 11587.99...).
                                     T v = src[i] * static_cast<T>(float_multiplier);
                                     if (!std::isfinite(v) || std::fabs(static_cast<double>(v)) >= max_abs)
                                         throw Exception(ErrorCode::DECIMAL_OVERFLOW, "Decimal convert overflow");
                                     dst[i] = static_cast<Decimal>(static_cast<Int128>(v));
                                 }
                                 else
                                     dst[i] = static_cast<Decimal>(static_cast<Int128>(src[i]) * multiplier);
                             }
                         });
    return res;
}

template <typename Decimal>
ColumnPtr decimalToFloat64(const IColumn & column, UInt32 scale)
{
    const auto & src = assertColumnCast<ColumnVector<Decimal>>(column).getData();
    auto res = ColumnFloat64::create(src.size());
    auto & dst = res->getData();
    double divisor = static_cast<double>(powerOf10(scale));
    for (size_t i = 0; i < src.size(); ++i)
        dst[i] = static_cast<double>(src[i]) / divisor;
    return res;
}

template <typename F>
bool dispatchDecimal(TypeIndex t, F && f)
{
    switch (t)
    {
    case TypeIndex::Decimal32:
        f(TypeTag<Int32> {});
        return true;
    case TypeIndex::Decimal64:
        f(TypeTag<Int64> {});
        return true;
    case TypeIndex::Decimal128:
        f(TypeTag<Int128> {});
        return true;
    default:
        return false;
    }
}

ColumnPtr castNonNullable(const ColumnPtr & column, const DataTypePtr & from, const DataTypePtr & to, const PODArray<UInt8> * null_map);

/// Conversions between number-backed types (native numbers, time types, decimals).
ColumnPtr castNumberBacked(const ColumnPtr & column_ptr, const DataTypePtr & from_type, const DataTypePtr & to_type)
{
    const IColumn & column = *column_ptr;
    auto from = from_type->getTypeId();
    auto to = to_type->getTypeId();

    if (isNativeNumber(from) && isNativeNumber(to))
        return convertNativeNumbers(column, from, to);

    /// Decimals: through scaled integers or Float64.
    if (isDecimal(to))
    {
        UInt32 to_scale = scaleOf(*to_type);
        ColumnPtr source = column_ptr;
        TypeIndex source_type = from;
        if (isDecimal(from))
        {
            ColumnPtr as_float;
            dispatchDecimal(from,
                            [&](auto tag) { as_float = decimalToFloat64<typename decltype(tag)::Type>(column, scaleOf(*from_type)); });
            source = as_float;
            source_type = TypeIndex::Float64;
        }
        else if (!isNativeNumber(from))
        {
            source = castNumberBacked(column_ptr, from_type, typeInt64());
            source_type = TypeIndex::Int64;
        }
        ColumnPtr res;
        dispatchDecimal(to, [&](auto tag) { res = numbersToDecimal<typename decltype(tag)::Type>(*source, source_type, to_scale); });
        return res;
    }
    if (isDecimal(from))
    {
        ColumnPtr as_float;
        dispatchDecimal(from, [&](auto tag) { as_float = decimalToFloat64<typename decltype(tag)::Type>(column, scaleOf(*from_type)); });
        return castNumberBacked(as_float, typeFloat64(), to_type);
    }

    const TimeZone & to_tz = timeZoneOf(*to_type);
    const TimeZone & from_tz = timeZoneOf(*from_type);

    switch (to)
    {
    case TypeIndex::Date:
    case TypeIndex::Date32:
    {
        auto clamp = [to](Int64 day) -> Int64
        {
            return to == TypeIndex::Date ? clampDate(day) : std::clamp<Int64>(day, -25567, 120529);
        };
        if (from == TypeIndex::DateTime && to == TypeIndex::Date && from_tz.isUTC())
        {
            /// UTC: a division; every UInt32 DateTime's day fits Date without clamping.
            const auto & src = assertColumnCast<ColumnVector<UInt32>>(column).getData();
            auto res = ColumnUInt16::create(src.size());
            auto & dst = res->getData();
            for (size_t i = 0; i < src.size(); ++i)
                dst[i] = static_cast<UInt16>(src[i] / 86400);
            return res;
        }
        PODArray<Int64> days(column.size());
        if (from == TypeIndex::Date || from == TypeIndex::Date32)
            forEachPhysical(column, from,
                            [&](const auto * data, size_t n)
                            {
                                for (size_t i = 0; i < n; ++i)
                                    days[i] = data[i];
                            });
        else if (from == TypeIndex::DateTime)
            forEachPhysical(column, from,
                            [&](const auto * data, size_t n)
                            {
                                for (size_t i = 0; i < n; ++i)
                                    days[i] = from_tz.toDayNum(data[i]);
                            });
        else if (from == TypeIndex::DateTime64)
        {
            Int64 divisor = powerOf10(scaleOf(*from_type));
            forEachPhysical(column, from,
                            [&](const auto * data, size_t n)
                            {
                                for (size_t i = 0; i < n; ++i)
                                    days[i] = from_tz.toDayNum(TimeZone::floorDiv(static_cast<Int64>(data[i]), divisor));
                            });
        }
        else
            forEachPhysical(column, from,
                            [&](const auto * data, size_t n)
                            {
                                for (size_t i = 0; i < n; ++i)
                                    days[i] = numberToDayNum(data[i], to_tz);
                            });
        if (to == TypeIndex::Date)
        {
            auto res = ColumnUInt16::create(days.size());
            for (size_t i = 0; i < days.size(); ++i)
                res->getData()[i] = static_cast<UInt16>(clamp(days[i]));
            return res;
        }
        auto res = ColumnInt32::create(days.size());
        for (size_t i = 0; i < days.size(); ++i)
            res->getData()[i] = static_cast<Int32>(clamp(days[i]));
        return res;
    }
    case TypeIndex::DateTime:
    case TypeIndex::DateTime64:
    {
        PODArray<Int64> seconds(column.size());
        Int64 fraction_multiplier = to == TypeIndex::DateTime64 ? powerOf10(scaleOf(*to_type)) : 1;
        PODArray<Int64> ticks_direct;
        if (from == TypeIndex::Date || from == TypeIndex::Date32)
            forEachPhysical(column, from,
                            [&](const auto * data, size_t n)
                            {
                                for (size_t i = 0; i < n; ++i)
                                    seconds[i] = to_tz.fromDayNum(static_cast<Int32>(data[i]));
                            });
        else if (from == TypeIndex::DateTime)
            forEachPhysical(column, from,
                            [&](const auto * data, size_t n)
                            {
                                for (size_t i = 0; i < n; ++i)
                                    seconds[i] = data[i];
                            });
        else if (from == TypeIndex::DateTime64)
        {
            Int64 from_multiplier = powerOf10(scaleOf(*from_type));
            const auto & data = assertColumnCast<ColumnInt64>(column).getData();
            if (to == TypeIndex::DateTime64)
            {
                auto res = ColumnInt64::create(data.size());
                for (size_t i = 0; i < data.size(); ++i)
                    res->getData()[i] = fraction_multiplier >= from_multiplier
                                            ? data[i] * (fraction_multiplier / from_multiplier)
                                            : TimeZone::floorDiv(data[i], from_multiplier / fraction_multiplier);
                return res;
            }
            for (size_t i = 0; i < data.size(); ++i)
                seconds[i] = TimeZone::floorDiv(data[i], from_multiplier);
        }
        else if (isFloat(from) && to == TypeIndex::DateTime64)
        {
            auto res = ColumnInt64::create(column.size());
            forEachPhysical(column, from,
                            [&](const auto * data, size_t n)
                            {
                                for (size_t i = 0; i < n; ++i)
                                    res->getData()[i] =
                                        convertNumber<Int64>(static_cast<double>(data[i]) * static_cast<double>(fraction_multiplier));
                            });
            return res;
        }
        else
            forEachPhysical(column, from,
                            [&](const auto * data, size_t n)
                            {
                                for (size_t i = 0; i < n; ++i)
                                    seconds[i] = convertNumber<Int64>(data[i]);
                            });
        if (to == TypeIndex::DateTime)
        {
            auto res = ColumnUInt32::create(seconds.size());
            for (size_t i = 0; i < seconds.size(); ++i)
                res->getData()[i] = clampDateTime(seconds[i]);
            return res;
        }
        auto res = ColumnInt64::create(seconds.size());
        for (size_t i = 0; i < seconds.size(); ++i)
            res->getData()[i] = seconds[i] * fraction_multiplier;
        return res;
    }
    default:
        break;
    }

    if (isNativeNumber(to))
    {
        /// Time type to number: its physical value (DateTime64 in whole seconds).
        if (from == TypeIndex::DateTime64)
        {
            Int64 divisor = powerOf10(scaleOf(*from_type));
            auto seconds = transformColumn<Int64, Int64>(column, [divisor](Int64 v) { return TimeZone::floorDiv(v, divisor); });
            return convertNativeNumbers(*seconds, TypeIndex::Int64, to);
        }
        TypeIndex physical = from == TypeIndex::Date       ? TypeIndex::UInt16
                             : from == TypeIndex::Date32   ? TypeIndex::Int32
                             : from == TypeIndex::DateTime ? TypeIndex::UInt32
                                                           : from;
        return convertNativeNumbers(column, physical, to);
    }
    throwCannotConvert(from_type, to_type);
}

ColumnPtr castViaFields(const IColumn & column, const DataTypePtr & from, const DataTypePtr & to)
{
    auto res = to->createColumn();
    try
    {
        for (size_t i = 0; i < column.size(); ++i)
            res->insert(column[i]);
    }
    catch (const Exception &)
    {
        throwCannotConvert(from, to);
    }
    return res;
}

ColumnPtr castNonNullable(const ColumnPtr & column, const DataTypePtr & from, const DataTypePtr & to, const PODArray<UInt8> * null_map)
{
    if (from->equals(*to))
        return column;
    auto from_id = from->getTypeId();
    auto to_id = to->getTypeId();
    if (from_id == TypeIndex::LowCardinality)
    {
        auto inner = removeLowCardinalityType(from);
        return castNonNullable(castViaFields(*column, from, inner), inner, to, null_map);
    }
    if (to_id == TypeIndex::LowCardinality)
    {
        auto inner = removeLowCardinalityType(to);
        auto full = castNonNullable(column, from, inner, null_map);
        return castViaFields(*full, inner, to);
    }
    if (from_id == TypeIndex::String)
        return castFromString(*column, to, null_map);
    if (from_id == TypeIndex::FixedString && to_id == TypeIndex::String)
    {
        /// FixedString to String drops trailing zero bytes, as ClickHouse does.
        auto res = ColumnString::create();
        for (size_t i = 0; i < column->size(); ++i)
        {
            auto v = column->getDataAt(i);
            while (!v.empty() && v.back() == '\0')
                v.remove_suffix(1);
            res->insertData(v.data(), v.size());
        }
        return res;
    }
    if (to_id == TypeIndex::String)
        return castToString(*column, from);
    if ((isNativeNumber(from_id) || isDateOrDateTime(from_id) || isDecimal(from_id)) &&
        (isNativeNumber(to_id) || isDateOrDateTime(to_id) || isDecimal(to_id)))
        return castNumberBacked(column, from, to);
    return castViaFields(*column, from, to);
}

} // namespace

ColumnPtr castColumn(const ColumnWithTypeAndName & argument, const DataTypePtr & to)
{
    const auto & from = argument.type;
    if (from->equals(*to))
        return argument.column;
    if (const auto * c = dynamic_cast<const ColumnConst *>(argument.column.get()))
    {
        auto one = castColumn({c->getDataColumnPtr(), from, argument.name}, to);
        return ColumnConst::create(convertToFullColumnIfConst(one), c->size());
    }
    size_t rows = argument.column->size();

    if (isNothing(*from) && from->getTypeId() == TypeIndex::Nothing)
    {
        if (!to->isNullable() && to->getTypeId() != TypeIndex::Nothing)
            throw Exception(ErrorCode::CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN,
                            "Cannot convert NULL value to non-Nullable type " + to->getName());
        auto res = to->createColumn();
        res->insertManyDefaults(rows);
        return res;
    }

    if (from->getTypeId() == TypeIndex::LowCardinality && to->getTypeId() != TypeIndex::LowCardinality)
    {
        /// Through the plain column, so that a LowCardinality(Nullable(T)) source keeps its NULLs.
        return castColumn({convertToFullColumnIfLowCardinality(argument.column), removeLowCardinalityType(from), argument.name}, to);
    }
    if (to->getTypeId() == TypeIndex::LowCardinality && from->getTypeId() != TypeIndex::LowCardinality)
    {
        /// Cast to the dictionary type (which may be Nullable), then build the dictionary.
        auto full = castColumn(argument, removeLowCardinalityType(to));
        auto res = to->createColumn();
        res->insertRangeFrom(*full, 0, full->size());
        return res;
    }
    if (from->isNullable())
    {
        const auto & nullable = assertColumnCast<ColumnNullable>(*argument.column);
        auto nested_from = removeNullableType(from);
        const auto & null_map = nullable.getNullMapData();
        if (!to->isNullable())
        {
            for (size_t i = 0; i < rows; ++i)
                if (null_map[i])
                    throw Exception(ErrorCode::CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN,
                                    "Cannot convert NULL value to non-Nullable type " + to->getName());
            return castNonNullable(nullable.getNestedColumnPtr(), nested_from, to, nullptr);
        }
        auto nested = castNonNullable(nullable.getNestedColumnPtr(), nested_from, removeNullableType(to), &null_map);
        return ColumnNullable::create(std::const_pointer_cast<IColumn>(nested), nullable.getNullMapColumn().cloneMutable());
    }
    if (to->isNullable())
    {
        auto nested = castNonNullable(argument.column, from, removeNullableType(to), nullptr);
        auto null_map = ColumnUInt8::create();
        null_map->getData().assign(rows, 0);
        return ColumnNullable::create(std::const_pointer_cast<IColumn>(nested), std::move(null_map));
    }
    return castNonNullable(argument.column, from, to, nullptr);
}

DataTypePtr FunctionCast::getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const
{
    const auto * type_name = arguments[1].column ? dynamic_cast<const ColumnConst *>(arguments[1].column.get()) : nullptr;
    if (!type_name || arguments[1].type->getTypeId() != TypeIndex::String)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "Second argument to CAST must be a constant string describing type. Instead there is " +
                            arguments[1].type->getName());
    target_type_ = typeByName(std::string(type_name->getDataAt(0)));
    return target_type_;
}

ColumnPtr FunctionCast::executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t) const
{
    return castColumn(arguments[0], result_type);
}

FunctionMonotonicity FunctionCast::getMonotonicityForRange(const IDataType & type, const Field & left, const Field & right) const
{
    if (!target_type_)
        return {};
    return conversionMonotonicity(type, *target_type_, left, right);
}

FunctionMonotonicity conversionMonotonicity(const IDataType & from, const IDataType & to, const Field & left, const Field & right)
{
    auto f = removeNullableType(typeByName(from.getName()))->getTypeId();
    auto t = removeNullableType(typeByName(to.getName()))->getTypeId();
    if (t == TypeIndex::String || t == TypeIndex::FixedString || f == TypeIndex::String)
        return {};
    if (isDateOrDateTime(f) && isDateOrDateTime(t))
        return {true, true, true};
    if (!(isNativeNumber(f) || isDateOrDateTime(f)) || !(isNativeNumber(t) || isDateOrDateTime(t) || isDecimal(t)))
        return {};
    if (isFloat(t) || isDecimal(t))
        return {true, true, isNativeNumber(f) && !isFloat(f)};
    /// Integer targets: monotonic where both bounds are within the target's range.
    auto fits = [&](const Field & value) -> bool
    {
        if (value.isNull())
            return false;
        double v = value.toFloat64();
        switch (t)
        {
        case TypeIndex::UInt8:
        case TypeIndex::Bool:
            return v >= 0 && v <= 255;
        case TypeIndex::UInt16:
        case TypeIndex::Date:
            return v >= 0 && v <= 65535;
        case TypeIndex::UInt32:
        case TypeIndex::DateTime:
            return v >= 0 && v <= 4294967295.0;
        case TypeIndex::UInt64:
            return v >= 0;
        case TypeIndex::Int8:
            return v >= -128 && v <= 127;
        case TypeIndex::Int16:
            return v >= -32768 && v <= 32767;
        case TypeIndex::Int32:
        case TypeIndex::Date32:
            return v >= -2147483648.0 && v <= 2147483647.0;
        default:
            return true;
        }
    };
    if (fits(left) && fits(right))
        return {true, true, false};
    return {};
}

} // namespace pipit
