#include "platform/http/HttpHandlerEvents.h"

#include "engine/base/Exception.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/HttpHandlerDatasources.h"
#include "platform/http/JsonWriter.h"
#include "platform/http/PlatformContext.h"
#include "platform/ingest/DatasourceIngestor.h"

namespace pipit
{

void HttpHandlerEvents::handle(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    auto name = request.param("name");
    if (!name || name->empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "The 'name' parameter (data source name) is required");
    context.requireScope(ScopeType::DatasourcesAppend, *name);
    if (request.body.size() > max_body_bytes)
        throw Exception(ErrorCode::PAYLOAD_TOO_LARGE,
                        "The request body is larger than the Events API limit of " + std::to_string(max_body_bytes) + " bytes");
    IngestTarget target = HttpHandlerDatasources::ingestTarget(context, std::string(*name));
    IngestOptions options;
    options.format = IngestFormat::NDJSON;
    auto wait = request.param("wait");
    options.durable = wait && (*wait == "true" || *wait == "1" || *wait == "True");

    IngestResult result;
    if (DatasourceIngestor::isGzip(request.body))
        result = context.platform().ingestor().append(target, DatasourceIngestor::gunzip(request.body, max_body_bytes), options);
    else
        result = context.platform().ingestor().append(target, request.body, options);

    JsonWriter json;
    json.startObject();
    json.field("successful_rows", result.successful_rows);
    json.field("quarantined_rows", result.quarantined_rows);
    json.endObject();
    response.json(options.durable ? 200 : 202, json.take());
}

void HttpHandlerEvents::registerRoutes(HttpRouter & router)
{
    HttpRouteOptions options;
    options.max_body_size = max_body_bytes;
    router.add("POST", "/v0/events", std::make_shared<HttpHandlerEvents>(), options);
}

} // namespace pipit
