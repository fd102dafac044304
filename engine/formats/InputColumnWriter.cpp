#include "engine/formats/InputColumnWriter.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/io/ReadHelpers.h"
#include "engine/types/DataTypeDateTime.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace pipit
{

namespace
{

InputColumnWriter::Kind kindFromName(std::string_view name)
{
    using Kind = InputColumnWriter::Kind;
    static constexpr std::pair<std::string_view, Kind> names[] = {
        {"UInt8", Kind::UInt8},     {"UInt16", Kind::UInt16},   {"UInt32", Kind::UInt32}, {"UInt64", Kind::UInt64},
        {"Int8", Kind::Int8},       {"Int16", Kind::Int16},     {"Int32", Kind::Int32},   {"Int64", Kind::Int64},
        {"Float32", Kind::Float32}, {"Float64", Kind::Float64}, {"String", Kind::String},
    };
    for (const auto & [n, k] : names)
        if (n == name)
            return k;
    return Kind::Other;
}

enum class ParseResult
{
    Ok,
    Syntax,
    Overflow,
};

ParseResult parseUnsigned(std::string_view s, UInt64 & out)
{
    const char * p = s.data();
    const char * end = p + s.size();
    if (p < end && *p == '+')
        ++p;
    if (p == end)
        return ParseResult::Syntax;
    UInt64 v = 0;
    for (; p < end; ++p)
    {
        unsigned d = static_cast<unsigned char>(*p) - '0';
        if (d > 9)
            return ParseResult::Syntax;
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, d, &v))
        {
            for (++p; p < end; ++p)
                if (static_cast<unsigned>(static_cast<unsigned char>(*p) - '0') > 9)
                    return ParseResult::Syntax;
            return ParseResult::Overflow;
        }
    }
    out = v;
    return ParseResult::Ok;
}

ParseResult parseSigned(std::string_view s, Int64 & out)
{
    bool negative = !s.empty() && s[0] == '-';
    if (negative)
        s.remove_prefix(1);
    else if (!s.empty() && s[0] == '+')
        s.remove_prefix(1);
    if (s.empty() || s[0] == '+')
        return ParseResult::Syntax;
    UInt64 magnitude = 0;
    ParseResult r = parseUnsigned(s, magnitude);
    if (r != ParseResult::Ok)
        return r;
    if (negative)
    {
        if (magnitude > static_cast<UInt64>(std::numeric_limits<Int64>::max()) + 1)
            return ParseResult::Overflow;
        out = static_cast<Int64>(0 - magnitude);
    }
    else
    {
        if (magnitude > static_cast<UInt64>(std::numeric_limits<Int64>::max()))
            return ParseResult::Overflow;
        out = static_cast<Int64>(magnitude);
    }
    return ParseResult::Ok;
}

bool parseFloat(std::string_view s, double & out)
{
    const char * p = s.data();
    const char * end = p + s.size();
    if (p < end && *p == '+')
        ++p;
    if (p == end || *p == '+')
        return false;
    auto [ptr, ec] = std::from_chars(p, end, out);
    if (ec == std::errc::result_out_of_range)
    {
        // Denormal underflow or overflow: ClickHouse reads these as 0 / inf.
        char * conv_end = nullptr;
        std::string copy(p, end);
        out = std::strtod(copy.c_str(), &conv_end);
        return conv_end == copy.c_str() + copy.size();
    }
    return ec == std::errc() && ptr == end;
}

std::string shorten(std::string_view text)
{
    constexpr size_t max_len = 100;
    if (text.size() <= max_len)
        return std::string(text);
    return std::string(text.substr(0, max_len)) + "...";
}

} // namespace

