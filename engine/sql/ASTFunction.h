#pragma once

#include "engine/sql/ASTWindowSpec.h"

namespace pipit
{

/// A function call, including every operator normalised to its ClickHouse function name:
///   a + b -> plus(a, b), minus, multiply, divide, modulo (% / MOD), intDiv (DIV), negate (-a),
///   equals (= / ==), notEquals (!= / <>), less, greater, lessOrEquals, greaterOrEquals,
///   and / or (flattened: a AND b AND c -> and(a, b, c)), not, like, notLike, ilike, notILike,
///   in, notIn, globalIn, globalNotIn, isNull, isNotNull, concat (||), arrayElement (x[i]),
///   tupleElement (x.1), if (a ? b : c), multiIf (CASE WHEN), caseWithExpression (CASE x WHEN),
///   BETWEEN -> and(greaterOrEquals(x, a), lessOrEquals(x, b)), NOT BETWEEN -> or(less, greater),
///   (a, b) -> tuple(a, b), [a, b] -> array(a, b) (all-literal ones become ASTLiteral),
///   CAST(x AS T) / x::T -> CAST(x, 'T'), INTERVAL n unit -> toIntervalUnit(n),
///   EXTRACT(unit FROM x) -> toUnit-like function (toYear, ...), EXISTS (subquery) -> exists(subquery).
/// count(DISTINCT x) becomes countDistinct(x) (the -Distinct combinator), as in ClickHouse; count(*) is count();
/// f(x) FILTER (WHERE c) is fIf(x, c); position(needle IN haystack) is position(haystack, needle);
/// DATE 'x' / TIMESTAMP 'x' are toDate('x') / toDateTime('x'); a REGEXP b is match(a, b).
/// Function names keep their written case; the binder resolves case-insensitive names.
class ASTFunction : public ASTNode
{
public:
    ASTFunction()
        : ASTNode(ASTKind::Function)
    {
    }
    ASTFunction(std::string name_, ASTs arguments_)
        : ASTNode(ASTKind::Function)
        , name(std::move(name_))
        , arguments(std::move(arguments_))
    {
    }

    std::string name;
    ASTs arguments;
    /// Parameters of parametric aggregates: quantile(0.9)(x) has parameters {0.9}, arguments {x}.
    /// `has_parameters` distinguishes f()(x) from f(x).
    ASTs parameters;
    bool has_parameters = false;
    /// Written with operator syntax (a + b, NOT x, x[i], CASE ...); informational (the formatter may use it).
    bool is_operator = false;

    /// `OVER (...)`: window_definition set. `OVER w`: window_name set. Both empty: not a window function call.
    std::shared_ptr<ASTWindowSpec> window_definition;
    std::string window_name;

    bool isWindowFunction() const { return window_definition || !window_name.empty(); }

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTFunction>(*this);
        for (auto & arg : res->arguments)
            arg = cloneAST(arg);
        for (auto & param : res->parameters)
            param = cloneAST(param);
        res->window_definition = cloneTyped(window_definition);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChildren(visit, parameters);
        visitChildren(visit, arguments);
        visitChild(visit, window_definition);
    }
};

inline std::shared_ptr<ASTFunction> makeASTFunction(std::string name, ASTs arguments)
{
    return std::make_shared<ASTFunction>(std::move(name), std::move(arguments));
}

} // namespace pipit
