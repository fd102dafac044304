#include "platform/http/HttpHandlerUnsupported.h"

#include "engine/base/Exception.h"
#include "platform/http/HttpRouter.h"

#include <memory>
#include <utility>

namespace pipit
{

void HttpHandlerUnsupported::handle(const HttpRequest & request, HttpResponse & /*response*/, RequestContext & context)
{
    context.token(); // like every route: a missing, unknown or expired token is 401/403 before anything else
    throw Exception(ErrorCode::NOT_IMPLEMENTED,
                    feature_ + " is not supported yet (" + request.method + " " + request.path + "); see docs/http_api.md");
}

void HttpHandlerUnsupported::registerRoutes(HttpRouter & router)
{
    auto add = [&](std::initializer_list<std::pair<std::string_view, std::string_view>> routes, const std::string & feature)
    {
        auto handler = std::make_shared<HttpHandlerUnsupported>(feature);
        for (const auto & [method, pattern] : routes)
            router.add(method, pattern, handler);
    };
    add({{"POST", "/v0/pipes/{name}/copy"}, {"POST", "/v0/pipes/{name}/copy/pause"}, {"POST", "/v0/pipes/{name}/copy/resume"}},
        "Copy pipes");
    add({{"POST", "/v0/pipes/{name}/sink"}}, "Sink pipes");
    add({{"POST", "/v0/pipes"},
         {"PUT", "/v0/pipes/{name}"},
         {"DELETE", "/v0/pipes/{name}"},
         {"POST", "/v0/pipes/{name}/nodes"},
         {"PUT", "/v0/pipes/{name}/nodes/{node}"},
         {"POST", "/v0/pipes/{name}/nodes/{node}/endpoint"},
         {"POST", "/v0/pipes/{name}/nodes/{node}/population"},
         {"GET", "/v0/pipes/{name}/nodes/{node}/analysis"},
         {"POST", "/v0/pipes/{name}/nodes/{node}/copy"},
         {"POST", "/v0/pipes/{name}/nodes/{node}/sink"},
         {"POST", "/v0/pipes/{name}/nodes/{node}/materialization"}},
        "Editing pipes through the API (Classic; pipes come from the project's .pipe files)");
    add({{"GET", "/v0/variables"},
         {"POST", "/v0/variables"},
         {"GET", "/v0/variables/{name}"},
         {"PUT", "/v0/variables/{name}"},
         {"DELETE", "/v0/variables/{name}"}},
        "The Secrets (variables) API");
    add({{"GET", "/v0/connectors"},
         {"POST", "/v0/connectors"},
         {"GET", "/v0/connectors/{id}"},
         {"DELETE", "/v0/connectors/{id}"},
         {"GET", "/v0/connectors/{id}/preview"},
         {"GET", "/v0/integrations/{service}/policies/{policy}"}},
        "The Connectors API");
    add({{"GET", "/v1/environments"},
         {"POST", "/v1/environments"},
         {"GET", "/v0/environments/{name}"},
         {"DELETE", "/v0/environments/{name}"},
         {"POST", "/v0/environments/{name}/data"}},
        "Branches (environments)");
    add({{"POST", "/v1/build"},
         {"POST", "/v1/deploy"},
         {"GET", "/v1/deployments"},
         {"GET", "/v1/deployments/{id}"},
         {"POST", "/v1/deployments/{id}/set-live"},
         {"DELETE", "/v1/deployments/{id}"},
         {"POST", "/v1/deployments/{id}/discard"}},
        "Build and deploy through the API (pipit loads the project folder at start)");
    add({{"GET", "/examples/query.http"}}, "The example query link");
    add({{"DELETE", "/v0/datasources/{name}"}, {"PUT", "/v0/datasources/{name}"}, {"POST", "/v0/datasources/{name}/alter"}},
        "Changing or deleting data sources through the API (data sources come from the project's .datasource files)");
    add({{"POST", "/v0/datasources/exchange"}}, "Exchanging data sources");
    add({{"POST", "/v0/datasources/{name}/scheduling/runs"},
         {"GET", "/v0/datasources/{name}/scheduling/state"},
         {"PUT", "/v0/datasources/{name}/scheduling/state"}},
        "Scheduled S3/GCS imports");
    add({{"POST", "/v0/datasources/{name}/share"}, {"DELETE", "/v0/datasources/{name}/share"}}, "Sharing data sources");
    add({{"POST", "/v0/analyze"}}, "Schema analysis (POST /v0/analyze)");
}

} // namespace pipit
