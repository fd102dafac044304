#pragma once

#include "platform/http/HttpHandler.h"

namespace pipit
{

class HttpRouter;

/// Jobs API (tinybird.md §3.6), limited to the caller's workspace:
///   GET  /v0/jobs[?status=][&kind=]   {"jobs": [...]} (newest first, last 100 / 48 h)
///   GET  /v0/jobs/{id}                one job
///   POST /v0/jobs/{id}/cancel         cancels a waiting job (409 otherwise)
class HttpHandlerJobs final : public HttpHandler
{
public:
    void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) override;

    /// Adds this handler's (method, pattern) pairs to the route table.
    static void registerRoutes(HttpRouter & router);
};

} // namespace pipit
