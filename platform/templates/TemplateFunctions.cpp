#include "platform/templates/TemplateFunctions.h"

#include "platform/templates/TemplateCallable.h"
#include "platform/templates/TemplateError.h"
#include "platform/templates/TemplateEscaper.h"
#include "platform/templates/TemplateJson.h"

#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <stdexcept>

namespace pipit
{

namespace
{

const char * const syntax_prefix = "Template Syntax Error: ";

[[noreturn]] void templateSyntaxError(const std::string & message)
{
    throw TemplateError(syntax_prefix + message);
}

/// One parameter of a Python signature: name and default (nullopt = required).
struct Param
{
    const char * name;
    std::optional<TemplateValue> default_value;
};

/// Python argument binding: positional, then keywords; unknown keywords and extra positionals are TypeErrors.
std::vector<TemplateValue> bindArguments(
    const std::string & fn, const std::vector<Param> & params, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs)
{
    std::vector<std::optional<TemplateValue>> bound(params.size());
    if (args.size() > params.size())
        throw TemplateError::python(
            fn + "() takes " + std::to_string(params.size()) + " positional arguments but " + std::to_string(args.size())
            + " were given");
    for (size_t i = 0; i < args.size(); ++i)
        bound[i] = args[i];
    for (const auto & [key, value] : kwargs)
    {
        size_t i = 0;
        while (i < params.size() && key != params[i].name)
            ++i;
        if (i == params.size())
            throw TemplateError::python(fn + "() got an unexpected keyword argument '" + key + "'");
        if (bound[i])
            throw TemplateError::python(fn + "() got multiple values for argument '" + key + "'");
        bound[i] = value;
    }
    std::vector<TemplateValue> result;
    result.reserve(params.size());
    for (size_t i = 0; i < params.size(); ++i)
    {
        if (bound[i])
            result.push_back(*bound[i]);
        else if (params[i].default_value)
            result.push_back(*params[i].default_value);
        else
            throw TemplateError::python(fn + "() missing 1 required positional argument: '" + params[i].name + "'");
    }
    return result;
}

/// The signature shared by every typed parameter function.
const std::vector<Param> & typedSignature()
{
    static const std::vector<Param> params = {
        {"x", std::nullopt},
        {"default", TemplateValue()},
        {"defined", TemplateValue(true)},
        {"required", TemplateValue()},
        {"description", TemplateValue()},
        {"enum", TemplateValue()},
        {"example", TemplateValue()},
        {"format", TemplateValue()},
    };
    return params;
}

enum class Transform
{
    Str,
    Int,
    Float,
};

struct TypedSpec
{
    const char * name;
    const char * tester;
    Transform transform;
    bool tagged;
};

const TypedSpec typed_specs[] = {
    {"String", "String", Transform::Str, false},
    {"DateTime64", "DateTime64", Transform::Str, false},
    {"DateTime", "DateTime", Transform::Str, false},
    {"Date", "Date", Transform::Str, false},
    {"Float32", "Float32", Transform::Float, true},
    {"Float64", "Float64", Transform::Float, true},
    {"Int", "Int32", Transform::Int, false},
    {"Integer", "Int32", Transform::Int, false},
    {"Int8", "Int8", Transform::Int, true},
    {"Int16", "Int16", Transform::Int, true},
    {"Int32", "Int32", Transform::Int, true},
    {"Int64", "Int64", Transform::Int, true},
    {"Int128", "Int128", Transform::Int, true},
    {"Int256", "Int256", Transform::Int, true},
    {"UInt8", "UInt8", Transform::Int, true},
    {"UInt16", "UInt16", Transform::Int, true},
    {"UInt32", "UInt32", Transform::Int, true},
    {"UInt64", "UInt64", Transform::Int, true},
    {"UInt128", "UInt128", Transform::Int, true},
    {"UInt256", "UInt256", Transform::Int, true},
};

const TypedSpec * findTypedSpec(std::string_view name)
{
    static const std::unordered_map<std::string_view, const TypedSpec *> specs = []
    {
        std::unordered_map<std::string_view, const TypedSpec *> out;
        for (const auto & spec : typed_specs)
            out.emplace(spec.name, &spec);
        return out;
    }();
    auto it = specs.find(name);
    return it == specs.end() ? nullptr : it->second;
}

/// Test-mode value of a typed function without a (truthy) default.
TemplateValue testPlaceholder(const TypedSpec & spec)
{
    std::string_view t = spec.name;
    if (t == "String")
        return TemplateValue("__no_value__");
    if (t == "DateTime64")
        return TemplateValue("2019-01-01 00:00:00.000");
    if (t == "DateTime")
        return TemplateValue("2019-01-01 00:00:00");
    if (t == "Date")
        return TemplateValue("2019-01-01");
    if (spec.transform == Transform::Float)
        return TemplateValue(0.0);
    return TemplateValue(static_cast<int64_t>(0));
}

/// Decimal magnitude comparison of non-negative digit strings without leading zeros.
int compareMagnitude(const std::string & a, const std::string & b)
{
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

std::string computePowerOfTwo(int n)
{
    std::string digits = "1";
    for (int i = 0; i < n; ++i)
    {
        int carry = 0;
        for (size_t k = digits.size(); k-- > 0;)
        {
            int d = (digits[k] - '0') * 2 + carry;
            digits[k] = static_cast<char>('0' + d % 10);
            carry = d / 10;
        }
        if (carry)
            digits.insert(digits.begin(), static_cast<char>('0' + carry));
    }
    return digits;
}

/// Decimal text of 2^n for n in 0..256, computed once.
const std::string & powerOfTwo(int n)
{
    static const std::vector<std::string> powers = []
    {
        std::vector<std::string> out;
        for (int i = 0; i <= 256; ++i)
            out.push_back(computePowerOfTwo(i));
        return out;
    }();
    return powers.at(static_cast<size_t>(n));
}

bool allDigits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

/// int tester: regex [+-]?\d+ (or \d+ for small unsigned types) and range.
bool testInteger(std::string_view text, int bits, bool is_signed, bool allow_sign)
{
    std::string_view digits = text;
    bool negative = false;
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-'))
    {
        if (!allow_sign)
            return false;
        negative = digits[0] == '-';
        digits.remove_prefix(1);
    }
    if (!allDigits(digits))
        return false;
    while (digits.size() > 1 && digits[0] == '0')
        digits.remove_prefix(1);
    std::string magnitude(digits);
    if (magnitude == "0")
        return true;
    if (is_signed)
    {
        const std::string & bound = powerOfTwo(bits - 1);
        int cmp = compareMagnitude(magnitude, bound);
        return negative ? cmp <= 0 : cmp < 0;
    }
    if (negative)
        return false;
    return compareMagnitude(magnitude, powerOfTwo(bits)) < 0;
}

/// Element of the small patterns Tinybird's date testers use (Python `re.match`, i.e. anchored at the start).
struct PatternItem
{
    enum class Kind
    {
        Digits,  /// min..max ASCII digits
        Any,     /// `.`: one code point except '\n'
        Literal, /// one byte
        Space,   /// `\s`
        TOrSpace /// `(T|\s)`
    };
    Kind kind;
    int min = 1;
    int max = 1;
    char literal = 0;
};

bool isRegexSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c';
}

/// Backtracking match of `items[k..]` at `text[pos..]`; `full` requires the match to end the text
/// (Python `$`: end, or just before a final newline).
bool matchPattern(const std::vector<PatternItem> & items, size_t k, const std::string & text, size_t pos, bool full)
{
    if (k == items.size())
        return !full || pos == text.size() || (pos + 1 == text.size() && text[pos] == '\n');
    const PatternItem & item = items[k];
    switch (item.kind)
    {
        case PatternItem::Kind::Digits: {
            int count = 0;
            while (count < item.max && pos + static_cast<size_t>(count) < text.size() && text[pos + static_cast<size_t>(count)] >= '0'
                   && text[pos + static_cast<size_t>(count)] <= '9')
                ++count;
            for (int n = count; n >= item.min; --n)
                if (matchPattern(items, k + 1, text, pos + static_cast<size_t>(n), full))
                    return true;
            return false;
        }
        case PatternItem::Kind::Any: {
            if (pos >= text.size() || text[pos] == '\n')
                return false;
            size_t next = pos + 1;
            while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80)
                ++next;
            return matchPattern(items, k + 1, text, next, full);
        }
        case PatternItem::Kind::Literal:
            return pos < text.size() && text[pos] == item.literal && matchPattern(items, k + 1, text, pos + 1, full);
        case PatternItem::Kind::Space:
            return pos < text.size() && isRegexSpace(text[pos]) && matchPattern(items, k + 1, text, pos + 1, full);
        case PatternItem::Kind::TOrSpace:
            return pos < text.size() && (text[pos] == 'T' || isRegexSpace(text[pos])) && matchPattern(items, k + 1, text, pos + 1, full);
    }
    return false;
}

/// Compiles the tiny pattern language: `d` = digit, `d{a,b}` = a..b digits, `.` = any, `T` = (T|\s), others literal.
std::vector<PatternItem> compilePattern(std::string_view pattern)
{
    std::vector<PatternItem> items;
    for (size_t i = 0; i < pattern.size(); ++i)
    {
        char c = pattern[i];
        if (c == 'd')
        {
            PatternItem item{PatternItem::Kind::Digits};
            if (i + 1 < pattern.size() && pattern[i + 1] == '{')
            {
                item.min = pattern[i + 2] - '0';
                item.max = pattern[i + 4] - '0';
                i += 5;
            }
            items.push_back(item);
        }
        else if (c == '.')
            items.push_back(PatternItem{PatternItem::Kind::Any});
        else if (c == 'T')
            items.push_back(PatternItem{PatternItem::Kind::TOrSpace});
        else
            items.push_back(PatternItem{PatternItem::Kind::Literal, 1, 1, c});
    }
    return items;
}

bool testDate(const std::string & text)
{
    static const auto pattern = compilePattern("dddd-dd-dd");
    return matchPattern(pattern, 0, text, 0, true);
}

bool testDateTime(const std::string & text)
{
    static const auto a = compilePattern("dddd.dd.ddTdd:dd:dd");
    static const auto b = compilePattern("dd.dd.dddd.d{1,2}:d{1,2}:d{1,2}");
    return matchPattern(a, 0, text, 0, false) || matchPattern(b, 0, text, 0, false);
}

bool testDateTime64(const std::string & text)
{
    static const auto a = compilePattern("dddd.dd.ddTdd:dd:dd.ddd");
    static const auto b = compilePattern("dd.dd.dddd.d{1,2}:d{1,2}:d{1,2}.d{1,3}");
    /// Tinybird's tester requires the fraction; pipit also accepts plain seconds (docs/templates.md).
    return matchPattern(a, 0, text, 0, false) || matchPattern(b, 0, text, 0, false) || testDateTime(text);
}

/// Testers by ClickHouse type name; false when the type has no tester (String, Boolean, Int, ...).
bool hasTester(std::string_view type)
{
    static const char * names[] = {"DateTime64", "DateTime", "Date", "Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int64",
                                   "UInt64", "Int128", "UInt128", "Int256", "UInt256", "Float32", "Float64", "Bool"};
    for (const char * n : names)
        if (type == n)
            return true;
    return false;
}

bool runTester(std::string_view type, const std::string & text)
{
    if (type == "String")
        return true;
    if (type == "Date")
        return testDate(text);
    if (type == "DateTime")
        return testDateTime(text);
    if (type == "DateTime64")
        return testDateTime64(text);
    if (type == "Float32" || type == "Float64")
    {
        double ignored;
        return text.find('_') == std::string::npos && TemplateFunctions::parseFloat(text, ignored);
    }
    if (type == "Bool")
    {
        static const char * allowed[] = {"true", "false", "True", "False", "T", "F", "Y", "N", "Yes", "No", "On", "Off",
                                         "Enable", "Disable", "Enabled", "Disabled", "1", "0"};
        for (const char * a : allowed)
            if (text == a)
                return true;
        return false;
    }
    bool is_unsigned = type.substr(0, 4) == "UInt";
    std::string_view bits_text = type.substr(is_unsigned ? 4 : 3);
    int bits = std::atoi(std::string(bits_text).c_str());
    bool allow_sign = !is_unsigned || bits >= 128;
    return testInteger(text, bits, !is_unsigned, allow_sign);
}

TemplateValue transformValue(const TemplateValue & x, Transform transform)
{
    switch (transform)
    {
        case Transform::Str:
            return TemplateValue(x.str());
        case Transform::Int:
            if (x.isInt() || x.isBool())
                return x.isBigInt() ? TemplateValue::bigInt(x.asString()) : TemplateValue(x.asInt());
            if (x.isFloat())
                return TemplateValue(static_cast<int64_t>(std::trunc(x.asFloat())));
            return TemplateFunctions::parseInteger(x.str());
        case Transform::Float: {
            if (x.isNumber())
                return TemplateValue(x.asFloat());
            double d = 0;
            TemplateFunctions::parseFloat(x.str(), d);
            return TemplateValue(d);
        }
    }
    return x;
}

/// transform_type: default/placeholder handling, validation, conversion.
TemplateValue applyTyped(const TypedSpec & spec, TemplateValue x, const TemplateValue & default_value, bool defined, bool tagged)
{
    if (x.isPlaceholder())
        x = default_value.truthy() ? default_value : testPlaceholder(spec);
    else if (x.isNone())
    {
        x = default_value;
        if (x.isNone())
        {
            if (defined)
                throw TemplateError(TemplateFunctions::requiredParameterMessage());
            return {};
        }
    }
    if (std::string_view(spec.tester) != "String")
    {
        std::string text = x.str();
        if (!runTester(spec.tester, text))
            templateSyntaxError("Error validating '" + text + "' to type " + spec.tester);
    }
    TemplateValue value = transformValue(x, spec.transform);
    if (tagged && spec.tagged)
        return value.withTypeTag(spec.name);
    return value;
}

TemplateValue booleanValue(const TemplateValue & x, const TemplateValue & default_value)
{
    if (x.isNone())
    {
        if (default_value.isNone())
            return TemplateValue(static_cast<int64_t>(0));
        return booleanValue(default_value, TemplateValue());
    }
    if (x.isPlaceholder())
        return booleanValue(default_value, TemplateValue());
    if (x.isString())
    {
        const std::string & s = x.asString();
        std::string lower;
        for (char c : s)
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (s == "0" || lower == "false")
            return TemplateValue(static_cast<int64_t>(0));
    }
    return TemplateValue(static_cast<int64_t>(x.truthy() ? 1 : 0));
}

std::string symbolText(const TemplateValue & x, const std::string & quote)
{
    if (x.isPlaceholder())
        return "`placeholder`";
    if (x.isNone() || x.isSequence() || x.isDict() || x.isCallable())
        templateSyntaxError("symbol() expects a String, got " + std::string(x.typeName()));
    return quote + TemplateEscaper::escapeIdentifier(x.str()) + quote;
}

std::string columnText(TemplateValue x, const TemplateValue & default_value)
{
    if (x.isNone() || x.isPlaceholder())
    {
        if (default_value.isNone())
            templateSyntaxError("Missing column() default value, use `column(column_name, 'default_column_name')`");
        x = default_value;
    }
    if (!x.isString() && !x.isSql())
    {
        if (x.isNumber())
            return "`" + TemplateEscaper::escapeIdentifier(x.str()) + "`";
        templateSyntaxError("The 'column' function expects a String not " + std::string(x.typeName()));
    }
    const std::string & name = x.asString();
    std::string out;
    size_t start = 0;
    while (true)
    {
        size_t dot = name.find('.', start);
        std::string_view part = std::string_view(name).substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!out.empty() || start > 0)
            out += '.';
        out += "`" + TemplateEscaper::escapeIdentifier(part) + "`";
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return out;
}

bool isPythonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c' || (c >= '\x1c' && c <= '\x1f');
}

