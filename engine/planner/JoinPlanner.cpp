#include "engine/planner/JoinPlanner.h"

#include "engine/base/Exception.h"
#include "engine/base/ThreadPool.h"
#include "engine/columns/ColumnConst.h"
#include "engine/functions/FunctionCast.h"
#include "engine/planner/ExpressionBinder.h"
#include "engine/planner/HashJoin.h"
#include "engine/planner/KeyCondition.h"
#include "engine/planner/PlaceholderTableResolver.h"
#include "engine/planner/StorageBlocks.h"
#include "engine/planner/StorageHashJoin.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeSupertype.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <thread>

namespace pipit
{

namespace
{

constexpr const char * joined_table_name = "__joined";

std::string toLower(std::string s)
{
    for (auto & c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string joinParts(const std::vector<std::string> & parts, size_t begin, size_t end)
{
    std::string out;
    for (size_t i = begin; i < end; ++i)
        out += (i > begin ? "." : "") + parts[i];
    return out;
}

/// One table of the FROM clause.
struct JoinTable
{
    std::vector<std::string> qualifiers;
    std::string display_qualifier;
    /// Columns with their original names.
    Block header;
    ColumnsDescription columns;
    /// Plain table: read through the storage; otherwise `block` holds the (materialised) rows.
    StoragePtr storage;
    bool materialized = false;
    Block block;
    bool final = false;
    ASTs sort_key;
    ASTPtr partition_key;
    /// Original name -> name in the joined table.
    std::map<std::string, std::string> joined_names;
    std::set<std::string> needed;
    bool all_needed = false;
    /// EXPLAIN: the table's name, or the subquery's qualifier.
    std::string explain_name;
};

Block concatenateBlocks(const std::vector<Block> & blocks, const Block & header)
{
    Block out;
    for (size_t c = 0; c < header.columns(); ++c)
    {
        const auto & column = header.getByPosition(c);
        auto result = column.type->createColumn();
        for (const auto & block : blocks)
        {
            ColumnPtr part = convertToFullColumnIfConst(block.getByName(column.name).column);
            result->insertRangeFrom(*part, 0, part->size());
        }
        out.insert({std::move(result), column.type, column.name});
    }
    return out;
}

Block filterBlock(const Block & block, const ExpressionActionsPtr & filter)
{
    if (!filter || block.rows() == 0)
        return block;
    Filter keep = StorageHashJoin::toMask(filter->execute(block).getByPosition(0).column, block.rows());
    size_t kept = 0;
    for (auto k : keep)
        kept += k != 0;
    if (kept == block.rows())
        return block;
    Block out;
    for (const auto & column : block)
        out.insert({convertToFullColumnIfConst(column.column)->filter(keep, kept), column.type, column.name});
    return out;
}

void flattenAnd(const ASTPtr & ast, ASTs & out)
{
    if (const auto * function = ast->as<ASTFunction>();
        function && toLower(function->name) == "and" && ast->alias.empty() && !function->isWindowFunction())
    {
        for (const auto & argument : function->arguments)
            flattenAnd(argument, out);
        return;
    }
    out.push_back(ast);
}

ASTPtr makeAnd(const ASTs & conjuncts)
{
    if (conjuncts.size() == 1)
        return conjuncts[0];
    return makeASTFunction("and", conjuncts);
}

/// `and(cond, 1)`: a UInt8 / Nullable(UInt8) truth value of any condition.
ASTPtr asFilter(const ASTPtr & condition)
{
    return makeASTFunction("and", {condition, std::make_shared<ASTLiteral>(Field(UInt64(1)))});
}

class JoinRewriter
{
public:
    JoinRewriter(std::vector<JoinTable> & tables)
        : tables_(tables)
    {
    }

    /// (table, original column) an identifier names, looking at tables [0, limit].
    std::optional<std::pair<size_t, std::string>> resolve(const std::vector<std::string> & parts, size_t limit) const
    {
        limit = std::min(limit, tables_.size() - 1);
        for (size_t prefix = parts.size() - 1; prefix >= 1 && parts.size() >= 2; --prefix)
        {
            std::string qualifier = joinParts(parts, 0, prefix);
            std::string rest = joinParts(parts, prefix, parts.size());
            for (size_t i = 0; i <= limit; ++i)
                if (std::find(tables_[i].qualifiers.begin(), tables_[i].qualifiers.end(), qualifier) != tables_[i].qualifiers.end() &&
                    tables_[i].header.has(rest))
                    return std::make_pair(i, rest);
        }
        std::string full = joinParts(parts, 0, parts.size());
        for (size_t i = 0; i <= limit; ++i)
            if (tables_[i].header.has(full))
                return std::make_pair(i, full);
        return std::nullopt;
    }

    /// Rewrites, in place, qualified identifiers naming a table column to the joined name; records
    /// the columns used. Does not enter subqueries.
    void rewrite(const ASTPtr & ast, size_t limit)
    {
        if (!ast || ast->kind == ASTKind::Subquery)
            return;
        if (auto * identifier = ast->as<ASTIdentifier>())
        {
            if (auto resolved = resolve(identifier->parts, limit))
            {
                auto & table = tables_[resolved->first];
                table.needed.insert(resolved->second);
                identifier->parts = {table.joined_names.at(resolved->second)};
            }
            return;
        }
        ast->forEachChild([&](const ASTPtr & child) { rewrite(child, limit); });
    }

    /// Tables an (already rewritten) expression reads; `unknown` is set for identifiers that are
    /// no joined column.
    void collectTables(const ASTPtr & ast, std::set<size_t> & out, bool & unknown, const AliasMap * aliases) const
    {
        if (!ast)
            return;
        if (ast->kind == ASTKind::Subquery || ast->kind == ASTKind::Lambda)
        {
            unknown = true;
            return;
        }
        if (const auto * function = ast->as<ASTFunction>())
        {
            std::string name = toLower(function->name);
            if (function->isWindowFunction() || ExpressionBinder::isAggregateFunctionName(function->name) || name == "arrayjoin")
                unknown = true;
        }
        if (const auto * identifier = ast->as<ASTIdentifier>())
        {
            std::string name = identifier->name();
            if (aliases && aliases->contains(name))
            {
                unknown = true;
                return;
            }
            auto it = by_joined_name_.find(name);
            if (it == by_joined_name_.end())
                unknown = true;
            else
                out.insert(it->second);
            return;
        }
        ast->forEachChild([&](const ASTPtr & child) { collectTables(child, out, unknown, aliases); });
    }

    void setJoinedName(size_t table, const std::string & original, const std::string & joined)
    {
        tables_[table].joined_names[original] = joined;
        by_joined_name_.emplace(joined, table);
    }

private:
    std::vector<JoinTable> & tables_;
    std::map<std::string, size_t> by_joined_name_;
};

} // namespace

bool JoinPlanner::hasJoin(const ASTSelectQuery & query)
{
    if (query.tables.size() < 2)
        return false;
    for (const auto & element : query.tables)
        if (element->array_join)
            return false;
    return true;
}

JoinPlanner::Result JoinPlanner::plan(const ASTSelectQuery & query, const ITableResolver & resolver, const ISubqueryExecutor * subqueries)
{
    if (!subqueries)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "JOIN needs a subquery executor");
    size_t threads = std::max<size_t>(1, std::thread::hardware_concurrency());
    bool use_nulls = false;
    for (const auto & change : query.settings)
        if (change.name == "join_use_nulls")
            use_nulls = change.value.toUInt64() != 0;

    /// Tables and their columns.
    std::vector<JoinTable> tables(query.tables.size());
    for (size_t i = 0; i < query.tables.size(); ++i)
    {
        const auto & element = query.tables[i];
        if (!element->table)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "ARRAY JOIN together with JOIN is not supported yet");
        const auto & expression = *element->table;
        auto & table = tables[i];
        if (expression.sample_size)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "SAMPLE is not supported yet");
        bool is_system = (toLower(expression.database) == "system" && (expression.table == "numbers" || expression.table == "one")) ||
                         (expression.database.empty() && expression.table == "system.numbers");
        if (expression.isTable() && !is_system)
        {
            ResolvedTable resolved = resolver.resolveTable(expression.database, expression.table);
            table.storage = resolved.storage;
            table.final = expression.final;
            table.sort_key = resolved.sort_key;
            table.partition_key = resolved.partition_key;
            for (const auto & column : resolved.columns)
                if (column.default_kind != "ALIAS")
                {
                    table.columns.push_back(column);
                    table.header.insert({nullptr, column.type, column.name});
                }
            if (expression.alias.empty())
            {
                table.qualifiers.push_back(expression.table);
                table.qualifiers.push_back(resolved.table);
                if (!resolved.database.empty())
                    table.qualifiers.push_back(resolved.database + "." + resolved.table);
                if (!expression.database.empty())
                    table.qualifiers.push_back(expression.database + "." + expression.table);
            }
            table.display_qualifier = expression.alias.empty() ? expression.table : expression.alias;
            table.explain_name = (resolved.database.empty() ? "" : resolved.database + ".") + resolved.table;
        }
        else
        {
            ASTPtr subquery;
            if (expression.subquery)
                subquery = expression.subquery->as<ASTSubquery>()->query;
            else
            {
                auto select = std::make_shared<ASTSelectQuery>();
                select->select.push_back(std::make_shared<ASTAsterisk>());
                auto from = std::make_shared<ASTTablesElement>();
                from->table = std::static_pointer_cast<ASTTableExpression>(expression.clone());
                from->table->alias.clear();
                select->tables.push_back(from);
                subquery = select;
            }
            table.block = subqueries->execute(subquery, resolver);
            table.materialized = true;
            for (const auto & column : table.block)
            {
                table.header.insert({nullptr, column.type, column.name});
                table.columns.push_back({column.name, column.type, "", "", ""});
            }
            if (expression.table_function)
            {
                const auto * function = expression.table_function->as<ASTFunction>();
                if (function && expression.alias.empty())
                    table.qualifiers.push_back(function->name);
            }
            else if (expression.isTable() && expression.alias.empty())
            {
                table.qualifiers.push_back(expression.table);
                table.qualifiers.push_back(joinParts({expression.database, expression.table}, 0, 2));
            }
            table.display_qualifier = expression.alias.empty() ? "_subquery" + std::to_string(i) : expression.alias;
        }
        if (!expression.alias.empty())
            table.qualifiers.push_back(expression.alias);
        if (table.display_qualifier.empty())
            table.display_qualifier = "_table" + std::to_string(i);
        if (table.explain_name.empty())
            table.explain_name = table.display_qualifier;
    }

