#pragma once

#include "platform/pipes/PipeCompiler.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pipit
{

struct PipeOpenApiOptions
{
    /// Base URL of the API, e.g. "http://localhost:7181" (the document's `servers`).
    std::string server_url;
    /// Which endpoint pipes to describe (e.g. those the token may read); null = all endpoints.
    std::function<bool(const PipeDefinition &)> filter;
    /// Output columns (name, ClickHouse type) of an endpoint, when the caller can compute them; null or
    /// an empty answer leaves the row schema open.
    std::function<std::vector<std::pair<std::string, std::string>>(const PipeDefinition &)> columns;
};

/// The OpenAPI 3.0 document of GET /v0/pipes/openapi.json: one path per endpoint and format
/// (`/v0/pipes/{name}.json`, `.csv`, `.ndjson`) with the endpoint's parameters (tinybird.md §2.7) as
/// query parameters, typed (`Int32` -> integer/int32, `DateTime` -> string/date-time,
/// `Array(Int32)` -> array of integers, ...), with their defaults, descriptions, examples and enums.
std::string buildOpenApi(const PipeCompiler & compiler, const PipeOpenApiOptions & options);

/// JSON Schema of a template parameter type ({"type":"integer","format":"int32"}), as compact JSON.
std::string openApiSchemaForParameterType(const std::string & type);

/// JSON Schema of a ClickHouse column type, as compact JSON.
std::string openApiSchemaForColumnType(const std::string & type);

} // namespace pipit
