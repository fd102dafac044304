#include "engine/planner/SelectQueryPlanner.h"

#include "engine/aggregates/AggregateFunctionFactory.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/planner/ArrayJoinPlanner.h"
#include "engine/planner/ExpressionBinder.h"
#include "engine/planner/JoinPlanner.h"
#include "engine/planner/KeyCondition.h"
#include "engine/planner/RecursiveCTEEvaluator.h"
#include "engine/planner/StorageBlocks.h"
#include "engine/planner/WindowPlanner.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/Parser.h"
#include "engine/storage/StorageGenerateRandom.h"
#include "engine/types/DataTypeDateTime.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

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

[[noreturn]] void notImplemented(const std::string & what)
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, what + " is not supported yet");
}

std::string outputName(const ASTPtr & ast)
{
    if (!ast->alias.empty())
        return ast->alias;
    return formatColumnName(*ast);
}

bool isOrdinaryColumn(const ColumnDescription & column)
{
    return column.default_kind != "MATERIALIZED" && column.default_kind != "ALIAS";
}

/// Collects aggregate calls (expanded ASTs) in `ast`; nested aggregates are an error.
void collectAggregates(const ASTPtr & ast, std::vector<ASTPtr> & out, bool inside_aggregate)
{
    if (!ast || ast->kind == ASTKind::Subquery || ast->kind == ASTKind::Lambda)
        return;
    if (const auto * function = ast->as<ASTFunction>())
    {
        if (!function->isWindowFunction() && ExpressionBinder::isAggregateFunctionName(function->name))
        {
            if (inside_aggregate)
                throw Exception(ErrorCode::ILLEGAL_AGGREGATION,
                                "Aggregate function " + formatColumnName(*ast) + " is found inside another aggregate function in query");
            out.push_back(ast);
            for (const auto & argument : function->arguments)
                collectAggregates(argument, out, true);
            return;
        }
    }
    ast->forEachChild([&](const ASTPtr & child) { collectAggregates(child, out, inside_aggregate); });
}

/// INTERPOLATE items over the result columns; `sort_columns`: result columns that are ORDER BY keys
/// (they cannot be interpolated). Without a list every other result column takes the previous value.
std::vector<FillInterpolateDescription> planInterpolate(const ASTSelectQuery & query, const Block & result_header,
                                                        const std::set<std::string> & sort_columns)
{
    std::vector<FillInterpolateDescription> items;
    if (query.interpolate.empty())
    {
        for (const auto & column : result_header)
            if (!sort_columns.contains(column.name))
                items.push_back({column.name, nullptr});
        return items;
    }
    for (const auto & [name, expression] : query.interpolate)
    {
        if (!result_header.has(name))
            throw Exception(ErrorCode::UNKNOWN_IDENTIFIER, "Missing column " + name + " of INTERPOLATE in the result");
        if (sort_columns.contains(name))
            throw Exception(ErrorCode::INVALID_WITH_FILL_EXPRESSION,
                            "Column '" + name + "' is participating in ORDER BY expression and can't be INTERPOLATE output");
        for (const auto & item : items)
            if (item.column_name == name)
                throw Exception(ErrorCode::INVALID_WITH_FILL_EXPRESSION, "Duplicate INTERPOLATE column " + name);
        ExpressionActionsPtr actions;
        if (expression)
        {
            std::vector<ASTPtr> found;
            collectAggregates(expression, found, false);
            if (!found.empty())
                throw Exception(ErrorCode::ILLEGAL_AGGREGATION, "Aggregate function is found in INTERPOLATE in query");
            auto built = std::make_shared<ExpressionActions>();
            AliasMap no_aliases;
            ExpressionBinder binder(*built, result_header, no_aliases);
            binder.setClause("INTERPOLATE");
            built->addOutput(binder.bind(expression), "__interpolate");
            actions = built;
        }
        items.push_back({name, std::move(actions)});
    }
    return items;
}