std::string pythonStrip(std::string_view s)
{
    size_t b = 0;
    size_t e = s.size();
    while (b < e && isPythonSpace(s[b]))
        ++b;
    while (e > b && isPythonSpace(s[e - 1]))
        --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> splitBy(const std::string & s, const std::string & separator)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (true)
    {
        size_t at = s.find(separator, start);
        if (at == std::string::npos)
        {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, at - start));
        start = at + separator.size();
    }
}

/// First `n` code points of UTF-8 text.
std::string utf8Prefix(const std::string & s, size_t n, bool & truncated)
{
    size_t count = 0;
    size_t i = 0;
    while (i < s.size() && count < n)
    {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        i += len;
        ++count;
    }
    truncated = i < s.size();
    return s.substr(0, std::min(i, s.size()));
}

/// Naive datetime as microseconds since 1970-01-01, parsed with a strptime format (subset: %Y %m %d %H %M %S
/// %f %y %j %%; literal characters match case-insensitively, whitespace matches any run of whitespace).
bool parseWithFormat(const std::string & s, const std::string & format, int64_t & micros)
{
    int year = 1900;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int fraction = 0;
    size_t i = 0;
    auto read_number = [&](size_t min_digits, size_t max_digits, int & out) -> bool
    {
        size_t start = i;
        while (i < s.size() && i - start < max_digits && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i - start < min_digits)
            return false;
        out = std::atoi(s.substr(start, i - start).c_str());
        return true;
    };
    for (size_t f = 0; f < format.size(); ++f)
    {
        char fc = format[f];
        if (fc == '%' && f + 1 < format.size())
        {
            char d = format[++f];
            bool ok = true;
            switch (d)
            {
                case 'Y': ok = read_number(4, 4, year); break;
                case 'y': {
                    int y = 0;
                    ok = read_number(2, 2, y);
                    year = y < 69 ? 2000 + y : 1900 + y;
                    break;
                }
                case 'm': ok = read_number(1, 2, month); break;
                case 'd': ok = read_number(1, 2, day); break;
                case 'H': ok = read_number(1, 2, hour); break;
                case 'M': ok = read_number(1, 2, minute); break;
                case 'S': ok = read_number(1, 2, second); break;
                case 'f': {
                    size_t start = i;
                    ok = read_number(1, 6, fraction);
                    for (size_t k = i - start; ok && k < 6; ++k)
                        fraction *= 10;
                    break;
                }
                case '%':
                    ok = i < s.size() && s[i] == '%';
                    ++i;
                    break;
                default:
                    return false;
            }
            if (!ok)
                return false;
            continue;
        }
        if (isPythonSpace(fc))
        {
            size_t start = i;
            while (i < s.size() && isPythonSpace(s[i]))
                ++i;
            if (i == start)
                return false;
            while (f + 1 < format.size() && isPythonSpace(format[f + 1]))
                ++f;
            continue;
        }
        if (i >= s.size() || std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(fc)))
            return false;
        ++i;
    }
    if (i != s.size())
        return false;
    static const int days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || year < 1)
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int max_day = days_in_month[month - 1] + (month == 2 && leap ? 1 : 0);
    if (day < 1 || day > max_day || hour > 23 || minute > 59 || second > 61)
        return false;
    /// Days from civil (Howard Hinnant).
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
    micros = ((days * 86400 + hour * 3600 + minute * 60 + second) * 1000000LL) + fraction;
    return true;
}

