#pragma once

#include "engine/sql/ASTCreateTableQuery.h"
#include "engine/storage/IStorage.h"

#include <string>

namespace pipit
{

/// Turns a CREATE TABLE statement into a table engine instance over a data directory: resolves
/// column types, compiles the sort key, partition key and TTL expressions, reads SETTINGS.
/// Engines: MergeTree, Memory, Null. Other MergeTree-family engines parse but answer
/// NOT_IMPLEMENTED until they are built.
class TableFactory
{
public:
    /// The column list of a CREATE statement (types parsed, NULL/NOT NULL applied). Throws
    /// UNKNOWN_TYPE, DUPLICATE_COLUMN, EMPTY_LIST_OF_COLUMNS_PASSED.
    static ColumnsDescription columnsFromAST(const ASTCreateTableQuery & create);

    /// Checks the statement fully (types, engine, key expressions, settings) without touching disk.
    static void validate(const ASTCreateTableQuery & create);

    static StoragePtr create(const ASTCreateTableQuery & create, const std::string & data_path);
};

/// Header (names + types, no data) of the physical columns of a table.
Block headerOf(const ColumnsDescription & columns);

} // namespace pipit
