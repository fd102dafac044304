#pragma once

#include "engine/planner/ExpressionActions.h"
#include "engine/planner/ITableResolver.h"
#include "engine/sql/ASTNode.h"

#include <map>
#include <set>

namespace pipit
{

class ASTSelectQuery;

/// alias -> aliased expression, collected from a whole SELECT (ClickHouse: aliases are visible in
/// every clause, also before their definition).
using AliasMap = std::map<std::string, ASTPtr>;

/// Compiles AST expressions into an ExpressionActions DAG with ClickHouse binder rules:
///  - an identifier is an alias when one exists, except inside the definition of that alias (the
///    nearest enclosing aliased expression), where it is the input column: `f(x) AS x` makes `x`
///    mean f(x) everywhere except inside f(x) itself; an identifier naming another alias whose
///    definition is being expanded is CYCLIC_ALIASES (`b + 1 AS a, a + 1 AS b`);
///  - `t.x` / `db.t.x` resolve to column x when the qualifier names the table;
///  - function names resolve through FunctionRegistry (case-insensitively where ClickHouse does);
///  - any subexpression whose canonical name is already a column of the input header (e.g. the
///    `count()` column of an aggregated block) is taken from the input;
///  - aggregate functions must come from the input; elsewhere they are ILLEGAL_AGGREGATION.
/// Node names are canonical: built from the names of the resolved arguments, so the same
/// expression reached through different aliases is computed once.
class ExpressionBinder
{
public:
    /// `resolution_header`, when given, is the header against which identifiers are resolved for
    /// canonical names (the source columns when binding over an aggregated block); identifiers not
    /// in `input_header` then fail with NOT_AN_AGGREGATE.
    ExpressionBinder(ExpressionActions & actions, const Block & input_header, const AliasMap & aliases,
                     std::vector<std::string> table_qualifiers = {}, const Block * resolution_header = nullptr);

    /// Binds `ast` and returns its node.
    size_t bind(const ASTPtr & ast);
    /// Binds `ast` and declares it an output named `output_name`.
    size_t bindOutput(const ASTPtr & ast, const std::string & output_name);

    /// Canonical name `ast` would get (without binding it).
    std::string canonicalName(const ASTPtr & ast);

    /// Enables subqueries in expressions: scalar `(SELECT ...)` and `x IN (SELECT ...)`, run
    /// through `executor` while binding (their results become constants).
    void setSubqueryContext(const ISubqueryExecutor * executor, const ITableResolver * tables)
    {
        subquery_executor_ = executor;
        subquery_tables_ = tables;
    }

    /// Name of the clause being bound, for messages ("WHERE", "ORDER BY").
    void setClause(std::string clause) { clause_ = std::move(clause); }

    /// True for names of aggregate functions (count, sum, ... and their -If/-Distinct forms).
    static bool isAggregateFunctionName(const std::string & name);

    /// Collects aliases of all expressions of `query` (not entering subqueries). Throws
    /// MULTIPLE_EXPRESSIONS_FOR_ALIAS when one alias names different expressions.
    static AliasMap collectAliases(const ASTSelectQuery & query);

private:
    /// While alive: `alias` is the alias being defined (current_alias_) and is being expanded.
    struct AliasScope
    {
        AliasScope(ExpressionBinder & binder_, const std::string & alias);
        ~AliasScope();
        AliasScope(const AliasScope &) = delete;
        AliasScope & operator=(const AliasScope &) = delete;

        ExpressionBinder & binder;
        bool active;
        bool inserted = false;
        std::string saved_current;
    };
    /// The expression `name` is an alias of, or nullptr when `name` is a column here; throws CYCLIC_ALIASES.
    const ASTPtr * findAlias(const std::string & name) const;

    size_t bindImpl(const ASTPtr & ast);
    size_t bindAliased(const ASTPtr & ast);
    std::string canonicalNameImpl(const ASTPtr & ast);
    size_t bindIdentifier(const ASTPtr & ast);
    size_t bindFunction(const ASTPtr & ast);
    /// arrayMap(x -> e, arr, ...) and the other functions taking a lambda: the body is compiled into
    /// its own actions over the array elements; outer columns it uses are passed as extra arguments.
    size_t bindHigherOrderFunction(const ASTPtr & ast, const std::string & name);
    std::string resolveColumnName(const std::vector<std::string> & parts) const;

    ExpressionActions & actions_;
    const Block & input_header_;
    const AliasMap & aliases_;
    std::vector<std::string> table_qualifiers_;
    const Block * resolution_header_;
    std::set<std::string> expanding_;
    std::string current_alias_;
    std::string clause_;
    size_t depth_ = 0;
    const ISubqueryExecutor * subquery_executor_ = nullptr;
    const ITableResolver * subquery_tables_ = nullptr;

    Block executeSubquery(const ASTPtr & subquery);
    size_t bindScalarSubquery(const ASTPtr & ast);
    size_t bindSetSubquery(const ASTPtr & ast);
};

/// Replaces, in a copy of `ast`, identifiers that are aliases by their expressions (recursively,
/// with the same shadowing rules as the binder). Used where an expression is analysed as an AST
/// (key conditions, aggregate collection). Nodes keep their aliases, so binding the result again
/// with the same aliases resolves every identifier the same way.
ASTPtr expandAliases(const ASTPtr & ast, const AliasMap & aliases, const Block & input_header);

} // namespace pipit