/// date_diff_in_*; `unit_seconds` 86400/3600/60/1. Returns None (none_if_error) or throws `message`.
TemplateValue dateDiff(const std::vector<TemplateValue> & a, int64_t unit_seconds, const std::string & message)
{
    const TemplateValue & d0 = a[0];
    const TemplateValue & d1 = a[1];
    const TemplateValue & date_format = a[2];
    const TemplateValue & default_value = a[3];
    const TemplateValue & backup_format = a[4];
    bool none_if_error = a[5].truthy();
    if (d0.isPlaceholder() || d1.isPlaceholder())
        return default_value.truthy() ? default_value : TemplateValue(static_cast<int64_t>(0));
    std::vector<std::string> formats;
    if (date_format.isString())
        formats.push_back(date_format.asString());
    if (backup_format.truthy() && backup_format.isString())
        formats.push_back(backup_format.asString());
    auto parse = [&](const TemplateValue & v, int64_t & out) -> bool
    {
        if (!v.isString())
            return false;
        for (const auto & f : formats)
            if (parseWithFormat(v.asString(), f, out))
                return true;
        return false;
    };
    int64_t t0 = 0;
    int64_t t1 = 0;
    if (!parse(d0, t0) || !parse(d1, t1))
    {
        if (none_if_error)
            return {};
        templateSyntaxError(message);
    }
    double diff = std::abs(static_cast<double>(t1 - t0)) / 1e6;
    return TemplateValue(static_cast<int64_t>(diff / static_cast<double>(unit_seconds)));
}

