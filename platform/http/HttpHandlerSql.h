#pragma once

#include "platform/http/HttpHandler.h"
#include "platform/pipes/PipeCompilerCache.h"

namespace pipit
{

/// Query API `GET|POST /v0/sql` (tinybird.md §3.3): runs one read-only statement (SELECT or EXPLAIN) of the
/// caller's workspace. The SQL comes from `q=` (query string or form body), a JSON body `{"q": ...}`, or the raw
/// body. SQL starting with a `%` line is rendered as a template with the request parameters. Without a FORMAT
/// clause the result is FORMAT JSON (meta, data, rows, rows_before_limit_at_least, statistics).
/// Pipes of the workspace's project are readable by name (as their result), and with `pipeline=<pipe>` that
/// pipe's nodes too (composed by the PipeCompiler).
/// Authorization: every data source read needs DATASOURCES:READ on it, every pipe (and the pipeline) PIPES:READ
/// (ADMIN and WORKSPACE:READ_ALL cover all); tables of other databases (qualified names) are refused.
class HttpHandlerSql final : public HttpHandler
{
public:
    void handle(const HttpRequest & request, HttpResponse & response, RequestContext & context) override;

private:
    PipeCompilerCache compilers_;
};

} // namespace pipit
