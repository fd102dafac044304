#pragma once

#include "engine/sql/ASTOrderByElement.h"
#include "engine/sql/ASTTablesElement.h"
#include "engine/sql/ASTWindowSpec.h"
#include "engine/sql/SettingChange.h"

namespace pipit
{

/// One SELECT (without UNION); always wrapped in an ASTSelectWithUnionQuery.
///   [WITH [RECURSIVE] ...] SELECT [DISTINCT [ON (...)]] list [FROM ... [JOIN ...] [ARRAY JOIN ...]] [PREWHERE e] [WHERE e]
///   [GROUP BY ... [WITH ROLLUP|CUBE] [WITH TOTALS]] [HAVING e] [WINDOW w AS (...)] [QUALIFY e]
///   [ORDER BY ... [INTERPOLATE [(...)]]] [LIMIT n BY ...] [LIMIT n [OFFSET m] [WITH TIES]] [SETTINGS k = v, ...]
/// Null ASTPtr / empty list means the clause is absent.
class ASTSelectQuery : public ASTNode
{
public:
    ASTSelectQuery()
        : ASTNode(ASTKind::SelectQuery)
    {
    }

    /// WITH items: ASTWithElement (CTE `name AS (subquery)`) or an aliased expression (`expr AS name`,
    /// `(SELECT ...) AS name` is an aliased ASTSubquery).
    ASTs with;
    /// WITH RECURSIVE: a CTE may read its own name (the rows of the previous step).
    bool with_recursive = false;

    bool distinct = false;
    /// DISTINCT ON (a, b); empty unless written.
    ASTs distinct_on;
    ASTs select;

    /// FROM and joins in order; empty for SELECT without FROM.
    ASTTablesList tables;

    ASTPtr prewhere;
    ASTPtr where;

    /// GROUP BY ROLLUP(a, b) / CUBE(a, b) are stored as group_by {a, b} with the WITH ROLLUP / WITH CUBE flag.
    ASTs group_by;
    bool group_by_all = false;
    /// GROUP BY GROUPING SETS ((a, b), (a), ()): each group_by element is a tuple() ASTFunction of the set's keys.
    bool group_by_grouping_sets = false;
    bool group_by_with_rollup = false;
    bool group_by_with_cube = false;
    bool group_by_with_totals = false;

    ASTPtr having;
    /// WINDOW name AS (spec), ...
    std::vector<std::pair<std::string, std::shared_ptr<ASTWindowSpec>>> windows;
    ASTPtr qualify;

    ASTOrderByList order_by;
    /// ORDER BY ALL: order_by stays empty.
    bool order_by_all = false;
    /// ORDER BY ... WITH FILL INTERPOLATE [(column [AS expr], ...)]: expr null means the previous value.
    bool has_interpolate = false;
    std::vector<std::pair<std::string, ASTPtr>> interpolate;

    /// LIMIT [offset,] length BY expressions.
    ASTPtr limit_by_length;
    ASTPtr limit_by_offset;
    ASTs limit_by;

    /// LIMIT length [OFFSET offset] / LIMIT offset, length / OFFSET offset [ROWS] [FETCH ...].
    ASTPtr limit_length;
    ASTPtr limit_offset;
    bool limit_with_ties = false;

    SettingsChanges settings;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTSelectQuery>(*this);
        auto clone_all = [](ASTs & list)
        {
            for (auto & node : list)
                node = cloneAST(node);
        };
        clone_all(res->with);
        clone_all(res->distinct_on);
        clone_all(res->select);
        res->tables = cloneList(tables);
        res->prewhere = cloneAST(prewhere);
        res->where = cloneAST(where);
        clone_all(res->group_by);
        res->having = cloneAST(having);
        for (auto & window : res->windows)
            window.second = cloneTyped(window.second);
        res->qualify = cloneAST(qualify);
        res->order_by = cloneList(order_by);
        for (auto & item : res->interpolate)
            item.second = cloneAST(item.second);
        res->limit_by_length = cloneAST(limit_by_length);
        res->limit_by_offset = cloneAST(limit_by_offset);
        clone_all(res->limit_by);
        res->limit_length = cloneAST(limit_length);
        res->limit_offset = cloneAST(limit_offset);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChildren(visit, with);
        visitChildren(visit, distinct_on);
        visitChildren(visit, select);
        visitChildren(visit, tables);
        visitChild(visit, prewhere);
        visitChild(visit, where);
        visitChildren(visit, group_by);
        visitChild(visit, having);
        for (const auto & window : windows)
            visitChild(visit, window.second);
        visitChild(visit, qualify);
        visitChildren(visit, order_by);
        visitChild(visit, limit_by_length);
        visitChild(visit, limit_by_offset);
        visitChildren(visit, limit_by);
        visitChild(visit, limit_length);
        visitChild(visit, limit_offset);
    }
};

} // namespace pipit
