#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// One element of ORDER BY: `expr [ASC|DESC] [NULLS FIRST|LAST] [COLLATE 'x'] [WITH FILL [FROM a] [TO b] [STEP c]]`.
class ASTOrderByElement : public ASTNode
{
public:
    ASTOrderByElement()
        : ASTNode(ASTKind::OrderByElement)
    {
    }

    ASTPtr expression;
    /// 1 ascending, -1 descending.
    int direction = 1;
    /// How NULLs (and NaNs) compare, as in ClickHouse: 1 = greater than every value, -1 = less.
    /// Default (and NULLS LAST) is `direction`, which puts NULLs last for both ASC and DESC;
    /// NULLS FIRST sets `-direction`.
    int nulls_direction = 1;
    bool nulls_direction_was_explicit = false;
    /// COLLATE 'locale'; empty when absent.
    std::string collation;

    bool with_fill = false;
    ASTPtr fill_from;
    ASTPtr fill_to;
    ASTPtr fill_step;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTOrderByElement>(*this);
        res->expression = cloneAST(expression);
        res->fill_from = cloneAST(fill_from);
        res->fill_to = cloneAST(fill_to);
        res->fill_step = cloneAST(fill_step);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, expression);
        visitChild(visit, fill_from);
        visitChild(visit, fill_to);
        visitChild(visit, fill_step);
    }
};

using ASTOrderByList = std::vector<std::shared_ptr<ASTOrderByElement>>;

} // namespace pipit
