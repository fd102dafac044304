#include "engine/session/SystemTables.h"

#include "engine/aggregates/AggregateFunctionFactory.h"
#include "engine/base/Check.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/Parser.h"
#include "engine/storage/StorageMemory.h"
#include "engine/storage/StorageMergeTree.h"

#include <functional>
#include <map>
#include <set>

namespace pipit
{

namespace
{

/// Collects the rows of one system table, then hands them out as a Memory table.
class SystemTableBuilder
{
public:
    SystemTableBuilder(std::string name, const std::vector<std::pair<std::string, std::string>> & columns)
        : name_(std::move(name))
    {
        for (const auto & [column_name, type_name] : columns)
        {
            DataTypePtr type = parseDataType(type_name);
            description_.push_back(ColumnDescription {column_name, type, "", "", "", ""});
            columns_.push_back(type->createColumn());
        }
    }

    void addRow(const std::vector<Field> & values)
    {
        CHECK(values.size() == columns_.size());
        for (size_t i = 0; i < values.size(); ++i)
            columns_[i]->insert(values[i]);
    }

    ResolvedTable finish()
    {
        Block block;
        for (size_t i = 0; i < columns_.size(); ++i)
            block.insert(ColumnWithTypeAndName {std::move(columns_[i]), description_[i].type, description_[i].name});
        auto storage = std::make_shared<StorageMemory>(description_);
        if (block.rows() > 0)
            storage->insert(block, false);
        ResolvedTable resolved;
        resolved.database = "system";
        resolved.table = name_;
        resolved.storage = storage;
        resolved.columns = description_;
        return resolved;
    }

private:
    std::string name_;
    ColumnsDescription description_;
    MutableColumns columns_;
};

/// Keys of a table as written in its CREATE statement.
struct TableKeys
{
    std::string partition_key;
    std::string sorting_key;
    std::set<std::string> partition_columns;
    std::set<std::string> sorting_columns;
};

void collectIdentifiers(const ASTPtr & ast, std::set<std::string> & names)
{
    if (!ast)
        return;
    if (const auto * identifier = ast->as<ASTIdentifier>())
        names.insert(identifier->name());
    ast->forEachChild([&](const ASTPtr & child) { collectIdentifiers(child, names); });
}

TableKeys keysOf(const CatalogTable & table)
{
    TableKeys keys;
    ASTPtr ast;
    try
    {
        ast = parseQuery(table.create_statement);
    }
    catch (const Exception &)
    {
        return keys;
    }
    const auto * create = ast->as<ASTCreateTableQuery>();
    if (!create || !create->storage)
        return keys;
    if (create->storage->partition_by)
    {
        keys.partition_key = formatAST(*create->storage->partition_by);
        collectIdentifiers(create->storage->partition_by, keys.partition_columns);
    }
    const ASTPtr & order = create->storage->order_by ? create->storage->order_by : create->storage->primary_key;
    if (order)
    {
        const auto * tuple = order->as<ASTFunction>();
        if (tuple && tuple->name == "tuple" && order->alias.empty())
        {
            for (size_t i = 0; i < tuple->arguments.size(); ++i)
                keys.sorting_key += (i ? ", " : "") + formatAST(*tuple->arguments[i]);
        }
        else
            keys.sorting_key = formatAST(*order);
        collectIdentifiers(order, keys.sorting_columns);
    }
    return keys;
}

/// Calls `visit` for every table of every database, in name order.
void forEachTable(const Catalog & catalog, const std::function<void(const CatalogTable &)> & visit)
{
    for (const auto & database : catalog.listDatabases())
        for (const auto & name : catalog.listTables(database))
            if (auto table = catalog.tryGetTable(database, name))
                visit(*table);
}

ResolvedTable buildOne()
{
    SystemTableBuilder builder("one", {{"dummy", "UInt8"}});
    builder.addRow({Field(UInt8(0))});
    return builder.finish();
}

ResolvedTable buildDatabases(const Catalog & catalog)
{
    SystemTableBuilder builder("databases", {{"name", "String"}, {"engine", "String"}});
    for (const auto & database : catalog.listDatabases())
        builder.addRow({Field(database), Field("Atomic")});
    builder.addRow({Field("system"), Field("Memory")});
    return builder.finish();
}

ResolvedTable buildTables(const Catalog & catalog)
{
    SystemTableBuilder builder("tables", {{"database", "String"},
                                          {"name", "String"},
                                          {"engine", "String"},
                                          {"create_table_query", "String"},
                                          {"partition_key", "String"},
                                          {"sorting_key", "String"},
                                          {"total_rows", "Nullable(UInt64)"},
                                          {"total_bytes", "Nullable(UInt64)"}});
    forEachTable(catalog,
                 [&](const CatalogTable & table)
                 {
                     TableKeys keys = keysOf(table);
                     std::optional<size_t> rows = table.storage->totalRows();
                     Field total_bytes;
                     if (const auto * merge_tree = dynamic_cast<const StorageMergeTree *>(table.storage.get()))
                     {
                         UInt64 bytes = 0;
                         for (const auto & part : merge_tree->getPartsInfo())
                             bytes += part.bytes_on_disk;
                         total_bytes = Field(bytes);
                     }
                     builder.addRow({Field(table.database), Field(table.name), Field(table.storage->getEngineName()),
                                     Field(table.create_statement), Field(keys.partition_key), Field(keys.sorting_key),
                                     rows ? Field(UInt64(*rows)) : Field(), total_bytes});
                 });
    return builder.finish();
}

ResolvedTable buildColumns(const Catalog & catalog)
{
    SystemTableBuilder builder("columns", {{"database", "String"},
                                           {"table", "String"},
                                           {"name", "String"},
                                           {"type", "String"},
                                           {"position", "UInt64"},
                                           {"default_kind", "String"},
                                           {"default_expression", "String"},
                                           {"compression_codec", "String"},
                                           {"is_in_partition_key", "UInt8"},
                                           {"is_in_sorting_key", "UInt8"}});
    forEachTable(catalog,
                 [&](const CatalogTable & table)
                 {
                     TableKeys keys = keysOf(table);
                     UInt64 position = 0;
                     for (const auto & column : table.storage->getColumns())
                     {
                         ++position;
                         std::string codec = column.codec.empty() ? "" : "CODEC(" + column.codec + ")";
                         builder.addRow({Field(table.database), Field(table.name), Field(column.name), Field(column.type->getName()),
                                         Field(position), Field(column.default_kind), Field(column.default_expression), Field(codec),
                                         Field(UInt8(keys.partition_columns.count(column.name))),
                                         Field(UInt8(keys.sorting_columns.count(column.name)))});
                     }
                 });
    return builder.finish();
}

ResolvedTable buildParts(const Catalog & catalog)
{
    SystemTableBuilder builder("parts", {{"database", "String"},
                                         {"table", "String"},
                                         {"partition", "String"},
                                         {"partition_id", "String"},
                                         {"name", "String"},
                                         {"active", "UInt8"},
                                         {"rows", "UInt64"},
                                         {"bytes_on_disk", "UInt64"},
                                         {"marks", "UInt64"},
                                         {"level", "UInt32"},
                                         {"min_block_number", "Int64"},
                                         {"max_block_number", "Int64"}});
    forEachTable(catalog,
                 [&](const CatalogTable & table)
                 {
                     const auto * merge_tree = dynamic_cast<const StorageMergeTree *>(table.storage.get());
                     if (!merge_tree)
                         return;
                     for (const auto & part : merge_tree->getPartsInfo())
                         builder.addRow({Field(table.database), Field(table.name), Field(part.partition), Field(part.partition_id),
                                         Field(part.name), Field(UInt8(1)), Field(UInt64(part.rows)), Field(UInt64(part.bytes_on_disk)),
                                         Field(UInt64(part.marks)), Field(UInt32(part.level)), Field(Int64(part.min_block)),
                                         Field(Int64(part.max_block))});
                 });
    return builder.finish();
}

ResolvedTable buildFunctions()
{
    SystemTableBuilder builder("functions", {{"name", "String"},
                                             {"is_aggregate", "UInt8"},
                                             {"case_insensitive", "UInt8"},
                                             {"alias_to", "String"},
                                             {"description", "String"},
                                             {"example", "String"}});
    std::map<std::string, std::vector<Field>> rows;
    for (const auto * entry : FunctionRegistry::instance().entries())
    {
        std::string description = entry->description;
        std::string example = entry->example;
        if (!entry->alias_of.empty())
            if (const auto * target = FunctionRegistry::instance().findEntry(entry->alias_of))
            {
                description = description.empty() ? target->description : description;
                example = example.empty() ? target->example : example;
            }
        rows[entry->name] = {Field(entry->name),     Field(UInt8(0)),    Field(UInt8(entry->case_insensitive)),
                             Field(entry->alias_of), Field(description), Field(example)};
    }
    for (const auto & aggregate : AggregateFunctionFactory::instance().getDescriptions())
        rows[aggregate.name] = {Field(aggregate.name),
                                Field(UInt8(1)),
                                Field(UInt8(aggregate.case_insensitive)),
                                Field(""),
                                Field(aggregate.description ? aggregate.description : ""),
                                Field(aggregate.example ? aggregate.example : "")};
    /// Functions the planner evaluates itself (not in either registry).
    struct PlannerFunction
    {
        const char * name;
        bool is_aggregate;
        const char * description;
        const char * example;
    };
    static const PlannerFunction planner_functions[] = {
        {"arrayJoin", false, "One row per element of the array argument; the other columns of the row repeat",
         "SELECT arrayJoin([1, 2, 3]) AS x"},
        {"countDistinct", true, "Number of distinct values (count(DISTINCT x) is countDistinct(x), computed as uniqExact)",
         "SELECT countDistinct(user_id) FROM events"},
        {"row_number", true, "Window function: number of the row within its partition, from 1", "SELECT row_number() OVER (ORDER BY x) FROM t"},
        {"rank", true, "Window function: rank of the row within its partition, with gaps after ties",
         "SELECT rank() OVER (PARTITION BY g ORDER BY x) FROM t"},
        {"dense_rank", true, "Window function: rank of the row within its partition, without gaps after ties",
         "SELECT dense_rank() OVER (ORDER BY x) FROM t"},
        {"lagInFrame", true, "Window function: the value of the row `offset` rows before the current one within the frame",
         "SELECT lagInFrame(x) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t"},
        {"leadInFrame", true, "Window function: the value of the row `offset` rows after the current one within the frame",
         "SELECT leadInFrame(x) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t"},
        {"lag", true, "Window function: the value of the row `offset` rows before the current one in the partition",
         "SELECT lag(x) OVER (ORDER BY t) FROM t"},
        {"lead", true, "Window function: the value of the row `offset` rows after the current one in the partition",
         "SELECT lead(x) OVER (ORDER BY t) FROM t"},
        {"first_value", true, "Window function: the first value of the frame", "SELECT first_value(x) OVER (ORDER BY t) FROM t"},
        {"last_value", true, "Window function: the last value of the frame", "SELECT last_value(x) OVER (ORDER BY t) FROM t"},
    };
    for (const auto & function : planner_functions)
        if (!rows.contains(function.name))
            rows[function.name] = {Field(std::string(function.name)), Field(UInt8(function.is_aggregate)), Field(UInt8(0)), Field(""),
                                   Field(std::string(function.description)), Field(std::string(function.example))};
    for (const auto & [name, row] : rows)
        builder.addRow(row);
    return builder.finish();
}

} // namespace

std::optional<ResolvedTable> resolveSystemTable(const Catalog & catalog, const std::string & table)
{
    if (table == "one")
        return buildOne();
    if (table == "databases")
        return buildDatabases(catalog);
    if (table == "tables")
        return buildTables(catalog);
    if (table == "columns")
        return buildColumns(catalog);
    if (table == "parts")
        return buildParts(catalog);
    if (table == "functions")
        return buildFunctions();
    return std::nullopt;
}

} // namespace pipit
