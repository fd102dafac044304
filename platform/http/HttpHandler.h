#pragma once

#include "platform/http/HttpRequest.h"
#include "platform/http/HttpResponse.h"
#include "platform/http/RequestContext.h"

namespace pipit
{

/// One API area's request handler. `handle` runs on a server worker thread, concurrently with other
/// requests (handlers must be thread-safe and hold no per-request state in members). It fills
/// `response`; to fail it throws pipit::Exception (the server answers {"error": message} with the
/// status of HttpErrorStatus) — or sets an error response itself with response.error(status, text).
/// Authorization: call context.requireScope(...) (or requireUserToken()) before touching data.
class HttpHandler
{
public:
    virtual ~HttpHandler() = default;
    virtual void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) = 0;
};

} // namespace pipit
