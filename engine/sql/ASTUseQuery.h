#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// USE db.
class ASTUseQuery : public ASTNode
{
public:
    ASTUseQuery()
        : ASTNode(ASTKind::UseQuery)
    {
    }

    std::string database;

    ASTPtr clone() const override { return std::make_shared<ASTUseQuery>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
