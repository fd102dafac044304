#include "platform/ingest/IngestJsonPath.h"

#include "engine/base/Exception.h"

#include <charconv>

namespace pipit
{

namespace
{

[[noreturn]] void throwBadPath(std::string_view path, std::string_view detail)
{
    throw Exception(ErrorCode::BAD_ARGUMENTS, "Invalid jsonpath '" + std::string(path) + "': " + std::string(detail));
}

bool isKeyChar(char c)
{
    return c != '.' && c != '[' && c != ']' && c != ' ' && c != '\t';
}

} // namespace

IngestJsonPath IngestJsonPath::topLevel(std::string key)
{
    IngestJsonPath path;
    path.text_ = "$." + key;
    path.steps_.push_back(Step {std::move(key), false, 0});
    return path;
}

IngestJsonPath IngestJsonPath::parse(std::string_view text)
{
    IngestJsonPath path;
    path.text_ = std::string(text);
    std::string_view s = text;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    if (s.empty() || s.front() != '$')
        throwBadPath(text, "it must start with '$'");
    size_t i = 1;
    bool wildcard_seen = false;
    while (i < s.size())
    {
        if (wildcard_seen)
            throwBadPath(text, "[:] is supported only as the last step");
        if (s[i] == '.')
        {
            ++i;
            size_t start = i;
            while (i < s.size() && isKeyChar(s[i]))
                ++i;
            if (i == start)
                throwBadPath(text, "empty key after '.'");
            path.steps_.push_back(Step {std::string(s.substr(start, i - start)), false, 0});
        }
        else if (s[i] == '[')
        {
            ++i;
            if (i < s.size() && (s[i] == '\'' || s[i] == '"'))
            {
                char quote = s[i++];
                std::string key;
                while (i < s.size() && s[i] != quote)
                {
                    if (s[i] == '\\' && i + 1 < s.size())
                        ++i;
                    key.push_back(s[i++]);
                }
                if (i >= s.size())
                    throwBadPath(text, "unterminated quoted key");
                ++i;
                if (i >= s.size() || s[i] != ']')
                    throwBadPath(text, "expected ']' after a quoted key");
                ++i;
                path.steps_.push_back(Step {std::move(key), false, 0});
                continue;
            }
            size_t close = s.find(']', i);
            if (close == std::string_view::npos)
                throwBadPath(text, "missing ']'");
            std::string_view inside = s.substr(i, close - i);
            i = close + 1;
            if (inside == ":" || inside == "*")
            {
                wildcard_seen = true; // the whole array: the value at the previous step
                continue;
            }
            long long index = 0;
            auto [ptr, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), index);
            if (inside.empty() || ec != std::errc() || ptr != inside.data() + inside.size())
                throwBadPath(text, "expected an index, ':' or a quoted key inside []");
            path.steps_.push_back(Step {{}, true, index});
        }
        else
            throwBadPath(text, "expected '.' or '['");
    }
    return path;
}

std::optional<simdjson::dom::element> IngestJsonPath::find(simdjson::dom::element root) const
{
    simdjson::dom::element current = root;
    for (const Step & step : steps_)
    {
        if (step.is_index)
        {
            simdjson::dom::array array;
            if (current.get_array().get(array))
                return std::nullopt;
            long long size = static_cast<long long>(array.size());
            long long index = step.index < 0 ? size + step.index : step.index;
            if (index < 0 || index >= size)
                return std::nullopt;
            if (array.at(static_cast<size_t>(index)).get(current))
                return std::nullopt;
        }
        else
        {
            simdjson::dom::object object;
            if (current.get_object().get(object))
                return std::nullopt;
            if (object.at_key(step.key).get(current))
                return std::nullopt;
        }
    }
    return current;
}

} // namespace pipit
