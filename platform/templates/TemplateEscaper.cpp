#include "platform/templates/TemplateEscaper.h"

namespace pipit
{

namespace
{

std::string escape(std::string_view text, bool keep_double_quote)
{
    std::string out;
    out.reserve(text.size() + 8);
    for (char c : text)
    {
        switch (c)
        {
            case '\0': out += "\\0"; break;
            case '\r': out += "\\r"; break;
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\x1a': out += "\\z"; break;
            case '\n': out += "\\n"; break;
            case '"':
                if (keep_double_quote)
                    out += "\\\"";
                break;
            case '\'': out += "\\'"; break;
            case '\\': out += "\\\\"; break;
            case '%': out += "\\%"; break;
            case '`': out += "\\`"; break;
            default: out += c;
        }
    }
    return out;
}

}

std::string TemplateEscaper::escapeString(std::string_view text)
{
    return escape(text, true);
}

std::string TemplateEscaper::quoteString(std::string_view text)
{
    return "'" + escape(text, true) + "'";
}

std::string TemplateEscaper::escapeIdentifier(std::string_view text)
{
    return escape(text, false);
}

} // namespace pipit
