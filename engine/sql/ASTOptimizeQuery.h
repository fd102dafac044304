#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// OPTIMIZE TABLE [db.]t [PARTITION expr | PARTITION ID 'id'] [FINAL] [DEDUPLICATE [BY ...]].
class ASTOptimizeQuery : public ASTNode
{
public:
    ASTOptimizeQuery()
        : ASTNode(ASTKind::OptimizeQuery)
    {
    }

    std::string database;
    std::string table;
    ASTPtr partition;
    /// PARTITION ID 'id'; empty when absent.
    std::string partition_id;
    bool final = false;
    bool deduplicate = false;
    /// DEDUPLICATE BY column list (ASTIdentifier / ASTAsterisk); empty when absent.
    ASTs deduplicate_by;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTOptimizeQuery>(*this);
        res->partition = cloneAST(partition);
        for (auto & col : res->deduplicate_by)
            col = cloneAST(col);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, partition);
        visitChildren(visit, deduplicate_by);
    }
};

} // namespace pipit
