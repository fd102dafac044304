#include "apps/pipit/LocalProjectLoader.h"

#include "engine/base/Exception.h"
#include "engine/io/WriteBuffer.h"
#include "engine/session/Database.h"
#include "platform/auth/AuthService.h"
#include "platform/http/PlatformContext.h"
#include "platform/ingest/DatasourceIngestor.h"
#include "platform/project/Project.h"

#include <fstream>
#include <sstream>

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
    report.loaded_fixtures.push_back(datasource.name + ": " + std::to_string(result.successful_rows) + " rows ("
                                     + std::to_string(result.quarantined_rows) + " quarantined) from " + fixture.path.string());
}

} // namespace

LocalProjectLoadReport LocalProjectLoader::load(PlatformContext & platform, const Workspace & workspace, std::shared_ptr<const Project> project)
{
    LocalProjectLoadReport report;
    Database & database = platform.database();
    database.catalog().createDatabase(workspace.database, true);

    StatementOptions options;
    options.current_database = workspace.database;
    for (const DatasourceDefinition & datasource : project->datasources)
    {
        if (!database.catalog().tryGetTable(workspace.database, datasource.name))
        {
            WriteBufferFromString out;
            database.execute(datasourceCreateTableSql(datasource, datasource.name), nullptr, out, options);
            report.created_tables.push_back(datasource.name);
        }
        platform.ingestor().ensureQuarantineTable(workspace.database, datasource.name);
    }

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
    if (!token_scopes.empty())
        report.tokens_synced = platform.auth().syncDatafileTokens(workspace.id, token_scopes).size();

    platform.setProject(workspace.id, std::move(project));
    return report;
}

} // namespace pipit
