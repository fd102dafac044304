#include "engine/planner/WindowPlanner.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnVector.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/planner/ExpressionBinder.h"
#include "engine/planner/PlaceholderTableResolver.h"
#include "engine/planner/SelectQueryPlanner.h"
#include "engine/planner/StorageBlocks.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>
#include <numeric>
#include <set>

namespace pipit
{

namespace
{

constexpr const char * windowed_table_name = "__windowed";

std::string toLower(std::string s)
{
    for (auto & c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool containsWindowCall(const ASTPtr & ast)
{
    if (!ast || ast->kind == ASTKind::Subquery)
        return false;
    if (const auto * function = ast->as<ASTFunction>(); function && function->isWindowFunction())
        return true;
    bool found = false;
    ast->forEachChild([&](const ASTPtr & child) { found = found || containsWindowCall(child); });
    return found;
}

bool containsAggregateOutsideWindows(const ASTPtr & ast)
{
    if (!ast || ast->kind == ASTKind::Subquery || ast->kind == ASTKind::Lambda)
        return false;
    if (const auto * function = ast->as<ASTFunction>())
    {
        if (function->isWindowFunction())
            return false;
        if (ExpressionBinder::isAggregateFunctionName(function->name))
            return true;
    }
    bool found = false;
    ast->forEachChild([&](const ASTPtr & child) { found = found || containsAggregateOutsideWindows(child); });
    return found;
}

struct WindowCall
{
    std::string column;
    std::string key;
    std::shared_ptr<ASTFunction> function;
    std::shared_ptr<ASTWindowSpec> spec;
};

/// Over aggregated rows, every maximal subexpression without window functions is computed by the
/// inner (aggregating) query; `on_other` moves it there and replaces it with a reference. Null for
/// the rows-only rewrite, where the outer query recomputes such expressions over the rows.
using MoveToInner = std::function<void(ASTPtr & slot)>;

/// `window_aliases`: aliases of select items that contain window functions (they stay in the outer query).
bool containsWindowCallOrAlias(const ASTPtr & ast, const std::set<std::string> & window_aliases)
{
    if (!ast || ast->kind == ASTKind::Subquery)
        return false;
    if (const auto * function = ast->as<ASTFunction>(); function && function->isWindowFunction())
        return true;
    if (const auto * identifier = ast->as<ASTIdentifier>(); identifier && window_aliases.contains(identifier->name()))
        return true;
    bool found = false;
    ast->forEachChild([&](const ASTPtr & child) { found = found || containsWindowCallOrAlias(child, window_aliases); });
    return found;
}

void replaceWindowCalls(ASTPtr & slot, std::vector<WindowCall> & calls, const ASTSelectQuery & query,
                        const MoveToInner & move_to_inner = nullptr, const std::set<std::string> & window_aliases = {})
{
    if (!slot || slot->kind == ASTKind::Subquery)
        return;
    if (move_to_inner && slot->kind != ASTKind::Literal && slot->kind != ASTKind::Asterisk && slot->kind != ASTKind::OrderByElement &&
        !containsWindowCallOrAlias(slot, window_aliases))
    {
        move_to_inner(slot);
        return;
    }
    if (auto * function = slot->as<ASTFunction>(); function && function->isWindowFunction())
    {
        auto copy = std::static_pointer_cast<ASTFunction>(slot->clone());
        copy->alias.clear();
        std::string key = formatAST(*copy);
        std::string column;
        for (const auto & call : calls)
            if (call.key == key)
                column = call.column;
        if (column.empty())
        {
            std::shared_ptr<ASTWindowSpec> spec = copy->window_definition;
            if (!copy->window_name.empty() || (spec && !spec->parent_window_name.empty()))
            {
                std::string name = copy->window_name.empty() ? spec->parent_window_name : copy->window_name;
                std::shared_ptr<ASTWindowSpec> named;
                for (const auto & [window_name, window_spec] : query.windows)
                    if (window_name == name)
                        named = window_spec;
                if (!named)
                    throw Exception(ErrorCode::UNKNOWN_IDENTIFIER, "Window '" + name + "' is not defined");
                if (spec)
                {
                    auto merged = std::static_pointer_cast<ASTWindowSpec>(named->clone());
                    if (!spec->partition_by.empty())
                        merged->partition_by = spec->partition_by;
                    if (!spec->order_by.empty())
                        merged->order_by = spec->order_by;
                    if (spec->frame_is_explicit)
                    {
                        merged->frame_is_explicit = true;
                        merged->frame_type = spec->frame_type;
                        merged->frame_begin = spec->frame_begin;
                        merged->frame_begin_offset = spec->frame_begin_offset;
                        merged->frame_end = spec->frame_end;
                        merged->frame_end_offset = spec->frame_end_offset;
                    }
                    spec = merged;
                }
                else
                    spec = named;
            }
            column = "__window_" + std::to_string(calls.size());
            calls.push_back({column, key, copy, spec});
        }
        auto identifier = std::make_shared<ASTIdentifier>(column);
        identifier->alias = slot->alias;
        slot = identifier;
        return;
    }
    if (auto * function = slot->as<ASTFunction>())
    {
        if (move_to_inner && ExpressionBinder::isAggregateFunctionName(function->name))
            throw Exception(ErrorCode::ILLEGAL_AGGREGATION,
                            "Window function is found inside aggregate function " + formatColumnName(*slot) + " in query");
        for (auto & argument : function->arguments)
            replaceWindowCalls(argument, calls, query, move_to_inner, window_aliases);
        return;
    }
    if (auto * element = slot->as<ASTOrderByElement>())
        replaceWindowCalls(element->expression, calls, query, move_to_inner, window_aliases);
}

/// Evaluates one window function over `block` (whose helper columns hold partition keys, order
/// keys and arguments).
class WindowEvaluator
{
public:
    WindowEvaluator(const WindowCall & call, const Block & block, size_t index)
        : call_(call)
        , rows_(block.rows())
    {
        const auto & spec = *call.spec;
        for (size_t j = 0; j < spec.partition_by.size(); ++j)
            partition_.push_back(convertToFullColumnIfConst(block.getByName(helper(index, "p", j)).column));
        for (size_t j = 0; j < spec.order_by.size(); ++j)
        {
            order_.push_back(convertToFullColumnIfConst(block.getByName(helper(index, "o", j)).column));
            directions_.push_back(spec.order_by[j]->direction);
            nulls_.push_back(spec.order_by[j]->nulls_direction);
        }
        for (size_t j = 0; j < call.function->arguments.size(); ++j)
        {
            const auto & column = block.getByName(helper(index, "a", j));
            arguments_.push_back({convertToFullColumnIfConst(column.column), column.type, column.name});
        }
    }

    static std::string helper(size_t index, const char * kind, size_t j)
    {
        return "__w" + std::to_string(index) + "_" + kind + std::to_string(j);
    }

    ColumnWithTypeAndName evaluate()
    {
        const auto & spec = *call_.spec;
        std::string name = toLower(call_.function->name);
        /// Sort rows by partition then order keys (stable).
        Permutation perm(rows_);
        std::iota(perm.begin(), perm.end(), size_t(0));
        std::stable_sort(perm.begin(), perm.end(),
                         [&](size_t a, size_t b)
                         {
                             for (const auto & column : partition_)
                                 if (int c = column->compareAt(a, b, *column, 1))
                                     return c < 0;
                             for (size_t k = 0; k < order_.size(); ++k)
                                 if (int c = order_[k]->compareAt(a, b, *order_[k], nulls_[k]) * directions_[k])
                                     return c < 0;
                             return false;
                         });
        auto same = [&](const Columns & columns, size_t a, size_t b)
        {
            for (const auto & column : columns)
                if (column->compareAt(a, b, *column, 1) != 0)
                    return false;
            return true;
        };

        Int64 begin_offset = 0, end_offset = 0;
        if (spec.frame_is_explicit)
        {
            if (spec.frame_type == ASTWindowSpec::FrameType::Groups)
                throw Exception(ErrorCode::NOT_IMPLEMENTED, "GROUPS frames are not supported yet");
            auto offset = [&](const ASTPtr & ast) -> Int64
            {
                if (!ast)
                    return 0;
                Field value = SelectQueryPlanner::evaluateConstant(ast, "window frame offset");
                if (value.which() == Field::Which::Int64 && value.get<Int64>() < 0)
                    throw Exception(ErrorCode::BAD_ARGUMENTS, "Window frame offset must be non-negative");
                return static_cast<Int64>(value.toUInt64());
            };
            begin_offset = offset(spec.frame_begin_offset);
            end_offset = offset(spec.frame_end_offset);
            bool has_offsets =
                spec.frame_begin == ASTWindowSpec::BoundType::Preceding || spec.frame_begin == ASTWindowSpec::BoundType::Following ||
                spec.frame_end == ASTWindowSpec::BoundType::Preceding || spec.frame_end == ASTWindowSpec::BoundType::Following;
            if (spec.frame_type == ASTWindowSpec::FrameType::Range && has_offsets)
                throw Exception(ErrorCode::NOT_IMPLEMENTED, "RANGE frames with offsets are not supported yet");
        }
        bool rows_frame = spec.frame_is_explicit && spec.frame_type == ASTWindowSpec::FrameType::Rows;
        auto begin_bound = spec.frame_is_explicit ? spec.frame_begin : ASTWindowSpec::BoundType::UnboundedPreceding;
        auto end_bound = spec.frame_is_explicit ? spec.frame_end : ASTWindowSpec::BoundType::CurrentRow;

        /// Per sorted position: partition start/end, peer start/end, frame start/end.
        std::vector<size_t> part_begin(rows_), part_end(rows_), peer_begin(rows_), peer_end(rows_), frame_begin(rows_), frame_end(rows_);
        std::vector<UInt64> dense(rows_);
        for (size_t i = 0; i < rows_;)
        {
            size_t j = i + 1;
            while (j < rows_ && same(partition_, perm[i], perm[j]))
                ++j;
            UInt64 group = 0;
            for (size_t k = i; k < j;)
            {
                size_t m = k + 1;
                while (m < j && same(order_, perm[k], perm[m]))
                    ++m;
                ++group;
                for (size_t r = k; r < m; ++r)
                {
                    part_begin[r] = i;
                    part_end[r] = j;
                    peer_begin[r] = k;
                    peer_end[r] = m;
                    dense[r] = group;
                }
                k = m;
            }
            i = j;
        }
        for (size_t r = 0; r < rows_; ++r)
        {
            auto bound = [&](ASTWindowSpec::BoundType type, Int64 offset, bool is_end) -> size_t
            {
                Int64 pb = static_cast<Int64>(part_begin[r]), pe = static_cast<Int64>(part_end[r]), cur = static_cast<Int64>(r);
                Int64 value = 0;
                switch (type)
                {
                case ASTWindowSpec::BoundType::UnboundedPreceding:
                    value = pb;
                    break;
                case ASTWindowSpec::BoundType::UnboundedFollowing:
                    value = pe;
                    break;
                case ASTWindowSpec::BoundType::CurrentRow:
                    if (rows_frame)
                        value = is_end ? cur + 1 : cur;
                    else
                        value = static_cast<Int64>(is_end ? peer_end[r] : peer_begin[r]);
                    break;
                case ASTWindowSpec::BoundType::Preceding:
                    value = cur - offset + (is_end ? 1 : 0);
                    break;
                case ASTWindowSpec::BoundType::Following:
                    value = cur + offset + (is_end ? 1 : 0);
                    break;
                }
                return static_cast<size_t>(std::clamp(value, pb, pe));
            };
            frame_begin[r] = bound(begin_bound, begin_offset, false);
            frame_end[r] = std::max(frame_begin[r], bound(end_bound, end_offset, true));
        }

        Permutation inverse(rows_);
        for (size_t i = 0; i < rows_; ++i)
            inverse[perm[i]] = i;
        auto finish = [&](ColumnPtr sorted, DataTypePtr type) -> ColumnWithTypeAndName
        {
            return {sorted->permute(inverse, 0), std::move(type), call_.column};
        };
        auto expect_arguments = [&](size_t min, size_t max)
        {
            size_t n = arguments_.size();
            if (n < min || n > max)
                throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                                "Wrong number of arguments for window function " + call_.function->name);
        };

        if (name == "row_number" || name == "rank" || name == "dense_rank")
        {
            expect_arguments(0, 0);
            auto result = ColumnUInt64::create(rows_);
            auto & data = result->getData();
            for (size_t r = 0; r < rows_; ++r)
                data[r] = name == "row_number" ? r - part_begin[r] + 1 : name == "rank" ? peer_begin[r] - part_begin[r] + 1 : dense[r];
            return finish(result, typeUInt64());
        }
        if (name == "laginframe" || name == "leadinframe" || name == "lag" || name == "lead" || name == "first_value" ||
            name == "last_value" || name == "any" || name == "anylast" || name == "min" || name == "max")
        {
            bool value_function =
                name == "first_value" || name == "last_value" || name == "any" || name == "anylast" || name == "min" || name == "max";
            expect_arguments(1, value_function ? 1 : 3);
            const auto & argument = arguments_[0];
            Int64 offset = 1;
            if (arguments_.size() >= 2)
                offset = static_cast<Int64>((*arguments_[1].column)[0].toUInt64());
            ColumnPtr defaults;
            if (arguments_.size() == 3)
                defaults = castColumn(arguments_[2], argument.type);
            bool in_frame = name == "laginframe" || name == "leadinframe";
            auto result = argument.column->cloneEmpty();
            result->reserve(rows_);
            size_t best = SIZE_MAX, best_begin = SIZE_MAX, best_end = 0;
            for (size_t r = 0; r < rows_; ++r)
            {
                Int64 target = -1;
                size_t lo = in_frame ? frame_begin[r] : part_begin[r];
                size_t hi = in_frame ? frame_end[r] : part_end[r];
                if (name == "laginframe" || name == "lag")
                    target = static_cast<Int64>(r) - offset;
                else if (name == "leadinframe" || name == "lead")
                    target = static_cast<Int64>(r) + offset;
                else if (name == "first_value" || name == "any")
                    target = frame_begin[r] < frame_end[r] ? static_cast<Int64>(frame_begin[r]) : -1, lo = frame_begin[r],
                    hi = frame_end[r];
                else if (name == "last_value" || name == "anylast")
                    target = frame_begin[r] < frame_end[r] ? static_cast<Int64>(frame_end[r]) - 1 : -1, lo = frame_begin[r],
                    hi = frame_end[r];
                else
                {
                    /// min / max over the frame, extended incrementally while the frame start stays.
                    int sign = name == "min" ? 1 : -1;
                    size_t from = frame_begin[r];
                    if (from != best_begin || frame_end[r] < best_end)
                    {
                        best = SIZE_MAX;
                        best_begin = from;
                        best_end = from;
                    }
                    for (; best_end < frame_end[r]; ++best_end)
                    {
                        size_t row = perm[best_end];
                        if (argument.column->isNullable() && (*argument.column)[row].isNull())
                            continue;
                        if (best == SIZE_MAX || sign * argument.column->compareAt(row, best, *argument.column, 1) < 0)
                            best = row;
                    }
                    if (best == SIZE_MAX)
                        result->insertDefault();
                    else
                        result->insertFrom(*argument.column, best);
                    continue;
                }
                if (value_function && target >= 0)
                {
                    result->insertFrom(*argument.column, perm[static_cast<size_t>(target)]);
                    continue;
                }
                if (target >= static_cast<Int64>(lo) && target < static_cast<Int64>(hi))
                    result->insertFrom(*argument.column, perm[static_cast<size_t>(target)]);
                else if (defaults)
                    result->insertFrom(*convertToFullColumnIfConst(defaults), defaults->size() == 1 ? 0 : perm[r]);
                else
                    result->insertDefault();
            }
            return finish(std::move(result), argument.type);
        }
        if (name == "count" || name == "sum" || name == "avg")
        {
            expect_arguments(name == "count" ? 0 : 1, 1);
            std::vector<UInt8> valid(rows_, 1);
            ColumnWithTypeAndName values;
            if (!arguments_.empty())
            {
                values = arguments_[0];
                if (const auto * nullable = dynamic_cast<const ColumnNullable *>(values.column.get()))
                {
                    for (size_t i = 0; i < rows_; ++i)
                        valid[i] = !nullable->getNullMapData()[i];
                    values = {nullable->getNestedColumnPtr(), removeNullableType(values.type), values.name};
                }
            }
            std::vector<UInt64> counts(rows_ + 1, 0);
            for (size_t i = 0; i < rows_; ++i)
                counts[i + 1] = counts[i] + valid[perm[i]];
            if (name == "count")
            {
                auto result = ColumnUInt64::create(rows_);
                for (size_t r = 0; r < rows_; ++r)
                    result->getData()[r] = counts[frame_end[r]] - counts[frame_begin[r]];
                return finish(result, typeUInt64());
            }
            auto id = values.type->getTypeId();
            if (!isNativeNumber(id))
                throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                                "Illegal type " + values.type->getName() + " of argument of window function " + call_.function->name);
            bool is_float = isFloat(id) || name == "avg";
            bool is_signed = id == TypeIndex::Int8 || id == TypeIndex::Int16 || id == TypeIndex::Int32 || id == TypeIndex::Int64;
            if (is_float)
            {
                ColumnPtr converted = castColumn(values, typeFloat64());
                const auto & data = static_cast<const ColumnFloat64 &>(*converted).getData();
                std::vector<double> prefix(rows_ + 1, 0);
                for (size_t i = 0; i < rows_; ++i)
                    prefix[i + 1] = prefix[i] + (valid[perm[i]] ? data[perm[i]] : 0.0);
                auto result = ColumnFloat64::create(rows_);
                for (size_t r = 0; r < rows_; ++r)
                {
                    double sum = 0;
                    /// Exact sum over the frame (prefix differences lose precision with large prefixes).
                    for (size_t i = frame_begin[r]; i < frame_end[r] && frame_end[r] - frame_begin[r] <= 64; ++i)
                        sum += valid[perm[i]] ? data[perm[i]] : 0.0;
                    if (frame_end[r] - frame_begin[r] > 64)
                        sum = prefix[frame_end[r]] - prefix[frame_begin[r]];
                    UInt64 n = counts[frame_end[r]] - counts[frame_begin[r]];
                    result->getData()[r] =
                        name == "avg" ? (n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN()) : sum;
                }
                return finish(result, typeFloat64());
            }
            ColumnPtr converted = castColumn(values, is_signed ? typeInt64() : typeUInt64());
            std::vector<UInt64> prefix(rows_ + 1, 0);
            for (size_t i = 0; i < rows_; ++i)
            {
                UInt64 value = 0;
                if (valid[perm[i]])
                {
                    auto raw = converted->getDataAt(perm[i]);
                    std::memcpy(&value, raw.data(), sizeof(value));
                }
                prefix[i + 1] = prefix[i] + value;
            }
            auto result = is_signed ? std::static_pointer_cast<IColumn>(ColumnInt64::create(rows_))
                                    : std::static_pointer_cast<IColumn>(ColumnUInt64::create(rows_));
            for (size_t r = 0; r < rows_; ++r)
            {
                UInt64 sum = prefix[frame_end[r]] - prefix[frame_begin[r]];
                if (is_signed)
                    static_cast<ColumnInt64 &>(*result).getData()[r] = static_cast<Int64>(sum);
                else
                    static_cast<ColumnUInt64 &>(*result).getData()[r] = sum;
            }
            return finish(std::move(result), is_signed ? typeInt64() : typeUInt64());
        }
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "Window function " + call_.function->name + " is not supported yet");
    }

private:
    const WindowCall & call_;
    size_t rows_;
    Columns partition_;
    Columns order_;
    std::vector<int> directions_;
    std::vector<int> nulls_;
    std::vector<ColumnWithTypeAndName> arguments_;
};

} // namespace

