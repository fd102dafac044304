#include "engine/planner/ExpressionBinder.h"

#include "engine/aggregates/AggregateFunctionFactory.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionArrayHigherOrder.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/planner/LambdaExpressionActions.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"

#include <algorithm>
#include <cctype>

namespace pipit
{

namespace
{

std::string toLower(std::string s)
{
    for (auto & c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

void collectAliasesFrom(const ASTPtr & ast, AliasMap & aliases)
{
    if (!ast)
        return;
    if (ast->kind == ASTKind::Lambda || ast->kind == ASTKind::WithElement)
        return;
    /// A scalar subquery's own alias is visible (`WITH (SELECT ...) AS m`); aliases inside it are not.
    if (!ast->alias.empty())
    {
        auto it = aliases.find(ast->alias);
        if (it != aliases.end())
        {
            auto a = it->second->clone();
            auto b = ast->clone();
            a->alias.clear();
            b->alias.clear();
            if (formatAST(*a) != formatAST(*b))
                throw Exception(ErrorCode::MULTIPLE_EXPRESSIONS_FOR_ALIAS, "Different expressions with the same alias " + ast->alias +
                                                                               ":\n" + formatAST(*a) + "\nand\n" + formatAST(*b));
        }
        else
            aliases.emplace(ast->alias, ast);
    }
    if (ast->kind == ASTKind::Subquery)
        return;
    ast->forEachChild([&](const ASTPtr & child) { collectAliasesFrom(child, aliases); });
}

} // namespace

ExpressionBinder::ExpressionBinder(ExpressionActions & actions, const Block & input_header, const AliasMap & aliases,
                                   std::vector<std::string> table_qualifiers, const Block * resolution_header)
    : actions_(actions)
    , input_header_(input_header)
    , aliases_(aliases)
    , table_qualifiers_(std::move(table_qualifiers))
    , resolution_header_(resolution_header)
{
}

bool ExpressionBinder::isAggregateFunctionName(const std::string & name)
{
    static const std::set<std::string> names = {"count",
                                                "sum",
                                                "min",
                                                "max",
                                                "avg",
                                                "any",
                                                "anylast",
                                                "anyheavy",
                                                "uniq",
                                                "uniqexact",
                                                "uniqcombined",
                                                "uniqcombined64",
                                                "uniqhll12",
                                                "uniqtheta",
                                                "grouparray",
                                                "groupuniqarray",
                                                "grouparraysample",
                                                "quantile",
                                                "quantiles",
                                                "quantileexact",
                                                "quantiletiming",
                                                "quantiletdigest",
                                                "quantilesexact",
                                                "quantilestiming",
                                                "quantilestdigest",
                                                "median",
                                                "argmin",
                                                "argmax",
                                                "topk",
                                                "stddevpop",
                                                "stddevsamp",
                                                "varpop",
                                                "varsamp",
                                                "covarpop",
                                                "covarsamp",
                                                "corr",
                                                "sumwithoverflow",
                                                "grouparrayinsertat",
                                                "groupbitand",
                                                "groupbitor",
                                                "groupbitxor",
                                                "summap",
                                                "minmap",
                                                "maxmap",
                                                "avgweighted",
                                                "simplelinearregression",
                                                "entropy",
                                                "first_value",
                                                "last_value",
                                                "singlevalueornull",
                                                "countdistinct",
                                                "sumdistinct",
                                                "uniqupto",
                                                "deltasum",
                                                "sumcount",
                                                "stddev_pop",
                                                "stddev_samp",
                                                "var_pop",
                                                "var_samp",
                                                "any_value",
                                                "boundingratio",
                                                "histogram",
                                                "mode",
                                                "grouparraylast"};
    if (AggregateFunctionFactory::instance().isAggregateFunctionName(name))
        return true;
    std::string lower = toLower(name);
    if (names.contains(lower))
        return true;
    for (const char * suffix : {"if", "array", "state", "merge", "distinct", "ornull", "ordefault", "resample", "foreach"})
    {
        std::string s = suffix;
        if (lower.size() > s.size() && lower.ends_with(s) && isAggregateFunctionName(lower.substr(0, lower.size() - s.size())))
            return true;
    }
    return false;
}

AliasMap ExpressionBinder::collectAliases(const ASTSelectQuery & query)
{
    AliasMap aliases;
    for (const auto & e : query.with)
        collectAliasesFrom(e, aliases);
    for (const auto & e : query.select)
        collectAliasesFrom(e, aliases);
    collectAliasesFrom(query.prewhere, aliases);
    collectAliasesFrom(query.where, aliases);
    for (const auto & e : query.group_by)
        collectAliasesFrom(e, aliases);
    collectAliasesFrom(query.having, aliases);
    collectAliasesFrom(query.qualify, aliases);
    for (const auto & e : query.order_by)
        if (e)
            collectAliasesFrom(e->expression, aliases);
    for (const auto & e : query.limit_by)
        collectAliasesFrom(e, aliases);
    return aliases;
}

std::string ExpressionBinder::resolveColumnName(const std::vector<std::string> & parts) const
{
    auto has = [&](const std::string & name)
    {
        return input_header_.has(name) || (resolution_header_ && resolution_header_->has(name));
    };
    std::string full;
    for (size_t i = 0; i < parts.size(); ++i)
        full += (i ? "." : "") + parts[i];
    if (has(full))
        return full;
    if (parts.size() >= 2)
    {
        /// Strip a qualifier naming the table: t.x, db.t.x.
        for (size_t prefix_len = parts.size() - 1; prefix_len >= 1; --prefix_len)
        {
            std::string prefix, rest;
            for (size_t i = 0; i < parts.size(); ++i)
            {
                if (i < prefix_len)
                    prefix += (i ? "." : "") + parts[i];
                else
                    rest += (i > prefix_len ? "." : "") + parts[i];
            }
            if (std::find(table_qualifiers_.begin(), table_qualifiers_.end(), prefix) != table_qualifiers_.end() && has(rest))
                return rest;
        }
    }
    return "";
}

ExpressionBinder::AliasScope::AliasScope(ExpressionBinder & binder_, const std::string & alias)
    : binder(binder_)
    , active(!alias.empty())
{
    if (!active)
        return;
    saved_current = std::move(binder.current_alias_);
    binder.current_alias_ = alias;
    inserted = binder.expanding_.insert(alias).second;
}

ExpressionBinder::AliasScope::~AliasScope()
{
    if (!active)
        return;
    if (inserted)
        binder.expanding_.erase(binder.current_alias_);
    binder.current_alias_ = std::move(saved_current);
}

const ASTPtr * ExpressionBinder::findAlias(const std::string & name) const
{
    auto alias = aliases_.find(name);
    if (alias == aliases_.end() || name == current_alias_)
        return nullptr;
    if (expanding_.contains(name))
        throw Exception(ErrorCode::CYCLIC_ALIASES, "Cyclic aliases: " + name);
    return &alias->second;
}

std::string ExpressionBinder::canonicalName(const ASTPtr & ast)
{
    AliasScope scope(*this, ast->alias);
    return canonicalNameImpl(ast);
}

std::string ExpressionBinder::canonicalNameImpl(const ASTPtr & ast)
{
    if (const auto * identifier = ast->as<ASTIdentifier>())
    {
        std::string name = identifier->name();
        if (const ASTPtr * aliased = findAlias(name))
        {
            AliasScope scope(*this, name);
            return canonicalNameImpl(*aliased);
        }
        std::string column = resolveColumnName(identifier->parts);
        return column.empty() ? name : column;
    }
    if (const auto * function = ast->as<ASTFunction>())
    {
        std::string res = function->name;
        if (function->has_parameters)
        {
            res += "(";
            for (size_t i = 0; i < function->parameters.size(); ++i)
                res += (i ? ", " : "") + canonicalName(function->parameters[i]);
            res += ")";
        }
        res += "(";
        for (size_t i = 0; i < function->arguments.size(); ++i)
        {
            res += (i ? ", " : "") + canonicalName(function->arguments[i]);
            /// Aliases can expand exponentially (a AS b, b + b AS c, c + c AS d, ...).
            if (res.size() > (1u << 20))
                throw Exception(ErrorCode::TOO_DEEP_RECURSION, "Expression is too large after alias expansion");
        }
        return res + ")";
    }
    auto copy = ast->clone();
    copy->alias.clear();
    return formatColumnName(*copy);
}

size_t ExpressionBinder::bind(const ASTPtr & ast)
{
    return bindImpl(ast);
}

size_t ExpressionBinder::bindOutput(const ASTPtr & ast, const std::string & output_name)
{
    size_t node = bindImpl(ast);
    actions_.addOutput(node, output_name);
    return node;
}

size_t ExpressionBinder::bindImpl(const ASTPtr & ast)
{
    AliasScope scope(*this, ast->alias);
    return bindAliased(ast);
}

size_t ExpressionBinder::bindAliased(const ASTPtr & ast)
{
    if (++depth_ > 1000)
    {
        depth_ = 0;
        throw Exception(ErrorCode::TOO_DEEP_RECURSION, "Expression is too deep");
    }
    struct DepthGuard
    {
        size_t & depth;
        ~DepthGuard()
        {
            if (depth)
                --depth;
        }
    } guard {depth_};

    switch (ast->kind)
    {
    case ASTKind::Literal:
    {
        const auto & literal = *ast->as<ASTLiteral>();
        auto type = literal.is_bool ? typeBool() : dataTypeOfField(literal.value);
        return actions_.addConstant(canonicalName(ast), type, literal.value);
    }
    case ASTKind::Identifier:
        return bindIdentifier(ast);
    case ASTKind::Function:
        return bindFunction(ast);
    case ASTKind::Asterisk:
        throw Exception(ErrorCode::UNKNOWN_ELEMENT_IN_AST, "Asterisk is not allowed in this place of the query");
    case ASTKind::Subquery:
        return bindScalarSubquery(ast);
    case ASTKind::Lambda:
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "Lambda functions are not supported yet");
    case ASTKind::QueryParameter:
        throw Exception(ErrorCode::BAD_ARGUMENTS,
                        "Substitution for query parameter '" + ast->as<ASTQueryParameter>()->name + "' is not set");
    default:
        throw Exception(ErrorCode::UNKNOWN_ELEMENT_IN_AST, "Unexpected element in expression: " + formatAST(*ast));
    }
}

size_t ExpressionBinder::bindIdentifier(const ASTPtr & ast)
{
    const auto & identifier = *ast->as<ASTIdentifier>();
    std::string name = identifier.name();
    if (const ASTPtr * aliased = findAlias(name))
    {
        AliasScope scope(*this, name);
        return bindAliased(*aliased);
    }
    std::string column = resolveColumnName(identifier.parts);
    if (!column.empty() && !input_header_.has(column))
        throw Exception(ErrorCode::NOT_AN_AGGREGATE, "Column `" + column + "` is not under aggregate function and not in GROUP BY" +
                                                         (clause_.empty() ? "" : " (in " + clause_ + ")"));
    if (column.empty())
    {
        std::string existing;
        for (const auto & c : input_header_)
            existing += (existing.empty() ? "" : ", ") + c.name;
        throw Exception(ErrorCode::UNKNOWN_IDENTIFIER, "Missing columns: '" + name + "'" + (clause_.empty() ? "" : " in " + clause_) +
                                                           ". Source columns: " + (existing.empty() ? "(none)" : existing));
    }
    return actions_.addInput(column, input_header_.getByName(column).type);
}

size_t ExpressionBinder::bindFunction(const ASTPtr & ast)
{
    const auto & function = *ast->as<ASTFunction>();
    std::string name = canonicalName(ast);
    if (const auto * column = input_header_.findByName(name))
        return actions_.addInput(name, column->type);
    if (auto existing = actions_.findNode(name))
        return *existing;

    if (function.isWindowFunction())
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "Window functions are not supported yet: " + name);
    if (isAggregateFunctionName(function.name))
        throw Exception(ErrorCode::ILLEGAL_AGGREGATION,
                        "Aggregate function " + name + " is found" + (clause_.empty() ? "" : " in " + clause_) + " in query");

