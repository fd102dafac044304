#include "platform/templates/TemplateJson.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace pipit
{

namespace
{

class JsonReader
{
public:
    explicit JsonReader(std::string_view text) : text_(text) { }

    TemplateValue parseDocument()
    {
        skipSpace();
        TemplateValue value = parseValue(0);
        skipSpace();
        if (pos_ != text_.size())
            fail("Extra data", pos_);
        return value;
    }

private:
    [[noreturn]] void fail(const char * what, size_t at) const
    {
        size_t line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < at && i < text_.size(); ++i)
            if (text_[i] == '\n')
            {
                ++line;
                line_start = i + 1;
            }
        throw std::invalid_argument(
            std::string(what) + ": line " + std::to_string(line) + " column " + std::to_string(at - line_start + 1) + " (char "
            + std::to_string(at) + ")");
    }

    void skipSpace()
    {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
            ++pos_;
    }

    bool consumeWord(std::string_view word)
    {
        if (text_.substr(pos_, word.size()) == word)
        {
            pos_ += word.size();
            return true;
        }
        return false;
    }

    TemplateValue parseValue(int depth)
    {
        if (depth > 200)
            fail("Expecting value", pos_);
        if (pos_ >= text_.size())
            fail("Expecting value", pos_);
        char c = text_[pos_];
        if (c == '"')
            return TemplateValue(parseString());
        if (c == '{')
            return parseObject(depth);
        if (c == '[')
            return parseArray(depth);
        if (consumeWord("null"))
            return {};
        if (consumeWord("true"))
            return TemplateValue(true);
        if (consumeWord("false"))
            return TemplateValue(false);
        if (consumeWord("NaN"))
            return TemplateValue(std::nan(""));
        if (consumeWord("Infinity"))
            return TemplateValue(HUGE_VAL);
        if (consumeWord("-Infinity"))
            return TemplateValue(-HUGE_VAL);
        if (c == '-' || (c >= '0' && c <= '9'))
            return parseNumber();
        fail("Expecting value", pos_);
    }

    TemplateValue parseNumber()
    {
        size_t start = pos_;
        if (text_[pos_] == '-')
            ++pos_;
        if (pos_ >= text_.size() || !(text_[pos_] >= '0' && text_[pos_] <= '9'))
            fail("Expecting value", start);
        if (text_[pos_] == '0')
            ++pos_;
        else
            while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
                ++pos_;
        bool is_float = false;
        if (pos_ + 1 < text_.size() && text_[pos_] == '.' && text_[pos_ + 1] >= '0' && text_[pos_ + 1] <= '9')
        {
            is_float = true;
            ++pos_;
            while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
                ++pos_;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E'))
        {
            size_t save = pos_;
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-'))
                ++pos_;
            if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
            {
                is_float = true;
                while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
                    ++pos_;
            }
            else
                pos_ = save;
        }
        std::string number(text_.substr(start, pos_ - start));
        if (is_float)
            return TemplateValue(std::strtod(number.c_str(), nullptr));
        return TemplateValue::bigInt(number);
    }

    static void appendUtf8(std::string & out, uint32_t cp)
    {
        if (cp < 0x80)
            out += static_cast<char>(cp);
        else if (cp < 0x800)
        {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        else if (cp < 0x10000)
        {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        else
        {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    int hex4(size_t at)
    {
        if (at + 4 > text_.size())
            return -1;
        int v = 0;
        for (size_t i = at; i < at + 4; ++i)
        {
            char c = text_[i];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v |= c - 'A' + 10;
            else
                return -1;
        }
        return v;
    }

    std::string parseString()
    {
        size_t start = pos_;
        ++pos_;
        std::string out;
        while (true)
        {
            if (pos_ >= text_.size())
                fail("Unterminated string starting at", start);
            char c = text_[pos_];
            if (c == '"')
            {
                ++pos_;
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                fail("Invalid control character at", pos_);
            if (c != '\\')
            {
                out += c;
                ++pos_;
                continue;
            }
            if (pos_ + 1 >= text_.size())
                fail("Unterminated string starting at", start);
            char e = text_[pos_ + 1];
            pos_ += 2;
            switch (e)
            {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    int cp = hex4(pos_);
                    if (cp < 0)
                        fail("Invalid \\uXXXX escape", pos_ - 1);
                    pos_ += 4;
                    uint32_t code = static_cast<uint32_t>(cp);
                    if (code >= 0xD800 && code < 0xDC00 && text_.substr(pos_, 2) == "\\u")
                    {
                        int low = hex4(pos_ + 2);
                        if (low >= 0xDC00 && low < 0xE000)
                        {
                            code = 0x10000 + ((code - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
                            pos_ += 6;
                        }
                    }
                    appendUtf8(out, code);
                    break;
                }
                default:
                    fail("Invalid \\escape", pos_ - 2);
            }
        }
    }

    TemplateValue parseArray(int depth)
    {
        ++pos_;
        TemplateList items;
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == ']')
        {
            ++pos_;
            return TemplateValue(std::move(items));
        }
        while (true)
        {
            skipSpace();
            items.push_back(parseValue(depth + 1));
            skipSpace();
            if (pos_ < text_.size() && text_[pos_] == ']')
            {
                ++pos_;
                return TemplateValue(std::move(items));
            }
            if (pos_ >= text_.size() || text_[pos_] != ',')
                fail("Expecting ',' delimiter", pos_);
            ++pos_;
        }
    }

    TemplateValue parseObject(int depth)
    {
        ++pos_;
        TemplateDict items;
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == '}')
        {
            ++pos_;
            return TemplateValue(std::move(items));
        }
        while (true)
        {
            skipSpace();
            if (pos_ >= text_.size() || text_[pos_] != '"')
                fail("Expecting property name enclosed in double quotes", pos_);
            TemplateValue key(parseString());
            skipSpace();
            if (pos_ >= text_.size() || text_[pos_] != ':')
                fail("Expecting ':' delimiter", pos_);
            ++pos_;
            skipSpace();
            TemplateValue value = parseValue(depth + 1);
            bool replaced = false;
            for (auto & [k, v] : items)
                if (k.equals(key))
                {
                    v = value;
                    replaced = true;
                }
            if (!replaced)
                items.emplace_back(std::move(key), std::move(value));
            skipSpace();
            if (pos_ < text_.size() && text_[pos_] == '}')
            {
                ++pos_;
                return TemplateValue(std::move(items));
            }
            if (pos_ >= text_.size() || text_[pos_] != ',')
                fail("Expecting ',' delimiter", pos_);
            ++pos_;
        }
    }

    std::string_view text_;
    size_t pos_ = 0;
};

void serializeString(std::string & out, const std::string & s)
{
    out += '"';
    for (unsigned char c : s)
    {
        switch (c)
        {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20)
                {
                    char buf[8];
                    std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                    out += buf;
                }
                else
                    out += static_cast<char>(c);
        }
    }
    out += '"';
}

void serializeValue(std::string & out, const TemplateValue & value)
{
    switch (value.kind())
    {
        case TemplateValue::Kind::None:
        case TemplateValue::Kind::Callable:
            out += "null";
            return;
        case TemplateValue::Kind::Bool:
            out += value.asBool() ? "true" : "false";
            return;
        case TemplateValue::Kind::Int:
            out += value.isBigInt() ? value.asString() : std::to_string(value.asInt());
            return;
        case TemplateValue::Kind::Float: {
            double d = value.asFloat();
            if (std::isnan(d))
                out += "NaN";
            else if (std::isinf(d))
                out += d < 0 ? "-Infinity" : "Infinity";
            else
                out += TemplateValue::formatFloat(d);
            return;
        }
        case TemplateValue::Kind::String:
        case TemplateValue::Kind::Sql:
        case TemplateValue::Kind::Placeholder:
            serializeString(out, value.str());
            return;
        case TemplateValue::Kind::List:
        case TemplateValue::Kind::Tuple: {
            out += '[';
            bool first = true;
            for (const auto & item : value.asList())
            {
                if (!first)
                    out += ',';
                first = false;
                serializeValue(out, item);
            }
            out += ']';
            return;
        }
        case TemplateValue::Kind::Dict: {
            out += '{';
            bool first = true;
            for (const auto & [k, v] : value.asDict())
            {
                if (!first)
                    out += ',';
                first = false;
                serializeString(out, k.str());
                out += ':';
                serializeValue(out, v);
            }
            out += '}';
            return;
        }
    }
}

}

TemplateValue TemplateJson::parse(std::string_view text)
{
    return JsonReader(text).parseDocument();
}

std::string TemplateJson::serialize(const TemplateValue & value)
{
    std::string out;
    serializeValue(out, value);
    return out;
}

} // namespace pipit