/// Resolves the names of WITH name AS (SELECT ...) to their (lazily computed) results, other names
/// through the parent resolver.
class TableResolverWithCTEs final : public ITableResolver
{
public:
    TableResolverWithCTEs(const ITableResolver & parent, const ISubqueryExecutor * executor)
        : parent_(parent)
        , executor_(executor)
    {
    }

    /// `recursive_depth`: WITH RECURSIVE, with this max_recursive_cte_evaluation_depth; 0 otherwise.
    void add(const std::string & name, ASTPtr query, UInt64 recursive_depth = 0) { ctes_[name] = {std::move(query), nullptr, recursive_depth}; }
    bool empty() const { return ctes_.empty(); }

    ResolvedTable resolveTable(const std::string & database, const std::string & table) const override
    {
        auto it = ctes_.find(table);
        /// Inside its own definition a CTE's name is the table of that name (RECURSIVE: the previous round).
        if (!database.empty() || it == ctes_.end() || it->second.evaluating)
            return parent_.resolveTable(database, table);
        if (!it->second.storage)
        {
            if (!executor_)
                notImplemented("WITH <name> AS (subquery)");
            auto & cte = it->second;
            cte.evaluating = true;
            try
            {
                if (cte.recursive_depth && RecursiveCTEEvaluator::readsTable(cte.query, table))
                    cte.storage = materialize(RecursiveCTEEvaluator::evaluate(table, cte.query, *this, *executor_, cte.recursive_depth));
                else
                    cte.storage = materialize(executor_->execute(cte.query, *this));
            }
            catch (...)
            {
                cte.evaluating = false;
                throw;
            }
            cte.evaluating = false;
        }
        ResolvedTable resolved;
        resolved.table = table;
        resolved.storage = it->second.storage;
        resolved.columns = it->second.storage->getColumns();
        return resolved;
    }

    static StoragePtr materialize(const Block & block)
    {
        ColumnsDescription columns;
        for (const auto & c : block)
            columns.push_back({c.name, c.type, "", "", ""});
        return std::make_shared<StorageBlocks>(columns, std::vector<Block> {block});
    }

private:
    struct CTE
    {
        ASTPtr query;
        StoragePtr storage;
        UInt64 recursive_depth = 0;
        bool evaluating = false;
    };
    const ITableResolver & parent_;
    const ISubqueryExecutor * executor_;
    mutable std::map<std::string, CTE> ctes_;
};

} // namespace

Field SelectQueryPlanner::evaluateConstant(const ASTPtr & ast, const std::string & what)
{
    ExpressionActions actions;
    Block empty;
    AliasMap no_aliases;
    ExpressionBinder binder(actions, empty, no_aliases);
    size_t node;
    try
    {
        node = binder.bind(ast);
    }
    catch (const Exception & e)
    {
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Expression for " + what + " must be constant: " + e.message());
    }
    const auto & n = actions.getNode(node);
    if (n.type != ExpressionActions::NodeType::Constant)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Expression for " + what + " must be constant");
    return (*n.constant)[0];
}

