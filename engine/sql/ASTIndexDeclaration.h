#pragma once

#include "engine/base/BasicTypes.h"
#include "engine/sql/ASTNode.h"

namespace pipit
{

/// A data-skipping index in CREATE TABLE / ALTER ADD INDEX: `INDEX name expr TYPE type(args) [GRANULARITY n]`.
class ASTIndexDeclaration : public ASTNode
{
public:
    ASTIndexDeclaration()
        : ASTNode(ASTKind::IndexDeclaration)
    {
    }

    std::string name;
    ASTPtr expression;
    /// Index type call, e.g. minmax, set(100), bloom_filter(0.01) (an ASTFunction; arguments empty for bare names).
    ASTPtr type;
    /// 0 when GRANULARITY is not written (engine default applies).
    UInt64 granularity = 0;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTIndexDeclaration>(*this);
        res->expression = cloneAST(expression);
        res->type = cloneAST(type);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, expression);
        visitChild(visit, type);
    }
};

} // namespace pipit
