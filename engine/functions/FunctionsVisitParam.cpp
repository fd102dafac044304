#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/functions/StringSearcher.h"

#include <charconv>
#include <vector>

/// visitParam* / simpleJSON*: ClickHouse's fast field extraction without parsing JSON. The field is
/// the first occurrence of `"name":` anywhere in the row (no whitespace allowed before the colon or
/// inside the quotes); the value starts right after the colon. Rows are searched as one byte range,
/// like ClickHouse, and matches are mapped back to rows by their offsets.

namespace pipit
{

namespace
{

/// For every row calls found(row, value_begin, row_end) at the first `"name":` in the row, or
/// missing(row) when there is none (or nothing follows it).
template <typename Found, typename Missing>
void scanParam(const ColumnString & column, const std::string & name, Found && found, Missing && missing)
{
    const StringSearcher searcher("\"" + name + "\":");
    const size_t needle_size = searcher.needle().size();
    const auto & offsets = column.getOffsets();
    const size_t rows = offsets.size();
    const char * const begin = column.getChars().data();
    const char * const end = begin + column.getChars().size();
    const char * pos = begin;
    size_t row = 0;
    while (row < rows && pos < end)
    {
        const char * match = searcher.search(pos, end);
        if (match == end)
            break;
        while (begin + offsets[row] <= match)
            missing(row++);
        const char * row_end = begin + offsets[row];
        if (match + needle_size <= row_end)
            found(row, match + needle_size, row_end);
        else
            missing(row);
        pos = row_end;
        ++row;
    }
    while (row < rows)
        missing(row++);
}

/// ClickHouse's tryReadIntText on a prefix: optional sign, digits, wrapping on overflow; a '-' for an
/// unsigned type or no digits give 0.
template <typename T>
T parseIntPrefix(const char * p, const char * end)
{
    bool negative = false;
    if (p < end && (*p == '-' || *p == '+'))
    {
        if (*p == '-')
        {
            if constexpr (!std::is_signed_v<T>)
                return 0;
            negative = true;
        }
        ++p;
    }
    UInt64 value = 0;
    for (; p < end && static_cast<unsigned char>(*p - '0') < 10; ++p)
        value = value * 10 + static_cast<UInt64>(*p - '0');
    return negative ? static_cast<T>(0 - value) : static_cast<T>(value);
}

Float64 parseFloatPrefix(const char * p, const char * end)
{
    if (p < end && *p == '+')
        ++p;
    Float64 value = 0;
    auto [ptr, ec] = std::from_chars(p, end, value);
    if (ec != std::errc())
        return 0;
    return value;
}

void appendUTF8(UInt32 code_point, ColumnString::Chars & out)
{
    if (code_point < 0x80)
        out.push_back(static_cast<char>(code_point));
    else if (code_point < 0x800)
    {
        out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
    else if (code_point < 0x10000)
    {
        out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
    else
    {
        out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
}

bool parseHex4(const char * p, const char * end, UInt32 & out)
{
    if (end - p < 4)
        return false;
    out = 0;
    for (int i = 0; i < 4; ++i)
    {
        char c = p[i];
        UInt32 d;
        if (c >= '0' && c <= '9')
            d = static_cast<UInt32>(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = static_cast<UInt32>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = static_cast<UInt32>(c - 'A' + 10);
        else
            return false;
        out = out * 16 + d;
    }
    return true;
}

/// A JSON string literal at p, unescaped and appended to `out`; false (and `out` unchanged) if p
/// does not start a complete string literal.
bool appendJSONString(const char * p, const char * end, ColumnString::Chars & out)
{
    if (p >= end || *p != '"')
        return false;
    ++p;
    const size_t old_size = out.size();
    while (p < end)
    {
        /// Copy the run up to the next quote or backslash at once.
        const char * run = p;
        while (p < end && *p != '"' && *p != '\\')
            ++p;
        out.insert(out.end(), run, p);
        if (p >= end)
            break;
        if (*p == '"')
            return true;
        ++p; /// backslash
        if (p >= end)
            break;
        char c = *p++;
        switch (c)
        {
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'u':
        {
            UInt32 code = 0;
            if (!parseHex4(p, end, code))
            {
                out.resize(old_size);
                return false;
            }
            p += 4;
            if (code >= 0xD800 && code <= 0xDBFF)
            {
                UInt32 low = 0;
                if (end - p >= 6 && p[0] == '\\' && p[1] == 'u' && parseHex4(p + 2, end, low) && low >= 0xDC00 && low <= 0xDFFF)
                {
                    p += 6;
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                else
                    code = '?';
            }
            appendUTF8(code, out);
            break;
        }
        default:
            out.push_back(c);
        }
    }
    out.resize(old_size);
    return false;
}

/// The raw text of a value: up to the first ',' or '}' outside brackets and strings, as
/// ClickHouse's ExtractRaw.
void appendRawValue(const char * p, const char * end, ColumnString::Chars & out)
{
    std::vector<char> expects;
    char current = 0;
    const char * start = p;
    for (; p != end; ++p)
    {
        if (current && *p == current)
        {
            expects.pop_back();
            current = expects.empty() ? 0 : expects.back();
            continue;
        }
        switch (*p)
        {
        case '[':
            expects.push_back(current = ']');
            break;
        case '{':
            expects.push_back(current = '}');
            break;
        case '"':
            expects.push_back(current = '"');
            break;
        case '\\':
            if (p + 1 < end && p[1] == '"')
                ++p;
            break;
        default:
            if (!current && (*p == ',' || *p == '}'))
            {
                out.insert(out.end(), start, p);
                return;
            }
        }
    }
    out.insert(out.end(), start, p);
}

enum class VisitParamKind
{
    Has,
    UInt,
    Int,
    Float,
    Bool,
    Raw,
    String,
};

class FunctionVisitParam final : public IFunction
{
public:
    FunctionVisitParam(std::string name, VisitParamKind kind)
        : name_(std::move(name))
        , kind_(kind)
    {
    }
    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 2; }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {1}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0);
        if (arguments[1].type->getTypeId() != TypeIndex::String)
            throwIllegalType(arguments, 1);
        switch (kind_)
        {
        case VisitParamKind::Has:
        case VisitParamKind::Bool:
            return typeUInt8();
        case VisitParamKind::UInt:
            return typeUInt64();
        case VisitParamKind::Int:
            return typeInt64();
        case VisitParamKind::Float:
            return typeFloat64();
        case VisitParamKind::Raw:
        case VisitParamKind::String:
            return typeString();
        }
        return typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        if (!isColumnConst(*arguments[1].column))
            throw Exception(ErrorCode::ILLEGAL_COLUMN, "The second argument of function " + name_ + " must be a constant String");
        const std::string name(unwrapConst(*arguments[1].column).getDataAt(0));
        ColumnPtr holder = arguments[0].column;
        if (isColumnConst(*holder))
            holder = static_cast<const ColumnConst &>(*holder).convertToFullColumn();
        if (arguments[0].type->getTypeId() != TypeIndex::String)
        {
            auto copy = ColumnString::create();
            for (size_t i = 0; i < rows; ++i)
                copy->insertValue(holder->getDataAt(i));
            holder = copy;
        }
        const auto & json = assertColumnCast<ColumnString>(*holder);

        switch (kind_)
        {
        case VisitParamKind::Has:
            return numbers<UInt8>(json, name, [](const char *, const char *) { return UInt8(1); });
        case VisitParamKind::UInt:
            return numbers<UInt64>(json, name, [](const char * p, const char * e) { return parseIntPrefix<UInt64>(skipQuote(p, e), e); });
        case VisitParamKind::Int:
            return numbers<Int64>(json, name, [](const char * p, const char * e) { return parseIntPrefix<Int64>(skipQuote(p, e), e); });
        case VisitParamKind::Float:
            return numbers<Float64>(json, name, [](const char * p, const char * e) { return parseFloatPrefix(skipQuote(p, e), e); });
        case VisitParamKind::Bool:
            return numbers<UInt8>(json, name, [](const char * p, const char * e) { return UInt8(e - p >= 4 && std::memcmp(p, "true", 4) == 0); });
        case VisitParamKind::Raw:
            return strings(json, name, [](const char * p, const char * e, ColumnString::Chars & out) { appendRawValue(p, e, out); });
        case VisitParamKind::String:
            return strings(json, name, [](const char * p, const char * e, ColumnString::Chars & out) { appendJSONString(p, e, out); });
        }
        return nullptr;
    }

private:
    static const char * skipQuote(const char * p, const char * end) { return p < end && *p == '"' ? p + 1 : p; }

    template <typename T, typename Extract>
    static ColumnPtr numbers(const ColumnString & json, const std::string & name, Extract && extract)
    {
        auto res = ColumnVector<T>::create(json.size());
        T * out = res->getData().data();
        scanParam(
            json, name, [&](size_t row, const char * p, const char * e) { out[row] = extract(p, e); }, [&](size_t row) { out[row] = T {}; });
        return res;
    }

    template <typename Extract>
    static ColumnPtr strings(const ColumnString & json, const std::string & name, Extract && extract)
    {
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(json.size());
        chars.reserve(json.getChars().size() / 5);
        scanParam(
            json, name,
            [&](size_t row, const char * p, const char * e)
            {
                extract(p, e, chars);
                offsets[row] = chars.size();
            },
            [&](size_t row) { offsets[row] = chars.size(); });
        return res;
    }

    std::string name_;
    VisitParamKind kind_;
};

} // namespace

void registerFunctionsVisitParam(FunctionRegistry & registry)
{
    struct Spec
    {
        const char * name;
        const char * alias;
        VisitParamKind kind;
        const char * description;
        const char * example;
    };
    const Spec specs[] = {
        {"visitParamHas", "simpleJSONHas", VisitParamKind::Has, "1 if the string contains the field \"name\":",
         "SELECT visitParamHas('{\"a\":1}', 'a')"},
        {"visitParamExtractUInt", "simpleJSONExtractUInt", VisitParamKind::UInt, "UInt64 parsed from the start of the field's value",
         "SELECT visitParamExtractUInt('{\"a\":12}', 'a')"},
        {"visitParamExtractInt", "simpleJSONExtractInt", VisitParamKind::Int, "Int64 parsed from the start of the field's value",
         "SELECT visitParamExtractInt('{\"a\":-12}', 'a')"},
        {"visitParamExtractFloat", "simpleJSONExtractFloat", VisitParamKind::Float, "Float64 parsed from the start of the field's value",
         "SELECT visitParamExtractFloat('{\"a\":1.5}', 'a')"},
        {"visitParamExtractBool", "simpleJSONExtractBool", VisitParamKind::Bool, "1 if the field's value is true",
         "SELECT visitParamExtractBool('{\"a\":true}', 'a')"},
        {"visitParamExtractRaw", "simpleJSONExtractRaw", VisitParamKind::Raw, "Raw text of the field's value",
         "SELECT visitParamExtractRaw('{\"a\":[1,2]}', 'a')"},
        {"visitParamExtractString", "simpleJSONExtractString", VisitParamKind::String, "Unescaped string value of the field",
         "SELECT visitParamExtractString('{\"a\":\"x\\\\ny\"}', 'a')"},
    };
    for (const auto & spec : specs)
    {
        std::string name = spec.name;
        VisitParamKind kind = spec.kind;
        registry.add({name, [name, kind] { return std::make_shared<FunctionVisitParam>(name, kind); }, spec.description, spec.example, false,
                      ""});
        registry.addAlias(spec.alias, spec.name);
    }
}

} // namespace pipit
