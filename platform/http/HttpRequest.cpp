#include "platform/http/HttpRequest.h"

#include "engine/base/Exception.h"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace pipit
{

namespace
{

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char toLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (toLower(a[i]) != toLower(b[i]))
            return false;
    return true;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

/// Value of parameter `name` in a header value like `multipart/form-data; boundary=xyz` or
/// `form-data; name="a"; filename="b.csv"` (quotes removed).
std::string_view headerParameter(std::string_view value, std::string_view name)
{
    size_t pos = value.find(';');
    while (pos != std::string_view::npos)
    {
        std::string_view rest = value.substr(pos + 1);
        size_t next = std::string_view::npos;
        bool in_quotes = false;
        for (size_t i = 0; i < rest.size(); ++i)
        {
            if (rest[i] == '"')
                in_quotes = !in_quotes;
            else if (rest[i] == ';' && !in_quotes)
            {
                next = i;
                break;
            }
        }
        std::string_view item = trim(rest.substr(0, next));
        size_t eq = item.find('=');
        if (eq != std::string_view::npos && equalsIgnoreCase(trim(item.substr(0, eq)), name))
        {
            std::string_view result = trim(item.substr(eq + 1));
            if (result.size() >= 2 && result.front() == '"' && result.back() == '"')
                result = result.substr(1, result.size() - 2);
            return result;
        }
        pos = next == std::string_view::npos ? next : pos + 1 + next;
    }
    return {};
}

} // namespace

std::optional<std::string_view> HttpRequest::param(std::string_view name) const
{
    for (const auto & [key, value] : query)
        if (key == name)
            return std::string_view(value);
    return std::nullopt;
}

std::vector<std::string_view> HttpRequest::params(std::string_view name) const
{
    std::vector<std::string_view> result;
    for (const auto & [key, value] : query)
        if (key == name)
            result.emplace_back(value);
    return result;
}

std::string_view HttpRequest::pathParam(std::string_view name) const
{
    for (const auto & [key, value] : path_params)
        if (key == name)
            return value;
    return {};
}

std::optional<std::string_view> HttpRequest::header(std::string_view lowercase_name) const
{
    for (const auto & [key, value] : headers)
        if (key == lowercase_name)
            return std::string_view(value);
    return std::nullopt;
}

std::string HttpRequest::mediaType() const
{
    auto content_type = header("content-type");
    if (!content_type)
        return {};
    std::string_view type = trim(content_type->substr(0, content_type->find(';')));
    std::string result(type);
    std::transform(result.begin(), result.end(), result.begin(), toLower);
    return result;
}

bool HttpRequest::isFormBody() const
{
    return mediaType() == "application/x-www-form-urlencoded";
}

std::vector<std::pair<std::string, std::string>> HttpRequest::formParams() const
{
    if (!isFormBody())
        return {};
    return parseUrlEncoded(body);
}

std::optional<std::string> HttpRequest::paramOrForm(std::string_view name) const
{
    if (auto value = param(name))
        return std::string(*value);
    for (auto & [key, value] : formParams())
        if (key == name)
            return std::move(value);
    return std::nullopt;
}

std::vector<HttpMultipartPart> HttpRequest::multipartParts() const
{
    auto content_type = header("content-type");
    if (!content_type || mediaType() != "multipart/form-data")
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Expected a multipart/form-data body");
    std::string_view boundary = headerParameter(*content_type, "boundary");
    if (boundary.empty() || boundary.size() > 200)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "multipart/form-data body without a valid boundary");
    const std::string delimiter = "--" + std::string(boundary);
    std::string_view data = body;
    std::vector<HttpMultipartPart> parts;

    size_t pos = data.find(delimiter);
    if (pos == std::string_view::npos)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Malformed multipart body: no boundary line");
    pos += delimiter.size();
    while (true)
    {
        // After a delimiter: "--" ends the body, else CRLF and the part's headers.
        if (data.substr(pos, 2) == "--")
            break;
        if (data.substr(pos, 2) == "\r\n")
            pos += 2;
        else if (data.substr(pos, 1) == "\n")
            pos += 1;
        else
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Malformed multipart body after a boundary line");

        HttpMultipartPart part;
        part.content_type = "text/plain";
        while (true)
        {
            size_t line_end = data.find('\n', pos);
            if (line_end == std::string_view::npos)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Malformed multipart body: unterminated part headers");
            std::string_view line = data.substr(pos, line_end - pos);
            pos = line_end + 1;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (line.empty())
                break;
            size_t colon = line.find(':');
            if (colon == std::string_view::npos)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Malformed multipart part header");
            std::string_view key = trim(line.substr(0, colon));
            std::string_view value = trim(line.substr(colon + 1));
            if (equalsIgnoreCase(key, "content-disposition"))
            {
                part.name = headerParameter(value, "name");
                part.filename = headerParameter(value, "filename");
            }
            else if (equalsIgnoreCase(key, "content-type"))
                part.content_type = value;
        }
        size_t end = data.find(delimiter, pos);
        if (end == std::string_view::npos)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Malformed multipart body: missing closing boundary");
        size_t data_end = end;
        if (data_end >= pos + 2 && data.substr(data_end - 2, 2) == "\r\n")
            data_end -= 2;
        else if (data_end >= pos + 1 && data[data_end - 1] == '\n')
            data_end -= 1;
        part.data = data.substr(pos, data_end - pos);
        parts.push_back(part);
        pos = end + delimiter.size();
    }
    return parts;
}

