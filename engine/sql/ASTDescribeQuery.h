#pragma once

#include "engine/sql/ASTQueryWithOutput.h"
#include "engine/sql/ASTTableExpression.h"

namespace pipit
{

/// DESCRIBE|DESC [TABLE] [db.]t | (SELECT ...) | table_function(...).
class ASTDescribeQuery : public ASTQueryWithOutput
{
public:
    ASTDescribeQuery()
        : ASTQueryWithOutput(ASTKind::DescribeQuery)
    {
    }

    std::shared_ptr<ASTTableExpression> table;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTDescribeQuery>(*this);
        res->table = cloneTyped(table);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChild(visit, table); }
};

} // namespace pipit