FillColumnDescription SelectQueryPlanner::planFill(const ASTOrderByElement & element, const std::string & sort_name, size_t node,
                                                  const std::vector<std::pair<std::string, size_t>> & output_nodes,
                                                  const IDataType & key_type)
{
    FillColumnDescription fill;
    fill.column_name = sort_name;
    fill.direction = element.direction;
    for (const auto & [name, output_node] : output_nodes)
        if (output_node == node)
            fill.same_value_columns.push_back(name);
    auto key = removeNullableType(typeByName(key_type.getName()));
    auto key_id = key->getTypeId();
    auto invalid = [](const std::string & message) { throw Exception(ErrorCode::INVALID_WITH_FILL_EXPRESSION, message); };
    /// A constant of a numeric type (for a Date/DateTime key also of exactly the key's type), as a
    /// number of the key's unit; NULL is no bound, as in ClickHouse.
    auto constant = [&](const ASTPtr & ast, const char * what) -> std::optional<double>
    {
        ExpressionActions actions;
        Block empty;
        AliasMap no_aliases;
        ExpressionBinder binder(actions, empty, no_aliases);
        size_t bound = 0;
        try
        {
            bound = binder.bind(ast);
        }
        catch (const Exception & e)
        {
            invalid(std::string("WITH FILL ") + what + " expression must be constant: " + e.message());
        }
        const auto & n = actions.getNode(bound);
        if (n.type != ExpressionActions::NodeType::Constant)
            invalid(std::string("WITH FILL ") + what + " expression must be constant");
        Field value = (*n.constant)[0];
        if (value.isNull())
            return std::nullopt;
        auto type = removeNullableType(removeLowCardinalityType(n.result_type));
        auto id = type->getTypeId();
        bool is_date = id == TypeIndex::Date || id == TypeIndex::Date32 || id == TypeIndex::DateTime;
        if ((!isNativeNumber(id) && !is_date) || id == TypeIndex::Bool || (is_date && type->getName() != key->getName()) ||
            (isFloat(id) && !isFloat(key_id)))
            invalid(std::string("Incompatible type ") + n.result_type->getName() + " of WITH FILL " + what + " with column type " +
                    key->getName());
        double number = value.toFloat64();
        bool is_bound = std::string_view(what) != "STEP";
        if (is_bound && number < 0 &&
            (key_id == TypeIndex::UInt8 || key_id == TypeIndex::UInt16 || key_id == TypeIndex::UInt32 || key_id == TypeIndex::UInt64))
            invalid("WITH FILL bound values cannot be negative for unsigned type " + key->getName());
        return number;
    };
    if (element.fill_from)
        fill.from = constant(element.fill_from, "FROM");
    if (element.fill_to)
        fill.to = constant(element.fill_to, "TO");
    if (element.fill_step)
    {
        /// STEP n, or STEP INTERVAL n unit: seconds for DateTime keys, days for Date keys, calendar months for MONTH/QUARTER/YEAR.
        const auto * function = element.fill_step->as<ASTFunction>();
        if (function && function->name.starts_with("toInterval") && function->arguments.size() == 1)
        {
            std::string unit = function->name.substr(std::string("toInterval").size());
            double seconds = unit == "Second" ? 1 : unit == "Minute" ? 60 : unit == "Hour" ? 3600 : unit == "Day" ? 86400 : unit == "Week" ? 604800 : 0;
            Int64 months = unit == "Month" ? 1 : unit == "Quarter" ? 3 : unit == "Year" ? 12 : 0;
            if (seconds == 0 && months == 0)
                invalid("WITH FILL STEP INTERVAL in " + unit + "s is not supported");
            bool is_date = key_id == TypeIndex::Date || key_id == TypeIndex::Date32;
            if (!is_date && key_id != TypeIndex::DateTime)
                invalid("STEP of Interval type can be used only with Date/DateTime types, but got " + key->getName());
            auto amount = constant(function->arguments[0], "STEP");
            if (!amount || *amount != std::trunc(*amount))
                invalid("WITH FILL STEP INTERVAL needs a whole number of " + unit + "s");
            if (is_date && months == 0 && std::abs(*amount * seconds) < 86400)
                invalid("Value of step is to low (" + std::to_string(static_cast<Int64>(std::abs(*amount * seconds))) +
                        " seconds). Must be >= 1 day");
            if (months != 0)
            {
                fill.step_months = static_cast<Int64>(*amount) * months;
                if (fill.step_months == 0)
                    invalid("WITH FILL STEP value cannot be zero");
                if (key_id == TypeIndex::DateTime)
                    fill.time_zone = static_cast<const DataTypeDateTime &>(*key).getTimeZone().name();
            }
            else
                fill.step = *amount * seconds / (is_date ? 86400 : 1);
        }
        else
            fill.step = constant(element.fill_step, "STEP");
    }
    FillingTransform::validate(fill, key_type);
    return fill;
}