    /// Joined names.
    JoinRewriter rewriter(tables);
    std::set<std::string> taken;
    std::vector<std::set<std::string>> using_names(tables.size());
    for (size_t i = 0; i < tables.size(); ++i)
    {
        auto & table = tables[i];
        if (i > 0)
            for (const auto & column : query.tables[i]->join->using_columns)
            {
                const auto * identifier = column->as<ASTIdentifier>();
                if (!identifier || identifier->isCompound())
                    throw Exception(ErrorCode::INVALID_JOIN_ON_EXPRESSION, "USING expects column names, got " + formatAST(*column));
                const std::string & name = identifier->name();
                auto left = rewriter.resolve({name}, i - 1);
                if (!left)
                    throw Exception(ErrorCode::UNKNOWN_IDENTIFIER, "Missing column '" + name + "' of the left side of JOIN USING");
                if (!table.header.has(name))
                    throw Exception(ErrorCode::UNKNOWN_IDENTIFIER,
                                    "Missing column '" + name + "' of the right side of JOIN USING (" + table.display_qualifier + ")");
                using_names[i].insert(name);
                tables[left->first].needed.insert(left->second);
                table.joined_names[name] = tables[left->first].joined_names.at(left->second);
            }
        for (const auto & column : table.header)
        {
            if (using_names[i].contains(column.name))
                continue;
            std::string joined = column.name;
            if (taken.contains(joined))
                joined = table.display_qualifier + "." + column.name;
            for (size_t n = 1; taken.contains(joined); ++n)
                joined = table.display_qualifier + "." + column.name + "_" + std::to_string(n);
            taken.insert(joined);
            rewriter.setJoinedName(i, column.name, joined);
        }
    }

