#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// `x -> body` or `(x, y) -> body`; appears as an argument of higher-order functions (arrayMap, ...).
class ASTLambda : public ASTNode
{
public:
    ASTLambda()
        : ASTNode(ASTKind::Lambda)
    {
    }

    std::vector<std::string> params;
    ASTPtr body;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTLambda>(*this);
        res->body = cloneAST(body);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChild(visit, body); }
};

} // namespace pipit
