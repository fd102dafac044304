#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// A table source in FROM / JOIN / DESCRIBE: exactly one of
///   - a named table: `[db.]table` (database may be empty), possibly a CTE name;
///   - a subquery: `(SELECT ...)` (ASTSubquery);
///   - a table function: `numbers(10)`, `remote(...)` (ASTFunction).
/// `alias` (base field) holds `AS t`. FINAL and SAMPLE apply to named tables.
class ASTTableExpression : public ASTNode
{
public:
    ASTTableExpression()
        : ASTNode(ASTKind::TableExpression)
    {
    }

    std::string database;
    std::string table;
    ASTPtr subquery;
    ASTPtr table_function;

    bool final = false;
    /// SAMPLE ratio [OFFSET ratio]; null when absent.
    ASTPtr sample_size;
    ASTPtr sample_offset;

    bool isTable() const { return !table.empty(); }

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTTableExpression>(*this);
        res->subquery = cloneAST(subquery);
        res->table_function = cloneAST(table_function);
        res->sample_size = cloneAST(sample_size);
        res->sample_offset = cloneAST(sample_offset);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, subquery);
        visitChild(visit, table_function);
        visitChild(visit, sample_size);
        visitChild(visit, sample_offset);
    }
};

} // namespace pipit