simdjson::dom::element HttpRequest::jsonBody(simdjson::dom::parser & parser) const
{
    simdjson::dom::element element;
    auto error = parser.parse(body.data(), body.size(), true).get(element);
    if (error)
        throw Exception(ErrorCode::BAD_ARGUMENTS, std::string("Invalid JSON body: ") + simdjson::error_message(error));
    return element;
}

std::vector<std::pair<std::string, std::string>> HttpRequest::parseUrlEncoded(std::string_view text)
{
    std::vector<std::pair<std::string, std::string>> result;
    size_t pos = 0;
    while (pos <= text.size())
    {
        size_t end = text.find('&', pos);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view item = text.substr(pos, end - pos);
        if (!item.empty())
        {
            size_t eq = item.find('=');
            if (eq == std::string_view::npos)
                result.emplace_back(percentDecode(item, true), std::string());
            else
                result.emplace_back(percentDecode(item.substr(0, eq), true), percentDecode(item.substr(eq + 1), true));
        }
        pos = end + 1;
    }
    return result;
}

std::string HttpRequest::percentDecode(std::string_view text, bool plus_is_space)
{
    std::string result;
    result.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i)
    {
        char c = text[i];
        if (c == '%' && i + 2 < text.size())
        {
            int high = hexValue(text[i + 1]);
            int low = hexValue(text[i + 2]);
            if (high >= 0 && low >= 0)
            {
                result.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        result.push_back(c == '+' && plus_is_space ? ' ' : c);
    }
    return result;
}

std::string HttpRequest::gunzip(std::string_view compressed, size_t max_size)
{
    z_stream stream;
    std::memset(&stream, 0, sizeof(stream));
    // 15 + 32: zlib or gzip header, detected automatically.
    if (inflateInit2(&stream, 15 + 32) != Z_OK)
        throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot initialise gzip decompression");
    std::string result;
    result.resize(std::min<size_t>(std::max<size_t>(compressed.size() * 4, 4096), max_size + 1));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    size_t produced = 0;
    int status = Z_OK;
    while (true)
    {
        if (produced == result.size())
        {
            if (result.size() > max_size)
            {
                inflateEnd(&stream);
                throw Exception(ErrorCode::PAYLOAD_TOO_LARGE,
                                "Decompressed body is larger than the limit of " + std::to_string(max_size) + " bytes");
            }
            result.resize(std::min(result.size() * 2, max_size + 1));
        }
        stream.next_out = reinterpret_cast<Bytef *>(result.data() + produced);
        stream.avail_out = static_cast<uInt>(std::min<size_t>(result.size() - produced, 1u << 30));
        size_t before = stream.avail_out;
        status = inflate(&stream, Z_NO_FLUSH);
        produced += before - stream.avail_out;
        if (status == Z_STREAM_END)
        {
            // Concatenated gzip members: go on with the next one.
            if (stream.avail_in > 0)
            {
                if (inflateReset(&stream) != Z_OK)
                    break;
                continue;
            }
            break;
        }
        if (status != Z_OK && status != Z_BUF_ERROR)
            break;
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break;
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Corrupt or truncated gzip body");
    if (produced > max_size)
        throw Exception(ErrorCode::PAYLOAD_TOO_LARGE, "Decompressed body is larger than the limit of " + std::to_string(max_size) + " bytes");
    result.resize(produced);
    return result;
}

} // namespace pipit
