#pragma once

#include "engine/sql/ASTArrayJoin.h"
#include "engine/sql/ASTTableExpression.h"
#include "engine/sql/ASTTableJoin.h"

namespace pipit
{

/// One element of the FROM clause, in order. The first element has only `table` (the FROM table).
/// Each following element is either a join (`join` + `table`) or an ARRAY JOIN (`array_join` only).
class ASTTablesElement : public ASTNode
{
public:
    ASTTablesElement()
        : ASTNode(ASTKind::TablesElement)
    {
    }

    std::shared_ptr<ASTTableExpression> table;
    std::shared_ptr<ASTTableJoin> join;
    std::shared_ptr<ASTArrayJoin> array_join;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTTablesElement>(*this);
        res->table = cloneTyped(table);
        res->join = cloneTyped(join);
        res->array_join = cloneTyped(array_join);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, join);
        visitChild(visit, table);
        visitChild(visit, array_join);
    }
};

using ASTTablesList = std::vector<std::shared_ptr<ASTTablesElement>>;

} // namespace pipit
