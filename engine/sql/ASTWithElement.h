#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// A common table expression of a WITH clause: `name AS (SELECT ...)`. `subquery` is an ASTSubquery.
/// (Scalar WITH items `expr AS name` are plain expressions with an alias in ASTSelectQuery::with.)
class ASTWithElement : public ASTNode
{
public:
    ASTWithElement()
        : ASTNode(ASTKind::WithElement)
    {
    }

    std::string name;
    ASTPtr subquery;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTWithElement>(*this);
        res->subquery = cloneAST(subquery);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChild(visit, subquery); }
};

} // namespace pipit
