#pragma once

#include "engine/sql/ASTColumnDeclaration.h"
#include "engine/sql/ASTIndexDeclaration.h"
#include "engine/sql/ASTStorage.h"

namespace pipit
{

/// CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] [db.]name
///     [(column, ..., INDEX ..., PRIMARY KEY (..))] [ENGINE = ...] [AS [db.]other | AS table_function(...)] [AS SELECT ...]
///     [COMMENT 'text']
/// and views: CREATE [MATERIALIZED] VIEW [IF NOT EXISTS] [db.]name [TO [db.]target] [(columns)] [ENGINE ...] [POPULATE] AS SELECT ...
class ASTCreateTableQuery : public ASTNode
{
public:
    ASTCreateTableQuery()
        : ASTNode(ASTKind::CreateTableQuery)
    {
    }

    bool if_not_exists = false;
    bool or_replace = false;
    bool temporary = false;
    bool is_view = false;
    bool is_materialized_view = false;
    bool populate = false;

    std::string database;
    std::string table;

    std::vector<std::shared_ptr<ASTColumnDeclaration>> columns;
    std::vector<std::shared_ptr<ASTIndexDeclaration>> indexes;
    /// PRIMARY KEY written inside the column list; null when absent.
    ASTPtr columns_primary_key;
    std::shared_ptr<ASTStorage> storage;

    /// CREATE TABLE t AS [db.]other: copy structure (and engine when none given).
    std::string as_database;
    std::string as_table;
    /// CREATE TABLE t AS table_function(...).
    ASTPtr as_table_function;
    /// AS SELECT ... (ASTSelectWithUnionQuery) for CREATE TABLE ... AS SELECT and views.
    ASTPtr select;

    /// Materialized view target: TO [db.]table.
    std::string to_database;
    std::string to_table;

    std::string comment;
    bool has_comment = false;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTCreateTableQuery>(*this);
        res->columns = cloneList(columns);
        res->indexes = cloneList(indexes);
        res->columns_primary_key = cloneAST(columns_primary_key);
        res->storage = cloneTyped(storage);
        res->as_table_function = cloneAST(as_table_function);
        res->select = cloneAST(select);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChildren(visit, columns);
        visitChildren(visit, indexes);
        visitChild(visit, columns_primary_key);
        visitChild(visit, storage);
        visitChild(visit, as_table_function);
        visitChild(visit, select);
    }
};

} // namespace pipit
