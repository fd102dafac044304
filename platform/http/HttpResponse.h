#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipit
{

/// The response a handler fills. The server adds Content-Length, Connection and CORS headers.
struct HttpResponse
{
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// Sets a JSON body (already serialised).
    void json(int status_code, std::string text)
    {
        status = status_code;
        content_type = "application/json";
        body = std::move(text);
    }

    /// Sets a plain-text body.
    void text(int status_code, std::string text_body, std::string type = "text/plain; charset=utf-8")
    {
        status = status_code;
        content_type = std::move(type);
        body = std::move(text_body);
    }

    /// Sets `{"error": message}` with the status.
    void error(int status_code, std::string_view message);

    void addHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

} // namespace pipit
