#include "platform/http/HttpHandlerSql.h"

#include "engine/base/Exception.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "engine/sql/AST.h"
#include "engine/sql/Parser.h"
#include "platform/auth/AuthService.h"
#include "platform/http/HttpErrorStatus.h"
#include "platform/http/PlatformContext.h"
#include "platform/project/Project.h"
#include "platform/templates/SqlTemplate.h"

#include <simdjson.h>

#include <algorithm>
#include <map>
#include <set>

namespace pipit
{

namespace
{

/// Request parameters that are not template parameters (transport, auth, client telemetry).
bool isReservedParameter(std::string_view name)
{
    static const std::set<std::string_view> reserved = {"q",
                                                        "token",
                                                        "from",
                                                        "cli_version",
                                                        "pipeline",
                                                        "release_replacements",
                                                        "__tb__semver",
                                                        "__tb__deployment",
                                                        "debug",
                                                        "query_id",
                                                        "tag",
                                                        "output_format_json_quote_64bit_integers",
                                                        "output_format_json_quote_denormals",
                                                        "output_format_json_escape_forward_slashes"};
    return reserved.contains(name);
}

/// Content-Type of an output format's result.
std::string contentTypeOfFormat(std::string_view format)
{
    if (format == "JSON" || format == "JSONCompact" || format == "JSONStrings")
        return "application/json";
    if (format == "JSONEachRow" || format == "NDJSON" || format == "JSONLines" || format == "JSONCompactEachRow")
        return "application/x-ndjson";
    if (format.starts_with("CSV"))
        return "text/csv; charset=UTF-8";
    if (format.starts_with("TSV") || format.starts_with("TabSeparated"))
        return "text/tab-separated-values; charset=UTF-8";
    if (format == "Prometheus")
        return "text/plain; version=0.0.4; charset=UTF-8";
    return "text/plain; charset=UTF-8";
}

bool isTrue(std::string_view value)
{
    return value == "1" || value == "true" || value == "True" || value == "TRUE";
}

/// The SQL text of the request: `q` of the query string, `q` of a form body, `q` of a JSON object body, else
/// the whole body.
std::string sqlOf(const HttpRequest & request)
{
    if (auto q = request.param("q"))
        return std::string(*q);
    if (request.method != "POST")
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Missing the 'q' parameter with the SQL to run");
    if (request.isFormBody())
    {
        for (auto & [key, value] : request.formParams())
            if (key == "q")
                return std::move(value);
        // `curl -d 'SELECT 1'` sends raw SQL labelled as a form: the body is the SQL.
    }
    else if (request.mediaType() == "application/json")
    {
        simdjson::dom::parser parser;
        simdjson::dom::element body;
        if (!parser.parse(request.body).get(body) && body.is_object())
        {
            std::string_view q;
            if (!body["q"].get(q))
                return std::string(q);
        }
    }
    return request.body;
}

/// Checks that the statement (before pipes are composed into it) reads only what the token may read:
/// data sources of the workspace (DATASOURCES:READ), pipes (PIPES:READ), nodes of the pipeline (PIPES:READ on it).
class ReadAccessChecker
{
public:
    ReadAccessChecker(RequestContext & context, const std::string & database, const Project * project, const PipeDefinition * pipeline)
        : context_(context)
        , database_(database)
        , project_(project)
        , pipeline_(pipeline)
    {
    }

    void check(const ASTPtr & node)
    {
        if (!node)
            return;
        if (const auto * with = node->as<ASTWithElement>())
            cte_names_.insert(with->name);
        if (const auto * output = dynamic_cast<const ASTQueryWithOutput *>(node.get()); output && !output->out_file.empty())
            throw Exception(ErrorCode::ACCESS_DENIED, "INTO OUTFILE is not allowed in the Query API");
        if (const auto * table = node->as<ASTTableExpression>(); table && table->isTable())
            tables_.push_back(table);
        node->forEachChild([this](const ASTPtr & child) { check(child); });
    }

    /// After check(): authorizes every table read (CTE names are known by then).
    void authorize()
    {
        for (const ASTTableExpression * table : tables_)
            authorizeTable(*table);
    }

    bool readsPipes() const { return reads_pipes_; }
    /// Pipes the statement reads (by name or as the pipeline of its node names).
    const std::set<std::string> & pipesRead() const { return pipes_read_; }

private:
    void authorizeTable(const ASTTableExpression & table)
    {
        if (table.database == "tinybird" || table.database == "organization")
            throw Exception(ErrorCode::NOT_IMPLEMENTED,
                            "Service data sources (" + table.database + "." + table.table + ", tinybird.md §5) are not supported yet");
        if (!table.database.empty() && table.database != database_)
            throw Exception(ErrorCode::ACCESS_DENIED, "Forbidden: the query reads '" + table.database + "." + table.table +
                                                          "', which is not a data source of this workspace");
        if (table.database.empty())
        {
            // CTE names are scoped, this check is not: a CTE named like a data source or pipe does not exempt another
            // reference to that name (`(WITH ds AS (SELECT 1) SELECT * FROM ds), ds` reads the data source).
            if (cte_names_.contains(table.table) && !isWorkspaceResource(table.table))
                return;
            if (pipeline_)
                for (const auto & node : pipeline_->nodes)
                    if (node.name == table.table)
                    {
                        reads_pipes_ = true;
                        context_.requireScope(ScopeType::PipesRead, pipeline_->name);
                        pipes_read_.insert(pipeline_->name);
                        return;
                    }
            if (project_ && project_->findPipe(table.table))
            {
                reads_pipes_ = true;
                context_.requireScope(ScopeType::PipesRead, table.table);
                pipes_read_.insert(table.table);
                return;
            }
        }
        context_.requireScope(ScopeType::DatasourcesRead, table.table);
    }