bool isIdentifier(const std::string & s)
{
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
        return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

/// Text placed in an SQL `--` comment: line breaks would end the comment, so they become spaces.
std::string commentText(const std::string & s)
{
    std::string out = s;
    for (char & c : out)
        if (c == '\n' || c == '\r')
            c = ' ';
    return out;
}

const char * const function_names[] = {
    "String", "Boolean", "bool", "DateTime64", "DateTime", "Date", "Float32", "Float64", "Int", "Integer", "Int8", "Int16", "Int32",
    "Int64", "Int128", "Int256", "UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256", "Array", "JSON", "Symbol", "Column",
    "columns", "column", "symbol", "table", "TABLE", "error", "custom_error", "sql_and", "defined", "enumerate_with_last",
    "split_to_array", "day_diff", "date_diff_in_days", "date_diff_in_hours", "date_diff_in_minutes", "date_diff_in_seconds",
    "sql_unescape", "max_threads", "tb_secret", "tb_var", "backend_hint", "cache_ttl", "activate", "disable"};

}

const std::string & TemplateFunctions::requiredParameterMessage()
{
    static const std::string message = "Template Syntax Error: Required parameter is not defined";
    return message;
}

bool TemplateFunctions::isFunction(std::string_view name)
{
    static const std::unordered_set<std::string_view> names(std::begin(function_names), std::end(function_names));
    return names.count(name) != 0;
}

