#include "engine/session/SelectInterpreter.h"

#include "engine/session/StorageRowFilter.h"
#include "engine/session/SystemTables.h"

#include "engine/base/Exception.h"
#include "engine/base/MemoryTracker.h"
#include "engine/columns/ColumnString.h"
#include "engine/execution/QueryPipeline.h"
#include "engine/formats/FormatFactory.h"
#include "engine/planner/ITableResolver.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/Parser.h"
#include "engine/types/DataTypeString.h"

#include <chrono>
#include <mutex>
#include <unordered_map>

namespace pipit
{

namespace
{

/// Sort and partition key expressions of a CREATE TABLE statement, parsed once per distinct statement text and
/// shared read-only by every query (the planner only reads key ASTs). A changed table (ALTER, re-create) has a
/// different statement text, so it gets a new entry; the cache is bounded and simply emptied when full.
struct TableKeys
{
    ASTs sort_key;
    ASTPtr partition_key;
};

std::shared_ptr<const TableKeys> parseTableKeys(const std::string & create_statement)
{
    static std::mutex mutex;
    static std::unordered_map<std::string, std::shared_ptr<const TableKeys>> cache;
    constexpr size_t max_entries = 4096;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(create_statement); it != cache.end())
            return it->second;
    }
    auto keys = std::make_shared<TableKeys>();
    ASTPtr ast = parseQuery(create_statement);
    const auto * create = ast->as<ASTCreateTableQuery>();
    if (create && create->storage)
    {
        const ASTPtr & key = create->storage->order_by ? create->storage->order_by : create->storage->primary_key;
        if (key)
        {
            const auto * tuple = key->as<ASTFunction>();
            if (tuple && tuple->name == "tuple" && key->alias.empty())
                keys->sort_key = tuple->arguments;
            else
                keys->sort_key = {key};
        }
        keys->partition_key = create->storage->partition_by;
    }
    std::lock_guard lock(mutex);
    if (cache.size() >= max_entries)
        cache.clear();
    cache.emplace(create_statement, keys);
    return keys;
}

/// Resolves FROM names through the catalog; sort and partition keys come from the CREATE statement.
class CatalogTableResolver final : public ITableResolver
{
public:
    CatalogTableResolver(const Catalog & catalog, const std::string & current_database, const std::vector<TableRowFilter> & row_filters,
                         bool only_current_database = false)
        : catalog_(catalog)
        , current_database_(current_database.empty() ? "default" : current_database)
        , row_filters_(row_filters)
        , only_current_database_(only_current_database)
    {
    }

    ResolvedTable resolveTable(const std::string & database, const std::string & table) const override
    {
        if (only_current_database_ && !database.empty() && database != current_database_
            && !(database == "system" && (table == "one" || table == "numbers")))
            throw Exception(ErrorCode::ACCESS_DENIED, "Forbidden: the query reads '" + database + "." + table
                                                          + "', which is not a table of this workspace");
        if (database == "system")
        {
            if (!row_filters_.empty())
                throw Exception(ErrorCode::ACCESS_DENIED, "System tables cannot be read by a statement with row filters");
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
        auto keys = parseTableKeys(entry->create_statement);
        resolved.sort_key = keys->sort_key;
        resolved.partition_key = keys->partition_key;
        std::vector<std::string> conditions;
        for (const auto & filter : row_filters_)
            if (filter.database == resolved.database && filter.table == resolved.table)
                conditions.push_back(filter.condition);
        if (!conditions.empty())
            resolved.storage = std::make_shared<StorageRowFilter>(resolved.storage, conditions);
        return resolved;
    }

private:
    const Catalog & catalog_;
    std::string current_database_;
    const std::vector<TableRowFilter> & row_filters_;
    bool only_current_database_ = false;
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

void SelectInterpreter::executeToBlocks(const ASTPtr & query, Catalog & catalog, const StatementOptions & options,
                                        const std::function<void(const Block &)> & on_header,
                                        const std::function<void(const Block &)> & on_block)
{
    MemoryTracker memory(options.max_memory_usage > 0 ? options.max_memory_usage : defaultMaxMemoryUsage());
    MemoryTracker::Scope memory_scope(&memory);
    CatalogTableResolver tables(catalog, options.current_database, options.row_filters, options.only_current_database);
    ExecutionSettings settings;
    settings.max_threads = options.max_threads;
    if (options.max_execution_seconds > 0)
        settings.deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                                   std::chrono::duration<double>(options.max_execution_seconds));
    QueryPipeline::executeSelectWithHeader(query, tables, settings, on_header, on_block);
}

void SelectInterpreter::execute(const ASTPtr & query, Catalog & catalog, WriteBuffer & output, const StatementOptions & options)
{
    MemoryTracker memory(options.max_memory_usage > 0 ? options.max_memory_usage : defaultMaxMemoryUsage());
    MemoryTracker::Scope memory_scope(&memory);
    CatalogTableResolver tables(catalog, options.current_database, options.row_filters, options.only_current_database);
    ExecutionSettings settings;
    settings.max_threads = options.max_threads;
    if (options.max_execution_seconds > 0)
        settings.deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                                   std::chrono::duration<double>(options.max_execution_seconds));
    std::string format = formatOf(query, options);
    if (!isOutputFormat(format))
        throw Exception(ErrorCode::UNKNOWN_FORMAT, "Unknown output format " + format);

    if (const auto * explain = query->as<ASTExplainQuery>())
    {
        executeExplain(*explain, tables, settings, output, options, format);
        return;
    }

    auto started = std::chrono::steady_clock::now();
    std::unique_ptr<IOutputFormat> out;
    SelectResult result = QueryPipeline::executeSelectWithHeader(
        query, tables, settings,
        [&](const Block & header)
        {
            out = createOutputFormat(format, output, header, options.format_settings);
            out->writePrefix();
        },
        [&](const Block & block) { out->write(block); });
    OutputStatistics statistics;
    statistics.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    statistics.rows_read = result.statistics.rows_read;
    statistics.bytes_read = result.statistics.bytes_read;
    if (result.has_limit)
        statistics.rows_before_limit_at_least = result.rows_before_limit_at_least;
    out->setStatistics(statistics);
    if (result.totals)
        out->writeTotals(*result.totals);
    out->writeSuffix();
    output.flush();
}

} // namespace pipit
