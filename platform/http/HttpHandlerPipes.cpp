#include "platform/http/HttpHandlerPipes.h"

#include "engine/base/Exception.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "engine/sql/AST.h"
#include "engine/sql/Parser.h"
#include "platform/auth/AuthService.h"
#include "platform/http/HttpErrorStatus.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/JsonWriter.h"
#include "platform/http/PlatformContext.h"
#include "platform/pipes/PipeOpenApi.h"
#include "platform/templates/TemplateJson.h"

#include <simdjson.h>

#include <functional>
#include <set>
#include <vector>

namespace pipit
{

namespace
{

/// Request parameters that never reach templates (transport, auth, output settings, client telemetry).
bool isReservedParameter(std::string_view name)
{
    static const std::set<std::string_view> reserved = {"q",
                                                        "token",
                                                        "from",
                                                        "cli_version",
                                                        "format",
                                                        "pipeline",
                                                        "release_replacements",
                                                        "__tb__semver",
                                                        "__tb__deployment",
                                                        "debug",
                                                        "explain",
                                                        "query_id",
                                                        "tag",
                                                        "template_parameters",
                                                        "playground",
                                                        "finalize_aggregations",
                                                        "output_format_json_quote_64bit_integers",
                                                        "output_format_json_quote_denormals",
                                                        "output_format_json_escape_forward_slashes",
                                                        "output_format_parquet_string_as_string"};
    return reserved.contains(name);
}

bool isTrue(std::string_view value)
{
    return value == "1" || value == "true" || value == "True" || value == "TRUE";
}

/// Stable Tinybird-style id of a resource ("t_" + 32 hex digits of two FNV-1a hashes).
std::string resourceId(std::string_view kind, std::string_view name)
{
    auto fnv = [](std::string_view text, uint64_t seed)
    {
        uint64_t hash = seed;
        for (unsigned char c : text)
        {
            hash ^= c;
            hash *= 1099511628211ull;
        }
        return hash;
    };
    std::string key = std::string(kind) + ":" + std::string(name);
    char buffer[40];
    std::snprintf(buffer, sizeof(buffer), "t_%016llx%016llx", static_cast<unsigned long long>(fnv(key, 14695981039346656037ull)),
                  static_cast<unsigned long long>(fnv(key, 0x9e3779b97f4a7c15ull)));
    return buffer;
}

struct EndpointFormat
{
    const char * engine_format;
    const char * content_type;
};

/// Engine output format of an endpoint extension; nullptr when the extension is not a data format.
const EndpointFormat * endpointFormat(std::string_view extension)
{
    static const EndpointFormat json {"JSON", "application/json"};
    static const EndpointFormat csv {"CSVWithNames", "text/csv; charset=UTF-8"};
    static const EndpointFormat ndjson {"JSONEachRow", "application/x-ndjson"};
    static const EndpointFormat prometheus {"Prometheus", "text/plain; version=0.0.4; charset=UTF-8"};
    if (extension == "json")
        return &json;
    if (extension == "csv")
        return &csv;
    if (extension == "ndjson")
        return &ndjson;
    if (extension == "prometheus")
        return &prometheus;
    return nullptr;
}

/// Template parameters of an endpoint call: the query string, then a POST form or JSON object body;
/// the JWT's fixed_params for this pipe override them.
TemplateParameters requestParameters(const HttpRequest & request, RequestContext & context, const std::string & pipe_name)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto & [key, value] : request.query)
        if (!isReservedParameter(key))
            pairs.emplace_back(key, value);
    bool json_body = request.method == "POST" && request.mediaType() == "application/json" && !request.body.empty();
    if (request.method == "POST" && request.isFormBody())
        for (auto & [key, value] : request.formParams())
            if (!isReservedParameter(key))
                pairs.emplace_back(std::move(key), std::move(value));
    TemplateParameters parameters = TemplateParameters::fromStrings(pairs);
    if (json_body)
    {
        TemplateParameters body = TemplateParameters::fromJson(request.body);
        for (const auto & [key, value] : body.items())
            if (!isReservedParameter(key))
                parameters.set(key, value);
    }
    auto scope = context.platform().auth().grantingScope(context.token(), ScopeType::PipesRead, pipe_name);
    if (scope && !scope->fixed_params_json.empty())
    {
        TemplateParameters fixed = TemplateParameters::fromJson(scope->fixed_params_json);
        for (const auto & [key, value] : fixed.items())
            parameters.set(key, value);
    }
    return parameters;
}

