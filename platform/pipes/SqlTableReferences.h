#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// Names a SELECT reads as tables, found lexically (the SQL is not bound): an unqualified identifier
/// right after FROM, JOIN or IN, or after a comma inside a FROM list, that is not a function call.
/// `db.table` references are skipped (pipes address workspace tables unqualified). Names are returned
/// once each, in order of first appearance. Text the lexer cannot read ends the scan.
std::vector<std::string> findTableReferences(std::string_view sql);

/// Names the query defines as CTEs: every `name AS (` (so `WITH name AS (SELECT ...)`), in order.
std::vector<std::string> findCteNames(std::string_view sql);

/// True when the first token of `sql` is the keyword WITH.
bool startsWithKeywordWith(std::string_view sql, size_t * after_with = nullptr);

/// True when the query has UNION / INTERSECT / EXCEPT outside parentheses.
bool hasTopLevelSetOperation(std::string_view sql);

} // namespace pipit
