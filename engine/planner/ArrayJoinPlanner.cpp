#include "engine/planner/ArrayJoinPlanner.h"

#include "engine/base/Exception.h"
#include "engine/planner/ExpressionBinder.h"
#include "engine/planner/PlaceholderTableResolver.h"
#include "engine/planner/StorageArrayJoin.h"
#include "engine/planner/StorageBlocks.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/types/DataTypeArray.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace pipit
{

namespace
{

constexpr const char * array_joined_table_name = "__array_joined";

bool isArrayJoinCall(const ASTPtr & ast)
{
    const auto * function = ast ? ast->as<ASTFunction>() : nullptr;
    if (!function || function->isWindowFunction())
        return false;
    std::string name = function->name;
    for (auto & c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name == "arrayjoin";
}

bool containsArrayJoinCall(const ASTPtr & ast)
{
    if (!ast || ast->kind == ASTKind::Subquery)
        return false;
    if (isArrayJoinCall(ast))
        return true;
    bool found = false;
    ast->forEachChild([&](const ASTPtr & child) { found = found || containsArrayJoinCall(child); });
    return found;
}

/// Replaces arrayJoin(x) calls below `slot` by identifiers `__array_join_<n>`; `calls` maps the
/// argument's text to (identifier name, argument).
void replaceCalls(ASTPtr & slot, std::vector<std::pair<std::string, ASTPtr>> & calls)
{
    if (!slot || slot->kind == ASTKind::Subquery)
        return;
    if (isArrayJoinCall(slot))
    {
        const auto & function = *slot->as<ASTFunction>();
        if (function.arguments.size() != 1)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Function arrayJoin requires exactly one argument");
        ASTPtr argument = function.arguments[0];
        replaceCalls(argument, calls);
        std::string key = formatColumnName(*argument);
        std::string name;
        for (const auto & [existing, ast] : calls)
            if (formatColumnName(*ast) == key)
                name = existing;
        if (name.empty())
        {
            name = "__array_join_" + std::to_string(calls.size());
            calls.emplace_back(name, argument);
        }
        auto identifier = std::make_shared<ASTIdentifier>(name);
        identifier->alias = slot->alias;
        slot = identifier;
        return;
    }
    if (auto * function = slot->as<ASTFunction>())
    {
        for (auto & argument : function->arguments)
            replaceCalls(argument, calls);
        return;
    }
    if (auto * element = slot->as<ASTOrderByElement>())
        replaceCalls(element->expression, calls);
}

} // namespace

bool ArrayJoinPlanner::hasArrayJoin(const ASTSelectQuery & query)
{
    for (const auto & element : query.tables)
        if (element->array_join)
            return true;
    for (const auto & item : query.select)
        if (containsArrayJoinCall(item))
            return true;
    return containsArrayJoinCall(query.where) || containsArrayJoinCall(query.prewhere);
}

JoinPlanner::Result ArrayJoinPlanner::plan(const ASTSelectQuery & query, const ITableResolver & resolver,
                                           const ISubqueryExecutor * subqueries)
{
    auto rewritten = std::static_pointer_cast<ASTSelectQuery>(query.clone());

    /// arrayJoin(x) calls -> columns of an extra layer each.
    std::vector<std::pair<std::string, ASTPtr>> calls;
    for (auto & item : rewritten->select)
    {
        std::string original = item->alias.empty() && item->kind != ASTKind::Asterisk ? formatColumnName(*item) : "";
        replaceCalls(item, calls);
        if (!original.empty() && formatColumnName(*item) != original)
            item->alias = original;
    }
    replaceCalls(rewritten->where, calls);
    replaceCalls(rewritten->prewhere, calls);
    for (auto & key : rewritten->group_by)
        replaceCalls(key, calls);
    replaceCalls(rewritten->having, calls);
    for (auto & element : rewritten->order_by)
    {
        ASTPtr slot = element;
        replaceCalls(slot, calls);
    }

    /// The FROM source.
    std::vector<std::shared_ptr<ASTArrayJoin>> layers;
    std::shared_ptr<ASTTableExpression> from;
    for (const auto & element : rewritten->tables)
    {
        if (element->join)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "ARRAY JOIN together with JOIN is not supported yet");
        if (element->array_join)
            layers.push_back(element->array_join);
        else
            from = element->table;
    }
    for (const auto & [name, argument] : calls)
    {
        auto layer = std::make_shared<ASTArrayJoin>();
        auto expression = cloneAST(argument);
        expression->alias = name;
        layer->expressions.push_back(expression);
        layers.push_back(layer);
    }

    StoragePtr storage;
    ColumnsDescription columns;
    std::vector<std::string> qualifiers;
    std::string table_name;
    bool final = false;
    if (from && from->isTable() &&
        !((from->database == "system" || from->database == "SYSTEM") && (from->table == "numbers" || from->table == "one")) &&
        from->table != "system.numbers")
    {
        ResolvedTable resolved = resolver.resolveTable(from->database, from->table);
        storage = resolved.storage;
        final = from->final;
        for (const auto & column : resolved.columns)
            if (column.default_kind != "ALIAS")
                columns.push_back(column);
        table_name = resolved.table;
        qualifiers = {resolved.table, from->table};
        if (!resolved.database.empty())
            qualifiers.push_back(resolved.database + "." + resolved.table);
    }
    else
    {
        if (!subqueries)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "ARRAY JOIN needs a subquery executor");
        ASTPtr subquery;
        if (from && from->subquery)
            subquery = from->subquery->as<ASTSubquery>()->query;
        else
        {
            auto select = std::make_shared<ASTSelectQuery>();
            select->select.push_back(std::make_shared<ASTAsterisk>());
            if (from)
            {
                auto element = std::make_shared<ASTTablesElement>();
                element->table = std::static_pointer_cast<ASTTableExpression>(from->clone());
                element->table->alias.clear();
                select->tables.push_back(element);
                if (from->table_function)
                    if (const auto * function = from->table_function->as<ASTFunction>())
                        qualifiers.push_back(function->name);
            }
            subquery = select;
        }
        Block block = subqueries->execute(subquery, resolver);
        for (const auto & column : block)
            columns.push_back({column.name, column.type, "", "", ""});
        std::vector<Block> chunks;
        for (size_t start = 0; start < block.rows(); start += 65536)
        {
            Block chunk;
            for (const auto & column : block)
                chunk.insert({column.column->cut(start, std::min<size_t>(65536, block.rows() - start)), column.type, column.name});
            chunks.push_back(std::move(chunk));
        }
        storage = std::make_shared<StorageBlocks>(columns, std::move(chunks));
    }
    if (from && !from->alias.empty())
        qualifiers.push_back(from->alias);

    AliasMap aliases = ExpressionBinder::collectAliases(*rewritten);
    AliasMap no_aliases;
    for (size_t layer_index = 0; layer_index < layers.size(); ++layer_index)
    {
        const auto & layer = layers[layer_index];
        /// arrayJoin(x) layers come last; their arguments are bound as written (an alias may name the call itself).
        bool is_call = layer_index + calls.size() >= layers.size();
        Block header;
        for (const auto & column : columns)
            header.insert({nullptr, column.type, column.name});
        auto actions = std::make_shared<ExpressionActions>();
        ExpressionBinder binder(*actions, header, is_call ? no_aliases : aliases, qualifiers);
        binder.setClause("ARRAY JOIN");
        std::vector<StorageArrayJoin::Element> elements;
        for (const auto & expression : layer->expressions)
        {
            std::string name = expression->alias;
            if (name.empty())
            {
                if (const auto * identifier = expression->as<ASTIdentifier>())
                    name = identifier->shortName();
                else
                    name = formatColumnName(*expression);
            }
            ASTPtr unaliased = cloneAST(expression);
            unaliased->alias.clear();
            size_t node = binder.bind(unaliased);
            actions->addOutput(node, "__array_" + std::to_string(elements.size()));
            const auto * array_type = dynamic_cast<const DataTypeArray *>(actions->getNode(node).result_type.get());
            if (!array_type)
                throw Exception(ErrorCode::TYPE_MISMATCH, "ARRAY JOIN requires an array argument, got " +
                                                              actions->getNode(node).result_type->getName() + " for " +
                                                              formatColumnName(*unaliased));
            for (const auto & element : elements)
                if (element.name == name)
                    throw Exception(ErrorCode::MULTIPLE_EXPRESSIONS_FOR_ALIAS, "Duplicate ARRAY JOIN name " + name);
            elements.push_back({name, array_type->getNestedType()});
        }
        ColumnsDescription next;
        for (const auto & column : columns)
        {
            ColumnDescription description = column;
            for (const auto & element : elements)
                if (element.name == column.name)
                {
                    description = {column.name, element.element_type, "", "", ""};
                }
            next.push_back(description);
        }
        for (const auto & element : elements)
            if (std::none_of(columns.begin(), columns.end(), [&](const ColumnDescription & c) { return c.name == element.name; }))
                next.push_back({element.name, element.element_type, "", "", ""});
        storage = std::make_shared<StorageArrayJoin>(storage, final, actions, std::move(elements), layer->left, next);
        final = false;
        columns = std::move(next);
    }

    rewritten->tables.clear();
    auto element = std::make_shared<ASTTablesElement>();
    element->table = std::make_shared<ASTTableExpression>();
    element->table->table = array_joined_table_name;
    if (from)
        element->table->alias = from->alias;
    rewritten->tables.push_back(element);

    JoinPlanner::Result result;
    result.query = rewritten;
    result.tables = std::make_shared<PlaceholderTableResolver>(resolver, array_joined_table_name, storage, table_name);
    return result;
}

} // namespace pipit
