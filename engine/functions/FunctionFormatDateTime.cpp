#include "engine/base/TimeZone.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/functions/FunctionStringTransform.h"

#include <cstdio>

/// formatDateTime(time, format[, time zone]) with modern ClickHouse (MySQL-style) specifiers:
/// %Y %y %C %m %d %e %j %H %k %I %l %i %s %S %p %M (month name) %b %h %a %W %u %w %F %T %R %D %Q %n %t %%.

namespace pipit
{

namespace
{

constexpr const char * month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
constexpr const char * day_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

void appendNumber(ColumnString::Chars & out, Int64 value, int width, char pad = '0')
{
    char buf[32];
    int n = std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(value));
    for (int i = n; i < width; ++i)
        out.push_back(pad);
    appendChars(out, std::string_view(buf, static_cast<size_t>(n)));
}

class FunctionFormatDateTime final : public IFunction
{
public:
    std::string getName() const override { return "formatDateTime"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() < 2 || arguments.size() > 3)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function formatDateTime doesn't match: passed " + std::to_string(arguments.size())
                                + ", should be 2 or 3");
        if (!isDateOrDateTime(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "expected a Date or DateTime");
        for (size_t i = 1; i < arguments.size(); ++i)
            if (arguments[i].type->getTypeId() != TypeIndex::String || !arguments[i].column || !arguments[i].column->isConst())
                throwIllegalType(arguments, i, "expected a constant String");
        checkFormat(std::string(unwrapConst(*arguments[1].column).getDataAt(0)));
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        const std::string format(unwrapConst(*arguments[1].column).getDataAt(0));
        std::string zone = arguments.size() == 3 ? std::string(unwrapConst(*arguments[2].column).getDataAt(0)) : timeZoneNameOf(*arguments[0].type);
        const TimeZone & tz = zone.empty() ? TimeZone::utc() : TimeZone::get(zone);
        DataTypePtr as_time = typeDateTime64(0, zone);
        ColumnPtr seconds = castColumn(arguments[0], as_time);
        NumericArgument<Int64> t(*seconds);
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(rows);
        for (size_t row = 0; row < rows; ++row)
        {
            const Int64 value = t[row];
            const Int32 days = tz.toDayNum(value);
            const auto date = TimeZone::civilFromDays(days);
            const Int32 second_of_day = tz.toSecondOfDay(value);
            const int hour = second_of_day / 3600;
            const int minute = second_of_day / 60 % 60;
            const int second = second_of_day % 60;
            const int dow = TimeZone::dayOfWeek(days); /// 1 = Monday
            for (size_t i = 0; i < format.size(); ++i)
            {
                if (format[i] != '%' || i + 1 == format.size())
                {
                    chars.push_back(format[i]);
                    continue;
                }
                const char spec = format[++i];
                switch (spec)
                {
                case 'Y': appendNumber(chars, date.year, 4); break;
                case 'y': appendNumber(chars, date.year % 100, 2); break;
                case 'C': appendNumber(chars, date.year / 100, 2); break;
                case 'm': appendNumber(chars, date.month, 2); break;
                case 'd': appendNumber(chars, date.day, 2); break;
                case 'e': appendNumber(chars, date.day, 2, ' '); break;
                case 'j': appendNumber(chars, days - TimeZone::toStartOfYear(days) + 1, 3); break;
                case 'H': appendNumber(chars, hour, 2); break;
                case 'k': appendNumber(chars, hour, 2, ' '); break;
                case 'I': appendNumber(chars, (hour + 11) % 12 + 1, 2); break;
                case 'l': appendNumber(chars, (hour + 11) % 12 + 1, 2); break;
                case 'i': appendNumber(chars, minute, 2); break;
                case 's':
                case 'S': appendNumber(chars, second, 2); break;
                case 'p': appendChars(chars, hour < 12 ? "AM" : "PM"); break;
                case 'M': appendChars(chars, month_names[date.month - 1]); break;
                case 'b':
                case 'h': appendChars(chars, std::string_view(month_names[date.month - 1], 3)); break;
                case 'W': appendChars(chars, day_names[dow - 1]); break;
                case 'a': appendChars(chars, std::string_view(day_names[dow - 1], 3)); break;
                case 'u': appendNumber(chars, dow, 1); break;
                case 'w': appendNumber(chars, dow % 7, 1); break;
                case 'Q': appendNumber(chars, (date.month - 1) / 3 + 1, 1); break;
                case 'F':
                    appendNumber(chars, date.year, 4);
                    chars.push_back('-');
                    appendNumber(chars, date.month, 2);
                    chars.push_back('-');
                    appendNumber(chars, date.day, 2);
                    break;
                case 'D':
                    appendNumber(chars, date.month, 2);
                    chars.push_back('/');
                    appendNumber(chars, date.day, 2);
                    chars.push_back('/');
                    appendNumber(chars, date.year % 100, 2);
                    break;
                case 'T':
                case 'R':
                    appendNumber(chars, hour, 2);
                    chars.push_back(':');
                    appendNumber(chars, minute, 2);
                    if (spec == 'T')
                    {
                        chars.push_back(':');
                        appendNumber(chars, second, 2);
                    }
                    break;
                case 'n': chars.push_back('\n'); break;
                case 't': chars.push_back('\t'); break;
                default: chars.push_back(spec); break; /// %% and unknown: the character itself
                }
            }
            offsets[row] = chars.size();
        }
        return res;
    }

private:
    static void checkFormat(const std::string & format)
    {
        if (!format.empty() && format.back() == '%' && (format.size() < 2 || format[format.size() - 2] != '%'))
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Incomplete substitution in the format of function formatDateTime: " + format);
    }
};

} // namespace

void registerFunctionFormatDateTime(FunctionRegistry & registry)
{
    registry.add({"formatDateTime", [] { return std::make_shared<FunctionFormatDateTime>(); },
                  "Date/time formatted with %Y %m %d %H %i %S ... specifiers (modern ClickHouse: %M is the month name)",
                  "SELECT formatDateTime(toDateTime('2024-03-10 12:05:00'), '%F %T')", true, ""});
    registry.addAlias("DATE_FORMAT", "formatDateTime", true);
}

} // namespace pipit