/// `q=` runs SQL over the endpoint's result, exposed as the table `_` (tinybird.md §3.4), and over nothing else:
/// no table it names may be a data source, quarantine table or pipe of the workspace (even as the name of one of
/// its CTEs, since CTE scoping is not tracked here), nor be database-qualified. Throws ACCESS_DENIED otherwise, so that PIPES:READ on one
/// pipe never reads data sources, other pipes or system tables. Syntax errors are left to the compiler (400).
void checkQReadsOnlyTheResult(const std::string & q, RequestContext & context, const Project * project)
{
    ASTPtr ast;
    try
    {
        ast = parseQuery(q);
    }
    catch (const Exception &)
    {
        return;
    }
    std::vector<const ASTTableExpression *> tables;
    std::function<void(const ASTPtr &)> walk = [&](const ASTPtr & node)
    {
        if (!node)
            return;
        if (const auto * output = dynamic_cast<const ASTQueryWithOutput *>(node.get()); output && !output->out_file.empty())
            throw Exception(ErrorCode::ACCESS_DENIED, "INTO OUTFILE is not allowed in q=");
        if (const auto * table = node->as<ASTTableExpression>(); table && table->isTable())
            tables.push_back(table);
        node->forEachChild(walk);
    };
    walk(ast);
    const std::string & database = context.database();
    for (const ASTTableExpression * table : tables)
    {
        if (table->database.empty() && table->table == "_")
            continue;
        bool resource =
            context.platform().database().catalog().tryGetTable(database, table->table) || (project && project->findPipe(table->table));
        // A CTE of q itself, or a name that is nothing in the workspace (the engine answers that it does not exist).
        if (table->database.empty() && !resource)
            continue;
        std::string name = table->database.empty() ? table->table : table->database + "." + table->table;
        throw Exception(ErrorCode::ACCESS_DENIED,
                        "Forbidden: q= reads the endpoint's result as the table _ and nothing else, not '" + name + "'");
    }
}

/// The value of a form/query parameter (`q`), from the query string or a POST form body.
std::optional<std::string> requestValue(const HttpRequest & request, std::string_view name)
{
    if (auto value = request.param(name))
        return std::string(*value);
    if (request.method == "POST" && request.isFormBody())
        for (auto & [key, value] : request.formParams())
            if (key == name)
                return std::move(value);
    return std::nullopt;
}

StatementOptions statementOptions(const HttpRequest & request, RequestContext & context, const PipeQuery & query)
{
    StatementOptions options;
    options.current_database = context.database();
    options.row_filters = context.rowFilters();
    options.only_current_database = true; // table() and friends take caller values: never another workspace or system.*
    options.max_execution_seconds = context.platform().options().query_timeout_seconds; // as /v0/sql: --query-timeout
    options.max_threads = context.platform().options().query_threads;
    if (auto it = query.settings.find("max_threads"); it != query.settings.end())
    {
        try
        {
            size_t threads = std::stoul(it->second);
            if (threads > 0 && (options.max_threads == 0 || threads < options.max_threads))
                options.max_threads = threads;
        }
        catch (const std::exception &)
        {
        }
    }
    if (auto quote = request.param("output_format_json_quote_64bit_integers"))
        options.format_settings.json_quote_64bit_integers = isTrue(*quote);
    if (auto quote = request.param("output_format_json_quote_denormals"))
        options.format_settings.json_quote_denormals = isTrue(*quote);
    if (auto escape = request.param("output_format_json_escape_forward_slashes"))
        options.format_settings.json_escape_forward_slashes = isTrue(*escape);
    return options;
}

/// Everything one request needs about the workspace's pipes.
struct PipesOfWorkspace
{
    std::shared_ptr<const PipeCompiler> compiler;

    const Project * project() const { return compiler ? &compiler->project() : nullptr; }
    const PipeDefinition & pipe(const std::string & name) const
    {
        const PipeDefinition * pipe = project() ? project()->findPipe(name) : nullptr;
        if (!pipe)
            throw Exception(ErrorCode::UNKNOWN_PIPE, "Pipe '" + name + "' not found");
        return *pipe;
    }
};

