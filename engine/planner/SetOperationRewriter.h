#pragma once

#include "engine/sql/AST.h"

#include <functional>
#include <string>
#include <vector>

namespace pipit
{

/// UNION DISTINCT, EXCEPT [ALL|DISTINCT] and INTERSECT [ALL|DISTINCT] as queries the pipeline runs
/// (UNION ALL, SELECT DISTINCT, IN subqueries), with ClickHouse semantics: INTERSECT binds tighter
/// than UNION and EXCEPT, which apply left to right; `a EXCEPT b` keeps the rows of `a` that are not
/// in `b` (duplicates kept; EXCEPT DISTINCT removes them), `a INTERSECT b` the rows of `a` that are
/// in `b`; UNION DISTINCT removes duplicates of the union. The result has the first query's
/// column names. Rows are compared as IN compares them, so a row with a NULL never matches.
class SetOperationRewriter
{
public:
    /// True when `query` combines its parts with anything but UNION ALL.
    static bool needsRewrite(const ASTSelectWithUnionQuery & query);

    /// `column_names(part)`: the result column names of a part. Throws NOT_IMPLEMENTED for a bare
    /// UNION (neither ALL nor DISTINCT).
    static ASTPtr rewrite(const ASTSelectWithUnionQuery & query, const std::function<std::vector<std::string>(const ASTPtr &)> & column_names);
};

} // namespace pipit
