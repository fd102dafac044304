#include "engine/planner/SetOperationRewriter.h"

#include "engine/base/Exception.h"

#include <algorithm>

namespace pipit
{

namespace
{

using Mode = ASTSelectWithUnionQuery::Mode;

std::shared_ptr<ASTSelectWithUnionQuery> asUnion(const ASTPtr & query)
{
    if (auto union_query = std::dynamic_pointer_cast<ASTSelectWithUnionQuery>(query))
        return union_query;
    auto res = std::make_shared<ASTSelectWithUnionQuery>();
    res->selects.push_back(query);
    return res;
}

/// SELECT [DISTINCT] * FROM (query) [WHERE filter]
ASTPtr selectFrom(const ASTPtr & query, bool distinct, ASTPtr filter = nullptr)
{
    auto subquery = std::make_shared<ASTSubquery>();
    subquery->query = asUnion(query);
    auto element = std::make_shared<ASTTablesElement>();
    element->table = std::make_shared<ASTTableExpression>();
    element->table->subquery = subquery;
    auto select = std::make_shared<ASTSelectQuery>();
    select->distinct = distinct;
    select->select.push_back(std::make_shared<ASTAsterisk>());
    select->tables.push_back(element);
    select->where = std::move(filter);
    return select;
}

ASTPtr unionAll(const ASTPtr & left, const ASTPtr & right)
{
    auto res = std::make_shared<ASTSelectWithUnionQuery>();
    for (const auto & side : {left, right})
    {
        const auto * nested = side->as<ASTSelectWithUnionQuery>();
        bool all = nested && std::all_of(nested->modes.begin(), nested->modes.end(), [](Mode m) { return m == Mode::UnionAll; });
        if (all)
            res->selects.insert(res->selects.end(), nested->selects.begin(), nested->selects.end());
        else
            res->selects.push_back(side);
    }
    res->modes.assign(res->selects.size() - 1, Mode::UnionAll);
    return res;
}

} // namespace

bool SetOperationRewriter::needsRewrite(const ASTSelectWithUnionQuery & query)
{
    return std::any_of(query.modes.begin(), query.modes.end(), [](Mode m) { return m != Mode::UnionAll; });
}

ASTPtr SetOperationRewriter::rewrite(const ASTSelectWithUnionQuery & query,
                                     const std::function<std::vector<std::string>(const ASTPtr &)> & column_names)
{
    /// left (NOT) IN right, over the left query's columns.
    auto filter_in = [&](const ASTPtr & left, const ASTPtr & right, bool negate, bool distinct)
    {
        std::vector<std::string> names = column_names(left);
        size_t right_columns = column_names(right).size();
        if (right_columns != names.size())
            throw Exception(ErrorCode::INCORRECT_NUMBER_OF_COLUMNS, std::string("Different number of columns in ") +
                                                                      (negate ? "EXCEPT" : "INTERSECT") + " elements: " +
                                                                      std::to_string(names.size()) + " and " + std::to_string(right_columns));
        ASTs columns;
        for (const auto & name : names)
            columns.push_back(std::make_shared<ASTIdentifier>(name));
        ASTPtr row = columns.size() == 1 ? columns[0] : makeASTFunction("tuple", columns);
        auto subquery = std::make_shared<ASTSubquery>();
        subquery->query = asUnion(right);
        return selectFrom(left, distinct, makeASTFunction(negate ? "notIn" : "in", {row, subquery}));
    };

    /// INTERSECT first.
    ASTs operands {query.selects.at(0)};
    std::vector<Mode> modes;
    for (size_t i = 0; i < query.modes.size(); ++i)
    {
        Mode mode = query.modes[i];
        const ASTPtr & right = query.selects.at(i + 1);
        if (mode == Mode::Unspecified)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "UNION without ALL or DISTINCT is not supported yet");
        if (mode == Mode::Intersect || mode == Mode::IntersectDistinct)
            operands.back() = filter_in(operands.back(), right, false, mode == Mode::IntersectDistinct);
        else
        {
            modes.push_back(mode);
            operands.push_back(right);
        }
    }
    ASTPtr result = operands[0];
    for (size_t i = 0; i < modes.size(); ++i)
    {
        const ASTPtr & right = operands[i + 1];
        switch (modes[i])
        {
        case Mode::UnionAll:
            result = unionAll(result, right);
            break;
        case Mode::UnionDistinct:
            result = selectFrom(unionAll(result, right), true);
            break;
        case Mode::Except:
        case Mode::ExceptDistinct:
            result = filter_in(result, right, true, modes[i] == Mode::ExceptDistinct);
            break;
        default:
            throw Exception(ErrorCode::LOGICAL_ERROR, "Unexpected set operation");
        }
    }
    return result;
}

} // namespace pipit
