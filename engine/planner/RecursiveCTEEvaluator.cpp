#include "engine/planner/RecursiveCTEEvaluator.h"

#include "engine/base/Exception.h"
#include "engine/base/MemoryTracker.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/planner/PlaceholderTableResolver.h"
#include "engine/planner/StorageBlocks.h"

namespace pipit
{

namespace
{

/// Rows of `blocks` (same column count) as one block of `types`, named as `names`.
Block concatenateAs(const std::vector<Block> & blocks, const std::vector<std::string> & names, const DataTypes & types)
{
    Block res;
    for (size_t c = 0; c < names.size(); ++c)
    {
        auto column = types[c]->createColumn();
        for (const auto & block : blocks)
        {
            const auto & source = block.getByPosition(c);
            ColumnPtr converted = source.type->getName() == types[c]->getName() ? source.column : castColumn(source, types[c]);
            converted = convertToFullColumnIfConst(converted);
            column->insertRangeFrom(*converted, 0, converted->size());
        }
        res.insert({std::move(column), types[c], names[c]});
    }
    return res;
}

StoragePtr storageOf(const Block & block)
{
    ColumnsDescription columns;
    for (const auto & c : block)
        columns.push_back({c.name, c.type, "", "", ""});
    return std::make_shared<StorageBlocks>(columns, std::vector<Block> {block});
}

} // namespace

bool RecursiveCTEEvaluator::readsTable(const ASTPtr & query, const std::string & name)
{
    if (!query)
        return false;
    if (const auto * table = query->as<ASTTableExpression>(); table && table->database.empty() && table->table == name)
        return true;
    bool found = false;
    query->forEachChild([&](const ASTPtr & child) { found = found || readsTable(child, name); });
    return found;
}

Block RecursiveCTEEvaluator::evaluate(const std::string & name, const ASTPtr & query, const ITableResolver & tables,
                                      const ISubqueryExecutor & executor, UInt64 max_depth)
{
    const auto * union_query = query->as<ASTSelectWithUnionQuery>();
    ASTs parts = union_query ? union_query->selects : ASTs {query};
    if (union_query)
        for (auto mode : union_query->modes)
            if (mode != ASTSelectWithUnionQuery::Mode::UnionAll)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Recursive CTE " + name + " must combine its parts with UNION ALL");

    auto make_union = [](const ASTs & selects)
    {
        auto res = std::make_shared<ASTSelectWithUnionQuery>();
        res->selects = selects;
        res->modes.assign(selects.empty() ? 0 : selects.size() - 1, ASTSelectWithUnionQuery::Mode::UnionAll);
        return res;
    };
    ASTs anchor_parts;
    ASTs step_parts;
    for (const auto & part : parts)
        (readsTable(part, name) ? step_parts : anchor_parts).push_back(part);
    if (anchor_parts.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Recursive CTE " + name + " needs a part that does not read " + name);

    Block anchor = executor.execute(make_union(anchor_parts), tables);
    std::vector<std::string> names;
    DataTypes types;
    for (const auto & column : anchor)
    {
        names.push_back(column.name);
        types.push_back(column.type);
    }
    std::vector<Block> rounds {anchor};
    if (step_parts.empty())
        return anchor;

    ASTPtr step = make_union(step_parts);
    Block previous = anchor;
    for (UInt64 depth = 0; previous.rows() > 0; ++depth)
    {
        if (depth >= max_depth)
            throw Exception(ErrorCode::TOO_DEEP_RECURSION,
                            "Maximum recursive CTE evaluation depth (" + std::to_string(max_depth) + ") exceeded while evaluating " + name +
                                ". Consider raising max_recursive_cte_evaluation_depth setting.");
        MemoryTracker::checkCurrent();
        PlaceholderTableResolver resolver(tables, name, storageOf(previous), name);
        Block produced = executor.execute(step, resolver);
        if (produced.columns() != names.size())
            throw Exception(ErrorCode::NUMBER_OF_COLUMNS_DOESNT_MATCH,
                            "Recursive CTE " + name + " returns " + std::to_string(produced.columns()) + " columns in a recursive step but " +
                                std::to_string(names.size()) + " in its first part");
        for (size_t c = 0; c < names.size(); ++c)
            if (produced.getByPosition(c).type->getName() != types[c]->getName())
                types[c] = leastSupertype({types[c], produced.getByPosition(c).type});
        rounds.push_back(produced);
        previous = concatenateAs({produced}, names, types);
    }
    return concatenateAs(rounds, names, types);
}

} // namespace pipit