/// Output columns of a node: the node's query in test mode (placeholders for every parameter) with
/// LIMIT 0. Empty when the query does not run.
std::vector<std::pair<std::string, std::string>> nodeColumns(const PipeCompiler & compiler, const std::string & pipe,
                                                             const std::string & node, RequestContext & context)
{
    std::vector<std::pair<std::string, std::string>> columns;
    try
    {
        PipeCompileOptions options;
        options.render.test_mode = true;
        options.node = node;
        PipeQuery query = compiler.compile(pipe, TemplateParameters {}, options);
        StatementOptions statement;
        statement.current_database = context.database();
        statement.only_current_database = true;
        statement.default_format = "JSON";
        WriteBufferFromString out;
        context.platform().database().execute("SELECT * FROM (\n" + query.sql + "\n) LIMIT 0 FORMAT JSON", nullptr, out, statement);
        simdjson::dom::parser parser;
        simdjson::dom::element doc;
        std::string text = out.release();
        if (parser.parse(text).get(doc))
            return {};
        simdjson::dom::array meta;
        if (doc["meta"].get(meta))
            return {};
        for (simdjson::dom::element column : meta)
        {
            std::string_view name;
            std::string_view type;
            if (!column["name"].get(name) && !column["type"].get(type))
                columns.emplace_back(std::string(name), std::string(type));
        }
    }
    catch (const std::exception &)
    {
        return {};
    }
    return columns;
}

void writeParameter(JsonWriter & json, const TemplateParameterInfo & parameter)
{
    json.startObject();
    json.field("name", parameter.name);
    json.field("type", parameter.type);
    json.key("default");
    if (parameter.default_value && !parameter.default_value->isNone())
        json.raw(TemplateJson::serialize(*parameter.default_value));
    else
        json.null();
    json.field("required", parameter.required.value_or(!parameter.default_value.has_value() && !parameter.used_in_function_call));
    if (!parameter.description.empty())
        json.field("description", parameter.description);
    if (!parameter.format.empty())
        json.field("format", parameter.format);
    if (parameter.example && !parameter.example->isNone())
    {
        json.key("example");
        json.raw(TemplateJson::serialize(*parameter.example));
    }
    if (parameter.enum_values && !parameter.enum_values->isNone())
    {
        json.key("enum");
        json.raw(TemplateJson::serialize(*parameter.enum_values));
    }
    json.endObject();
}

/// Selected fields: empty `attrs` = all.
struct FieldFilter
{
    std::set<std::string> fields;

    static FieldFilter parse(std::optional<std::string_view> text)
    {
        FieldFilter filter;
        if (!text)
            return filter;
        size_t pos = 0;
        while (pos <= text->size())
        {
            size_t end = text->find(',', pos);
            if (end == std::string_view::npos)
                end = text->size();
            std::string_view field = text->substr(pos, end - pos);
            if (!field.empty())
                filter.fields.emplace(field);
            pos = end + 1;
        }
        return filter;
    }
    bool wants(std::string_view field) const { return fields.empty() || fields.contains(std::string(field)); }
};

void writeNode(JsonWriter & json, const PipeCompiler & compiler, const PipeDefinition & pipe, size_t index, const FieldFilter & attrs,
               RequestContext & context, bool with_columns)
{
    const PipeNode & node = pipe.nodes[index];
    json.startObject();
    if (attrs.wants("id"))
        json.field("id", resourceId("node", pipe.name + "." + node.name));
    if (attrs.wants("name"))
        json.field("name", node.name);
    if (attrs.wants("sql"))
        json.field("sql", node.sql);
    if (attrs.wants("description"))
    {
        json.key("description");
        if (node.description.empty())
            json.null();
        else
            json.value(node.description);
    }
    if (attrs.wants("node_type"))
        json.field("node_type", std::string(pipeNodeTypeName(node.type)));
    if (attrs.wants("materialized"))
    {
        json.key("materialized");
        if (node.type == PipeNodeType::Materialized)
            json.value(pipe.materialized_datasource);
        else
            json.null();
    }
    if (attrs.wants("dependencies"))
    {
        json.key("dependencies");
        json.startArray();
        for (const auto & dependency : compiler.nodeDependencies(pipe.name, node.name))
            json.value(dependency);
        json.endArray();
    }
    if (attrs.wants("params"))
    {
        json.key("params");
        json.startArray();
        for (const auto & parameter : compiler.nodeParameters(pipe.name, node.name))
            writeParameter(json, parameter);
        json.endArray();
    }
    if (with_columns && attrs.wants("columns"))
    {
        json.key("columns");
        json.startArray();
        for (const auto & [name, type] : nodeColumns(compiler, pipe.name, node.name, context))
        {
            json.startObject();
            json.field("name", name);
            json.field("type", type);
            json.endObject();
        }
        json.endArray();
    }
    json.endObject();
}

