#include "platform/http/HttpRouter.h"

#include "engine/base/Exception.h"
#include "platform/http/HttpHandler.h"

namespace pipit
{

namespace
{

std::vector<std::string_view> splitPath(std::string_view path)
{
    std::vector<std::string_view> segments;
    size_t pos = 0;
    while (pos < path.size())
    {
        size_t end = path.find('/', pos);
        if (end == std::string_view::npos)
            end = path.size();
        if (end > pos)
            segments.push_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    return segments;
}

} // namespace

struct HttpRouter::Route
{
    std::string method;
    std::string pattern;
    /// Literal segment text, or the capture name when is_capture.
    std::vector<std::pair<std::string, bool>> segments;
    std::shared_ptr<HttpHandler> handler;
    HttpRouteOptions options;
};

HttpRouter::HttpRouter() = default;
HttpRouter::~HttpRouter() = default;

void HttpRouter::add(std::string_view method, std::string_view pattern, std::shared_ptr<HttpHandler> handler, HttpRouteOptions options)
{
    if (!handler)
        throw Exception(ErrorCode::LOGICAL_ERROR, "Route without a handler: " + std::string(pattern));
    Route route;
    route.method = std::string(method);
    route.pattern = std::string(pattern);
    for (std::string_view segment : splitPath(pattern))
    {
        if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}')
            route.segments.emplace_back(std::string(segment.substr(1, segment.size() - 2)), true);
        else
            route.segments.emplace_back(std::string(segment), false);
    }
    route.handler = std::move(handler);
    route.options = options;
    routes_.push_back(std::move(route));
}

HttpRouter::Match HttpRouter::match(std::string_view method, std::string_view path) const
{
    std::vector<std::string_view> segments = splitPath(path);
    const Route * best = nullptr;
    /// Index of the first capture among the route's segments (larger = more specific).
    size_t best_first_capture = 0;
    std::string allowed;
    std::string_view effective_method = method == "HEAD" ? std::string_view("GET") : method;
    for (const Route & route : routes_)
    {
        if (route.segments.size() != segments.size())
            continue;
        bool matches = true;
        size_t first_capture = route.segments.size();
        for (size_t i = 0; i < segments.size(); ++i)
        {
            if (route.segments[i].second)
            {
                first_capture = std::min(first_capture, i);
                continue;
            }
            if (route.segments[i].first != segments[i])
            {
                matches = false;
                break;
            }
        }
        if (!matches)
            continue;
        if (route.method != effective_method)
        {
            if (allowed.find(route.method) == std::string::npos)
                allowed += (allowed.empty() ? "" : ", ") + route.method;
            continue;
        }
        if (!best || first_capture > best_first_capture)
        {
            best = &route;
            best_first_capture = first_capture;
        }
    }
    Match result;
    if (!best)
    {
        result.method_not_allowed = !allowed.empty();
        result.allowed = std::move(allowed);
        return result;
    }
    result.handler = best->handler.get();
    result.options = &best->options;
    for (size_t i = 0; i < segments.size(); ++i)
        if (best->segments[i].second)
            result.path_params.emplace_back(best->segments[i].first, std::string(segments[i]));
    return result;
}

size_t HttpRouter::maxBodySize(std::string_view method, std::string_view path) const
{
    Match found = match(method, path);
    return found.options ? found.options->max_body_size : HttpRouteOptions {}.max_body_size;
}

std::vector<std::pair<std::string, std::string>> HttpRouter::routes() const
{
    std::vector<std::pair<std::string, std::string>> result;
    for (const Route & route : routes_)
        result.emplace_back(route.method, route.pattern);
    return result;
}

} // namespace pipit