InputColumnWriter::InputColumnWriter(DataTypePtr type, const FormatSettings & settings)
    : type_(std::move(type))
    , settings_(settings)
{
    std::string name = type_->getName();
    nullable_ = type_->isNullable();
    std::string_view value_name = name;
    constexpr std::string_view nullable_prefix = "Nullable(";
    if (nullable_ && value_name.starts_with(nullable_prefix) && value_name.ends_with(')'))
        value_name = value_name.substr(nullable_prefix.size(), value_name.size() - nullable_prefix.size() - 1);
    kind_ = kindFromName(value_name);
    value_type_name_ = std::string(value_name);
    if (kind_ == Kind::Other)
    {
        if (value_name == "LowCardinality(String)")
            kind_ = Kind::LowCardinalityString;
        else if (value_name.starts_with("DateTime") && !value_name.starts_with("DateTime64"))
        {
            DataTypePtr value_type = nullable_ ? parseDataType(value_name) : type_;
            if (const auto * date_time = dynamic_cast<const DataTypeDateTime *>(value_type.get()))
            {
                kind_ = Kind::DateTime;
                time_zone_ = &date_time->getTimeZone(); /// zones are cached for the process lifetime
            }
        }
    }
}

void InputColumnWriter::unbind()
{
    if (kind_ == Kind::String && values_ && values_->size() > 0)
    {
        const auto & column = *static_cast<const ColumnString *>(values_);
        string_bytes_per_row_ = static_cast<double>(column.getChars().size()) / static_cast<double>(column.size());
    }
    column_ = values_ = nullptr;
    null_map_ = nullptr;
}

void InputColumnWriter::bind(IColumn & column, size_t expected_rows)
{
    column_ = &column;
    values_ = &column;
    null_map_ = nullptr;
    if (kind_ == Kind::Other)
    {
        column_->reserve(expected_rows);
        return;
    }
    if (nullable_)
    {
        auto * nullable = dynamic_cast<ColumnNullable *>(&column);
        if (!nullable)
        {
            kind_ = Kind::Other; /// unexpected physical layout: stay correct through the type
            return;
        }
        values_ = &nullable->getNestedColumn();
        null_map_ = &nullable->getNullMapData();
    }
    if (expected_rows > 0)
    {
        column_->reserve(expected_rows);
        if (kind_ == Kind::String)
            static_cast<ColumnString *>(values_)->getChars().reserve(
                static_cast<size_t>(string_bytes_per_row_ * 1.1 * static_cast<double>(expected_rows)));
    }
}

void InputColumnWriter::throwCannotParse(std::string_view text, std::string_view type_name, std::string_view detail, ErrorCode code)
{
    throw Exception(code, "Cannot parse '" + shorten(text) + "' as " + std::string(type_name) + ": " + std::string(detail));
}

inline void InputColumnWriter::pushNotNull()
{
    if (null_map_)
        null_map_->push_back(0);
}

template <typename T>
inline void InputColumnWriter::pushNumber(T value)
{
    static_cast<ColumnVector<T> *>(values_)->getData().push_back(value);
    pushNotNull();
}

void InputColumnWriter::insertUnsigned(UInt64 value, std::string_view raw)
{
    auto check = [&](UInt64 max)
    {
        if (value > max)
            throwCannotParse(raw.empty() ? std::to_string(value) : raw, value_type_name_, "value is out of range");
    };
    switch (kind_)
    {
    case Kind::UInt8:
        check(std::numeric_limits<UInt8>::max());
        pushNumber<UInt8>(static_cast<UInt8>(value));
        return;
    case Kind::UInt16:
        check(std::numeric_limits<UInt16>::max());
        pushNumber<UInt16>(static_cast<UInt16>(value));
        return;
    case Kind::UInt32:
        check(std::numeric_limits<UInt32>::max());
        pushNumber<UInt32>(static_cast<UInt32>(value));
        return;
    case Kind::UInt64:
        pushNumber<UInt64>(value);
        return;
    case Kind::Int8:
        check(std::numeric_limits<Int8>::max());
        pushNumber<Int8>(static_cast<Int8>(value));
        return;
    case Kind::Int16:
        check(std::numeric_limits<Int16>::max());
        pushNumber<Int16>(static_cast<Int16>(value));
        return;
    case Kind::Int32:
        check(std::numeric_limits<Int32>::max());
        pushNumber<Int32>(static_cast<Int32>(value));
        return;
    case Kind::Int64:
        check(std::numeric_limits<Int64>::max());
        pushNumber<Int64>(static_cast<Int64>(value));
        return;
    case Kind::Float32:
        pushNumber<Float32>(static_cast<Float32>(value));
        return;
    case Kind::Float64:
        pushNumber<Float64>(static_cast<Float64>(value));
        return;
    default:
        insertNumberAsText(raw);
        return;
    }
}