    /// The rewritten query: FROM the joined table; qualified names replaced.
    auto rewritten = std::static_pointer_cast<ASTSelectQuery>(query.clone());
    rewritten->tables.clear();
    {
        auto element = std::make_shared<ASTTablesElement>();
        element->table = std::make_shared<ASTTableExpression>();
        element->table->table = joined_table_name;
        rewritten->tables.push_back(element);
    }
    ASTs select;
    for (const auto & item : rewritten->select)
    {
        if (const auto * asterisk = item->as<ASTAsterisk>())
        {
            if (asterisk->qualifier.empty())
            {
                for (auto & table : tables)
                    table.all_needed = true;
                select.push_back(item);
                continue;
            }
            std::string qualifier = joinParts(asterisk->qualifier, 0, asterisk->qualifier.size());
            bool found = false;
            for (auto & table : tables)
            {
                if (std::find(table.qualifiers.begin(), table.qualifiers.end(), qualifier) == table.qualifiers.end())
                    continue;
                found = true;
                for (const auto & column : table.columns)
                {
                    if (column.default_kind == "MATERIALIZED" ||
                        std::find(asterisk->except.begin(), asterisk->except.end(), column.name) != asterisk->except.end())
                        continue;
                    table.needed.insert(column.name);
                    auto identifier = std::make_shared<ASTIdentifier>(table.joined_names.at(column.name));
                    if (identifier->name() != column.name)
                        identifier->alias = qualifier + "." + column.name;
                    select.push_back(identifier);
                }
                break;
            }
            if (!found)
                throw Exception(ErrorCode::UNKNOWN_IDENTIFIER, "Unknown table " + qualifier + " in " + qualifier + ".*");
            continue;
        }
        std::string original = item->alias.empty() ? formatColumnName(*item) : "";
        rewriter.rewrite(item, tables.size() - 1);
        if (!original.empty() && formatColumnName(*item) != original)
            item->alias = original;
        select.push_back(item);
    }
    {
        /// Every other clause (and WITH expressions).
        ASTs rewritten_select = std::move(select);
        rewritten->select.clear();
        rewritten->forEachChild(
            [&](const ASTPtr & child)
            {
                if (child->kind != ASTKind::TablesElement)
                    rewriter.rewrite(child, tables.size() - 1);
            });
        rewritten->select = std::move(rewritten_select);
    }