bool WindowPlanner::hasWindowFunctions(const ASTSelectQuery & query)
{
    for (const auto & item : query.select)
        if (containsWindowCall(item))
            return true;
    for (const auto & element : query.order_by)
        if (containsWindowCall(element))
            return true;
    /// Clauses where a window function is an error: plan() reports it.
    for (const auto & key : query.group_by)
        if (containsWindowCall(key))
            return true;
    for (const auto & expression : query.limit_by)
        if (containsWindowCall(expression))
            return true;
    return query.qualify != nullptr || containsWindowCall(query.where) || containsWindowCall(query.prewhere) ||
           containsWindowCall(query.having);
}

std::shared_ptr<ASTSelectQuery> WindowPlanner::rewriteLimitWithTies(const ASTSelectQuery & query)
{
    if (query.order_by.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Can not use WITH TIES without ORDER BY");
    if (!query.limit_by.empty() && !query.limit_length)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Can not use WITH TIES with LIMIT BY");
    auto rewritten = std::static_pointer_cast<ASTSelectQuery>(query.clone());
    rewritten->limit_with_ties = false;
    if (!query.limit_length)
        return rewritten;
    UInt64 length = SelectQueryPlanner::evaluateConstant(query.limit_length, "LIMIT").toUInt64();
    UInt64 offset = query.limit_offset ? SelectQueryPlanner::evaluateConstant(query.limit_offset, "OFFSET").toUInt64() : 0;
    rewritten->limit_length = nullptr;
    rewritten->limit_offset = nullptr;

    std::set<std::string> window_aliases;
    for (const auto & item : query.select)
        if (!item->alias.empty() && containsWindowCall(item))
            window_aliases.insert(item->alias);
    auto spec = std::make_shared<ASTWindowSpec>();
    for (const auto & element : query.order_by)
    {
        if (containsWindowCallOrAlias(element->expression, window_aliases))
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "LIMIT WITH TIES over an ORDER BY key that is a window function is not supported yet");
        auto key = std::static_pointer_cast<ASTOrderByElement>(element->clone());
        key->with_fill = false;
        key->fill_from = key->fill_to = key->fill_step = nullptr;
        /// ORDER BY 1 refers to the select list; inside OVER a number is a constant.
        if (const auto * literal = key->expression->as<ASTLiteral>(); literal && literal->value.which() == Field::Which::UInt64)
        {
            UInt64 position = literal->value.get<UInt64>();
            if (position == 0 || position > query.select.size())
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Positional argument out of bounds: " + std::to_string(position));
            const auto & item = query.select[position - 1];
            if (!item->alias.empty())
                key->expression = std::make_shared<ASTIdentifier>(item->alias);
            else
                key->expression = cloneAST(item);
        }
        spec->order_by.push_back(key);
    }
    auto window = [&](const char * name)
    {
        auto function = std::make_shared<ASTFunction>(name, ASTs {});
        function->window_definition = std::static_pointer_cast<ASTWindowSpec>(spec->clone());
        return function;
    };
    auto number = [](UInt64 value) { return std::make_shared<ASTLiteral>(Field(value)); };
    if (length == 0)
    {
        rewritten->limit_length = number(0);
        return rewritten;
    }
    ASTs conditions;
    if (rewritten->qualify)
        conditions.push_back(rewritten->qualify);
    UInt64 last = offset + length < offset ? std::numeric_limits<UInt64>::max() : offset + length;
    conditions.push_back(makeASTFunction("lessOrEquals", {window("rank"), number(last)}));
    if (offset)
        conditions.push_back(makeASTFunction("greater", {window("row_number"), number(offset)}));
    rewritten->qualify = conditions.size() == 1 ? conditions[0] : makeASTFunction("and", conditions);
    return rewritten;
}

