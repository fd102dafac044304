#pragma once

#include "platform/http/HttpHandler.h"

#include <cstddef>

namespace pipit
{

class HttpRouter;

class PlatformContext;

/// POST /v0/events?name=<ds>[&wait=true] (tinybird.md §3.1): NDJSON (optionally gzip) rows into the
/// data source through its jsonpaths; rows that do not fit go to <ds>_quarantine. Answers
/// {"successful_rows", "quarantined_rows"} with 200 when wait=true (rows fsync'd) else 202 (rows
/// acknowledged, not yet fsync'd). Needs DATASOURCES:APPEND:<ds>. Bodies over 10 MB get 413.
class HttpHandlerEvents final : public HttpHandler
{
public:
    static constexpr size_t max_body_bytes = 10u << 20;

    void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) override;

    /// Adds this handler's (method, pattern) pairs to the route table.
    static void registerRoutes(HttpRouter & router);
};

} // namespace pipit