void writePipe(JsonWriter & json, const PipeCompiler & compiler, const PipeDefinition & pipe, const FieldFilter & attrs,
               const FieldFilter & node_attrs, RequestContext & context, bool with_columns)
{
    json.startObject();
    if (attrs.wants("id"))
        json.field("id", resourceId("pipe", pipe.name));
    if (attrs.wants("name"))
        json.field("name", pipe.name);
    if (attrs.wants("description"))
    {
        json.key("description");
        if (pipe.description.empty())
            json.null();
        else
            json.value(pipe.description);
    }
    if (attrs.wants("type"))
        json.field("type", pipe.typeName());
    if (attrs.wants("endpoint"))
    {
        json.key("endpoint");
        if (pipe.isEndpoint())
            json.value(resourceId("node", pipe.name + "." + pipe.resultNode().name));
        else
            json.null();
    }
    if (attrs.wants("url") && pipe.isEndpoint())
        json.field("url", context.baseUrl() + "/v0/pipes/" + pipe.name + ".json");
    if (attrs.wants("tags"))
    {
        json.key("tags");
        json.startArray();
        for (const auto & tag : pipe.tags)
            json.value(tag);
        json.endArray();
    }
    if (attrs.wants("params"))
    {
        json.key("params");
        json.startArray();
        for (const auto & parameter : compiler.pipeParameters(pipe.name))
            writeParameter(json, parameter);
        json.endArray();
    }
    if (attrs.wants("materialized_datasource"))
    {
        json.key("materialized_datasource");
        if (pipe.type() == PipeNodeType::Materialized)
            json.value(pipe.materialized_datasource);
        else
            json.null();
    }
    if (pipe.type() == PipeNodeType::Copy)
    {
        if (attrs.wants("copy_target_datasource"))
            json.field("copy_target_datasource", pipe.copy_target_datasource);
        if (attrs.wants("copy_schedule"))
            json.field("copy_schedule", pipe.copy_schedule);
        if (attrs.wants("copy_mode"))
            json.field("copy_mode", pipe.copy_mode);
    }
    if (attrs.wants("nodes"))
    {
        json.key("nodes");
        json.startArray();
        for (size_t i = 0; i < pipe.nodes.size(); ++i)
            writeNode(json, compiler, pipe, i, node_attrs, context, with_columns);
        json.endArray();
    }
    json.endObject();
}

/// Splits "name.ext" into name and extension ("" when none).
std::pair<std::string, std::string> splitExtension(std::string_view segment)
{
    size_t dot = segment.rfind('.');
    if (dot == std::string_view::npos)
        return {std::string(segment), ""};
    return {std::string(segment.substr(0, dot)), std::string(segment.substr(dot + 1))};
}

} // namespace

std::string HttpHandlerPipes::pipeId(std::string_view name)
{
    return resourceId("pipe", name);
}

void HttpHandlerPipes::registerRoutes(HttpRouter & router)
{
    auto handler = std::make_shared<HttpHandlerPipes>();
    router.add("GET", "/v0/pipes", handler);
    router.add("GET", "/v1/pipes", handler);
    router.add("GET", "/v0/pipes/{name}", handler);
    router.add("POST", "/v0/pipes/{name}", handler);
    router.add("GET", "/v1/pipes/{name}", handler);
}