    /// CASE x WHEN a THEN b ... ELSE e END -> multiIf(x = a, b, ..., e).
    if (function.name == "caseWithExpression")
    {
        if (function.arguments.size() < 3)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Invalid CASE expression");
        ASTs args;
        size_t rest = function.arguments.size() - 1;
        bool has_else = rest % 2 == 1;
        for (size_t k = 0; 2 * k + 2 <= rest - (has_else ? 1 : 0); ++k)
        {
            args.push_back(makeASTFunction("equals", {function.arguments[0], function.arguments[1 + 2 * k]}));
            args.push_back(function.arguments[2 + 2 * k]);
        }
        args.push_back(has_else ? function.arguments.back() : std::make_shared<ASTLiteral>(Field()));
        auto multi_if = makeASTFunction("multiIf", args);
        size_t node = bindImpl(multi_if);
        return node;
    }

    if (!function.arguments.empty() && function.arguments[0]->kind == ASTKind::Lambda)
        return bindHigherOrderFunction(ast, name);

    auto resolved = FunctionRegistry::instance().get(function.name);
    bool is_in = function.name == "in" || function.name == "notIn" || function.name == "globalIn" || function.name == "globalNotIn";
    std::vector<size_t> children;
    children.reserve(function.arguments.size());
    for (size_t i = 0; i < function.arguments.size(); ++i)
    {
        const auto & argument = function.arguments[i];
        if (argument->kind == ASTKind::Asterisk)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Asterisk is not allowed as an argument of function " + function.name);
        if (is_in && i == 1 && argument->kind == ASTKind::Subquery)
            children.push_back(bindSetSubquery(argument));
        else
            children.push_back(bindImpl(argument));
    }
    try
    {
        return actions_.addFunction(resolved, children, name);
    }
    catch (Exception & e)
    {
        e.addContext("while processing " + name);
        throw;
    }
}

size_t ExpressionBinder::bindHigherOrderFunction(const ASTPtr & ast, const std::string & name)
{
    const auto & function = *ast->as<ASTFunction>();
    const auto & lambda = *function.arguments[0]->as<ASTLambda>();
    if (!isHigherOrderFunctionName(function.name))
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Function " + function.name + " can't have lambda-expressions as arguments: " + name);
    if (function.arguments.size() - 1 != lambda.params.size())
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "The lambda of " + function.name + " takes " + std::to_string(lambda.params.size()) + " arguments, but "
                            + std::to_string(function.arguments.size() - 1) + " arrays are passed");
    auto is_parameter = [&](const std::string & n) { return std::find(lambda.params.begin(), lambda.params.end(), n) != lambda.params.end(); };