JoinPlanner::Result WindowPlanner::plan(const ASTSelectQuery & query, const ITableResolver & resolver, const ISubqueryExecutor * subqueries)
{
    if (!subqueries)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "Window functions need a subquery executor");
    auto reject = [](const ASTPtr & ast, const char * clause)
    {
        if (containsWindowCall(ast))
            throw Exception(ErrorCode::ILLEGAL_AGGREGATION, std::string("Window function is found in ") + clause + " in query");
    };
    reject(query.where, "WHERE");
    reject(query.prewhere, "PREWHERE");
    reject(query.having, "HAVING");
    for (const auto & key : query.group_by)
        reject(key, "GROUP BY");
    for (const auto & expression : query.limit_by)
        reject(expression, "LIMIT BY");
    bool aggregated = !query.group_by.empty() || query.group_by_all || containsAggregateOutsideWindows(query.having);
    for (const auto & item : query.select)
        aggregated = aggregated || containsAggregateOutsideWindows(item);
    for (const auto & element : query.order_by)
        aggregated = aggregated || containsAggregateOutsideWindows(element);
    aggregated = aggregated || containsAggregateOutsideWindows(query.qualify);

    auto rewritten = std::static_pointer_cast<ASTSelectQuery>(query.clone());
    std::vector<WindowCall> calls;

    /// Over aggregated rows: the inner query groups and computes every subexpression without window
    /// functions (items named by their alias or `__e<N>`), the outer one reads them.
    ASTs inner_items;
    std::map<std::string, std::string> inner_names;
    std::set<std::string> window_aliases;
    MoveToInner move_to_inner;
    if (aggregated)
    {
        for (bool changed = true; changed;)
        {
            changed = false;
            for (const auto & item : query.select)
                if (!item->alias.empty() && !window_aliases.contains(item->alias) && containsWindowCallOrAlias(item, window_aliases))
                    changed = window_aliases.insert(item->alias).second;
        }
        move_to_inner = [&](ASTPtr & slot)
        {
            std::string name = slot->alias;
            if (name.empty())
            {
                auto copy = cloneAST(slot);
                std::string key = formatAST(*copy);
                auto it = inner_names.find(key);
                if (it == inner_names.end())
                {
                    name = "__e" + std::to_string(inner_items.size());
                    copy->alias = name;
                    inner_items.push_back(copy);
                    it = inner_names.emplace(key, name).first;
                }
                name = it->second;
            }
            else if (!inner_names.contains(name))
            {
                inner_items.push_back(cloneAST(slot));
                inner_names.emplace(name, name);
            }
            slot = std::make_shared<ASTIdentifier>(name);
        };
    }

    for (auto & item : rewritten->select)
    {
        std::string original = item->alias.empty() && item->kind != ASTKind::Asterisk ? formatColumnName(*item) : "";
        replaceWindowCalls(item, calls, query, move_to_inner, window_aliases);
        if (!original.empty() && formatColumnName(*item) != original)
            item->alias = original;
    }
    for (auto & element : rewritten->order_by)
    {
        ASTPtr slot = element;
        replaceWindowCalls(slot, calls, query, move_to_inner, window_aliases);
    }
    if (aggregated)
        for (auto & expression : rewritten->limit_by)
            replaceWindowCalls(expression, calls, query, move_to_inner, window_aliases);
    replaceWindowCalls(rewritten->qualify, calls, query, move_to_inner, window_aliases);
    for (const auto & call : calls)
        for (const auto & argument : call.function->arguments)
            if (containsWindowCall(argument))
                throw Exception(ErrorCode::ILLEGAL_AGGREGATION,
                                "Window function " + call.function->name + " is found inside another window function");
    for (const auto & call : calls)
        if (call.spec)
        {
            for (const auto & key : call.spec->partition_by)
                if (containsWindowCall(key))
                    throw Exception(ErrorCode::ILLEGAL_AGGREGATION, "Window function is found inside a window definition");
            for (const auto & key : call.spec->order_by)
                if (containsWindowCall(key))
                    throw Exception(ErrorCode::ILLEGAL_AGGREGATION, "Window function is found inside a window definition");
        }

    /// Inner query: the rows after WHERE, with the keys and arguments of every window.
    auto inner = std::static_pointer_cast<ASTSelectQuery>(query.clone());
    inner->select.clear();
    if (aggregated)
        inner->select = inner_items;
    else
        inner->select.push_back(std::make_shared<ASTAsterisk>());
    inner->distinct = false;
    inner->qualify = nullptr;
    if (!aggregated)
    {
        inner->group_by.clear();
        inner->having = nullptr;
    }
    else
    {
        /// GROUP BY 1 and GROUP BY ALL refer to the original select list, which the inner query does not have.
        if (inner->group_by_all)
        {
            inner->group_by_all = false;
            for (const auto & item : query.select)
                if (item->kind != ASTKind::Asterisk && !containsWindowCallOrAlias(item, window_aliases) &&
                    !containsAggregateOutsideWindows(item))
                    inner->group_by.push_back(cloneAST(item));
        }
        for (auto & key : inner->group_by)
            if (const auto * literal = key->as<ASTLiteral>(); literal && literal->value.which() == Field::Which::UInt64)
            {
                UInt64 position = literal->value.get<UInt64>();
                if (position == 0 || position > query.select.size())
                    throw Exception(ErrorCode::BAD_ARGUMENTS, "Positional argument out of bounds: " + std::to_string(position));
                key = cloneAST(query.select[position - 1]);
                reject(key, "GROUP BY");
            }
    }
    inner->windows.clear();
    inner->order_by.clear();
    inner->limit_by.clear();
    inner->limit_by_length = nullptr;
    inner->limit_by_offset = nullptr;
    inner->limit_length = nullptr;
    inner->limit_offset = nullptr;
    /// Aliases of the select list stay visible to the keys and arguments.
    for (const auto & item : query.select)
    {
        if (aggregated || item->alias.empty() || containsWindowCall(item))
            continue;
        /// `f(x) AS x` would change what `*` reads.
        bool self_referencing = false;
        std::function<void(const ASTPtr &)> visit = [&](const ASTPtr & ast)
        {
            if (const auto * identifier = ast->as<ASTIdentifier>())
                self_referencing = self_referencing || identifier->shortName() == item->alias;
            else if (ast->kind != ASTKind::Subquery)
                ast->forEachChild(visit);
        };
        visit(item);
        if (!self_referencing)
            inner->with.push_back(cloneAST(item));
    }
    for (size_t k = 0; k < calls.size(); ++k)
    {
        const auto & call = calls[k];
        auto add = [&](const ASTPtr & ast, const char * kind, size_t j)
        {
            auto copy = cloneAST(ast);
            copy->alias = WindowEvaluator::helper(k, kind, j);
            inner->select.push_back(copy);
        };
        if (call.spec)
        {
            for (size_t j = 0; j < call.spec->partition_by.size(); ++j)
                add(call.spec->partition_by[j], "p", j);
            for (size_t j = 0; j < call.spec->order_by.size(); ++j)
                add(call.spec->order_by[j]->expression, "o", j);
        }
        else
            calls[k].spec = std::make_shared<ASTWindowSpec>();
        for (size_t j = 0; j < call.function->arguments.size(); ++j)
            add(call.function->arguments[j], "a", j);
    }
    if (inner->select.empty())
    {
        auto one = std::make_shared<ASTLiteral>(Field(UInt64(0)));
        one->alias = "__e_rows";
        inner->select.push_back(one);
    }
    Block block = subqueries->execute(inner, resolver);

    ColumnsDescription columns;
    std::vector<Block> blocks(1);
    for (const auto & column : block)
    {
        bool helper = column.name.rfind("__w", 0) == 0 || (aggregated && column.name.rfind("__e", 0) == 0);
        columns.push_back({column.name, column.type, helper ? "MATERIALIZED" : "", "", ""});
        blocks[0].insert(column);
    }
    for (size_t k = 0; k < calls.size(); ++k)
    {
        WindowEvaluator evaluator(calls[k], block, k);
        auto result = evaluator.evaluate();
        columns.push_back({result.name, result.type, "MATERIALIZED", "", ""});
        blocks[0].insert(std::move(result));
    }
    auto storage = std::make_shared<StorageBlocks>(columns, std::move(blocks));

    std::string table_name;
    std::string table_alias;
    if (!query.tables.empty() && query.tables[0]->table)
    {
        table_name = query.tables[0]->table->table;
        table_alias = query.tables[0]->table->alias;
    }
    rewritten->tables.clear();
    auto element = std::make_shared<ASTTablesElement>();
    element->table = std::make_shared<ASTTableExpression>();
    element->table->table = windowed_table_name;
    element->table->alias = table_alias;
    rewritten->tables.push_back(element);
    rewritten->where = rewritten->qualify;
    rewritten->qualify = nullptr;
    rewritten->prewhere = nullptr;
    rewritten->windows.clear();
    if (aggregated)
    {
        rewritten->group_by.clear();
        rewritten->group_by_all = false;
        rewritten->having = nullptr;
        rewritten->with.clear();
    }

    JoinPlanner::Result result;
    result.query = rewritten;
    result.tables = std::make_shared<PlaceholderTableResolver>(resolver, windowed_table_name, storage, table_name);
    return result;
}

} // namespace pipit
