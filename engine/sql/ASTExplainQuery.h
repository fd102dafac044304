#pragma once

#include "engine/sql/ASTQueryWithOutput.h"

namespace pipit
{

/// EXPLAIN [AST | SYNTAX | PLAN | PIPELINE | ESTIMATE] [setting = value, ...] query.
/// Bare EXPLAIN is PLAN. The options between the kind and the query are in `options` (e.g. header = 1, actions = 1).
class ASTExplainQuery : public ASTQueryWithOutput
{
public:
    ASTExplainQuery()
        : ASTQueryWithOutput(ASTKind::ExplainQuery)
    {
    }

    enum class Kind
    {
        AST,
        Syntax,
        Plan,
        Pipeline,
        Estimate,
    };

    Kind explain_kind = Kind::Plan;
    SettingsChanges options;
    ASTPtr query;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTExplainQuery>(*this);
        res->query = cloneAST(query);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChild(visit, query); }
};

} // namespace pipit