    /// The arrays, then a header for the body: the parameters (element types) over the outer columns.
    std::vector<size_t> children;
    Block lambda_header;
    for (size_t i = 1; i < function.arguments.size(); ++i)
    {
        size_t node = bindImpl(function.arguments[i]);
        const auto & type = actions_.getNode(node).result_type;
        if (type->getTypeId() != TypeIndex::Array)
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                            "Argument " + std::to_string(i + 1) + " of function " + function.name + " must be an Array, not " + type->getName());
        children.push_back(node);
        lambda_header.insert({nullptr, arrayNestedType(type), lambda.params[i - 1]});
    }
    for (const auto & column : input_header_)
        if (!is_parameter(column.name))
            lambda_header.insert({nullptr, column.type, column.name});
    AliasMap lambda_aliases = aliases_;
    for (const auto & parameter : lambda.params)
        lambda_aliases.erase(parameter);

    auto lambda_actions = std::make_shared<ExpressionActions>();
    ExpressionBinder body_binder(*lambda_actions, lambda_header, lambda_aliases, table_qualifiers_, resolution_header_);
    body_binder.setSubqueryContext(subquery_executor_, subquery_tables_);
    body_binder.setClause(clause_);
    /// The body sees the aliases being expanded around the lambda (a body naming them is a cycle).
    body_binder.expanding_ = expanding_;
    body_binder.current_alias_ = current_alias_;
    body_binder.depth_ = depth_;
    body_binder.bindOutput(lambda.body, "__lambda_result");

    /// Outer columns the body reads become extra arguments of the call.
    std::vector<std::string> captured;
    for (const auto & input : lambda_actions->getRequiredInputs())
        if (!is_parameter(input))
        {
            captured.push_back(input);
            children.push_back(actions_.addInput(input, input_header_.getByName(input).type));
        }
    auto lambda_expression = std::make_shared<LambdaExpressionActions>(lambda_actions, lambda.params, captured);
    auto resolved = createHigherOrderFunction(function.name, lambda_expression, captured.size());
    try
    {
        return actions_.addFunction(resolved, children, name);
    }
    catch (Exception & e)
    {
        e.addContext("while processing " + name);
        throw;
    }
}