bool TemplateFunctions::isParameterType(std::string_view name)
{
    static const char * names[] = {"String", "Boolean", "DateTime64", "DateTime", "Date", "Float32", "Float64", "Int8", "Int16",
                                   "Int32", "Int64", "Int128", "Int256", "UInt8", "UInt16", "UInt32", "UInt64", "UInt128",
                                   "UInt256", "Array", "JSON"};
    for (const char * n : names)
        if (name == n)
            return true;
    return false;
}

TemplateValue TemplateFunctions::parseInteger(std::string_view text)
{
    return TemplateValue::bigInt(text);
}

bool TemplateFunctions::parseFloat(std::string_view text, double & out)
{
    std::string s = pythonStrip(text);
    if (s.empty())
        return false;
    std::string body = s;
    bool negative = false;
    if (body[0] == '+' || body[0] == '-')
    {
        negative = body[0] == '-';
        body.erase(0, 1);
    }
    std::string lower;
    for (char c : body)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "inf" || lower == "infinity")
    {
        out = negative ? -HUGE_VAL : HUGE_VAL;
        return true;
    }
    if (lower == "nan")
    {
        out = std::nan("");
        return true;
    }
    /// digits [. digits] [e [+-] digits], with single underscores between digits.
    std::string clean;
    size_t i = 0;
    bool mantissa_digits = false;
    auto digits = [&](bool & any) -> bool
    {
        while (i < body.size())
        {
            if (body[i] >= '0' && body[i] <= '9')
            {
                clean += body[i++];
                any = true;
            }
            else if (body[i] == '_' && any && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '9')
                ++i;
            else
                break;
        }
        return true;
    };
    digits(mantissa_digits);
    if (i < body.size() && body[i] == '.')
    {
        clean += body[i++];
        bool frac = false;
        digits(frac);
        mantissa_digits = mantissa_digits || frac;
    }
    if (!mantissa_digits)
        return false;
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E'))
    {
        clean += body[i++];
        if (i < body.size() && (body[i] == '+' || body[i] == '-'))
            clean += body[i++];
        bool exp_digits = false;
        digits(exp_digits);
        if (!exp_digits)
            return false;
    }
    if (i != body.size())
        return false;
    out = std::strtod(clean.c_str(), nullptr);
    if (negative)
        out = -out;
    return true;
}

namespace
{

std::string renderContainerItem(const TemplateValue & value)
{
    switch (value.kind())
    {
        case TemplateValue::Kind::None:
            return "NULL";
        case TemplateValue::Kind::String:
            return TemplateEscaper::quoteString(value.asString());
        case TemplateValue::Kind::Placeholder:
            return "'__no_value__'";
        case TemplateValue::Kind::List:
        case TemplateValue::Kind::Tuple: {
            const auto & items = value.asList();
            std::string out = value.isList() || items.size() == 1 ? "[" : "(";
            if (value.isTuple() && items.size() == 1)
                out = "tuple(";
            for (size_t i = 0; i < items.size(); ++i)
            {
                if (i)
                    out += ',';
                out += renderContainerItem(items[i]);
            }
            out += value.isList() ? "]" : ")";
            return out;
        }
        case TemplateValue::Kind::Dict: {
            std::string out = "{";
            bool first = true;
            for (const auto & [k, v] : value.asDict())
            {
                if (!first)
                    out += ',';
                first = false;
                out += renderContainerItem(k) + ":" + renderContainerItem(v);
            }
            return out + "}";
        }
        case TemplateValue::Kind::Callable:
            throw TemplateError::python("'function' object cannot be rendered in SQL");
        default:
            return value.str();
    }
}

}

std::string TemplateFunctions::renderOutput(const TemplateValue & value, const std::string & source)
{
    switch (value.kind())
    {
        case TemplateValue::Kind::String:
            return TemplateEscaper::quoteString(value.asString());
        case TemplateValue::Kind::Placeholder:
            return "'__no_value__'";
        case TemplateValue::Kind::None: {
            bool truncated = false;
            std::string name = utf8Prefix(source, 20, truncated);
            if (truncated)
                name += "...";
            templateSyntaxError("expression \"" + name + "\" evaluated to null");
        }
        case TemplateValue::Kind::Sql:
            return value.asString();
        case TemplateValue::Kind::List:
        case TemplateValue::Kind::Tuple:
        case TemplateValue::Kind::Dict:
        case TemplateValue::Kind::Callable:
            return renderContainerItem(value);
        default:
            return value.str();
    }
}

