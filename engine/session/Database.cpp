#include "engine/session/Database.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"
#include "engine/formats/FormatFactory.h"
#include "engine/planner/StorageExpressionCompiled.h"
#include "engine/session/InsertInterpreter.h"
#include "engine/session/SelectInterpreter.h"
#include "engine/session/TableFactory.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/Parser.h"
#include "engine/types/DataTypeNumber.h"
#include "engine/types/DataTypeString.h"

namespace pipit
{

namespace
{

const std::string default_database = "default";

/// `database` if given, else the statement's current database, else "default".
std::string databaseOr(const std::string & database, const StatementOptions & options)
{
    if (!database.empty())
        return database;
    return options.current_database.empty() ? default_database : options.current_database;
}

/// Writes a small result (SHOW, DESCRIBE, EXISTS) through the output format.
void writeResult(const Block & block, const std::string & format, WriteBuffer & output, const StatementOptions & options)
{
    auto out =
        createOutputFormat(format.empty() ? options.default_format : format, output, block.cloneEmptyHeader(), options.format_settings);
    out->writePrefix();
    if (block.rows() > 0)
        out->write(block);
    out->writeSuffix();
    output.flush();
}

ColumnWithTypeAndName stringColumn(const std::string & name, const std::vector<std::string> & values)
{
    auto column = ColumnString::create();
    for (const auto & value : values)
        column->insertData(value.data(), value.size());
    return {std::move(column), std::make_shared<DataTypeString>(), name};
}

std::string normalisedCreateStatement(const ASTCreateTableQuery & create)
{
    auto copy = std::static_pointer_cast<ASTCreateTableQuery>(create.clone());
    copy->if_not_exists = false;
    copy->database.clear();
    return formatAST(*copy);
}

void executeShow(const ASTShowTablesQuery & show, Catalog & catalog, WriteBuffer & output, const StatementOptions & options)
{
    Block block;
    switch (show.kind)
    {
    case ASTShowTablesQuery::Kind::Tables:
    {
        if (show.has_like || show.limit)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "SHOW TABLES LIKE / LIMIT is not supported yet");
        block.insert(stringColumn("name", catalog.listTables(databaseOr(show.database, options))));
        break;
    }
    case ASTShowTablesQuery::Kind::Databases:
        block.insert(stringColumn("name", catalog.listDatabases()));
        break;
    case ASTShowTablesQuery::Kind::CreateTable:
    {
        auto table = catalog.getTable(databaseOr(show.database, options), show.table);
        block.insert(stringColumn("statement", {table->create_statement}));
        break;
    }
    }
    writeResult(block, show.format, output, options);
}

void executeDescribe(const ASTDescribeQuery & describe, Catalog & catalog, WriteBuffer & output, const StatementOptions & options)
{
    if (!describe.table || !describe.table->isTable())
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "DESCRIBE of a subquery or table function is not supported yet");
    auto table = catalog.getTable(databaseOr(describe.table->database, options), describe.table->table);
    std::vector<std::string> names, types, default_types, default_expressions, comments, codecs, ttls;
    for (const auto & column : table->storage->getColumns())
    {
        names.push_back(column.name);
        types.push_back(column.type->getName());
        default_types.push_back(column.default_kind);
        default_expressions.push_back(column.default_expression);
        comments.push_back("");
        codecs.push_back(column.codec);
        ttls.push_back(column.ttl_expression);
    }
    Block block;
    block.insert(stringColumn("name", names));
    block.insert(stringColumn("type", types));
    block.insert(stringColumn("default_type", default_types));
    block.insert(stringColumn("default_expression", default_expressions));
    block.insert(stringColumn("comment", comments));
    block.insert(stringColumn("codec_expression", codecs));
    block.insert(stringColumn("ttl_expression", ttls));
    writeResult(block, describe.format, output, options);
}

void executeExists(const ASTExistsQuery & exists, Catalog & catalog, WriteBuffer & output, const StatementOptions & options)
{
    bool result = exists.is_database ? catalog.hasDatabase(exists.database)
                                     : catalog.tryGetTable(databaseOr(exists.database, options), exists.table) != nullptr;
    auto column = ColumnUInt8::create();
    column->getData().push_back(result ? 1 : 0);
    Block block;
    block.insert({std::move(column), std::make_shared<DataTypeUInt8>(), "result"});
    writeResult(block, exists.format, output, options);
}

void executeAlter(const ASTAlterQuery & alter, Catalog & catalog, const StatementOptions & options)
{
    auto table = catalog.getTable(databaseOr(alter.database, options), alter.table);
    for (const auto & command : alter.commands)
        if (command->type != ASTAlterCommand::Type::Delete)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "Only ALTER TABLE ... DELETE WHERE is supported yet");
    Block header = headerOf(table->storage->getColumns());
    for (const auto & command : alter.commands)
    {
        auto predicate = std::make_shared<StorageExpressionCompiled>(command->predicate, header);
        table->storage->deleteWhere(*predicate);
    }
}

} // namespace

