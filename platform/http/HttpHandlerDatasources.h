#pragma once

#include "platform/http/HttpHandler.h"
#include "platform/pipes/PipeCompilerCache.h"
#include "platform/ingest/DatasourceIngestor.h"

#include <string>
#include <vector>

namespace pipit
{

class HttpRouter;

struct DatasourceDefinition;

/// Data Sources API (tinybird.md §3.2):
///   GET  /v0/datasources                      list
///   GET  /v0/datasources/{name}               one data source (`{name}.datasource` or ?format=datasource: datafile text)
///   POST /v0/datasources?name=&mode=append|replace&format=csv|ndjson[&url=][&replace_condition=][&dialect_*=]
///        body: raw rows, a multipart form with one file part, or a form with url= (then an import job)
///   POST /v0/datasources/{name}/truncate
///   POST /v0/datasources/{name}/delete        delete_condition=<SQL>[&dry_run=true] -> delete_data job / row count
class HttpHandlerDatasources final : public HttpHandler
{
public:
    /// Largest body accepted for a file upload.
    static constexpr size_t max_upload_bytes = 1024u << 20;

    void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) override;

    /// Adds this handler's (method, pattern) pairs to the route table.
    static void registerRoutes(HttpRouter & router);

    /// Where rows for data source `name` of the caller's workspace go: its table and the jsonpaths of
    /// the deployed .datasource (none when the table was made without a project). Throws UNKNOWN_TABLE, and
    /// ACCESS_DENIED for the quarantine table of a data source (tinybird.md §4: not written directly).
    static IngestTarget ingestTarget(RequestContext & context, const std::string & name);

private:
    void list(const HttpRequest & request, HttpResponse & response, RequestContext & context);
    void get(const HttpRequest & request, HttpResponse & response, RequestContext & context, std::string name);
    void import(const HttpRequest & request, HttpResponse & response, RequestContext & context);
    void truncate(const HttpRequest & request, HttpResponse & response, RequestContext & context, const std::string & name);
    void deleteRows(const HttpRequest & request, HttpResponse & response, RequestContext & context, const std::string & name);
    /// Pipes of the workspace's project with a node reading data source `name` (for `attrs=used_by`).
    std::vector<std::string> pipesReading(RequestContext & context, const std::string & name);

    PipeCompilerCache compilers_;
};

} // namespace pipit