void InputColumnWriter::insertSigned(Int64 value, std::string_view raw)
{
    if (value >= 0)
    {
        insertUnsigned(static_cast<UInt64>(value), raw);
        return;
    }
    auto check = [&](Int64 min)
    {
        if (value < min)
            throwCannotParse(raw.empty() ? std::to_string(value) : raw, value_type_name_, "value is out of range");
    };
    switch (kind_)
    {
    case Kind::UInt8:
    case Kind::UInt16:
    case Kind::UInt32:
    case Kind::UInt64:
        throwCannotParse(raw.empty() ? std::to_string(value) : raw, value_type_name_, "negative value for an unsigned type");
    case Kind::Int8:
        check(std::numeric_limits<Int8>::min());
        pushNumber<Int8>(static_cast<Int8>(value));
        return;
    case Kind::Int16:
        check(std::numeric_limits<Int16>::min());
        pushNumber<Int16>(static_cast<Int16>(value));
        return;
    case Kind::Int32:
        check(std::numeric_limits<Int32>::min());
        pushNumber<Int32>(static_cast<Int32>(value));
        return;
    case Kind::Int64:
        pushNumber<Int64>(value);
        return;
    case Kind::Float32:
        pushNumber<Float32>(static_cast<Float32>(value));
        return;
    case Kind::Float64:
        pushNumber<Float64>(static_cast<Float64>(value));
        return;
    default:
        insertNumberAsText(raw);
        return;
    }
}

void InputColumnWriter::insertFloat(double value, std::string_view raw)
{
    switch (kind_)
    {
    case Kind::Float32:
        pushNumber<Float32>(static_cast<Float32>(value));
        return;
    case Kind::Float64:
        pushNumber<Float64>(value);
        return;
    case Kind::String:
    case Kind::LowCardinalityString:
    case Kind::DateTime:
    case Kind::Other:
        insertNumberAsText(raw);
        return;
    default:
    {
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof(buf), value);
        throwCannotParse(raw.empty() ? std::string_view(buf, static_cast<size_t>(res.ptr - buf)) : raw, value_type_name_, "not an integer");
    }
    }
}

void InputColumnWriter::insertNumberAsText(std::string_view text)
{
    if (kind_ == Kind::Other)
        insertWithType(text, Syntax::JSON);
    else
        insertText(text);
}

