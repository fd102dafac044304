#pragma once

#include "platform/http/HttpHandler.h"

#include <functional>
#include <utility>

namespace pipit
{

/// A handler made of a callable, for API areas that register one function per route.
class HttpHandlerFunction final : public HttpHandler
{
public:
    using Function = std::function<void(const HttpRequest &, HttpResponse &, RequestContext &)>;

    explicit HttpHandlerFunction(Function function)
        : function_(std::move(function))
    {
    }

    void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) override
    {
        function_(request, response, context);
    }

private:
    Function function_;
};

} // namespace pipit
