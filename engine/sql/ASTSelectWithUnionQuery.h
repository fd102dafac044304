#pragma once

#include "engine/sql/ASTQueryWithOutput.h"

namespace pipit
{

/// A SELECT statement: one or more SELECTs combined by UNION / EXCEPT / INTERSECT, left to right.
/// Every SELECT the parser produces (top level, subqueries, CTEs, INSERT ... SELECT, CREATE ... AS SELECT)
/// is an ASTSelectWithUnionQuery, even with a single SELECT.
/// `selects[i]` is an ASTSelectQuery, or a nested ASTSelectWithUnionQuery for a parenthesised part
/// `(SELECT 1 UNION ALL SELECT 2) UNION DISTINCT SELECT 3`. `modes[i]` combines selects[i] and selects[i + 1].
class ASTSelectWithUnionQuery : public ASTQueryWithOutput
{
public:
    ASTSelectWithUnionQuery()
        : ASTQueryWithOutput(ASTKind::SelectWithUnionQuery)
    {
    }

    enum class Mode
    {
        /// Bare UNION: resolved by the union_default_mode setting (ClickHouse errors when it is empty).
        Unspecified,
        UnionAll,
        UnionDistinct,
        Except,
        ExceptDistinct,
        Intersect,
        IntersectDistinct,
    };

    ASTs selects;
    std::vector<Mode> modes;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTSelectWithUnionQuery>(*this);
        for (auto & select : res->selects)
            select = cloneAST(select);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChildren(visit, selects); }
};

} // namespace pipit
