#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// `[LEFT] ARRAY JOIN expr [AS alias], ...`: unfolds arrays into rows.
class ASTArrayJoin : public ASTNode
{
public:
    ASTArrayJoin()
        : ASTNode(ASTKind::ArrayJoin)
    {
    }

    bool left = false;
    /// Array expressions, each with an optional alias (base `alias` field of the expression).
    ASTs expressions;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTArrayJoin>(*this);
        for (auto & expr : res->expressions)
            expr = cloneAST(expr);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChildren(visit, expressions); }
};

} // namespace pipit
