#pragma once

#include "engine/planner/ITableResolver.h"
#include "engine/planner/SelectQueryPlan.h"

namespace pipit
{

class ASTSelectQuery;
class ASTOrderByElement;

/// Builds the logical plan of one SELECT: resolves FROM through the table resolver, binds every
/// clause with ClickHouse alias rules, extracts aggregates, compiles expressions, and derives the
/// key condition that lets storage skip granules. Throws the user errors of the query
/// (UNKNOWN_IDENTIFIER, ILLEGAL_TYPE_OF_ARGUMENT, NOT_IMPLEMENTED for clauses not supported yet, ...).
class SelectQueryPlanner
{
public:
    /// `subqueries` runs subqueries (FROM (SELECT ...), CTEs, IN (SELECT ...), scalar subqueries)
    /// while planning; without it they are NOT_IMPLEMENTED.
    static SelectQueryPlan plan(const ASTSelectQuery & query, const ITableResolver & tables,
                                const ISubqueryExecutor * subqueries = nullptr);

    /// Value of a constant expression (LIMIT n, numbers(n)); throws if it is not constant.
    static Field evaluateConstant(const ASTPtr & ast, const std::string & what);

private:
    /// The fill of `element` (WITH FILL) over the projected sort key `sort_name` (expression node `node`);
    /// result columns of the same node also take the fill values.
    static FillColumnDescription planFill(const ASTOrderByElement & element, const std::string & sort_name, size_t node,
                                    const std::vector<std::pair<std::string, size_t>> & output_nodes, const IDataType & key_type);
};

} // namespace pipit