Block ExpressionBinder::executeSubquery(const ASTPtr & subquery)
{
    if (!subquery_executor_ || !subquery_tables_)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "Subqueries are not supported in this context");
    const auto * node = subquery->as<ASTSubquery>();
    return subquery_executor_->execute(node->query, *subquery_tables_);
}

size_t ExpressionBinder::bindScalarSubquery(const ASTPtr & ast)
{
    std::string name = canonicalName(ast);
    if (auto existing = actions_.findNode(name))
        return *existing;
    Block result = executeSubquery(ast);
    if (result.rows() > 1)
        throw Exception(ErrorCode::INCORRECT_RESULT_OF_SCALAR_SUBQUERY, "Scalar subquery returned more than one row");
    if (result.columns() == 1)
    {
        const auto & column = result.getByPosition(0);
        if (result.rows() == 0)
            return actions_.addConstant(name, makeNullableType(column.type), Field());
        return actions_.addConstant(name, column.type, (*column.column)[0]);
    }
    std::string type_name = "Tuple(";
    FieldTuple values;
    for (size_t i = 0; i < result.columns(); ++i)
    {
        const auto & column = result.getByPosition(i);
        type_name += (i ? ", " : "") + (result.rows() ? column.type : makeNullableType(column.type))->getName();
        values.values.push_back(result.rows() ? (*column.column)[0] : Field());
    }
    return actions_.addConstant(name, typeByName(type_name + ")"), Field(values));
}

