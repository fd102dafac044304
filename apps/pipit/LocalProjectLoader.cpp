#include "apps/pipit/LocalProjectLoader.h"

#include "engine/base/Exception.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "engine/sql/AST.h"
#include "engine/sql/Parser.h"
#include "platform/auth/AuthService.h"
#include "platform/http/PlatformContext.h"
#include "platform/ingest/DatasourceIngestor.h"
#include "platform/pipes/PipeCompiler.h"
#include "platform/project/Project.h"

#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

namespace pipit
{

namespace
{

std::string readFile(const std::filesystem::path & path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Exception(ErrorCode::CANNOT_OPEN_FILE, "Cannot open fixture " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool tableIsEmpty(Database & database, const std::string & db, const std::string & table)
{
    auto entry = database.catalog().getTable(db, table);
    if (auto rows = entry->storage->totalRows())
        return *rows == 0;
    StatementOptions options;
    options.current_database = db;
    options.default_format = "TSV";
    WriteBufferFromString out;
    database.execute("SELECT count() FROM " + backquoteIdentifier(table), nullptr, out, options);
    return out.release() == "0\n";
}

void loadFixture(PlatformContext & platform, const Workspace & workspace, const DatasourceDefinition & datasource,
                 const ProjectFixture & fixture, LocalProjectLoadReport & report)
{
    std::string body = readFile(fixture.path);
    if (fixture.format == "sql")
    {
        StatementOptions options;
        options.current_database = workspace.database;
        WriteBufferFromString out;
        platform.database().execute("INSERT INTO " + backquoteIdentifier(datasource.name) + " " + body, nullptr, out, options);
        report.loaded_fixtures.push_back(datasource.name + ": rows of " + fixture.path.string());
        return;
    }
    IngestTarget target;
    target.database = workspace.database;
    target.table = datasource.name;
    for (const auto & column : datasource.columns)
        if (!column.jsonpath.empty())
            target.json_paths.push_back({column.name, column.jsonpath});
    IngestOptions options;
    options.format = fixture.format == "csv" ? IngestFormat::CSV : IngestFormat::NDJSON;
    options.durable = true;
    IngestResult result = platform.ingestor().append(target, body, options);
    report.loaded_fixtures.push_back(datasource.name + ": " + std::to_string(result.successful_rows) + " rows (" +
                                     std::to_string(result.quarantined_rows) + " quarantined) from " + fixture.path.string());
}

/// Column names and types of an existing table, as the engine spells them.
std::vector<std::pair<std::string, std::string>> tableColumns(Database & database, const std::string & db, const std::string & table)
{
    StatementOptions options;
    options.current_database = db;
    options.default_format = "TSV";
    WriteBufferFromString out;
    database.execute("SELECT name, type FROM system.columns WHERE database = '" + db + "' AND table = '" + table + "' ORDER BY position",
                     nullptr, out, options);
    std::vector<std::pair<std::string, std::string>> columns;
    std::istringstream lines(out.release());
    for (std::string line; std::getline(lines, line);)
    {
        size_t tab = line.find('\t');
        if (tab != std::string::npos)
            columns.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    return columns;
}

/// Spaces removed, so that `Map(String, UInt8)` and `Map(String,UInt8)` compare equal.
std::string compactType(std::string type)
{
    std::erase(type, ' ');
    return type;
}

/// "" when the existing table has the datafile's columns (names, order and types); else what differs.
std::string schemaDifferences(Database & database, const std::string & db, const DatasourceDefinition & datasource)
{
    std::vector<std::pair<std::string, std::string>> existing;
    try
    {
        existing = tableColumns(database, db, datasource.name);
    }
    catch (const Exception &)
    {
        return "";
    }
    if (existing.empty())
        return "";
    std::string declared_text;
    std::string existing_text;
    for (const auto & column : datasource.columns)
        declared_text += (declared_text.empty() ? "" : ", ") + column.name + " " + column.type;
    for (const auto & [name, type] : existing)
        existing_text += (existing_text.empty() ? "" : ", ") + name + " " + type;
    bool same = existing.size() == datasource.columns.size();
    for (size_t i = 0; same && i < existing.size(); ++i)
        same =
            existing[i].first == datasource.columns[i].name && compactType(existing[i].second) == compactType(datasource.columns[i].type);
    if (same)
        return "";
    return "table: " + existing_text + "; datafile: " + declared_text;
}

/// Pipe checks that need the templates and the SQL, made once at load so that errors name the datafile instead of
/// surfacing on the first request: templates that do not parse (PipeCompiler), reserved parameter names (tinybird.md
/// §2.6), and node SQL rendered in test mode (§2.5) that parses but is not a SELECT or reads system tables or another
/// database. A node whose test-mode SQL does not render or parse is left to request time.
void validatePipes(const std::shared_ptr<const Project> & project, const std::string & database)
{
    PipeCompiler compiler(project); // DATAFILE_ERROR "path:line: Node 'n': ..." for a template that does not parse
    for (const PipeDefinition & pipe : project->pipes)
        for (const PipeNode & node : pipe.nodes)
        {
            PipeCompileOptions options;
            options.render.test_mode = true;
            options.node = node.name;
            std::string sql;
            try
            {
                sql = compiler.compile(pipe.name, TemplateParameters {}, options).sql;
            }
            catch (const Exception & e)
            {
                if (e.message().find("variable name") != std::string::npos)
                    throw Exception(ErrorCode::DATAFILE_ERROR, pipe.path + ": Node '" + node.name + "': " + e.message());
                continue;
            }
            ASTPtr ast;
            try
            {
                ast = parseQuery(sql);
            }
            catch (const Exception &)
            {
                continue;
            }
            if (ast->kind != ASTKind::SelectWithUnionQuery)
                throw Exception(ErrorCode::DATAFILE_ERROR, pipe.path + ": Node '" + node.name + "': pipe SQL must be a SELECT query");
            std::function<void(const ASTPtr &)> check = [&](const ASTPtr & child)
            {
                if (const auto * table = child->as<ASTTableExpression>();
                    table && table->isTable() && !table->database.empty() && table->database != database &&
                    !(table->database == "system" && (table->table == "one" || table->table == "numbers")))
                    throw Exception(ErrorCode::DATAFILE_ERROR, pipe.path + ": Node '" + node.name + "': pipes cannot read '" +
                                                                   table->database + "." + table->table +
                                                                   "': only the workspace's data sources and pipes");
                child->forEachChild(check);
            };
            check(ast);
        }
}

/// Datafile features that parse and validate but do not run yet: said once at start, so that nobody
/// waits for rows that will not arrive.
void addUnsupportedFeatureWarnings(const Project & project, LocalProjectLoadReport & report)
{
    for (const DatasourceDefinition & datasource : project.datasources)
    {
        if (!datasource.shared_with.empty())
            report.warnings.push_back(datasource.path + ": sharing data sources (SHARED_WITH) is not supported yet: '" + datasource.name +
                                      "' is not readable from other workspaces");
        for (const char * key : {"KAFKA_CONNECTION_NAME", "IMPORT_CONNECTION_NAME"})
        {
            std::string connection = datasource.connectorSetting(key);
            if (connection.empty())
                continue;
            bool kafka = std::string_view(key).starts_with("KAFKA");
            report.warnings.push_back(datasource.path + ": " + (kafka ? "Kafka ingestion" : "S3/GCS imports") + " (" + key + " " +
                                      connection + ") is not supported yet: the data source '" + datasource.name +
                                      "' only receives rows from the Events and Data Sources APIs");
        }
    }
    for (const PipeDefinition & pipe : project.pipes)
    {
        switch (pipe.type())
        {
        case PipeNodeType::Materialized:
            report.warnings.push_back(pipe.path + ": materialized views (TYPE materialized) are not supported yet: rows appended to the " +
                                      "data sources the pipe '" + pipe.name + "' reads do not reach '" + pipe.materialized_datasource +
                                      "'");
            break;
        case PipeNodeType::Copy:
            report.warnings.push_back(pipe.path + ": copy pipes are not supported yet: '" + pipe.name + "' does not run" +
                                      (pipe.copy_schedule.empty() || pipe.copy_schedule == "@on-demand"
                                           ? std::string()
                                           : " on its schedule '" + pipe.copy_schedule + "'") +
                                      " and POST /v0/pipes/" + pipe.name + "/copy answers 501");
            break;
        case PipeNodeType::Sink:
            report.warnings.push_back(pipe.path + ": sink pipes are not supported yet: '" + pipe.name +
                                      "' does not export and POST /v0/pipes/" + pipe.name + "/sink answers 501");
            break;
        default:
            break;
        }
    }
}

} // namespace

LocalProjectLoadReport LocalProjectLoader::load(PlatformContext & platform, const Workspace & workspace,
                                                std::shared_ptr<const Project> project)
{
    validatePipes(project, workspace.database);
    LocalProjectLoadReport report;
    Database & database = platform.database();
    database.catalog().createDatabase(workspace.database, true);

    StatementOptions options;
    options.current_database = workspace.database;
    for (const DatasourceDefinition & datasource : project->datasources)
    {
        if (!database.catalog().tryGetTable(workspace.database, datasource.name))
        {
            try
            {
                WriteBufferFromString out;
                database.execute(datasourceCreateTableSql(datasource, datasource.name), nullptr, out, options);
            }
            catch (const Exception & e)
            {
                throw Exception(e.code(), datasource.path + ": cannot create data source '" + datasource.name + "': " + e.message());
            }
            report.created_tables.push_back(datasource.name);
        }
        else if (std::string differences = schemaDifferences(database, workspace.database, datasource); !differences.empty())
            report.warnings.push_back(datasource.path + ": the data source '" + datasource.name +
                                      "' already exists in the data directory with " + "another schema (" + differences +
                                      "); the existing table is kept unchanged");
        platform.ingestor().ensureQuarantineTable(workspace.database, datasource.name);
    }
    for (const std::string & table : database.catalog().listTables(workspace.database))
    {
        std::string_view source = table;
        if (source.ends_with("_quarantine"))
            source.remove_suffix(std::string_view("_quarantine").size());
        if (!project->findDatasource(std::string(source)))
            report.warnings.push_back("the data directory has a table '" + table +
                                      "' that no .datasource of the project declares; it is kept" +
                                      " (and readable through /v0/sql) until the data directory is removed");
    }
    report.warnings.insert(report.warnings.end(), project->warnings.begin(), project->warnings.end());
    addUnsupportedFeatureWarnings(*project, report);

    for (const DatasourceDefinition & datasource : project->datasources)
    {
        const ProjectFixture * fixture = project->findFixture(datasource.name);
        if (!fixture)
            continue;
        try
        {
            if (!tableIsEmpty(database, workspace.database, datasource.name))
                continue;
            loadFixture(platform, workspace, datasource, *fixture, report);
        }
        catch (const Exception & e)
        {
            report.warnings.push_back("fixture " + fixture->path.string() + ": " + e.message());
        }
    }

    std::vector<std::pair<std::string, TokenScope>> token_scopes;
    for (const DatasourceDefinition & datasource : project->datasources)
        for (const ResourceToken & token : datasource.tokens)
        {
            TokenScope scope;
            scope.type = token.scope == ResourceTokenScope::Append ? ScopeType::DatasourcesAppend : ScopeType::DatasourcesRead;
            scope.resource = datasource.name;
            token_scopes.emplace_back(token.name, scope);
        }
    for (const PipeDefinition & pipe : project->pipes)
        for (const ResourceToken & token : pipe.tokens)
        {
            TokenScope scope;
            scope.type = ScopeType::PipesRead;
            scope.resource = pipe.name;
            token_scopes.emplace_back(token.name, scope);
        }
    // Also with no TOKEN line at all: tokens whose lines were removed are revoked.
    report.tokens_synced = platform.auth().syncDatafileTokens(workspace.id, token_scopes).size();

    platform.setProject(workspace.id, std::move(project));
    return report;
}

} // namespace pipit