    /// WHERE conjuncts over a single table, for pushing down.
    AliasMap aliases = ExpressionBinder::collectAliases(*rewritten);
    std::vector<ASTs> pushed(tables.size());
    if (rewritten->where && !rewritten->prewhere)
    {
        ASTs conjuncts;
        flattenAnd(rewritten->where, conjuncts);
        for (const auto & conjunct : conjuncts)
        {
            std::set<size_t> used;
            bool unknown = false;
            rewriter.collectTables(conjunct, used, unknown, &aliases);
            if (!unknown && used.size() == 1)
                pushed[*used.begin()].push_back(conjunct);
        }
    }
    std::vector<HashJoin::Kind> kinds(tables.size(), HashJoin::Kind::Inner);
    for (size_t i = 1; i < tables.size(); ++i)
    {
        const auto & join = *query.tables[i]->join;
        switch (join.kind)
        {
        case ASTTableJoin::Kind::Inner:
            kinds[i] = HashJoin::Kind::Inner;
            break;
        case ASTTableJoin::Kind::Left:
            kinds[i] = HashJoin::Kind::Left;
            break;
        case ASTTableJoin::Kind::Right:
            kinds[i] = HashJoin::Kind::Right;
            break;
        case ASTTableJoin::Kind::Full:
            kinds[i] = HashJoin::Kind::Full;
            break;
        case ASTTableJoin::Kind::Cross:
        case ASTTableJoin::Kind::Comma:
            kinds[i] = HashJoin::Kind::Cross;
            break;
        case ASTTableJoin::Kind::Paste:
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "PASTE JOIN is not supported yet");
        }
    }
    auto pushable = [&](size_t table)
    {
        for (size_t j = table + 1; j < tables.size(); ++j)
            if (kinds[j] == HashJoin::Kind::Right || kinds[j] == HashJoin::Kind::Full)
                return false;
        return table == 0 || kinds[table] == HashJoin::Kind::Inner || kinds[table] == HashJoin::Kind::Right ||
               kinds[table] == HashJoin::Kind::Cross;
    };

    /// ON clauses: keys and one-side conditions (rewritten to joined names).
    struct JoinClause
    {
        ASTs left_keys;
        ASTs right_keys;
        ASTs left_conditions;
        ASTs right_conditions;
    };
    std::vector<JoinClause> clauses(tables.size());
    ASTs residual;
    for (size_t i = 1; i < tables.size(); ++i)
    {
        const auto & join = *query.tables[i]->join;
        auto & clause = clauses[i];
        for (const auto & name : using_names[i])
        {
            clause.left_keys.push_back(std::make_shared<ASTIdentifier>(tables[i].joined_names.at(name)));
            clause.right_keys.push_back(std::make_shared<ASTIdentifier>("__using." + name));
            tables[i].needed.insert(name);
        }
        if (join.on_expression)
        {
            ASTs conjuncts;
            flattenAnd(cloneAST(join.on_expression), conjuncts);
            for (const auto & conjunct : conjuncts)
            {
                /// Sides of each identifier before rewriting.
                std::set<size_t> used;
                std::function<void(const ASTPtr &)> sides = [&](const ASTPtr & ast)
                {
                    if (!ast || ast->kind == ASTKind::Subquery)
                        return;
                    if (const auto * identifier = ast->as<ASTIdentifier>())
                    {
                        auto resolved = rewriter.resolve(identifier->parts, i);
                        if (!resolved)
                            throw Exception(ErrorCode::UNKNOWN_IDENTIFIER,
                                            "Missing column '" + identifier->name() + "' in JOIN ON " + formatAST(*join.on_expression));
                        used.insert(resolved->first);
                        return;
                    }
                    ast->forEachChild(sides);
                };
                auto side_of = [&](const ASTPtr & ast)
                {
                    used.clear();
                    sides(ast);
                    if (used.empty())
                        return 0; /// constant
                    if (used.size() == 1 && *used.begin() == i)
                        return 2; /// right
                    if (!used.contains(i))
                        return 1; /// left
                    return 3;     /// both
                };
                int side = side_of(conjunct);
                const auto * function = conjunct->as<ASTFunction>();
                bool is_equality = function && function->arguments.size() == 2 && !function->isWindowFunction() &&
                                   (function->name == "equals" || function->name == "=" || function->name == "==");
                if (side == 3 && is_equality)
                {
                    int a = side_of(function->arguments[0]);
                    int b = side_of(function->arguments[1]);
                    if ((a == 1 && b == 2) || (a == 2 && b == 1))
                    {
                        ASTPtr left = cloneAST(function->arguments[a == 1 ? 0 : 1]);
                        ASTPtr right = cloneAST(function->arguments[a == 1 ? 1 : 0]);
                        left->alias.clear();
                        right->alias.clear();
                        rewriter.rewrite(left, i);
                        rewriter.rewrite(right, i);
                        clause.left_keys.push_back(left);
                        clause.right_keys.push_back(right);
                        continue;
                    }
                }
                ASTPtr condition = cloneAST(conjunct);
                rewriter.rewrite(condition, i);
                if (side == 2)
                    clause.right_conditions.push_back(condition);
                else if (side == 1 || side == 0)
                {
                    if (kinds[i] == HashJoin::Kind::Inner)
                        residual.push_back(condition);
                    else
                        clause.left_conditions.push_back(condition);
                }
                else if (kinds[i] == HashJoin::Kind::Inner)
                    residual.push_back(condition);
                else
                    throw Exception(ErrorCode::NOT_IMPLEMENTED, "JOIN ON condition over both sides that is not an equality (" +
                                                                    formatAST(*conjunct) + ") is supported for INNER JOIN only");
            }
        }
        if (kinds[i] != HashJoin::Kind::Cross && clause.left_keys.empty())
            throw Exception(ErrorCode::INVALID_JOIN_ON_EXPRESSION,
                            "Cannot determine join keys in JOIN ON expression " +
                                (join.on_expression ? formatAST(*join.on_expression) : std::string("(none)")) +
                                ": expected an equality between columns of the two sides");
    }
    if (!residual.empty())
    {
        if (rewritten->where)
            residual.insert(residual.begin(), rewritten->where);
        rewritten->where = makeAnd(residual);
    }

    /// Leftmost table: the streamed side.
    StorageHashJoin::Left first_left;
    std::string first_left_key_condition;
    StoragePtr accumulated;
    Block accumulated_header;
    ColumnsDescription accumulated_columns;
    {
        auto & table = tables[0];
        if (table.materialized)
        {
            std::vector<Block> chunks;
            size_t rows = table.block.rows();
            for (size_t start = 0; start < rows; start += 65536)
            {
                Block chunk;
                for (const auto & column : table.block)
                    chunk.insert({column.column->cut(start, std::min<size_t>(65536, rows - start)), column.type, column.name});
                chunks.push_back(std::move(chunk));
            }
            table.storage = std::make_shared<StorageBlocks>(table.columns, std::move(chunks));
        }
        accumulated = table.storage;
        accumulated_header = table.header;
        accumulated_columns = table.columns;
        if (pushable(0) && !pushed[0].empty())
        {
            auto actions = std::make_shared<ExpressionActions>();
            AliasMap no_aliases;
            ExpressionBinder binder(*actions, table.header, no_aliases);
            actions->addOutput(binder.bind(asFilter(makeAnd(pushed[0]))), "__filter");
            first_left.filter_actions = actions;
            if (!table.materialized && (!table.sort_key.empty() || table.partition_key))
            {
                auto condition =
                    std::make_shared<KeyCondition>(makeAnd(pushed[0]), table.header, table.sort_key, table.partition_key, table.qualifiers);
                if (condition->isUseful())
                {
                    first_left.key_condition = condition;
                    first_left_key_condition = condition->describe();
                }
            }
        }
        first_left.final = table.final;
    }

    for (size_t i = 1; i < tables.size(); ++i)
    {
        auto & table = tables[i];
        const auto & join = *query.tables[i]->join;
        auto & clause = clauses[i];
        AliasMap no_aliases;

        /// Right rows with the columns the query, the keys and the conditions need, named as joined.
        ExpressionActionsPtr right_filter;
        if (pushable(i) && !pushed[i].empty())
        {
            /// Over original names: map joined names back.
            auto actions = std::make_shared<ExpressionActions>();
            Block joined_header;
            for (const auto & column : table.header)
                if (!using_names[i].contains(column.name))
                    joined_header.insert({nullptr, column.type, table.joined_names.at(column.name)});
            ExpressionBinder binder(*actions, joined_header, no_aliases);
            actions->addOutput(binder.bind(asFilter(makeAnd(pushed[i]))), "__filter");
            right_filter = actions;
            for (const auto & name : actions->getRequiredInputs())
                for (const auto & [original, joined] : table.joined_names)
                    if (joined == name && !using_names[i].contains(original))
                        table.needed.insert(original);
        }
        std::vector<std::string> read_names;
        for (const auto & column : table.header)
            if (table.all_needed || table.needed.contains(column.name) || using_names[i].contains(column.name))
                read_names.push_back(column.name);
        /// Key and condition columns of the right side are rewritten names; include them all to be safe.
        for (const auto & column : table.header)
        {
            if (std::find(read_names.begin(), read_names.end(), column.name) != read_names.end())
                continue;
            const std::string & joined = table.joined_names.at(column.name);
            bool used = false;
            std::function<void(const ASTPtr &)> find = [&](const ASTPtr & ast)
            {
                if (const auto * identifier = ast->as<ASTIdentifier>())
                    used = used || identifier->name() == joined;
                else
                    ast->forEachChild(find);
            };
            for (const auto & key : clause.right_keys)
                find(key);
            for (const auto & condition : clause.right_conditions)
                find(condition);
            if (used)
                read_names.push_back(column.name);
        }
        if (read_names.empty() && table.header.columns() > 0)
            read_names.push_back(table.header.getByPosition(0).name);

        StorageHashJoin::Explain explain;
        explain.right_table = table.explain_name;
        explain.right_columns = read_names;
        Block raw;
        if (table.materialized)
        {
            for (const auto & name : read_names)
                raw.insert(table.block.getByName(name));
            explain.right_rows = table.block.rows();
        }
        else
        {
            ReadRequest request;
            request.column_names = read_names;
            request.num_streams = threads;
            request.final = table.final;
            /// Pushed-down conditions (over joined names) also prune the right table's parts and granules.
            if (pushable(i) && !pushed[i].empty() && (!table.sort_key.empty() || table.partition_key))
            {
                std::map<std::string, std::string> original_names;
                for (const auto & [original, joined] : table.joined_names)
                    original_names.emplace(joined, original);
                std::function<void(ASTPtr &)> rename = [&](ASTPtr & ast)
                {
                    if (const auto * identifier = ast->as<ASTIdentifier>())
                    {
                        auto it = original_names.find(identifier->name());
                        if (it != original_names.end())
                        {
                            auto renamed = std::make_shared<ASTIdentifier>(it->second);
                            renamed->alias = ast->alias;
                            ast = renamed;
                        }
                    }
                    else if (auto * function = ast->as<ASTFunction>())
                        for (auto & argument : function->arguments)
                            rename(argument);
                };
                ASTPtr over_original = cloneAST(makeAnd(pushed[i]));
                rename(over_original);
                auto condition =
                    std::make_shared<KeyCondition>(over_original, table.header, table.sort_key, table.partition_key, table.qualifiers);
                if (condition->isUseful())
                {
                    request.key_condition = condition;
                    explain.right_key_condition = condition->describe();
                }
            }
            explain.right_read_from_storage = true;
            auto sources = table.storage->read(request, &explain.right_statistics);
            std::vector<std::vector<Block>> per_source(sources.size());
            Block read_header;
            for (const auto & name : read_names)
                read_header.insert({nullptr, table.header.getByName(name).type, name});
            parallelFor(sources.size(), std::min(threads, sources.size()),
                        [&](size_t s)
                        {
                            while (true)
                            {
                                Block block = sources[s]->read();
                                if (block.columns() == 0)
                                    break;
                                if (block.rows())
                                    per_source[s].push_back(std::move(block));
                            }
                        });
            std::vector<Block> all;
            for (auto & blocks : per_source)
                for (auto & block : blocks)
                    all.push_back(std::move(block));
            raw = concatenateBlocks(all, read_header);
        }
        Block right;
        for (const auto & column : raw)
        {
            if (using_names[i].contains(column.name))
                right.insert({column.column, column.type, "__using." + column.name});
            else
                right.insert({column.column, column.type, table.joined_names.at(column.name)});
        }
        right = filterBlock(right, right_filter);
        explain.right_filtered = right_filter != nullptr;

        /// Keys of both sides, cast to common types.
        auto left_key_actions = std::make_shared<ExpressionActions>();
        auto right_key_actions = std::make_shared<ExpressionActions>();
        ExpressionBinder left_binder(*left_key_actions, accumulated_header, no_aliases);
        ExpressionBinder right_binder(*right_key_actions, right, no_aliases);
        left_binder.setClause("JOIN ON");
        right_binder.setClause("JOIN ON");
        DataTypes key_types;
        for (size_t k = 0; k < clause.left_keys.size(); ++k)
        {
            size_t left_node = left_binder.bind(clause.left_keys[k]);
            size_t right_node = right_binder.bind(clause.right_keys[k]);
            left_key_actions->addOutput(left_node, "__key_" + std::to_string(k));
            right_key_actions->addOutput(right_node, "__key_" + std::to_string(k));
            DataTypePtr left_type = removeLowCardinality(left_key_actions->getNode(left_node).result_type);
            DataTypePtr right_type = removeLowCardinality(right_key_actions->getNode(right_node).result_type);
            key_types.push_back(left_type->equals(*right_type) ? left_type : getLeastSupertype({left_type, right_type}));
        }
        Columns right_keys;
        if (!key_types.empty())
        {
            Block key_block = right_key_actions->execute(right);
            for (size_t k = 0; k < key_types.size(); ++k)
            {
                const auto & key = key_block.getByPosition(k);
                ColumnPtr column = convertToFullColumnIfConst(key.column);
                if (!key.type->equals(*key_types[k]))
                    column = castColumn({column, key.type, key.name}, key_types[k]);
                right_keys.push_back(std::move(column));
            }
        }
        Filter right_mask;
        if (!clause.right_conditions.empty())
        {
            auto actions = std::make_shared<ExpressionActions>();
            ExpressionBinder binder(*actions, right, no_aliases);
            binder.setClause("JOIN ON");
            actions->addOutput(binder.bind(asFilter(makeAnd(clause.right_conditions))), "__mask");
            right_mask = StorageHashJoin::toMask(actions->execute(right).getByPosition(0).column, right.rows());
        }

        StorageHashJoin::Left left = i == 1 ? first_left : StorageHashJoin::Left {};
        left.storage = accumulated;
        if (!key_types.empty())
            left.key_actions = left_key_actions;
        left.key_types = key_types;
        if (!clause.left_conditions.empty())
        {
            auto actions = std::make_shared<ExpressionActions>();
            ExpressionBinder binder(*actions, accumulated_header, no_aliases);
            binder.setClause("JOIN ON");
            actions->addOutput(binder.bind(asFilter(makeAnd(clause.left_conditions))), "__mask");
            left.mask_actions = actions;
        }

        HashJoin::Strictness strictness = HashJoin::Strictness::All;
        switch (join.strictness)
        {
        case ASTTableJoin::Strictness::Unspecified:
        case ASTTableJoin::Strictness::All:
            break;
        case ASTTableJoin::Strictness::Any:
            strictness = HashJoin::Strictness::Any;
            break;
        case ASTTableJoin::Strictness::Semi:
            strictness = HashJoin::Strictness::Semi;
            break;
        case ASTTableJoin::Strictness::Anti:
            strictness = HashJoin::Strictness::Anti;
            break;
        case ASTTableJoin::Strictness::Asof:
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "ASOF JOIN is not supported yet");
        }
        if (strictness != HashJoin::Strictness::All && kinds[i] != HashJoin::Kind::Inner && kinds[i] != HashJoin::Kind::Left)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "ANY/SEMI/ANTI are supported with INNER and LEFT JOIN only");
        if ((strictness == HashJoin::Strictness::Semi || strictness == HashJoin::Strictness::Anti) && kinds[i] != HashJoin::Kind::Left)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "SEMI/ANTI JOIN are supported as LEFT SEMI/ANTI JOIN only");

        std::vector<std::pair<std::string, ColumnPtr>> using_columns;
        for (const auto & name : using_names[i])
        {
            const std::string & left_name = table.joined_names.at(name);
            const auto & values = right.getByName("__using." + name);
            const auto & left_type = accumulated_header.getByName(left_name).type;
            ColumnPtr column = convertToFullColumnIfConst(values.column);
            if (!values.type->equals(*left_type))
                column = castColumn({column, values.type, values.name}, left_type);
            using_columns.emplace_back(left_name, std::move(column));
        }
        Block right_output;
        for (const auto & column : right)
            if (column.name.rfind("__using.", 0) != 0)
                right_output.insert(column);

        auto hash_join = std::make_shared<HashJoin>(kinds[i], strictness, use_nulls, right_output, right_keys, right_mask,
                                                    accumulated_header, std::move(using_columns));
        ColumnsDescription columns;
        for (const auto & column : hash_join->outputHeader())
        {
            ColumnDescription description {column.name, column.type, "", "", ""};
            for (const auto & previous : accumulated_columns)
                if (previous.name == column.name && previous.default_kind == "MATERIALIZED")
                    description.default_kind = "MATERIALIZED";
            columns.push_back(std::move(description));
        }
        static constexpr const char * kind_names[] = {"INNER", "LEFT", "RIGHT", "FULL", "CROSS"};
        static constexpr const char * strictness_names[] = {"ALL", "ANY", "SEMI", "ANTI"};
        explain.join = std::string(kind_names[static_cast<size_t>(kinds[i])]) +
                       (kinds[i] == HashJoin::Kind::Cross ? "" : std::string(" ") + strictness_names[static_cast<size_t>(strictness)]);
        for (size_t k = 0; k < clause.left_keys.size(); ++k)
        {
            std::string right_key = formatAST(*clause.right_keys[k]);
            if (const auto * identifier = clause.right_keys[k]->as<ASTIdentifier>(); identifier && identifier->name().rfind("__using.", 0) == 0)
                right_key = table.display_qualifier + "." + identifier->name().substr(std::string("__using.").size());
            explain.keys += (k ? ", " : "") + formatAST(*clause.left_keys[k]) + " = " + right_key;
        }
        if (i == 1)
        {
            explain.left_table = tables[0].explain_name;
            explain.left_key_condition = first_left_key_condition;
        }
        auto joined = std::make_shared<StorageHashJoin>(std::move(left), columns, hash_join);
        joined->setExplain(std::move(explain));
        accumulated = joined;
        accumulated_header = hash_join->outputHeader().cloneEmpty();
        accumulated_columns = columns;
    }

    Result result;
    result.query = rewritten;
    result.tables = std::make_shared<PlaceholderTableResolver>(resolver, joined_table_name, accumulated);
    return result;
}

} // namespace pipit