size_t ExpressionBinder::bindSetSubquery(const ASTPtr & ast)
{
    std::string name = canonicalName(ast);
    if (auto existing = actions_.findNode(name))
        return *existing;
    Block result = executeSubquery(ast);
    if (result.columns() > 1)
    {
        /// (a, b) IN (SELECT x, y ...): the set is an array of tuples.
        std::string tuple_type = "Tuple(";
        for (size_t c = 0; c < result.columns(); ++c)
            tuple_type += (c ? ", " : "") + result.getByPosition(c).type->getName();
        tuple_type += ")";
        FieldArray tuples;
        tuples.values.reserve(result.rows());
        for (size_t i = 0; i < result.rows(); ++i)
        {
            FieldTuple tuple;
            for (size_t c = 0; c < result.columns(); ++c)
                tuple.values.push_back((*result.getByPosition(c).column)[i]);
            tuples.values.push_back(Field(std::move(tuple)));
        }
        return actions_.addConstant(name, typeByName("Array(" + tuple_type + ")"), Field(std::move(tuples)));
    }
    if (result.columns() != 1)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "IN with a subquery without columns is not supported");
    const auto & column = result.getByPosition(0);
    FieldArray values;
    values.values.reserve(result.rows());
    for (size_t i = 0; i < result.rows(); ++i)
        values.values.push_back((*column.column)[i]);
    return actions_.addConstant(name, typeByName("Array(" + column.type->getName() + ")"), Field(std::move(values)));
}

namespace
{

/// Same alias rules as ExpressionBinder: `current` is the alias of the nearest aliased node being
/// expanded (an identifier of that name is the column), `expanding` all aliases being expanded (an
/// identifier naming another of them is a cycle).
ASTPtr expandAliasesImpl(const ASTPtr & ast, const AliasMap & aliases, const Block & header, std::set<std::string> & expanding,
                         const std::string & current, size_t depth, size_t & nodes)
{
    if (depth > 1000)
        throw Exception(ErrorCode::TOO_DEEP_RECURSION, "Expression is too deep");
    if (++nodes > 100000)
        throw Exception(ErrorCode::TOO_DEEP_RECURSION, "Expression is too large after alias expansion");
    const std::string & scope = ast->alias.empty() ? current : ast->alias;
    bool inserted = !ast->alias.empty() && expanding.insert(ast->alias).second;
    ASTPtr res;
    if (const auto * identifier = ast->as<ASTIdentifier>())
    {
        std::string name = identifier->name();
        auto it = aliases.find(name);
        if (it != aliases.end() && name != scope)
        {
            if (expanding.contains(name))
                throw Exception(ErrorCode::CYCLIC_ALIASES, "Cyclic aliases: " + name);
            expanding.insert(name);
            res = expandAliasesImpl(it->second, aliases, header, expanding, name, depth + 1, nodes);
            expanding.erase(name);
        }
        else
        {
            res = ast->clone();
            /// A shadowed alias name is the column; `x AS x` keeps it the column when the result is bound
            /// outside its context (an aggregate's argument alone).
            if (it != aliases.end())
                res->alias = name;
        }
    }
    else if (const auto * function = ast->as<ASTFunction>())
    {
        auto copy = std::static_pointer_cast<ASTFunction>(function->clone());
        for (auto & argument : copy->arguments)
            argument = expandAliasesImpl(argument, aliases, header, expanding, scope, depth + 1, nodes);
        res = copy;
    }
    else
        res = ast->clone();
    if (inserted)
        expanding.erase(ast->alias);
    return res;
}

} // namespace

ASTPtr expandAliases(const ASTPtr & ast, const AliasMap & aliases, const Block & input_header)
{
    std::set<std::string> expanding;
    size_t nodes = 0;
    return expandAliasesImpl(ast, aliases, input_header, expanding, "", 0, nodes);
}

} // namespace pipit