void InputColumnWriter::insertText(std::string_view text)
{
    switch (kind_)
    {
    case Kind::LowCardinalityString:
        static_cast<ColumnLowCardinality *>(column_)->insertData(text.data(), text.size());
        return;
    case Kind::DateTime:
    {
        Int64 t = 0;
        if (!tryParseDateTime(text, *time_zone_, t))
            throwCannotParse(text, value_type_name_, "not a date and time", ErrorCode::CANNOT_PARSE_DATETIME);
        pushNumber<UInt32>(static_cast<UInt32>(std::clamp<Int64>(t, 0, 0xFFFFFFFFLL)));
        return;
    }
    case Kind::String:
    {
        auto & col = *static_cast<ColumnString *>(values_);
        auto & chars = col.getChars();
        chars.insert(chars.end(), text.data(), text.data() + text.size());
        col.getOffsets().push_back(chars.size());
        pushNotNull();
        return;
    }
    case Kind::UInt8:
    case Kind::UInt16:
    case Kind::UInt32:
    case Kind::UInt64:
    {
        UInt64 v = 0;
        ParseResult r = parseUnsigned(text, v);
        if (r == ParseResult::Syntax)
        {
            Int64 negative = 0;
            if (parseSigned(text, negative) == ParseResult::Ok)
                throwCannotParse(text, value_type_name_, "negative value for an unsigned type");
            throwCannotParse(text, value_type_name_, "syntax error");
        }
        if (r == ParseResult::Overflow)
            throwCannotParse(text, value_type_name_, "value is out of range");
        insertUnsigned(v, text);
        return;
    }
    case Kind::Int8:
    case Kind::Int16:
    case Kind::Int32:
    case Kind::Int64:
    {
        Int64 v = 0;
        ParseResult r = parseSigned(text, v);
        if (r == ParseResult::Syntax)
            throwCannotParse(text, value_type_name_, "syntax error");
        if (r == ParseResult::Overflow)
            throwCannotParse(text, value_type_name_, "value is out of range");
        insertSigned(v, text);
        return;
    }
    case Kind::Float32:
    case Kind::Float64:
    {
        double v = 0;
        if (!parseFloat(text, v))
            throwCannotParse(text, value_type_name_, "syntax error");
        insertFloat(v, text);
        return;
    }
    case Kind::Other:
        insertWithType(text, Syntax::Whole);
        return;
    }
}

bool InputColumnWriter::insertNull()
{
    if (nullable_)
    {
        column_->insertDefault(); /// NULL
        return true;
    }
    insertDefault();
    return false;
}

void InputColumnWriter::insertDefault()
{
    if (nullable_)
    {
        column_->insertDefault(); /// NULL, the default of Nullable
        return;
    }
    switch (kind_)
    {
    case Kind::UInt8:
        pushNumber<UInt8>(0);
        return;
    case Kind::UInt16:
        pushNumber<UInt16>(0);
        return;
    case Kind::UInt32:
        pushNumber<UInt32>(0);
        return;
    case Kind::UInt64:
        pushNumber<UInt64>(0);
        return;
    case Kind::Int8:
        pushNumber<Int8>(0);
        return;
    case Kind::Int16:
        pushNumber<Int16>(0);
        return;
    case Kind::Int32:
        pushNumber<Int32>(0);
        return;
    case Kind::Int64:
        pushNumber<Int64>(0);
        return;
    case Kind::Float32:
        pushNumber<Float32>(0);
        return;
    case Kind::Float64:
        pushNumber<Float64>(0);
        return;
    default:
        column_->insertDefault();
        return;
    }
}

void InputColumnWriter::insertWithType(std::string_view text, Syntax syntax)
{
    size_t rows_before = column_->size();
    ReadBufferFromMemory in(text);
    try
    {
        switch (syntax)
        {
        case Syntax::Whole:
            type_->deserializeWholeText(*column_, in, settings_);
            break;
        case Syntax::JSON:
            type_->deserializeTextJSON(*column_, in, settings_);
            break;
        case Syntax::Escaped:
            type_->deserializeTextEscaped(*column_, in, settings_);
            break;
        case Syntax::CSV:
            type_->deserializeTextCSV(*column_, in, settings_);
            break;
        case Syntax::Quoted:
            type_->deserializeTextQuoted(*column_, in, settings_);
            break;
        }
    }
    catch (Exception & e)
    {
        truncate(rows_before);
        e.addContext("while parsing '" + shorten(text) + "' as " + type_->getName());
        throw;
    }
    if (column_->size() != rows_before + 1)
    {
        truncate(rows_before);
        throwCannotParse(text, type_->getName(), "no value parsed");
    }
    if (!in.eof())
    {
        truncate(rows_before);
        throwCannotParse(text, type_->getName(), "unexpected text after the value");
    }
}

void InputColumnWriter::truncate(size_t rows)
{
    size_t size = column_->size();
    if (size > rows)
        column_->popBack(size - rows);
}

} // namespace pipit