SelectQueryPlan SelectQueryPlanner::plan(const ASTSelectQuery & query, const ITableResolver & parent_tables,
                                         const ISubqueryExecutor * subqueries)
{
    if (query.limit_with_ties)
        return SelectQueryPlanner::plan(*WindowPlanner::rewriteLimitWithTies(query), parent_tables, subqueries);
    SelectQueryPlan plan;
    auto with_ctes = std::make_shared<TableResolverWithCTEs>(parent_tables, subqueries);
    UInt64 recursive_depth = 0;
    if (query.with_recursive)
    {
        recursive_depth = 1000;
        for (const auto & change : query.settings)
            if (change.name == "max_recursive_cte_evaluation_depth")
                recursive_depth = std::max<UInt64>(1, change.value.toUInt64());
    }
    for (const auto & w : query.with)
        if (const auto * cte = w->as<ASTWithElement>())
            with_ctes->add(cte->name, cte->subquery->as<ASTSubquery>()->query, recursive_depth);
    const ITableResolver & tables = with_ctes->empty() ? parent_tables : *with_ctes;
    auto make_binder = [&](ExpressionActions & actions, const Block & input, const AliasMap & aliases,
                           const std::vector<std::string> & qualifiers, const Block * resolution)
    {
        ExpressionBinder binder(actions, input, aliases, qualifiers, resolution);
        binder.setSubqueryContext(subqueries, &tables);
        return binder;
    };

    if (JoinPlanner::hasJoin(query))
    {
        auto joined = JoinPlanner::plan(query, tables, subqueries);
        return SelectQueryPlanner::plan(*joined.query, *joined.tables, subqueries);
    }
    if (ArrayJoinPlanner::hasArrayJoin(query))
    {
        auto array_joined = ArrayJoinPlanner::plan(query, tables, subqueries);
        return SelectQueryPlanner::plan(*array_joined.query, *array_joined.tables, subqueries);
    }
    if (WindowPlanner::hasWindowFunctions(query))
    {
        auto windowed = WindowPlanner::plan(query, tables, subqueries);
        return SelectQueryPlanner::plan(*windowed.query, *windowed.tables, subqueries);
    }
    if (query.tables.size() > 1)
        notImplemented("JOIN / ARRAY JOIN");
    if (!query.distinct_on.empty())
        notImplemented("DISTINCT ON");
    if (query.group_by_grouping_sets)
        notImplemented("GROUP BY GROUPING SETS");
    if (!query.windows.empty() || query.qualify)
        notImplemented("Window functions");

    /// Source.
    std::vector<std::string> qualifiers;
    ColumnsDescription table_columns;
    ASTs sort_key;
    ASTPtr partition_key;
    if (query.tables.empty())
    {
        plan.source_kind = SelectQueryPlan::SourceKind::OneRow;
        plan.source_header.insert({nullptr, typeUInt8(), "dummy"});
        qualifiers = {"system.one", "one"};
    }
    else
    {
        const auto & element = query.tables[0];
        if (!element->table || element->join || element->array_join)
            notImplemented("JOIN / ARRAY JOIN");
        const auto & table = *element->table;
        if (table.subquery && !subqueries)
            notImplemented("Subqueries in FROM");
        if (table.sample_size)
            notImplemented("SAMPLE");
        if (table.subquery)
        {
            Block result = subqueries->execute(table.subquery->as<ASTSubquery>()->query, tables);
            plan.source_kind = SelectQueryPlan::SourceKind::Table;
            plan.storage = TableResolverWithCTEs::materialize(result);
            plan.table_name = "(subquery)";
            table_columns = plan.storage->getColumns();
            for (const auto & column : table_columns)
                plan.source_header.insert({nullptr, column.type, column.name});
        }
        else if (table.table_function && table.table_function->as<ASTFunction>() &&
                 toLower(table.table_function->as<ASTFunction>()->name) == "generaterandom")
        {
            /// The stream is endless: only a LIMIT without sorting, grouping or DISTINCT ends the read.
            if (!query.limit_length || !query.order_by.empty() || query.order_by_all || !query.group_by.empty() || query.group_by_all ||
                query.distinct)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "generateRandom is endless: read it with LIMIT and without ORDER BY, GROUP BY or "
                                                          "DISTINCT (sort or aggregate a subquery with LIMIT)");
            FieldVector arguments;
            for (const auto & argument : table.table_function->as<ASTFunction>()->arguments)
                arguments.push_back(evaluateConstant(argument, "generateRandom()"));
            plan.source_kind = SelectQueryPlan::SourceKind::Table;
            plan.storage = StorageGenerateRandom::create(arguments);
            plan.table_name = formatAST(*table.table_function);
            table_columns = plan.storage->getColumns();
            for (const auto & column : table_columns)
                plan.source_header.insert({nullptr, column.type, column.name});
            qualifiers = {"generateRandom"};
        }
        else if (table.table_function)
        {
            const auto * function = table.table_function->as<ASTFunction>();
            if (!function || toLower(function->name) != "numbers")
                throw Exception(ErrorCode::UNKNOWN_FUNCTION,
                                "Unknown table function " + (function ? function->name : formatAST(*table.table_function)));
            if (function->arguments.empty() || function->arguments.size() > 2)
                throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Table function numbers requires 1 or 2 arguments");
            plan.source_kind = SelectQueryPlan::SourceKind::Numbers;
            auto first = evaluateConstant(function->arguments[0], "numbers()").toUInt64();
            if (function->arguments.size() == 2)
            {
                plan.numbers_offset = first;
                plan.numbers_count = evaluateConstant(function->arguments[1], "numbers()").toUInt64();
            }
            else
                plan.numbers_count = first;
            plan.source_header.insert({nullptr, typeUInt64(), "number"});
            plan.table_name = formatAST(*table.table_function);
            qualifiers = {"numbers"};
        }
        else if ((toLower(table.database) == "system" && table.table == "numbers") ||
                 (table.database.empty() && table.table == "system.numbers"))
        {
            plan.source_kind = SelectQueryPlan::SourceKind::Numbers;
            plan.source_header.insert({nullptr, typeUInt64(), "number"});
            plan.table_name = "system.numbers";
            qualifiers = {"system.numbers", "numbers"};
        }
        else if ((toLower(table.database) == "system" && table.table == "one"))
        {
            plan.source_kind = SelectQueryPlan::SourceKind::OneRow;
            plan.source_header.insert({nullptr, typeUInt8(), "dummy"});
            qualifiers = {"system.one", "one"};
        }
        else
        {
            ResolvedTable resolved = tables.resolveTable(table.database, table.table);
            plan.source_kind = SelectQueryPlan::SourceKind::Table;
            plan.storage = resolved.storage;
            plan.final = table.final;
            plan.table_name = (resolved.database.empty() ? "" : resolved.database + ".") + resolved.table;
            table_columns = resolved.columns;
            sort_key = resolved.sort_key;
            partition_key = resolved.partition_key;
            for (const auto & column : table_columns)
                if (column.default_kind != "ALIAS")
                    plan.source_header.insert({nullptr, column.type, column.name});
            qualifiers.push_back(resolved.table);
            if (!table.table.empty())
                qualifiers.push_back(table.table);
            if (!resolved.database.empty())
                qualifiers.push_back(resolved.database + "." + resolved.table);
            if (!table.database.empty())
                qualifiers.push_back(table.database + "." + table.table);
        }
        if (!element->table->alias.empty())
            qualifiers.push_back(element->table->alias);
    }

    /// Aliases of the query, plus ALIAS columns of the table (unless the query redefines the name).
    AliasMap aliases = ExpressionBinder::collectAliases(query);
    for (const auto & column : table_columns)
        if (column.default_kind == "ALIAS" && !aliases.contains(column.name) && !column.default_expression.empty())
            aliases.emplace(column.name, parseExpression(column.default_expression));

    /// Select list with * expanded.
    std::vector<std::pair<ASTPtr, std::string>> select_list;
    for (const auto & item : query.select)
    {
        if (const auto * asterisk = item->as<ASTAsterisk>())
        {
            std::unique_ptr<RE2> regexp;
            if (!asterisk->columns_regexp.empty())
            {
                regexp = std::make_unique<RE2>(asterisk->columns_regexp);
                if (!regexp->ok())
                    throw Exception(ErrorCode::CANNOT_PARSE_REGEXP, "Cannot compile COLUMNS regexp: " + regexp->error());
            }
            auto add = [&](const std::string & name)
            {
                if (std::find(asterisk->except.begin(), asterisk->except.end(), name) != asterisk->except.end())
                    return;
                if (regexp && !RE2::PartialMatch(name, *regexp))
                    return;
                select_list.emplace_back(std::make_shared<ASTIdentifier>(name), name);
            };
            if (table_columns.empty())
            {
                for (const auto & c : plan.source_header)
                    add(c.name);
            }
            else
            {
                for (const auto & c : table_columns)
                    if (isOrdinaryColumn(c))
                        add(c.name);
            }
            continue;
        }
        select_list.emplace_back(item, outputName(item));
    }
    if (select_list.empty())
        throw Exception(ErrorCode::EMPTY_LIST_OF_COLUMNS_PASSED, "Empty list of columns in SELECT query");

    const Block & source_header = plan.source_header;

    /// WHERE (PREWHERE is folded into it).
    ASTPtr where = query.where;
    if (query.prewhere)
        where = where ? makeASTFunction("and", {query.prewhere, where}) : query.prewhere;
    if (where)
    {
        std::vector<ASTPtr> found;
        collectAggregates(expandAliases(where, aliases, source_header), found, false);
        if (!found.empty())
            throw Exception(ErrorCode::ILLEGAL_AGGREGATION,
                            "Aggregate function " + formatColumnName(*found[0]) + " is found in WHERE in query");
        auto actions = std::make_shared<ExpressionActions>();
        auto binder = make_binder(*actions, source_header, aliases, qualifiers, nullptr);
        binder.setClause("WHERE");
        size_t node = binder.bind(where);
        auto type = removeNullableType(removeLowCardinalityType(actions->getNode(node).result_type));
        if (!isNativeNumber(type->getTypeId()) && type->getTypeId() != TypeIndex::Nothing)
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type " + actions->getNode(node).result_type->getName() +
                                                                     " of column for filter. Must be UInt8 or Nullable(UInt8).");
        actions->addOutput(node, "__filter");
        plan.where_actions = actions;
    }

    /// Aggregation.
    std::vector<ASTPtr> aggregate_calls;
    for (const auto & [ast, name] : select_list)
        collectAggregates(expandAliases(ast, aliases, source_header), aggregate_calls, false);
    if (query.having)
        collectAggregates(expandAliases(query.having, aliases, source_header), aggregate_calls, false);
    for (const auto & element : query.order_by)
        collectAggregates(expandAliases(element->expression, aliases, source_header), aggregate_calls, false);
    plan.has_aggregation = !aggregate_calls.empty() || !query.group_by.empty() || query.group_by_all;
    if (query.having && !plan.has_aggregation)
        throw Exception(ErrorCode::ILLEGAL_AGGREGATION, "HAVING clause requires GROUP BY or aggregate functions");
    if (query.group_by_with_rollup)
        plan.group_by_modifier = SelectQueryPlan::GroupByModifier::Rollup;
    else if (query.group_by_with_cube)
        plan.group_by_modifier = SelectQueryPlan::GroupByModifier::Cube;
    plan.group_by_with_totals = query.group_by_with_totals && plan.has_aggregation;

    Block aggregated_header;
    if (plan.has_aggregation)
    {
        auto actions = std::make_shared<ExpressionActions>();
        auto binder = make_binder(*actions, source_header, aliases, qualifiers, nullptr);
        binder.setClause("GROUP BY");
        ASTs keys = query.group_by;
        if (query.group_by_all)
        {
            for (const auto & [ast, name] : select_list)
            {
                std::vector<ASTPtr> found;
                collectAggregates(expandAliases(ast, aliases, source_header), found, false);
                if (found.empty())
                    keys.push_back(ast);
            }
        }
        for (const auto & key : keys)
        {
            if (key->kind == ASTKind::Literal && key->as<ASTLiteral>()->value.which() == Field::Which::UInt64)
            {
                /// GROUP BY 1: positional reference to the select list.
                UInt64 position = key->as<ASTLiteral>()->value.get<UInt64>();
                if (position == 0 || position > select_list.size())
                    throw Exception(ErrorCode::BAD_ARGUMENTS, "Positional argument out of bounds: " + std::to_string(position));
                keys[&key - keys.data()] = select_list[position - 1].first;
            }
        }
        for (const auto & key : keys)
        {
            std::string name = binder.canonicalName(key);
            if (std::find(plan.group_keys.begin(), plan.group_keys.end(), name) != plan.group_keys.end())
                continue;
            size_t node = binder.bind(key);
            actions->addOutput(node, name);
            plan.group_keys.push_back(name);
            aggregated_header.insert({nullptr, actions->getNode(node).result_type, name});
        }
        binder.setClause("aggregate function arguments");
        for (const auto & call : aggregate_calls)
        {
            const auto & function = *call->as<ASTFunction>();
            std::string name = binder.canonicalName(call);
            bool seen = false;
            for (const auto & a : plan.aggregates)
                seen = seen || a.column_name == name;
            if (seen)
                continue;
            AggregateDescription description;
            std::string factory_name = function.name;
            /// count(DISTINCT x) parses as countDistinct(x); ClickHouse runs it as uniqExact.
            if (toLower(factory_name) == "countdistinct")
                factory_name = "uniqExact";
            description.function = toLower(factory_name);
            for (const auto & parameter : function.parameters)
                description.parameters.push_back(evaluateConstant(parameter, "parameter of aggregate function " + function.name));
            description.column_name = name;
            for (const auto & argument : function.arguments)
            {
                if (argument->kind == ASTKind::Asterisk)
                    continue;
                size_t node = binder.bind(argument);
                std::string argument_name = actions->getNode(node).name;
                actions->addOutput(node, argument_name);
                description.arguments.push_back(argument_name);
                description.argument_types.push_back(actions->getNode(node).result_type);
            }
            description.function_ptr =
                AggregateFunctionFactory::instance().get(factory_name, description.argument_types, description.parameters);
            description.result_type = description.function_ptr->getReturnType();
            aggregated_header.insert({nullptr, description.result_type, name});
            plan.aggregates.push_back(std::move(description));
        }
        plan.before_aggregation_actions = actions;

        if (query.having)
        {
            auto having = std::make_shared<ExpressionActions>();
            auto having_binder = make_binder(*having, aggregated_header, aliases, qualifiers, &source_header);
            having_binder.setClause("HAVING");
            size_t node = having_binder.bind(query.having);
            having->addOutput(node, "__filter");
            plan.having_actions = having;
        }
    }

    /// Projection: result columns, then sort keys.
    const Block & projection_input = plan.has_aggregation ? aggregated_header : source_header;
    auto projection = std::make_shared<ExpressionActions>();
    auto binder = make_binder(*projection, projection_input, aliases, qualifiers, plan.has_aggregation ? &source_header : nullptr);
    binder.setClause("SELECT");
    std::vector<std::pair<std::string, size_t>> output_nodes;
    for (const auto & [ast, name] : select_list)
    {
        size_t node = binder.bindOutput(ast, name);
        output_nodes.emplace_back(name, node);
        plan.result_header.insert({nullptr, projection->getNode(node).result_type, name});
    }
    binder.setClause("ORDER BY");
    for (const auto & element : query.order_by)
    {
        ASTPtr expression = element->expression;
        size_t node;
        if (expression->kind == ASTKind::Literal && expression->as<ASTLiteral>()->value.which() == Field::Which::UInt64)
        {
            /// ORDER BY 1: positional reference to the select list.
            UInt64 position = expression->as<ASTLiteral>()->value.get<UInt64>();
            if (position == 0 || position > select_list.size())
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Positional argument out of bounds: " + std::to_string(position));
            expression = select_list[position - 1].first;
        }
        node = binder.bind(expression);
        std::string sort_name = "__sort_" + std::to_string(plan.sort.size());
        projection->addOutput(node, sort_name);
        plan.sort.push_back({sort_name, element->direction, element->nulls_direction});
        if (element->with_fill)
        {
            if (!plan.fill)
            {
                /// The sort prefix, with the result columns computed by the same expressions (generated rows copy them).
                plan.fill.emplace();
                for (const auto & output : projection->getOutputs())
                    for (const auto & key : plan.sort)
                        if (key.column_name != sort_name && output.name == key.column_name)
                        {
                            plan.fill->sort_prefix.push_back(key.column_name);
                            for (const auto & [name, output_node] : output_nodes)
                                if (output_node == output.node)
                                    plan.fill->sort_prefix.push_back(name);
                        }
            }
            plan.fill->columns.push_back(planFill(*element, sort_name, node, output_nodes, *projection->getNode(node).result_type));
        }
    }
    if (plan.fill && query.has_interpolate)
    {
        std::set<std::string> sort_columns;
        for (const auto & [name, node] : output_nodes)
            for (const auto & output : projection->getOutputs())
                if (output.node == node && output.name.rfind("__sort_", 0) == 0)
                    sort_columns.insert(name);
        plan.fill->interpolate = planInterpolate(query, plan.result_header, sort_columns);
    }
    if (!query.limit_by.empty())
    {
        binder.setClause("LIMIT BY");
        for (const auto & expression : query.limit_by)
        {
            std::string name = "__limit_by_" + std::to_string(plan.limit_by_columns.size());
            projection->addOutput(binder.bind(expression), name);
            plan.limit_by_columns.push_back(name);
        }
        plan.limit_by_length = evaluateConstant(query.limit_by_length, "LIMIT BY").toUInt64();
        if (query.limit_by_offset)
            plan.limit_by_offset = evaluateConstant(query.limit_by_offset, "LIMIT BY OFFSET").toUInt64();
    }
    plan.projection_actions = projection;
    plan.distinct = query.distinct;

    if (query.limit_length)
        plan.limit = evaluateConstant(query.limit_length, "LIMIT").toUInt64();
    if (query.limit_offset)
        plan.offset = evaluateConstant(query.limit_offset, "OFFSET").toUInt64();
    if (plan.source_kind == SelectQueryPlan::SourceKind::Numbers && !plan.numbers_count && !plan.limit)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Reading system.numbers requires LIMIT");

    /// Columns to read from the source.
    auto add_read = [&](const ExpressionActionsPtr & actions)
    {
        if (!actions)
            return;
        for (const auto & name : actions->getRequiredInputs())
            if (source_header.has(name) && std::find(plan.read_columns.begin(), plan.read_columns.end(), name) == plan.read_columns.end())
                plan.read_columns.push_back(name);
    };
    add_read(plan.where_actions);
    add_read(plan.has_aggregation ? plan.before_aggregation_actions : plan.projection_actions);
    if (plan.read_columns.empty() && source_header.columns() > 0)
    {
        /// Rows still have to be counted: read the narrowest column.
        size_t best = 0;
        for (size_t i = 0; i < source_header.columns(); ++i)
        {
            auto width = [&](size_t k)
            {
                auto c = source_header.getByPosition(k).type->createColumn();
                return c->isFixedWidth() ? c->sizeOfValueIfFixed() : 1000;
            };
            if (width(i) < width(best))
                best = i;
        }
        plan.read_columns.push_back(source_header.getByPosition(best).name);
    }

    plan.count_from_total_rows = plan.source_kind == SelectQueryPlan::SourceKind::Table && plan.has_aggregation &&
                                 plan.group_keys.empty() && !plan.where_actions && !plan.final && !plan.group_by_with_totals &&
                                 plan.aggregates.size() == 1 &&
                                 plan.aggregates[0].function == "count" && plan.aggregates[0].arguments.empty();

    /// Key condition for granule and part skipping.
    if (plan.source_kind == SelectQueryPlan::SourceKind::Table && where && (!sort_key.empty() || partition_key))
    {
        auto condition = std::make_shared<KeyCondition>(expandAliases(where, aliases, source_header), source_header, sort_key,
                                                        partition_key, qualifiers);
        if (condition->isUseful())
        {
            plan.key_condition_description = condition->describe();
            plan.key_condition = condition;
        }
    }
    return plan;
}

} // namespace pipit
