#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipit
{

class HttpHandler;

struct HttpRouteOptions
{
    /// Largest accepted request body (after gzip decoding too); bigger ones get 413.
    size_t max_body_size = 100u << 20;
};

/// Maps (method, path) to a handler. A pattern is a '/'-separated path whose segments are literals or
/// `{name}` captures of one whole segment ("/v0/pipes/{name}"). A trailing '/' of paths and patterns is
/// ignored. When several routes match, the one whose first differing segment is a literal wins
/// ("/v0/datasources/exchange" over "/v0/datasources/{name}"). HEAD matches GET routes.
class HttpRouter
{
public:
    struct Match
    {
        HttpHandler * handler = nullptr;
        const HttpRouteOptions * options = nullptr;
        std::vector<std::pair<std::string, std::string>> path_params;
        /// No route for this method, but the path exists with other methods (-> 405); then `allowed`
        /// lists them ("GET, POST").
        bool method_not_allowed = false;
        std::string allowed;
    };

    HttpRouter();
    ~HttpRouter();

    void add(std::string_view method, std::string_view pattern, std::shared_ptr<HttpHandler> handler, HttpRouteOptions options = {});

    /// Routes a decoded path (no query string).
    Match match(std::string_view method, std::string_view path) const;

    /// Largest max_body_size of the routes matching the path under any method (the default when none matches):
    /// the server bounds the body read with it before dispatch.
    size_t maxBodySize(std::string_view method, std::string_view path) const;

    /// (method, pattern) of every route, in registration order.
    std::vector<std::pair<std::string, std::string>> routes() const;

private:
    struct Route;
    std::vector<Route> routes_;
};

} // namespace pipit
