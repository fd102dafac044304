#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// `(SELECT ...)` used as an expression (scalar subquery, IN (SELECT ...), EXISTS) or as a table in FROM/JOIN
/// (then wrapped by ASTTableExpression). `query` is always an ASTSelectWithUnionQuery.
class ASTSubquery : public ASTNode
{
public:
    ASTSubquery()
        : ASTNode(ASTKind::Subquery)
    {
    }

    ASTPtr query;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTSubquery>(*this);
        res->query = cloneAST(query);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChild(visit, query); }
};

} // namespace pipit