namespace
{

TemplateValue arrayFunction(const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs)
{
    static const std::vector<Param> params = {
        {"x", std::nullopt},
        {"_type", TemplateValue()},
        {"default", TemplateValue()},
        {"defined", TemplateValue(true)},
        {"required", TemplateValue()},
        {"description", TemplateValue()},
        {"enum", TemplateValue()},
        {"example", TemplateValue()},
        {"format", TemplateValue()},
    };
    auto a = bindArguments("_f", params, args, kwargs);
    TemplateValue x = a[0];
    std::string type = a[1].isString() ? a[1].asString() : "";
    const TemplateValue & default_value = a[2];
    const TypedSpec * spec = findTypedSpec(type);
    bool is_boolean = type == "Boolean" || type == "bool";
    bool is_symbol = type == "Symbol" || type == "Column";

    /// The element transform of Array(x, 'Type'): like the typed function, untagged.
    auto element = [&](const TemplateValue & t) -> TemplateValue
    {
        if (spec)
            return applyTyped(*spec, t, TemplateValue(), true, false);
        if (is_boolean)
            return booleanValue(t, TemplateValue());
        if (is_symbol)
            return TemplateValue::sql(symbolText(t, "`"));
        return t;
    };

    if (x.isPlaceholder())
    {
        if (default_value.truthy())
            x = default_value;
        else if (spec || is_boolean || is_symbol)
        {
            std::string one = element(x).str();
            x = TemplateValue(one + "," + one);
        }
        else
            x = TemplateValue("__no_value__0,__no_value__1");
    }
    else if (x.isNone())
    {
        x = default_value;
        if (x.isNone())
        {
            if (a[3].truthy())
                throw TemplateError(TemplateFunctions::requiredParameterMessage());
            return {};
        }
    }
    TemplateList list_values;
    if (x.isSequence())
        list_values = x.asList();
    else if (x.isString() || x.isSql() || x.isNumber())
        for (auto & part : splitBy(x.str(), ","))
            list_values.emplace_back(std::move(part));
    else
        templateSyntaxError("transform type function Array is not well defined");

    std::string out = "[";
    for (size_t i = 0; i < list_values.size(); ++i)
    {
        const TemplateValue & t = list_values[i];
        TemplateValue value;
        if (hasTester(type))
        {
            if (!runTester(type, t.str()))
            {
                // Tinybird's current text (tinybird.md §2.2): "[<value>][<i>] (<element> | empty string)".
                std::string element_text = t.str().empty() ? std::string("empty string") : t.str();
                templateSyntaxError("Error validating [" + x.str() + "][" + std::to_string(i) + "] (" + element_text + ") to type " + type);
            }
        }
        value = element(t);
        if (i)
            out += ',';
        out += TemplateFunctions::renderOutput(value, t.str());
    }
    out += "]";
    return TemplateValue::sql(out);
}

TemplateValue jsonFunction(const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs)
{
    auto a = bindArguments("json_type", {{"x", std::nullopt}, {"default", TemplateValue()}}, args, kwargs);
    TemplateValue x = a[0];
    const TemplateValue & default_value = a[1];
    if (x.isPlaceholder())
        x = default_value.truthy() ? default_value : TemplateValue("__no_value__");
    if (x.isNone())
        x = default_value.isString() ? default_value : TemplateValue("{}");
    if (!x.isString())
        return x;
    bool truncated = false;
    std::string shown = utf8Prefix(x.asString(), 16, truncated);
    if (truncated)
        shown += "...";
    try
    {
        return TemplateJson::parse(x.asString());
    }
    catch (const std::invalid_argument & e)
    {
        templateSyntaxError("Error parsing JSON: '" + shown + "' - " + e.what());
    }
}

TemplateValue sqlAnd(const TemplateKeywords & kwargs)
{
    std::string out;
    for (const auto & [key, value] : kwargs)
    {
        if (value.isNone())
            continue;
        size_t split = key.rfind("__");
        std::string name = split == std::string::npos ? key : key.substr(0, split);
        std::string op = "=";
        if (split != std::string::npos)
        {
            std::string suffix = key.substr(split + 2);
            if (suffix == "in")
                op = "in";
            else if (suffix == "not_in")
                op = "not in";
            else if (suffix == "gt")
                op = ">";
            else if (suffix == "lt")
                op = "<";
            else if (suffix == "gte")
                op = ">=";
            else if (suffix == "lte")
                op = "<=";
            else
                templateSyntaxError("operand " + suffix + " not supported");
        }
        if (!out.empty())
            out += " and ";
        out += name + " " + op + " " + TemplateFunctions::renderOutput(value, key);
    }
    return TemplateValue::sql(out);
}

TemplateValue customError(const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs, bool plain_error)
{
    auto a = bindArguments(plain_error ? "error" : "custom_error", {{"s", std::nullopt}, {"code", TemplateValue()}}, args, kwargs);
    const TemplateValue & s = a[0];
    if (plain_error)
        throw TemplateError(s.str(), 400);
    int status = 400;
    auto to_status = [](const TemplateValue & v) -> int
    {
        int64_t code = 0;
        if (v.isInt() && !v.isBigInt())
            code = v.asInt();
        else if (v.isString() && allDigits(v.asString()) && v.asString().size() <= 3)
            code = std::atoi(v.asString().c_str());
        return code >= 100 && code <= 599 ? static_cast<int>(code) : 0;
    };
    if (!a[1].isNone() && to_status(a[1]))
        status = to_status(a[1]);
    else if (s.isDict())
    {
        const TemplateValue * code = s.find("code");
        if (code && to_status(*code))
            status = to_status(*code);
    }
    if (s.isDict())
    {
        const TemplateValue * error = s.find("error");
        std::string message = error ? error->str() : TemplateJson::serialize(s);
        throw TemplateError(message, status, TemplateJson::serialize(s));
    }
    throw TemplateError(s.str(), status);
}

}

