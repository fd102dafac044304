#include "engine/aggregates/DataTypeAggregateFunction.h"

#include "engine/aggregates/AggregateFunctionFactory.h"
#include "engine/aggregates/ColumnAggregateFunction.h"
#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"

#include <cctype>
#include <cstdlib>

namespace pipit
{

namespace
{

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

[[noreturn]] void throwSyntax(std::string_view whole, const std::string & what)
{
    throw Exception(ErrorCode::SYNTAX_ERROR, "Cannot parse aggregate function type " + quoteForError(whole) + ": " + what);
}

/// Splits at commas outside parentheses and single-quoted strings.
std::vector<std::string_view> splitTopLevel(std::string_view s, std::string_view whole)
{
    std::vector<std::string_view> parts;
    int depth = 0;
    bool quoted = false;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i)
    {
        char c = s[i];
        if (quoted)
        {
            if (c == '\\')
                ++i;
            else if (c == '\'')
                quoted = false;
            continue;
        }
        if (c == '\'')
            quoted = true;
        else if (c == '(')
            ++depth;
        else if (c == ')')
        {
            if (--depth < 0)
                throwSyntax(whole, "unbalanced parentheses");
        }
        else if (c == ',' && depth == 0)
        {
            parts.push_back(trim(s.substr(start, i - start)));
            start = i + 1;
        }
    }
    if (depth != 0 || quoted)
        throwSyntax(whole, "unbalanced parentheses or quotes");
    parts.push_back(trim(s.substr(start)));
    return parts;
}

Field parseParameter(std::string_view text, std::string_view whole)
{
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'')
    {
        std::string value;
        ReadBufferFromMemory in(text);
        readQuotedString(value, in);
        return Field(std::move(value));
    }
    UInt64 u = 0;
    if (tryParseInt(text, u))
        return Field(u);
    Int64 i = 0;
    if (tryParseInt(text, i))
        return Field(i);
    Float64 f = 0;
    if (tryParseFloat(text, f))
        return Field(f);
    throwSyntax(whole, "bad parameter " + quoteForError(text));
}

} // namespace

DataTypePtr DataTypeAggregateFunction::parse(std::string_view name)
{
    std::string_view s = trim(name);
    constexpr std::string_view prefix = "AggregateFunction(";
    if (!s.starts_with(prefix) || !s.ends_with(")"))
        throwSyntax(name, "expected AggregateFunction(function, types...)");
    std::string_view inner = trim(s.substr(prefix.size(), s.size() - prefix.size() - 1));
    auto parts = splitTopLevel(inner, name);
    std::string_view function = parts[0];
    FieldVector parameters;
    std::string function_name(function);
    if (auto open = function.find('('); open != std::string_view::npos)
    {
        if (!function.ends_with(")"))
            throwSyntax(name, "bad parameters of " + quoteForError(function));
        function_name = std::string(trim(function.substr(0, open)));
        std::string_view params = trim(function.substr(open + 1, function.size() - open - 2));
        if (!params.empty())
            for (std::string_view p : splitTopLevel(params, name))
                parameters.push_back(parseParameter(p, name));
    }
    if (function_name.empty())
        throwSyntax(name, "no function name");
    DataTypes types;
    for (size_t i = 1; i < parts.size(); ++i)
    {
        if (parts[i].empty())
            throwSyntax(name, "empty argument type");
        types.push_back(parseDataType(parts[i]));
    }
    return std::make_shared<DataTypeAggregateFunction>(AggregateFunctionFactory::instance().get(function_name, types, parameters));
}

std::string DataTypeAggregateFunction::getName() const
{
    std::string res = "AggregateFunction(" + function_->getNameWithParameters();
    for (const auto & type : function_->getArgumentTypes())
        res += ", " + type->getName();
    return res + ")";
}

MutableColumnPtr DataTypeAggregateFunction::createColumn() const
{
    return ColumnAggregateFunction::create(function_);
}

Field DataTypeAggregateFunction::getDefault() const
{
    auto column = ColumnAggregateFunction::create(function_);
    column->insertDefault();
    return (*column)[0];
}

void DataTypeAggregateFunction::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    const auto & col = assertColumnCast<ColumnAggregateFunction>(column);
    function_->serialize(col.getData()[row], out);
}

void DataTypeAggregateFunction::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    column.insert(Field(std::move(s)));
}

void DataTypeAggregateFunction::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnAggregateFunction>(column);
    size_t end = offset >= col.size() ? offset : offset + std::min(limit, col.size() - offset);
    for (size_t i = offset; i < end; ++i)
        function_->serialize(col.getData()[i], out);
}

void DataTypeAggregateFunction::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & col = assertColumnCast<ColumnAggregateFunction>(column);
    size_t initial = col.size();
    try
    {
        for (size_t i = 0; i < limit; ++i)
            col.insertDeserialized(in);
    }
    catch (...)
    {
        col.popBack(col.size() - initial);
        throw;
    }
}

} // namespace pipit