Database::Database(DatabaseOptions options)
    : options_(std::move(options))
{
    catalog_ = std::make_unique<Catalog>(options_.data_path,
                                         [](const std::string & create_statement, const std::string & data_path)
                                         {
                                             ASTPtr ast = parseQuery(create_statement);
                                             const auto * create = ast->as<ASTCreateTableQuery>();
                                             if (!create)
                                                 throw Exception(ErrorCode::CORRUPTED_DATA,
                                                                 "Table metadata is not a CREATE TABLE statement: " + create_statement);
                                             return TableFactory::create(*create, data_path);
                                         });
    catalog_->open();
}

Database::~Database()
{
    try
    {
        catalog_->shutdown();
    }
    catch (...) // NOLINT: destructors never throw
    {
    }
}

void Database::execute(std::string_view statement, ReadBuffer * input, WriteBuffer & output, const StatementOptions & options)
{
    ASTPtr ast = parseQuery(statement);
    switch (ast->kind)
    {
    case ASTKind::CreateTableQuery:
    {
        const auto & create = *ast->as<ASTCreateTableQuery>();
        if (create.temporary || create.or_replace)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "CREATE TEMPORARY / OR REPLACE TABLE is not supported yet");
        catalog_->createTable(databaseOr(create.database, options), create.table, normalisedCreateStatement(create), create.if_not_exists);
        return;
    }
    case ASTKind::CreateDatabaseQuery:
    {
        const auto & create = *ast->as<ASTCreateDatabaseQuery>();
        catalog_->createDatabase(create.database, create.if_not_exists);
        return;
    }
    case ASTKind::DropQuery:
    {
        const auto & drop = *ast->as<ASTDropQuery>();
        if (drop.object == ASTDropQuery::Object::Database || drop.kind == ASTDropQuery::Kind::Detach)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "DROP DATABASE and DETACH are not supported yet");
        if (drop.kind == ASTDropQuery::Kind::Truncate)
        {
            auto table = drop.if_exists ? catalog_->tryGetTable(databaseOr(drop.database, options), drop.table)
                                        : catalog_->getTable(databaseOr(drop.database, options), drop.table);
            if (table)
                table->storage->truncate();
            return;
        }
        catalog_->dropTable(databaseOr(drop.database, options), drop.table, drop.if_exists);
        return;
    }
    case ASTKind::ShowTablesQuery:
        executeShow(*ast->as<ASTShowTablesQuery>(), *catalog_, output, options);
        return;
    case ASTKind::DescribeQuery:
        executeDescribe(*ast->as<ASTDescribeQuery>(), *catalog_, output, options);
        return;
    case ASTKind::ExistsQuery:
        executeExists(*ast->as<ASTExistsQuery>(), *catalog_, output, options);
        return;
    case ASTKind::InsertQuery:
    {
        const auto & insert = *ast->as<ASTInsertQuery>();
        auto table = catalog_->getTable(databaseOr(insert.database, options), insert.table);
        if (insert.kind == ASTInsertQuery::Kind::Select)
        {
            InsertInterpreter::executeSelect(insert, *table, *catalog_, options);
            return;
        }
        std::string_view inline_data;
        if (insert.kind != ASTInsertQuery::Kind::Select && insert.data_begin < insert.data_end && insert.data_end <= statement.size())
            inline_data = statement.substr(insert.data_begin, insert.data_end - insert.data_begin);
        // VALUES data is always inline; FORMAT data is inline when present, else from `input`.
        ReadBuffer * data_input = insert.kind == ASTInsertQuery::Kind::Values ? nullptr : input;
        InsertInterpreter::execute(insert, *table, inline_data, data_input, options.format_settings, options.durable_inserts);
        return;
    }
    case ASTKind::OptimizeQuery:
    {
        const auto & optimize = *ast->as<ASTOptimizeQuery>();
        if (optimize.partition || !optimize.partition_id.empty() || optimize.deduplicate)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "OPTIMIZE ... PARTITION / DEDUPLICATE is not supported yet");
        catalog_->getTable(databaseOr(optimize.database, options), optimize.table)->storage->optimize(optimize.final);
        return;
    }
    case ASTKind::AlterQuery:
        executeAlter(*ast->as<ASTAlterQuery>(), *catalog_, options);
        return;
    case ASTKind::SelectWithUnionQuery:
    case ASTKind::ExplainQuery:
        SelectInterpreter::execute(ast, *catalog_, output, options);
        return;
    default:
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "This kind of statement is not supported yet");
    }
}

} // namespace pipit