TemplateValue TemplateFunctions::call(
    const std::string & name, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs, TemplateCallContext & context)
{
    const bool test_mode = context.options.test_mode;

    if (const TypedSpec * spec = findTypedSpec(name))
    {
        auto a = bindArguments("_f", typedSignature(), args, kwargs);
        return applyTyped(*spec, a[0], a[1], a[2].truthy(), true);
    }
    if (name == "Boolean" || name == "bool")
    {
        auto a = bindArguments("boolean", typedSignature(), args, kwargs);
        return booleanValue(a[0], a[1]);
    }
    if (name == "Array")
        return arrayFunction(args, kwargs);
    if (name == "JSON")
        return jsonFunction(args, kwargs);
    if (name == "defined")
    {
        auto a = bindArguments("defined", {{"x", TemplateValue()}}, args, kwargs);
        return TemplateValue(!(a[0].isNone() || a[0].isPlaceholder()));
    }
    if (name == "Symbol" || name == "Column" || name == "symbol")
    {
        auto a = bindArguments("symbol", {{"x", std::nullopt}, {"quote", TemplateValue("`")}}, args, kwargs);
        return TemplateValue::sql(symbolText(a[0], a[1].str()));
    }
    if (name == "column")
    {
        auto a = bindArguments("column", {{"x", std::nullopt}, {"default", TemplateValue()}}, args, kwargs);
        return TemplateValue::sql(columnText(a[0], a[1]));
    }
    if (name == "columns")
    {
        auto a = bindArguments("columns", {{"x", std::nullopt}, {"default", TemplateValue()}, {"fn", TemplateValue()}}, args, kwargs);
        TemplateValue x = a[0];
        if (x.isNone() || x.isPlaceholder())
        {
            if (a[1].isNone())
                templateSyntaxError("Missing columns() default value, use `columns(column_names, 'default_column_name')`");
            x = a[1];
        }
        if (!x.isString() && !x.isSql())
            templateSyntaxError("The 'columns' function expects a String not an Array");
        std::string fn;
        if (a[2].truthy())
        {
            fn = a[2].str();
            if (!isIdentifier(fn))
                templateSyntaxError("Invalid function name '" + fn + "' in columns()");
        }
        std::string out;
        for (const auto & part : splitBy(x.asString(), ","))
        {
            std::string c = pythonStrip(part);
            if (!out.empty())
                out += ',';
            std::string quoted = columnText(TemplateValue(c), TemplateValue(c));
            if (fn.empty())
                out += quoted;
            else
                out += fn + "(" + quoted + ") as `" + TemplateEscaper::escapeIdentifier(c) + "`";
        }
        return TemplateValue::sql(out);
    }
    if (name == "table" || name == "TABLE")
    {
        auto a = bindArguments("table", {{"x", std::nullopt}, {"quote", TemplateValue("`")}}, args, kwargs);
        if (a[0].isPlaceholder())
            return TemplateValue::sql("placeholder");
        if (!a[0].isString() && !a[0].isSql())
            templateSyntaxError("table() expects a String");
        std::string escaped = TemplateEscaper::escapeIdentifier(a[0].asString());
        bool valid = !escaped.empty();
        for (char c : escaped)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'))
                valid = false;
        if (!valid)
            templateSyntaxError("Invalid table name '" + a[0].asString() + "'");
        return TemplateValue::sql(escaped);
    }
    if (name == "error" || name == "custom_error")
    {
        if (test_mode)
            return TemplateValue::sql("-- {x} \n");
        return customError(args, kwargs, name == "error");
    }
    if (name == "sql_and")
        return sqlAnd(kwargs);
    if (name == "enumerate_with_last")
    {
        auto a = bindArguments("enumerate_with_last", {{"arr", std::nullopt}}, args, kwargs);
        TemplateList items;
        if (a[0].isSequence())
            items = a[0].asList();
        else if (a[0].isString())
            for (char c : a[0].asString())
                items.emplace_back(std::string(1, c));
        else
            throw TemplateError::python("object of type '" + std::string(a[0].typeName()) + "' has no len()");
        TemplateList out;
        for (size_t i = 0; i < items.size(); ++i)
            out.push_back(TemplateValue::tuple({TemplateValue(i + 1 == items.size()), items[i]}));
        return TemplateValue(std::move(out));
    }
    if (name == "split_to_array")
    {
        auto a = bindArguments("split_to_array", {{"x", std::nullopt}, {"default", TemplateValue("")}, {"separator", TemplateValue(",")}},
                               args, kwargs);
        TemplateValue x = a[0];
        if (x.isPlaceholder() || x.isNone())
            x = a[1];
        TemplateList out;
        if (x.isSequence())
        {
            for (const auto & item : x.asList())
                out.emplace_back(pythonStrip(item.str()));
            return TemplateValue(std::move(out));
        }
        if (!x.isString() && !x.isSql())
            templateSyntaxError("First argument of split_to_array has to be a value that can be split to a list of elements, but found a "
                                "PlaceHolder with no value instead");
        std::string separator = a[2].str();
        if (separator.empty())
            throw TemplateError::python("empty separator");
        for (const auto & part : splitBy(x.asString(), separator))
            out.emplace_back(pythonStrip(part));
        return TemplateValue(std::move(out));
    }
    if (name == "day_diff")
    {
        auto a = bindArguments("day_diff", {{"d0", std::nullopt}, {"d1", std::nullopt}, {"default", TemplateValue()}}, args, kwargs);
        std::vector<TemplateValue> full = {a[0], a[1], TemplateValue("%Y-%m-%d"), TemplateValue(), TemplateValue(), TemplateValue(false)};
        return dateDiff(full, 86400,
                        "invalid date format in function `day_diff`, it must be ISO format date YYYY-MM-DD, e.g. 2018-09-26. For other "
                        "fotmats, try `date_diff_in_days`");
    }
    if (name == "date_diff_in_days" || name == "date_diff_in_hours" || name == "date_diff_in_minutes" || name == "date_diff_in_seconds")
    {
        bool days = name == "date_diff_in_days";
        auto a = bindArguments(name,
                               {{"d0", std::nullopt},
                                {"d1", std::nullopt},
                                {"date_format", TemplateValue(days ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S")},
                                {"default", TemplateValue()},
                                {"backup_date_format", TemplateValue()},
                                {"none_if_error", TemplateValue(false)}},
                               args, kwargs);
        static const std::string time_hint = ", defaults to YYYY-MM-DD hh:mm:ss. Or %Y-%m-%d %H:%M:%S [.ssssss]Z, e.g. ms: "
                                             "2022-12-19T18:42:22.591Z s:2022-12-19T18:42:22Z";
        if (days)
            return dateDiff(a, 86400,
                            "invalid date format in function `date_diff_in_days`, it must be ISO format date YYYY-MM-DD, e.g. 2018-09-26");
        if (name == "date_diff_in_hours")
            return dateDiff(a, 3600, "invalid date_format in function `date_diff_in_hours`" + time_hint);
        /// Tinybird reports minutes errors under the seconds function name; kept for compatibility.
        return dateDiff(a, name == "date_diff_in_minutes" ? 60 : 1, "invalid date_format in function `date_diff_in_seconds`" + time_hint);
    }
    if (name == "sql_unescape")
    {
        auto a = bindArguments("sql_unescape", {{"x", std::nullopt}, {"what", TemplateValue("")}}, args, kwargs);
        if (!a[0].isString() && !a[0].isSql())
            templateSyntaxError("sql_unescape() expects a String");
        std::string what = a[1].str();
        if (what.find('\'') != std::string::npos || what.find('\\') != std::string::npos)
            templateSyntaxError("sql_unescape() cannot unescape quotes or backslashes");
        std::string escaped = TemplateEscaper::escapeIdentifier(a[0].asString());
        std::string needle = "\\" + what;
        std::string out;
        for (size_t i = 0; i < escaped.size();)
        {
            if (escaped.compare(i, needle.size(), needle) == 0)
            {
                out += what;
                i += needle.size();
            }
            else if (escaped[i] == '\\' && i + 1 < escaped.size())
            {
                /// Keep escape pairs intact so that "\\%" (an escaped backslash then %) is not split.
                out += escaped.substr(i, 2);
                i += 2;
            }
            else
                out += escaped[i++];
        }
        return TemplateValue::sql("'" + out + "'");
    }
    if (name == "max_threads")
    {
        auto a = bindArguments("set_max_threads", {{"x", std::nullopt}}, args, kwargs);
        const TemplateValue & x = a[0];
        std::optional<int64_t> n;
        if ((x.isInt() && !x.isBigInt()) || x.isBool())
            n = x.asInt();
        else if (x.isFloat() && std::isfinite(x.asFloat()))
            n = static_cast<int64_t>(x.asFloat());
        else if (x.isString())
        {
            std::string s = pythonStrip(x.asString());
            std::string_view digits = s;
            if (!digits.empty() && (digits[0] == '+' || digits[0] == '-'))
                digits.remove_prefix(1);
            if (allDigits(digits) && digits.size() < 18)
                n = std::atoll(s.c_str());
        }
        if (!n)
            return TemplateValue::sql("-- max_threads: wrong argument " + commentText(x.str()) + "\n");
        context.result.settings["max_threads"] = std::to_string(*n);
        return TemplateValue::sql("-- max_threads " + commentText(x.str()) + "\n");
    }
    if (name == "backend_hint")
    {
        auto a = bindArguments("set_backend_hint", {{"hint", std::nullopt}}, args, kwargs);
        const TemplateValue & hint = a[0];
        context.result.backend_hint = (hint.isNone() || (hint.isBool() && !hint.asBool())) ? "" : hint.str();
        return TemplateValue::sql("-- backend_hint " + commentText(hint.str()) + "\n");
    }
    if (name == "cache_ttl")
    {
        auto a = bindArguments("set_cache_ttl", {{"ttl_expression", std::nullopt}}, args, kwargs);
        std::string ttl = a[0].isString() ? a[0].asString() : "";
        if (!a[0].isString() || (ttl != "5s" && ttl != "1m" && ttl != "5m" && ttl != "30m" && ttl != "1h"))
            templateSyntaxError("Invalid TTL cache expression, valid expressions are ('5s', '1m', '5m', '30m', '1h')");
        context.result.cache_ttl = ttl;
        return TemplateValue::sql("-- cache_ttl " + ttl + "\n");
    }
    if (name == "activate" || name == "disable")
    {
        auto a = bindArguments(name == "activate" ? "set_activate" : "set_disable", {{"feature", std::nullopt}}, args, kwargs);
        std::string feature = a[0].isString() ? a[0].asString() : a[0].str();
        bool valid = a[0].isString() && (feature == "analyzer" || (name == "activate" && feature == "parallel_replicas"));
        if (!valid)
            templateSyntaxError("'" + feature + "' is not a valid '" + name + "' argument");
        if (name == "activate")
        {
            if (feature == "analyzer")
                context.result.settings["allow_experimental_analyzer"] = "1";
            else
                context.result.settings["allow_experimental_parallel_reading_from_replicas"] = "1";
        }
        else
            context.result.settings["allow_experimental_analyzer"] = "0";
        return TemplateValue::sql("-- " + name + " " + feature + "\n");
    }
    if (name == "tb_secret" || name == "tb_var")
    {
        auto a = bindArguments("set_tb_secret", {{"x", std::nullopt}, {"default", TemplateValue()}}, args, kwargs);
        std::string secret = a[0].str();
        std::optional<std::string> value;
        if (context.options.secret_lookup)
            value = context.options.secret_lookup(secret);
        if (!value && !a[1].isNone())
            value = a[1].str();
        if (!value && !test_mode)
            templateSyntaxError("Cannot access secret '" + secret
                                + "'. Check the secret exists in the Workspace and the token has the required scope.");
        if (context.options.inline_secrets)
            return TemplateValue::sql(value.value_or(""));
        context.result.query_parameters[secret] = value.value_or("");
        return TemplateValue::sql("{" + TemplateEscaper::escapeIdentifier(secret) + ": String}");
    }
    throw TemplateError("Template Syntax Error: '" + name + "' is not a valid function, line " + std::to_string(context.line));
}

} // namespace pipit
