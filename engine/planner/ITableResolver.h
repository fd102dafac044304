#pragma once

#include "engine/sql/ASTNode.h"
#include "engine/storage/IStorage.h"

#include <string>

namespace pipit
{

/// A table as the planner needs it: the storage to read and what the catalog knows about it.
struct ResolvedTable
{
    std::string database;
    std::string table;
    StoragePtr storage;
    ColumnsDescription columns;
    /// ORDER BY elements (parsed expressions over the table's columns, e.g. `toDate(ts)`, `user_id`),
    /// in key order; empty when the table has no sort key. Used to skip granules.
    ASTs sort_key;
    /// PARTITION BY expression or null. Used to skip parts by their column min/max.
    ASTPtr partition_key;
};

/// Implemented by the catalog/session: resolves table names of FROM. Throws UNKNOWN_TABLE /
/// UNKNOWN_DATABASE. An empty database means the current one.
class ITableResolver
{
public:
    virtual ~ITableResolver() = default;
    virtual ResolvedTable resolveTable(const std::string & database, const std::string & table) const = 0;
};

/// Runs a subquery to completion for the planner (FROM (SELECT ...), WITH name AS (SELECT ...),
/// x IN (SELECT ...), scalar (SELECT ...)). Implemented by the execution layer; the result is one
/// Block (possibly with 0 rows) with the subquery's result columns.
class ISubqueryExecutor
{
public:
    virtual ~ISubqueryExecutor() = default;
    virtual Block execute(const ASTPtr & query, const ITableResolver & tables) const = 0;
};

} // namespace pipit
