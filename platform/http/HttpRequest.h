#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace simdjson::dom
{
class parser;
class element;
}

namespace pipit
{

/// One part of a multipart/form-data body. Views point into the request body.
struct HttpMultipartPart
{
    std::string_view name;
    std::string_view filename;
    std::string_view content_type;
    std::string_view data;
};

/// A decoded HTTP request, independent of the server library. The server fills it before dispatch:
/// `path` is percent-decoded, `query` holds the decoded query parameters in order (repeated keys
/// appear repeatedly), header names are lowercase, and a `Content-Encoding: gzip` body is already
/// inflated (the header is then removed). `path_params` holds the `{name}` captures of the route.
struct HttpRequest
{
    std::string method; /// "GET", "POST", ... (uppercase)
    std::string target; /// raw request target as received ("/v0/sql?q=...")
    std::string path;   /// decoded path without the query string and without a trailing '/' (except "/")
    std::vector<std::pair<std::string, std::string>> query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<std::pair<std::string, std::string>> path_params;
    std::string body;
    std::string remote_address;

    /// First query parameter named `name`.
    std::optional<std::string_view> param(std::string_view name) const;
    /// Every value of query parameter `name`, in order.
    std::vector<std::string_view> params(std::string_view name) const;
    /// `{name}` capture of the matched route ("" when absent).
    std::string_view pathParam(std::string_view name) const;
    /// Header value by lowercase name.
    std::optional<std::string_view> header(std::string_view lowercase_name) const;
    /// Content-Type without parameters, lowercase ("application/x-www-form-urlencoded").
    std::string mediaType() const;

    /// True when the body is application/x-www-form-urlencoded.
    bool isFormBody() const;
    /// Decoded parameters of a form-encoded body (empty when the body is not form-encoded).
    std::vector<std::pair<std::string, std::string>> formParams() const;
    /// A query parameter, else a form-body parameter with that name.
    std::optional<std::string> paramOrForm(std::string_view name) const;
    /// Parts of a multipart/form-data body. Throws BAD_ARGUMENTS when the body is not multipart or malformed.
    std::vector<HttpMultipartPart> multipartParts() const;
    /// Parses the body as JSON with `parser` (the element lives as long as the parser's document).
    /// Throws BAD_ARGUMENTS on invalid JSON.
    simdjson::dom::element jsonBody(simdjson::dom::parser & parser) const;

    /// "application/x-www-form-urlencoded" decoding of `text` into ordered pairs.
    static std::vector<std::pair<std::string, std::string>> parseUrlEncoded(std::string_view text);
    /// Percent-decoding; '+' becomes ' ' when plus_is_space.
    static std::string percentDecode(std::string_view text, bool plus_is_space);
    /// Inflates a gzip (or zlib) stream; throws PAYLOAD_TOO_LARGE above `max_size` bytes, BAD_ARGUMENTS on corrupt input.
    static std::string gunzip(std::string_view compressed, size_t max_size);
};

} // namespace pipit