    bool isWorkspaceResource(const std::string & name) const
    {
        return context_.platform().database().catalog().tryGetTable(database_, name) || (project_ && project_->findPipe(name)) ||
               (pipeline_ &&
                std::any_of(pipeline_->nodes.begin(), pipeline_->nodes.end(), [&](const auto & node) { return node.name == name; }));
    }

    RequestContext & context_;
    const std::string & database_;
    const Project * project_;
    const PipeDefinition * pipeline_;
    std::set<std::string> cte_names_;
    std::vector<const ASTTableExpression *> tables_;
    std::set<std::string> pipes_read_;
    bool reads_pipes_ = false;
};

/// JWT fixed_params (tinybird.md §3.7) of the scopes granting the pipes read: forced onto the template parameters
/// the pipes are rendered with, as on the endpoint itself, so the Query API cannot change them. Two pipes forcing
/// different values for one parameter cannot be read together (ACCESS_DENIED).
void applyFixedParameters(RequestContext & context, const std::set<std::string> & pipes, TemplateParameters & params)
{
    std::map<std::string, std::pair<std::string, std::string>> forced; /// parameter -> (pipe, fixed_params JSON)
    for (const auto & pipe : pipes)
    {
        auto scope = context.platform().auth().grantingScope(context.token(), ScopeType::PipesRead, pipe);
        if (!scope || scope->fixed_params_json.empty())
            continue;
        TemplateParameters fixed = TemplateParameters::fromJson(scope->fixed_params_json);
        for (const auto & [key, value] : fixed.items())
        {
            auto [it, inserted] = forced.emplace(key, std::make_pair(pipe, scope->fixed_params_json));
            if (!inserted && it->second.second != scope->fixed_params_json)
                throw Exception(ErrorCode::ACCESS_DENIED, "Forbidden: the token fixes parameter '" + key + "' differently for pipes '" +
                                                              it->second.first + "' and '" + pipe + "'; read them in separate queries");
            params.set(key, value);
        }
    }
}

} // namespace

void HttpHandlerSql::handle(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    context.token();
    try
    {
        std::string sql = sqlOf(request);
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const auto & [key, value] : request.query)
            if (!isReservedParameter(key))
                pairs.emplace_back(key, value);
        if (request.method == "POST" && request.isFormBody())
            for (auto & [key, value] : request.formParams())
                if (!isReservedParameter(key))
                    pairs.emplace_back(std::move(key), std::move(value));
        TemplateParameters params = TemplateParameters::fromStrings(pairs);
        if (SqlTemplate::isTemplate(sql))
            sql = SqlTemplate::parse(sql).render(params);
        while (!sql.empty() && (sql.back() == ';' || sql.back() == ' ' || sql.back() == '\n' || sql.back() == '\t' || sql.back() == '\r'))
            sql.pop_back();
        if (sql.find_first_not_of(" \t\r\n") == std::string::npos)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Empty query");

        const Workspace & workspace = context.workspace();
        std::shared_ptr<const PipeCompiler> compiler = compilers_.get(context.platform().project(workspace.id));
        const Project * project = compiler ? &compiler->project() : nullptr;
        std::string pipeline(request.param("pipeline").value_or(""));
        const PipeDefinition * pipeline_pipe = nullptr;
        if (!pipeline.empty())
        {
            pipeline_pipe = project ? project->findPipe(pipeline) : nullptr;
            if (!pipeline_pipe)
                throw Exception(ErrorCode::UNKNOWN_PIPE, "Pipe '" + pipeline + "' not found (pipeline parameter)");
        }

        ASTPtr ast = parseQuery(sql);
        if (ast->kind != ASTKind::SelectWithUnionQuery && ast->kind != ASTKind::ExplainQuery)
            throw Exception(ErrorCode::READONLY, "Only SELECT queries are allowed in the Query API (it is read-only)");
        ReadAccessChecker checker(context, workspace.database, project, pipeline_pipe);
        checker.check(ast);
        checker.authorize();

        StatementOptions options;
        options.default_format = "JSON";
        if (const auto * output = dynamic_cast<const ASTQueryWithOutput *>(ast.get()); output && !output->format.empty())
            options.default_format = output->format;
        options.current_database = workspace.database;
        options.row_filters = context.rowFilters();
        options.only_current_database = true; // also for the SQL of pipes the statement reads, rendered with caller values
        options.max_threads = context.platform().options().query_threads;
        options.max_execution_seconds = context.platform().options().query_timeout_seconds;
        if (auto quote = request.param("output_format_json_quote_64bit_integers"))
            options.format_settings.json_quote_64bit_integers = isTrue(*quote);
        if (auto quote = request.param("output_format_json_quote_denormals"))
            options.format_settings.json_quote_denormals = isTrue(*quote);
        if (auto escape = request.param("output_format_json_escape_forward_slashes"))
            options.format_settings.json_escape_forward_slashes = isTrue(*escape);

        if (compiler && (checker.readsPipes() || pipeline_pipe))
        {
            applyFixedParameters(context, checker.pipesRead(), params);
            sql = compiler->compileSql(sql, params, pipeline).sql;
        }

        WriteBufferFromString out;
        context.platform().database().execute(sql, nullptr, out, options);
        response.status = 200;
        response.content_type = contentTypeOfFormat(options.default_format);
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
