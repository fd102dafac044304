#include "platform/templates/TemplateValue.h"

#include "platform/templates/TemplateCallable.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace pipit
{

namespace
{

const std::string empty_string;
const TemplateList empty_list;
const TemplateDict empty_dict;

/// "+007" -> "7", "-0" -> "0"; input already validated as [+-]?digits.
std::string normaliseInteger(std::string_view text)
{
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-'))
    {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    while (text.size() > 1 && text[0] == '0')
        text.remove_prefix(1);
    if (text == "0" || text.empty())
        return "0";
    return (negative ? "-" : "") + std::string(text);
}

void appendRepr(std::string & out, const std::string & s)
{
    bool has_single = s.find('\'') != std::string::npos;
    bool has_double = s.find('"') != std::string::npos;
    char quote = (has_single && !has_double) ? '"' : '\'';
    out += quote;
    for (unsigned char c : s)
    {
        if (c == static_cast<unsigned char>(quote) || c == '\\')
        {
            out += '\\';
            out += static_cast<char>(c);
        }
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c < 0x20 || c == 0x7f)
        {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\x%02x", c);
            out += buf;
        }
        else
            out += static_cast<char>(c);
    }
    out += quote;
}

}

TemplateValue TemplateValue::tuple(TemplateList items)
{
    TemplateValue v(std::move(items));
    v.kind_ = Kind::Tuple;
    return v;
}

TemplateValue TemplateValue::sql(std::string text)
{
    TemplateValue v(std::move(text));
    v.kind_ = Kind::Sql;
    return v;
}

TemplateValue TemplateValue::callable(std::shared_ptr<const TemplateCallable> fn)
{
    TemplateValue v;
    v.kind_ = Kind::Callable;
    v.fn_ = std::move(fn);
    return v;
}

TemplateValue TemplateValue::placeholder(std::string name, int line)
{
    TemplateValue v(std::move(name));
    v.kind_ = Kind::Placeholder;
    v.int_ = line;
    return v;
}

TemplateValue TemplateValue::bigInt(std::string_view decimal_text)
{
    std::string normalised = normaliseInteger(decimal_text);
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(normalised.data(), normalised.data() + normalised.size(), value);
    if (ec == std::errc() && ptr == normalised.data() + normalised.size())
        return TemplateValue(value);
    TemplateValue v;
    v.kind_ = Kind::Int;
    v.big_ = true;
    v.str_ = std::make_shared<std::string>(std::move(normalised));
    return v;
}

TemplateValue TemplateValue::withTypeTag(std::string tag) const
{
    TemplateValue v = *this;
    if (v.kind_ == Kind::Bool)
        v.kind_ = Kind::Int;
    v.tag_ = std::make_shared<const std::string>(std::move(tag));
    return v;
}

double TemplateValue::asFloat() const
{
    if (kind_ == Kind::Float)
        return float_;
    if (big_)
        return std::strtod(asString().c_str(), nullptr);
    return static_cast<double>(int_);
}

const std::string & TemplateValue::asString() const
{
    return str_ ? *str_ : empty_string;
}

const std::string & TemplateValue::typeTag() const
{
    return tag_ ? *tag_ : empty_string;
}

const TemplateList & TemplateValue::asList() const
{
    return list_ ? *list_ : empty_list;
}

TemplateList & TemplateValue::mutableList() const
{
    return *list_;
}

const TemplateDict & TemplateValue::asDict() const
{
    return dict_ ? *dict_ : empty_dict;
}

TemplateDict & TemplateValue::mutableDict() const
{
    return *dict_;
}

const TemplateCallable & TemplateValue::asCallable() const
{
    return *fn_;
}

bool TemplateValue::truthy() const
{
    switch (kind_)
    {
        case Kind::None:
            return false;
        case Kind::Bool:
            return int_ != 0;
        case Kind::Int:
            return big_ || int_ != 0;
        case Kind::Float:
            return float_ != 0;
        case Kind::String:
        case Kind::Sql:
            return !str_->empty();
        case Kind::List:
        case Kind::Tuple:
            return !list_->empty();
        case Kind::Dict:
            return !dict_->empty();
        case Kind::Callable:
        case Kind::Placeholder:
            return true;
    }
    return false;
}

bool TemplateValue::equals(const TemplateValue & other) const
{
    if (isNumber() && other.isNumber())
    {
        if (big_ || other.big_)
            return big_ && other.big_ && asString() == other.asString();
        if (kind_ == Kind::Float || other.kind_ == Kind::Float)
            return asFloat() == other.asFloat();
        return int_ == other.int_;
    }
    bool this_text = kind_ == Kind::String || kind_ == Kind::Sql;
    bool other_text = other.kind_ == Kind::String || other.kind_ == Kind::Sql;
    if (this_text && other_text)
        return *str_ == *other.str_;
    if (kind_ != other.kind_)
        return false;
    switch (kind_)
    {
        case Kind::None:
            return true;
        case Kind::List:
        case Kind::Tuple: {
            if (list_ == other.list_)
                return true;
            if (list_->size() != other.list_->size())
                return false;
            for (size_t i = 0; i < list_->size(); ++i)
                if (!(*list_)[i].equals((*other.list_)[i]))
                    return false;
            return true;
        }
        case Kind::Dict: {
            if (dict_->size() != other.dict_->size())
                return false;
            for (const auto & [k, v] : *dict_)
            {
                const TemplateValue * o = other.find(k);
                if (!o || !o->equals(v))
                    return false;
            }
            return true;
        }
        case Kind::Callable:
            return fn_ == other.fn_;
        case Kind::Placeholder:
            return str_ == other.str_;
        default:
            return false;
    }
}

const TemplateValue * TemplateValue::find(const TemplateValue & key) const
{
    if (kind_ != Kind::Dict)
        return nullptr;
    for (const auto & [k, v] : *dict_)
        if (k.equals(key))
            return &v;
    return nullptr;
}

const TemplateValue * TemplateValue::find(std::string_view key) const
{
    if (kind_ != Kind::Dict)
        return nullptr;
    for (const auto & [k, v] : *dict_)
        if (k.isString() && k.asString() == key)
            return &v;
    return nullptr;
}

TemplateValue TemplateValue::deepCopy() const
{
    if (kind_ == Kind::List || kind_ == Kind::Tuple)
    {
        TemplateList items;
        items.reserve(list_->size());
        for (const auto & item : *list_)
            items.push_back(item.deepCopy());
        TemplateValue v(std::move(items));
        v.kind_ = kind_;
        return v;
    }
    if (kind_ == Kind::Dict)
    {
        TemplateDict items;
        items.reserve(dict_->size());
        for (const auto & [k, val] : *dict_)
            items.emplace_back(k, val.deepCopy());
        return TemplateValue(std::move(items));
    }
    return *this;
}

std::string TemplateValue::formatFloat(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    if (value == 0)
        return std::signbit(value) ? "-0.0" : "0.0";
    /// Shortest round-trip digits, then Python's repr layout: positional for 1e-4 <= |x| < 1e16.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    bool negative = sci[0] == '-';
    if (negative)
        sci.erase(0, 1);
    size_t e = sci.find('e');
    std::string mantissa = sci.substr(0, e);
    int exponent = std::stoi(sci.substr(e + 1));
    std::string digits;
    for (char c : mantissa)
        if (c != '.')
            digits += c;
    std::string out = negative ? "-" : "";
    if (exponent >= -4 && exponent < 16)
    {
        if (exponent < 0)
        {
            out += "0.";
            out.append(static_cast<size_t>(-exponent - 1), '0');
            out += digits;
        }
        else
        {
            int int_digits = exponent + 1;
            if (static_cast<int>(digits.size()) <= int_digits)
            {
                out += digits;
                out.append(static_cast<size_t>(int_digits - static_cast<int>(digits.size())), '0');
                out += ".0";
            }
            else
            {
                out += digits.substr(0, static_cast<size_t>(int_digits));
                out += '.';
                out += digits.substr(static_cast<size_t>(int_digits));
            }
        }
        return out;
    }
    out += digits.substr(0, 1);
    if (digits.size() > 1)
    {
        out += '.';
        out += digits.substr(1);
    }
    char exp_buf[16];
    std::snprintf(exp_buf, sizeof(exp_buf), "e%c%02d", exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
    out += exp_buf;
    return out;
}

std::string TemplateValue::str() const
{
    switch (kind_)
    {
        case Kind::String:
        case Kind::Sql:
            return *str_;
        case Kind::Placeholder:
            return "__no_value__";
        case Kind::Int:
        case Kind::Float: {
            std::string number;
            if (kind_ == Kind::Float)
                number = formatFloat(float_);
            else if (big_)
                number = asString();
            else
                number = std::to_string(int_);
            const std::string & tag = typeTag();
            if (tag.empty())
                return number;
            return "to" + tag + "('" + number + "')";
        }
        default:
            return repr();
    }
}

std::string TemplateValue::repr() const
{
    switch (kind_)
    {
        case Kind::None:
            return "None";
        case Kind::Bool:
            return int_ ? "True" : "False";
        case Kind::Int:
            return big_ ? asString() : std::to_string(int_);
        case Kind::Float:
            return formatFloat(float_);
        case Kind::String:
        case Kind::Sql: {
            std::string out;
            appendRepr(out, *str_);
            return out;
        }
        case Kind::Placeholder:
            return "__no_value__";
        case Kind::List:
        case Kind::Tuple: {
            std::string out = kind_ == Kind::List ? "[" : "(";
            for (size_t i = 0; i < list_->size(); ++i)
            {
                if (i)
                    out += ", ";
                out += (*list_)[i].repr();
            }
            if (kind_ == Kind::Tuple && list_->size() == 1)
                out += ",";
            out += kind_ == Kind::List ? "]" : ")";
            return out;
        }
        case Kind::Dict: {
            std::string out = "{";
            bool first = true;
            for (const auto & [k, v] : *dict_)
            {
                if (!first)
                    out += ", ";
                first = false;
                out += k.repr() + ": " + v.repr();
            }
            return out + "}";
        }
        case Kind::Callable:
            return "<function " + fn_->name + ">";
    }
    return "None";
}

const char * TemplateValue::typeName() const
{
    switch (kind_)
    {
        case Kind::None:
            return "NoneType";
        case Kind::Bool:
            return "bool";
        case Kind::Int:
            return "int";
        case Kind::Float:
            return "float";
        case Kind::String:
            return "str";
        case Kind::Sql:
            return "Expression";
        case Kind::List:
            return "list";
        case Kind::Tuple:
            return "tuple";
        case Kind::Dict:
            return "dict";
        case Kind::Callable:
            return "function";
        case Kind::Placeholder:
            return "Placeholder";
    }
    return "object";
}

} // namespace pipit
