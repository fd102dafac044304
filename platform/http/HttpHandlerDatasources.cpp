#include "platform/http/HttpHandlerDatasources.h"

#include "engine/base/Exception.h"
#include "platform/http/HttpRouter.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "platform/http/HttpHandlerPipes.h"
#include "platform/http/JsonWriter.h"
#include "platform/http/PlatformContext.h"
#include "platform/jobs/JobQueue.h"
#include "platform/project/Project.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace pipit
{

namespace
{

constexpr std::string_view quarantine_suffix = "_quarantine";

/// Stable id of a data source ("t_" + 16 hex digits of a hash of database and name).
std::string datasourceId(const std::string & database, const std::string & name)
{
    uint64_t hash = 1469598103934665603ULL;
    for (char c : database + "." + name)
    {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    char buffer[24];
    std::snprintf(buffer, sizeof(buffer), "t_%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

bool isNullableType(const std::string & type)
{
    return type.starts_with("Nullable(") || type.starts_with("LowCardinality(Nullable(");
}

/// The deployed definition of `name` in the caller's workspace, null when there is none.
const DatasourceDefinition * deployedDefinition(RequestContext & context, const std::string & name, std::shared_ptr<const Project> & holder)
{
    holder = context.platform().project(context.workspace().id);
    return holder ? holder->findDatasource(name) : nullptr;
}

/// A definition for a table created without a project (SQL): its columns and engine only.
DatasourceDefinition definitionFromTable(const CatalogTable & table)
{
    DatasourceDefinition definition;
    definition.name = table.name;
    for (const auto & column : table.storage->getColumns())
    {
        DatasourceColumn out;
        out.name = column.name;
        out.type = column.type->getName();
        if (column.default_kind == "DEFAULT" || column.default_kind == "MATERIALIZED")
        {
            out.default_kind = column.default_kind;
            out.default_expr = column.default_expression;
        }
        out.codec = column.codec;
        out.nullable = isNullableType(out.type);
        definition.columns.push_back(std::move(out));
    }
    definition.engine.engine = table.storage->getEngineName();
    return definition;
}

/// Rows of the table the caller can read: the table's row count, or, when the caller's token filters the table
/// (JWT `filter`), the count of the rows it lets through.
size_t visibleRowCount(RequestContext & context, const std::string & database, const CatalogTable & table)
{
    StatementOptions options;
    options.current_database = database;
    for (auto & filter : context.rowFilters())
        if (filter.table == table.name)
            options.row_filters.push_back(std::move(filter));
    if (options.row_filters.empty())
        return table.storage->totalRows().value_or(0);
    options.default_format = "TSV";
    WriteBufferFromString out;
    context.platform().database().execute("SELECT count() FROM `" + table.name + "`", nullptr, out, options);
    std::string text = out.release();
    return std::strtoull(text.c_str(), nullptr, 10);
}

void writeDatasource(JsonWriter & json, const std::string & database, const CatalogTable & table, const DatasourceDefinition & definition,
                     bool quarantine, size_t row_count, const std::vector<std::string> * used_by = nullptr)
{
    json.startObject();
    json.field("id", datasourceId(database, table.name));
    json.field("name", table.name);
    json.field("description", definition.description);
    json.field("type", quarantine ? "quarantine" : "csv");
    json.key("columns");
    json.startArray();
    for (const auto & column : definition.columns)
    {
        json.startObject();
        json.field("name", column.name);
        json.field("type", column.type);
        json.key("jsonpath");
        if (column.jsonpath.empty())
            json.null();
        else
            json.value(column.jsonpath);
        json.key("default_value");
        if (column.default_expr.empty())
            json.null();
        else
            json.value(column.default_kind == "MATERIALIZED" ? "MATERIALIZED " + column.default_expr : column.default_expr);
        json.key("codec");
        if (column.codec.empty())
            json.null();
        else
            json.value(column.codec);
        json.field("nullable", column.nullable);
        json.endObject();
    }
    json.endArray();
    json.key("schema");
    json.startObject();
    json.key("columns");
    json.startArray();
    for (const auto & column : definition.columns)
    {
        json.startObject();
        json.field("name", column.name);
        json.field("type", column.type);
        json.key("jsonpath");
        if (column.jsonpath.empty())
            json.null();
        else
            json.value(column.jsonpath);
        json.key("default_value");
        if (column.default_expr.empty())
            json.null();
        else
            json.value(column.default_expr);
        json.key("codec");
        if (column.codec.empty())
            json.null();
        else
            json.value(column.codec);
        json.field("nullable", column.nullable);
        json.endObject();
    }
    json.endArray();
    json.endObject();
    const DatasourceEngine & engine = definition.engine;
    std::string engine_name = engine.engine;
    if (engine_name == "ReplacingMergeTree" && !engine.ver.empty())
        engine_name += "(" + engine.ver + (engine.is_deleted.empty() ? "" : ", " + engine.is_deleted) + ")";
    json.key("engine");
    json.startObject();
    json.field("engine", engine_name);
    json.field("sorting_key", engine.sorting_key);
    json.field("partition_key", engine.partition_key);
    json.field("primary_key", engine.primary_key);
    json.field("engine_ver", engine.ver);
    json.field("engine_sign", engine.sign);
    json.field("engine_version", engine.version);
    json.field("engine_summing_columns", engine.summing_columns);
    json.endObject();
    json.field("engine_sorting_key", engine.sorting_key);
    json.field("engine_partition_key", engine.partition_key);
    json.field("engine_primary_key", engine.primary_key);
    json.field("ttl", engine.ttl);
    json.field("forward_query", definition.forward_query);
    json.key("tags");
    json.startArray();
    for (const auto & tag : definition.tags)
        json.value(tag);
    json.endArray();
    json.key("statistics");
    json.startObject();
    json.field("row_count", row_count);
    json.field("bytes", size_t(0));
    json.endObject();
    if (used_by)
    {
        json.key("used_by");
        json.startArray();
        for (const auto & pipe : *used_by)
        {
            json.startObject();
            json.field("id", HttpHandlerPipes::pipeId(pipe));
            json.field("name", pipe);
            json.endObject();
        }
        json.endArray();
    }
    json.endObject();
}

/// A parameter from the query string, a form body, or a non-file part of a multipart body.
std::optional<std::string> requestParam(const HttpRequest & request, const std::vector<HttpMultipartPart> & parts, std::string_view name)
{
    if (auto value = request.paramOrForm(name))
        return value;
    for (const auto & part : parts)
        if (part.filename.empty() && part.name == name)
            return std::string(part.data);
    return std::nullopt;
}

bool isTrue(const std::optional<std::string> & value)
{
    return value && (*value == "true" || *value == "1" || *value == "True");
}

/// "\t", "tab", "\\t" -> '\t'; otherwise exactly one character.
char dialectChar(const std::string & value, const char * what)
{
    if (value == "\\t" || value == "tab" || value == "\t")
        return '\t';
    if (value.size() != 1)
        throw Exception(ErrorCode::BAD_ARGUMENTS, std::string(what) + " must be a single character, got '" + value + "'");
    return value[0];
}

std::string dialectNewLine(const std::string & value)
{
    if (value == "\\n" || value == "\n")
        return "\n";
    if (value == "\\r\\n" || value == "\r\n")
        return "\r\n";
    if (value.empty() || value.size() > 2)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "dialect_new_line must be one or two characters, got '" + value + "'");
    return value;
}

/// ndjson / csv from the format parameter, else from a file name or URL extension (".gz" ignored).
IngestFormat detectFormat(const std::optional<std::string> & format, std::string_view file_name)
{
    std::string name = format ? *format : "";
    if (name.empty())
    {
        std::string_view stem = file_name.substr(0, file_name.find('?'));
        if (stem.ends_with(".gz"))
            stem.remove_suffix(3);
        if (stem.ends_with(".ndjson") || stem.ends_with(".jsonl") || stem.ends_with(".json"))
            name = "ndjson";
        else if (stem.ends_with(".parquet"))
            name = "parquet";
        else
            name = "csv";
    }
    if (name == "ndjson" || name == "jsonl" || name == "json")
        return IngestFormat::NDJSON;
    if (name == "csv")
        return IngestFormat::CSV;
    if (name == "parquet")
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "Parquet imports are not supported yet");
    throw Exception(ErrorCode::BAD_ARGUMENTS, "Unknown format '" + name + "': use csv or ndjson");
}

} // namespace

IngestTarget HttpHandlerDatasources::ingestTarget(RequestContext & context, const std::string & name)
{
    IngestTarget target;
    target.database = context.database();
    target.table = name;
    Catalog & catalog = context.platform().database().catalog();
    catalog.getTable(target.database, name);
    /// tinybird.md §4: quarantine tables receive the rows ingestion rejects; they cannot be written directly.
    if (name.ends_with(quarantine_suffix) && catalog.tryGetTable(target.database, name.substr(0, name.size() - quarantine_suffix.size())))
        throw Exception(ErrorCode::ACCESS_DENIED,
                        "Forbidden: '" + name + "' is a quarantine table; quarantine tables cannot be written directly");
    std::shared_ptr<const Project> project;
    if (const DatasourceDefinition * definition = deployedDefinition(context, name, project))
        for (const auto & column : definition->columns)
            if (!column.jsonpath.empty())
                target.json_paths.push_back({column.name, column.jsonpath});
    return target;
}

void HttpHandlerDatasources::handle(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    std::string name(request.pathParam("name"));
    if (name.empty())
    {
        if (request.method == "POST")
            return import(request, response, context);
        return list(request, response, context);
    }
    if (request.method == "POST" && request.path.ends_with("/truncate"))
        return truncate(request, response, context, name);
    if (request.method == "POST" && request.path.ends_with("/delete"))
        return deleteRows(request, response, context, name);
    if (request.method == "GET" || request.method == "HEAD")
        return get(request, response, context, std::move(name));
    throw Exception(ErrorCode::NOT_IMPLEMENTED, request.method + " " + request.path + " is not supported yet");
}

void HttpHandlerDatasources::list(const HttpRequest & /*request*/, HttpResponse & response, RequestContext & context)
{
    const std::string database = context.database();
    Catalog & catalog = context.platform().database().catalog();
    std::vector<std::string> tables = catalog.listTables(database);
    std::shared_ptr<const Project> project = context.platform().project(context.workspace().id);
    JsonWriter json;
    json.startObject();
    json.key("datasources");
    json.startArray();
    for (const auto & name : tables)
    {
        if (name.ends_with(quarantine_suffix) &&
            std::find(tables.begin(), tables.end(), name.substr(0, name.size() - quarantine_suffix.size())) != tables.end())
            continue;
        if (!context.hasScope(ScopeType::DatasourcesRead, name) && !context.hasScope(ScopeType::DatasourcesAppend, name))
            continue;
        auto table = catalog.tryGetTable(database, name);
        if (!table)
            continue;
        const DatasourceDefinition * deployed = project ? project->findDatasource(name) : nullptr;
        writeDatasource(json, database, *table, deployed ? *deployed : definitionFromTable(*table), false,
                        visibleRowCount(context, database, *table));
    }
    json.endArray();
    json.endObject();
    response.json(200, json.take());
}

void HttpHandlerDatasources::get(const HttpRequest & request, HttpResponse & response, RequestContext & context, std::string name)
{
    bool as_datafile = false;
    if (name.ends_with(".datasource"))
    {
        name.resize(name.size() - std::string_view(".datasource").size());
        as_datafile = true;
    }
    if (auto format = request.param("format"); format && *format == "datasource")
        as_datafile = true;
    if (!context.hasScope(ScopeType::DatasourcesRead, name) && !context.hasScope(ScopeType::DatasourcesAppend, name))
        context.requireScope(ScopeType::DatasourcesRead, name);
    const std::string database = context.database();
    auto table = context.platform().database().catalog().tryGetTable(database, name);
    if (!table)
        throw Exception(ErrorCode::UNKNOWN_TABLE, "Data Source '" + name + "' not found");
    std::shared_ptr<const Project> project;
    const DatasourceDefinition * deployed = deployedDefinition(context, name, project);
    DatasourceDefinition definition = deployed ? *deployed : definitionFromTable(*table);
    if (as_datafile)
    {
        response.text(200, datasourceToText(definition));
        return;
    }
    JsonWriter json;
    std::optional<std::vector<std::string>> used_by;
    if (auto attrs = request.param("attrs"); attrs && ("," + std::string(*attrs) + ",").find(",used_by,") != std::string::npos)
        used_by = pipesReading(context, name);
    writeDatasource(json, database, *table, definition, name.ends_with(quarantine_suffix), visibleRowCount(context, database, *table),
                    used_by ? &*used_by : nullptr);
    response.json(200, json.take());
}

std::vector<std::string> HttpHandlerDatasources::pipesReading(RequestContext & context, const std::string & name)
{
    std::vector<std::string> pipes;
    std::shared_ptr<const PipeCompiler> compiler = compilers_.get(context.platform().project(context.workspace().id));
    if (!compiler)
        return pipes;
    for (const auto & pipe : compiler->project().pipes)
        for (const auto & node : pipe.nodes)
        {
            std::vector<std::string> tables = compiler->nodeDependencies(pipe.name, node.name);
            if (std::find(tables.begin(), tables.end(), name) != tables.end())
            {
                pipes.push_back(pipe.name);
                break;
            }
        }
    return pipes;
}

void HttpHandlerDatasources::import(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    std::vector<HttpMultipartPart> parts;
    if (request.mediaType() == "multipart/form-data")
        parts = request.multipartParts();
    auto name = requestParam(request, parts, "name");
    if (!name || name->empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "The 'name' parameter (data source name) is required");
    std::string mode = requestParam(request, parts, "mode").value_or("append");
    if (mode == "create")
        throw Exception(ErrorCode::NOT_IMPLEMENTED,
                        "Creating data sources through the API is not supported: add a .datasource file and deploy the project");
    if (mode != "append" && mode != "replace")
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Unknown mode '" + mode + "': use append or replace");
    const bool replace = mode == "replace";
    if (replace)
        context.requireScope(ScopeType::DatasourcesCreate);
    else
        context.requireScope(ScopeType::DatasourcesAppend, *name);

    IngestTarget target = ingestTarget(context, *name);
    IngestOptions options;
    if (auto delimiter = requestParam(request, parts, "dialect_delimiter"); delimiter && !delimiter->empty())
        options.csv_delimiter = dialectChar(*delimiter, "dialect_delimiter");
    if (auto new_line = requestParam(request, parts, "dialect_new_line"); new_line && !new_line->empty())
        options.csv_new_line = dialectNewLine(*new_line);
    if (auto escapechar = requestParam(request, parts, "dialect_escapechar"); escapechar && !escapechar->empty())
        options.csv_escapechar = dialectChar(*escapechar, "dialect_escapechar");
    std::string replace_condition = requestParam(request, parts, "replace_condition").value_or("");
    auto format = requestParam(request, parts, "format");

    DatasourceIngestor & ingestor = context.platform().ingestor();
    auto url = requestParam(request, parts, "url");
    if (url && !url->empty())
    {
        options.format = detectFormat(format, *url);
        Job job = ingestor.submitUrlImport(context.platform().jobs(), target, *url, options, replace, replace_condition);
        response.json(200, JobQueue::toJson(job, context.baseUrl()));
        return;
    }

    std::string_view body;
    std::string_view file_name;
    if (!parts.empty())
    {
        const HttpMultipartPart * file = nullptr;
        for (const auto & part : parts)
            if (!part.filename.empty())
            {
                file = &part;
                break;
            }
        for (const auto & part : parts)
            if (!file && (part.name == "csv" || part.name == "ndjson" || part.name == "file" || part.name == "data"))
                file = &part;
        if (!file)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "The multipart body has no file part");
        body = file->data;
        file_name = file->filename;
    }
    else
        body = request.body; /// also with a form Content-Type (curl -d, urllib): the body is the rows
    if (body.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "No rows: send them as the body or as a multipart file, or give a url parameter");
    if (body.size() > max_upload_bytes)
        throw Exception(ErrorCode::PAYLOAD_TOO_LARGE, "The upload is larger than " + std::to_string(max_upload_bytes) + " bytes");
    options.format = detectFormat(format, file_name);

    std::string decompressed;
    if (DatasourceIngestor::isGzip(body))
    {
        decompressed = DatasourceIngestor::gunzip(body, max_upload_bytes);
        body = decompressed;
    }
    IngestResult result = replace ? ingestor.replace(target, body, options, replace_condition) : ingestor.append(target, body, options);

    JsonWriter json;
    json.startObject();
    json.field("id", result.import_id);
    json.field("import_id", result.import_id);
    json.key("datasource");
    json.startObject();
    json.field("id", datasourceId(target.database, target.table));
    json.field("name", target.table);
    json.endObject();
    json.field("successful_rows", result.successful_rows);
    json.field("quarantined_rows", result.quarantined_rows);
    json.field("quarantine_rows", result.quarantined_rows);
    json.field("invalid_lines", size_t(0));
    json.field("error", false);
    json.key("errors");
    json.startArray();
    for (const auto & error : result.errors)
        json.value(error);
    json.endArray();
    json.endObject();
    response.json(200, json.take());
}

void HttpHandlerDatasources::truncate(const HttpRequest & /*request*/, HttpResponse & response, RequestContext & context,
                                      const std::string & name)
{
    context.requireScope(ScopeType::DatasourcesCreate);
    context.platform().ingestor().truncate(context.database(), name);
    response.json(200, "{}");
}

void HttpHandlerDatasources::deleteRows(const HttpRequest & request, HttpResponse & response, RequestContext & context,
                                        const std::string & name)
{
    context.requireScope(ScopeType::DatasourcesCreate);
    auto condition = request.paramOrForm("delete_condition");
    if (!condition || condition->empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "The 'delete_condition' parameter is required");
    DatasourceIngestor & ingestor = context.platform().ingestor();
    if (isTrue(request.paramOrForm("dry_run")))
    {
        size_t rows = ingestor.countWhere(context.database(), name, *condition);
        JsonWriter json;
        json.startObject();
        json.field("rows_to_be_deleted", rows);
        json.endObject();
        response.json(200, json.take());
        return;
    }
    Job job = ingestor.submitDelete(context.platform().jobs(), context.database(), name, *condition);
    response.json(200, JobQueue::toJson(job, context.baseUrl()));
}

void HttpHandlerDatasources::registerRoutes(HttpRouter & router)
{
    auto handler = std::make_shared<HttpHandlerDatasources>();
    HttpRouteOptions upload;
    upload.max_body_size = max_upload_bytes;
    router.add("GET", "/v0/datasources", handler);
    router.add("POST", "/v0/datasources", handler, upload);
    router.add("GET", "/v0/datasources/{name}", handler);
    router.add("POST", "/v0/datasources/{name}/truncate", handler);
    router.add("POST", "/v0/datasources/{name}/delete", handler);
}

} // namespace pipit
