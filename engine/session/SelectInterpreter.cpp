#include "engine/session/SelectInterpreter.h"

#include "engine/session/SystemTables.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/execution/QueryPipeline.h"
#include "engine/formats/FormatFactory.h"
#include "engine/planner/ITableResolver.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/Parser.h"
#include "engine/types/DataTypeString.h"

#include <chrono>

namespace pipit
{

namespace
{

/// Resolves FROM names through the catalog; sort and partition keys come from the CREATE statement.
class CatalogTableResolver final : public ITableResolver
{
public:
    CatalogTableResolver(const Catalog & catalog, const std::string & current_database)
        : catalog_(catalog)
        , current_database_(current_database.empty() ? "default" : current_database)
    {
    }

    ResolvedTable resolveTable(const std::string & database, const std::string & table) const override
    {
        if (database == "system")
        {
            if (auto system_table = resolveSystemTable(catalog_, table))
                return std::move(*system_table);
            throw Exception(ErrorCode::UNKNOWN_TABLE, "Table system." + table + " does not exist");
        }
        auto entry = catalog_.getTable(database.empty() ? current_database_ : database, table);
        ResolvedTable resolved;
        resolved.database = entry->database;
        resolved.table = entry->name;
        resolved.storage = entry->storage;
        resolved.columns = entry->storage->getColumns();
        ASTPtr ast = parseQuery(entry->create_statement);
        const auto * create = ast->as<ASTCreateTableQuery>();
        if (create && create->storage)
        {
            const ASTPtr & key = create->storage->order_by ? create->storage->order_by : create->storage->primary_key;
            if (key)
            {
                const auto * tuple = key->as<ASTFunction>();
                if (tuple && tuple->name == "tuple" && key->alias.empty())
                    resolved.sort_key = tuple->arguments;
                else
                    resolved.sort_key = {key};
            }
            resolved.partition_key = create->storage->partition_by;
        }
        return resolved;
    }

private:
    const Catalog & catalog_;
    std::string current_database_;
};

std::string formatOf(const ASTPtr & query, const StatementOptions & options)
{
    if (const auto * with_output = dynamic_cast<const ASTQueryWithOutput *>(query.get()); with_output && !with_output->format.empty())
        return with_output->format;
    return options.default_format;
}

void executeExplain(const ASTExplainQuery & explain, const ITableResolver & tables, const ExecutionSettings & settings,
                    WriteBuffer & output, const StatementOptions & options, const std::string & format)
{
    std::string text;
    switch (explain.explain_kind)
    {
    case ASTExplainQuery::Kind::AST:
        text = dumpAST(*explain.query);
        break;
    case ASTExplainQuery::Kind::Syntax:
        text = formatAST(*explain.query);
        break;
    case ASTExplainQuery::Kind::Plan:
        if (explain.query->kind != ASTKind::SelectWithUnionQuery)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "EXPLAIN PLAN is supported for SELECT only");
        text = QueryPipeline::explainSelect(explain.query, tables, settings);
        break;
    default:
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "EXPLAIN PIPELINE / ESTIMATE are not supported yet");
    }
    auto column = ColumnString::create();
    size_t start = 0;
    while (start <= text.size())
    {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        if (end > start || end < text.size())
            column->insertData(text.data() + start, end - start);
        start = end + 1;
    }
    Block block;
    block.insert({std::move(column), std::make_shared<DataTypeString>(), "explain"});
    auto out = createOutputFormat(format, output, block.cloneEmptyHeader(), options.format_settings);
    out->writePrefix();
    out->write(block);
    out->writeSuffix();
    output.flush();
}

} // namespace

void SelectInterpreter::execute(const ASTPtr & query, Catalog & catalog, WriteBuffer & output, const StatementOptions & options)
{
    CatalogTableResolver tables(catalog, options.current_database);
    ExecutionSettings settings;
    settings.max_threads = options.max_threads;
    if (options.max_execution_seconds > 0)
        settings.deadline = std::chrono::steady_clock::now()
            + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(options.max_execution_seconds));
    std::string format = formatOf(query, options);
    if (!isOutputFormat(format))
        throw Exception(ErrorCode::UNKNOWN_FORMAT, "Unknown output format " + format);

    if (const auto * explain = query->as<ASTExplainQuery>())
    {
        executeExplain(*explain, tables, settings, output, options, format);
        return;
    }

    auto started = std::chrono::steady_clock::now();
    Block header = QueryPipeline::getResultHeader(query, tables);
    auto out = createOutputFormat(format, output, header, options.format_settings);
    out->writePrefix();
    SelectResult result = QueryPipeline::executeSelect(query, tables, settings, [&](const Block & block) { out->write(block); });
    OutputStatistics statistics;
    statistics.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    statistics.rows_read = result.statistics.rows_read;
    statistics.bytes_read = result.statistics.bytes_read;
    if (result.has_limit)
        statistics.rows_before_limit_at_least = result.rows_before_limit_at_least;
    out->setStatistics(statistics);
    out->writeSuffix();
    output.flush();
}

} // namespace pipit