void HttpHandlerPipes::handle(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    PipesOfWorkspace workspace {compilers_.get(context.platform().project(context.workspace().id))};
    std::string_view segment = request.pathParam("name");

    if (segment.empty())
    {
        // GET /v0/pipes, /v1/pipes
        if (request.method != "GET" && request.method != "HEAD")
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "Creating pipes through the Pipes API is not supported yet: deploy a project");
        context.token();
        FieldFilter attrs = FieldFilter::parse(request.param("attrs"));
        FieldFilter node_attrs = FieldFilter::parse(request.param("node_attrs"));
        JsonWriter json;
        json.startObject();
        json.key("pipes");
        json.startArray();
        if (workspace.project())
            for (const auto & pipe : workspace.project()->pipes)
                if (context.hasScope(ScopeType::PipesRead, pipe.name))
                    writePipe(json, *workspace.compiler, pipe, attrs, node_attrs, context, false);
        json.endArray();
        json.endObject();
        response.json(200, json.take());
        return;
    }

    if (segment == "openapi.json")
    {
        context.token();
        PipeOpenApiOptions options;
        options.server_url = context.baseUrl();
        options.filter = [&](const PipeDefinition & pipe)
        {
            return context.hasScope(ScopeType::PipesRead, pipe.name);
        };
        options.columns = [&](const PipeDefinition & pipe)
        {
            return nodeColumns(*workspace.compiler, pipe.name, pipe.resultNode().name, context);
        };
        if (!workspace.compiler)
        {
            auto empty = std::make_shared<const Project>();
            response.json(200, buildOpenApi(PipeCompiler(empty), options));
            return;
        }
        response.json(200, buildOpenApi(*workspace.compiler, options));
        return;
    }

    auto [name, extension] = splitExtension(segment);
    if (extension.empty() && request.param("format") == std::optional<std::string_view>("pipe"))
        extension = "pipe";
    if (!extension.empty() && extension != "pipe" && !endpointFormat(extension))
    {
        if (extension == "parquet")
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "The parquet format is not supported yet for endpoints");
        // Not a known extension: the dot belongs to the name, which no valid pipe has.
        throw Exception(ErrorCode::UNKNOWN_PIPE, "Pipe '" + std::string(segment) + "' not found");
    }
    context.requireScope(ScopeType::PipesRead, name);
    const PipeDefinition & pipe = workspace.pipe(name);

    if (extension == "pipe")
    {
        response.text(200, pipeToText(pipe));
        return;
    }
    if (extension.empty())
    {
        if (request.method != "GET" && request.method != "HEAD")
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "Changing pipes through the Pipes API is not supported yet: deploy a project");
        JsonWriter json;
        writePipe(json, *workspace.compiler, pipe, FieldFilter {}, FieldFilter {}, context, true);
        response.json(200, json.take());
        return;
    }

    // An endpoint call.
    if (!pipe.isEndpoint())
        throw Exception(ErrorCode::UNKNOWN_PIPE, "The pipe '" + name + "' does not have an endpoint");
    const EndpointFormat & format = *endpointFormat(extension);
    PipeCompileOptions compile_options;
    if (auto q = requestValue(request, "q"); q && !q->empty())
    {
        checkQReadsOnlyTheResult(*q, context, workspace.project());
        compile_options.q = *q;
    }
    PipeQuery query = workspace.compiler->compile(name, requestParameters(request, context, name), compile_options);
    if (!query.query_parameters.empty())
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "tb_secret() in endpoint queries is not supported yet");

    StatementOptions options = statementOptions(request, context, query);
    options.default_format = format.engine_format;
    try
    {
        WriteBufferFromString out;
        if (auto explain = request.param("explain"); explain && isTrue(*explain))
        {
            options.default_format = "TSVRaw";
            context.platform().database().execute("EXPLAIN " + query.sql, nullptr, out, options);
            JsonWriter json;
            json.startObject();
            json.field("debug_query", query.sql);
            json.field("query_explain", out.release());
            json.endObject();
            response.json(200, json.take());
            return;
        }
        context.platform().database().execute(query.sql, nullptr, out, options);
        response.status = 200;
        response.content_type = format.content_type;
        response.body = out.release();
    }
    catch (const Exception & e)
    {
        if (e.code() == ErrorCode::ACCESS_DENIED || e.code() == ErrorCode::AUTHENTICATION_FAILED || e.code() == ErrorCode::TOKEN_EXPIRED ||
            e.code() == ErrorCode::QUOTA_EXCEEDED)
            throw;
        HttpErrorStatus::writeError(std::current_exception(), response, true);
    }
}

} // namespace pipit
