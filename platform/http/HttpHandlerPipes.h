#pragma once

#include "platform/http/HttpHandler.h"
#include "platform/pipes/PipeCompilerCache.h"

#include <string>
#include <string_view>

namespace pipit
{

class HttpRouter;

/// Pipes API (tinybird.md §3.4) over the workspace's deployed project:
/// - `GET|POST /v0/pipes/{name}.{json,csv,ndjson,prometheus}`: call an endpoint. Template parameters come
///   from the query string, and for POST from a form or JSON object body; JWT fixed_params override them.
///   `q=` runs SQL over the result as table `_`; `explain=true` answers the query and its plan.
/// - `GET /v0/pipes`, `GET /v1/pipes`: pipes the token may read (`attrs=`, `node_attrs=` select fields).
/// - `GET /v0/pipes/{name}`: pipe metadata with nodes, their params, dependencies and output columns.
/// - `GET /v0/pipes/openapi.json`: OpenAPI 3 document of the readable endpoints.
/// - `GET /v0/pipes/{name}.pipe`, `/v1/pipes/{name}.pipe`, `?format=pipe`: the datafile text.
/// Authorization: PIPES:READ on the pipe (ADMIN and WORKSPACE:READ_ALL cover all).
class HttpHandlerPipes final : public HttpHandler
{
public:
    void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) override;

    /// Adds the Pipes API routes to `router`.
    static void registerRoutes(HttpRouter & router);

    /// The `id` the Pipes API shows for pipe `name` (stable across restarts).
    static std::string pipeId(std::string_view name);

private:
    PipeCompilerCache compilers_;
};

} // namespace pipit
