#pragma once

#include "platform/http/HttpHandler.h"

#include <string>

namespace pipit
{

class HttpRouter;

/// Routes of the Tinybird API (tinybird.md §3) that pipit does not build yet. Each answers 501 with
/// `{"error": "<feature> is not supported yet ..."}` (NOT_IMPLEMENTED), without reading or changing anything,
/// so clients get a clear error instead of a 404 that some of them read as "does not exist, create it".
class HttpHandlerUnsupported final : public HttpHandler
{
public:
    explicit HttpHandlerUnsupported(std::string feature)
        : feature_(std::move(feature))
    {
    }

    void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) override;

    /// Registers every route not built yet: copy/sink triggers, variables, connectors, branches, build and
    /// deploy, Classic pipe and data source editing, exchange, scheduling, sharing, analyze, the example query link.
    static void registerRoutes(HttpRouter & router);

private:
    std::string feature_;
};

} // namespace pipit
