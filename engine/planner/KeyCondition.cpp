#include "engine/planner/KeyCondition.h"

#include "engine/base/Check.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/planner/ExpressionBinder.h"
#include "engine/sql/AST.h"
#include "engine/sql/ASTFormatter.h"

#include <algorithm>
#include <set>

namespace pipit
{

namespace
{

const AliasMap & noAliases()
{
    static const AliasMap aliases;
    return aliases;
}

/// Constant value of `ast` if it is a constant expression.
std::optional<std::pair<Field, DataTypePtr>> tryConstant(const ASTPtr & ast)
{
    ExpressionActions actions;
    Block empty;
    ExpressionBinder binder(actions, empty, noAliases());
    try
    {
        size_t node = binder.bind(ast);
        const auto & n = actions.getNode(node);
        if (n.type != ExpressionActions::NodeType::Constant)
            return std::nullopt;
        return std::make_pair((*n.constant)[0], n.result_type);
    }
    catch (const Exception &)
    {
        return std::nullopt;
    }
}

int compareBound(const Field & a, const Field & b)
{
    return compareFields(a, b);
}

/// Value `value` of type `from` converted to `to` for comparisons with values of `to`; nullopt
/// when the conversion could change the comparison (e.g. 1.5 into an integer type).
std::optional<Field> convertConstant(const Field & value, const DataTypePtr & from, const DataTypePtr & to_input)
{
    if (value.isNull())
        return std::nullopt;
    auto to = removeNullableType(removeLowCardinalityType(to_input));
    auto to_id = to->getTypeId();
    auto from_id = removeNullableType(from)->getTypeId();
    bool to_numberish = isNativeNumber(to_id) || isDateOrDateTime(to_id);
    if (isStringOrFixedString(from_id))
    {
        if (isStringOrFixedString(to_id))
            return value;
        if (!to_numberish)
            return std::nullopt;
        try
        {
            auto column = from->createColumn();
            column->insert(value);
            auto converted = castColumn({std::move(column), from, ""}, to);
            return (*converted)[0];
        }
        catch (const Exception &)
        {
            return std::nullopt;
        }
    }
    if ((isNativeNumber(from_id) || isDateOrDateTime(from_id)) && to_numberish)
    {
        if (isDateOrDateTime(from_id) && isDateOrDateTime(to_id) && from_id != to_id)
        {
            try
            {
                auto column = from->createColumn();
                column->insert(value);
                auto converted = castColumn({std::move(column), from, ""}, to);
                return (*converted)[0];
            }
            catch (const Exception &)
            {
                return std::nullopt;
            }
        }
        return value;
    }
    return std::nullopt;
}

/// f(value) for a one-argument-varying function step.
std::optional<Field> applyFunction(const FunctionPtr & function, ColumnsWithTypeAndName arguments, size_t position,
                                   const DataTypePtr & result_type, const Field & value)
{
    try
    {
        auto column = arguments[position].type->createColumn();
        column->insert(value);
        arguments[position].column = std::move(column);
        auto res = function->execute(arguments, result_type, 1);
        return (*res)[0];
    }
    catch (const Exception &)
    {
        return std::nullopt;
    }
}

} // namespace

KeyCondition::KeyCondition(const ASTPtr & where, const Block & header, const ASTs & sort_key, const ASTPtr & partition_key,
                           const std::vector<std::string> & qualifiers)
    : header_(header.cloneEmptyHeader())
    , qualifiers_(qualifiers)
{
    for (const auto & key : sort_key)
    {
        ExpressionActions actions;
        ExpressionBinder binder(actions, header_, noAliases(), qualifiers_);
        key_names_.push_back(binder.canonicalName(key));
        key_asts_.push_back(key);
    }
    if (partition_key)
    {
        ExpressionActions actions;
        ExpressionBinder binder(actions, header_, noAliases(), qualifiers_);
        try
        {
            binder.bind(partition_key);
            for (const auto & node : actions.getNodes())
                if (node.type == ExpressionActions::NodeType::Input)
                    partition_columns_.push_back(node.name);
        }
        catch (const Exception &)
        {
        }
    }
    buildRPN(where, 0);
}

void KeyCondition::buildRPN(const ASTPtr & ast, size_t depth)
{
    const auto * function = ast->as<ASTFunction>();
    if (depth < 100 && function && (function->name == "and" || function->name == "or") && !function->arguments.empty())
    {
        auto type = function->name == "and" ? RPNElement::Type::And : RPNElement::Type::Or;
        for (size_t i = 0; i < function->arguments.size(); ++i)
        {
            buildRPN(function->arguments[i], depth + 1);
            if (i > 0)
                rpn_.push_back({type, 0});
        }
        return;
    }
    if (depth < 100 && function && function->name == "not" && function->arguments.size() == 1)
    {
        buildRPN(function->arguments[0], depth + 1);
        rpn_.push_back({RPNElement::Type::Not, 0});
        return;
    }
    if (tryBuildAtom(ast))
    {
        rpn_.push_back({RPNElement::Type::Atom, atoms_.size() - 1});
        return;
    }
    rpn_.push_back({RPNElement::Type::Unknown, 0});
}

void KeyCondition::collectTargets(const ASTPtr & expression, std::vector<Alternative> & out, size_t depth) const
{
    if (depth > 8)
        return;
    ExpressionActions actions;
    ExpressionBinder binder(actions, header_, noAliases(), qualifiers_);
    std::string name;
    try
    {
        name = binder.canonicalName(expression);
    }
    catch (const Exception &)
    {
        return;
    }
    for (size_t k = 0; k < key_names_.size(); ++k)
    {
        if (key_names_[k] == name)
        {
            Alternative alternative;
            alternative.on_sort_key = true;
            alternative.key_index = k;
            out.push_back(alternative);
        }
    }
    if (expression->kind == ASTKind::Identifier &&
        std::find(partition_columns_.begin(), partition_columns_.end(), name) != partition_columns_.end())
    {
        Alternative alternative;
        alternative.on_sort_key = false;
        alternative.column = name;
        out.push_back(alternative);
    }

    /// g(A) with one varying argument and known monotonicity: reach A, then apply g.
    const auto * function = expression->as<ASTFunction>();
    if (!function || function->arguments.empty())
        return;
    auto resolved = FunctionRegistry::instance().tryGet(function->name);
    if (!resolved || !resolved->hasInformationAboutMonotonicity())
        return;
    ColumnsWithTypeAndName arguments;
    std::optional<size_t> variable;
    for (size_t i = 0; i < function->arguments.size(); ++i)
    {
        if (auto constant = tryConstant(function->arguments[i]))
        {
            arguments.push_back({createConstColumn(constant->second, constant->first, 1), constant->second, ""});
            continue;
        }
        if (variable)
            return;
        variable = i;
        ExpressionActions arg_actions;
        ExpressionBinder arg_binder(arg_actions, header_, noAliases(), qualifiers_);
        try
        {
            size_t node = arg_binder.bind(function->arguments[i]);
            arguments.push_back({nullptr, arg_actions.getNode(node).result_type, ""});
        }
        catch (const Exception &)
        {
            return;
        }
    }
    if (!variable)
        return;
    DataTypePtr result_type;
    try
    {
        result_type = resolved->getReturnType(arguments);
    }
    catch (const Exception &)
    {
        return;
    }
    if (result_type->isNullable() || arguments[*variable].type->isNullable())
        return;
    std::vector<Alternative> inner;
    collectTargets(function->arguments[*variable], inner, depth + 1);
    for (auto & alternative : inner)
    {
        alternative.chain.push_back({resolved, arguments, *variable, result_type});
        out.push_back(std::move(alternative));
    }
}

bool KeyCondition::tryBuildAtom(const ASTPtr & ast)
{
    const auto * function = ast->as<ASTFunction>();
    if (!function || function->arguments.size() != 2)
        return false;
    static const std::set<std::string> comparisons = {"equals", "notEquals", "less", "greater", "lessOrEquals", "greaterOrEquals", "in"};
    std::string op = function->name;
    if (!comparisons.contains(op))
        return false;

    ASTPtr expression = function->arguments[0];
    auto constant = tryConstant(function->arguments[1]);
    if (!constant && op != "in")
    {
        constant = tryConstant(function->arguments[0]);
        if (!constant)
            return false;
        expression = function->arguments[1];
        if (op == "less")
            op = "greater";
        else if (op == "greater")
            op = "less";
        else if (op == "lessOrEquals")
            op = "greaterOrEquals";
        else if (op == "greaterOrEquals")
            op = "lessOrEquals";
    }
    if (!constant)
        return false;

    /// Type of E, to convert the constant to.
    DataTypePtr expression_type;
    {
        ExpressionActions actions;
        ExpressionBinder binder(actions, header_, noAliases(), qualifiers_);
        try
        {
            expression_type = actions.getNode(binder.bind(expression)).result_type;
        }
        catch (const Exception &)
        {
            return false;
        }
    }

    Atom atom;
    atom.text = formatAST(*ast);
    Alternative base;
    if (op == "in")
    {
        base.kind = AtomKind::Points;
        FieldVector elements;
        if (const auto * t = constant->first.tryGet<FieldTuple>())
            elements = t->values;
        else if (const auto * a = constant->first.tryGet<FieldArray>())
            elements = a->values;
        else
            elements = {constant->first};
        for (const auto & element : elements)
            if (auto converted = convertConstant(element, dataTypeOfField(element), expression_type))
                base.points.push_back(*converted);
            else if (!element.isNull())
                return false;
        std::sort(base.points.begin(), base.points.end(), [](const Field & a, const Field & b) { return compareFields(a, b) < 0; });
    }
    else
    {
        auto converted = convertConstant(constant->first, constant->second, expression_type);
        if (!converted)
            return false;
        const Field & c = *converted;
        if (op == "equals")
            base.range = {c, true, c, true};
        else if (op == "notEquals")
        {
            base.kind = AtomKind::NotEquals;
            base.range = {c, true, c, true};
        }
        else if (op == "less")
            base.range = {Field(), true, c, false};
        else if (op == "lessOrEquals")
            base.range = {Field(), true, c, true};
        else if (op == "greater")
            base.range = {c, false, Field(), true};
        else
            base.range = {c, true, Field(), true};
    }

    std::vector<Alternative> targets;
    collectTargets(expression, targets, 0);
    for (auto & target : targets)
    {
        target.kind = base.kind;
        target.range = base.range;
        target.points = base.points;
        atom.alternatives.push_back(std::move(target));
    }

    /// E is a column under a monotonic sort key element f(E): map the constants through f.
    if (expression->kind == ASTKind::Identifier && base.kind != AtomKind::NotEquals)
    {
        for (size_t k = 0; k < key_asts_.size(); ++k)
        {
            /// Decompose the key as a chain of one-varying-argument functions over E.
            std::vector<ChainStep> chain;
            ASTPtr current = key_asts_[k];
            bool ok = false;
            for (size_t depth = 0; depth < 8; ++depth)
            {
                if (current->kind == ASTKind::Identifier)
                {
                    ExpressionActions actions;
                    ExpressionBinder binder(actions, header_, noAliases(), qualifiers_);
                    ExpressionActions actions2;
                    ExpressionBinder binder2(actions2, header_, noAliases(), qualifiers_);
                    ok = binder.canonicalName(current) == binder2.canonicalName(expression);
                    break;
                }
                const auto * f = current->as<ASTFunction>();
                if (!f)
                    break;
                auto resolved = FunctionRegistry::instance().tryGet(f->name);
                if (!resolved || !resolved->hasInformationAboutMonotonicity())
                    break;
                ColumnsWithTypeAndName arguments;
                std::optional<size_t> variable;
                bool bad = false;
                for (size_t i = 0; i < f->arguments.size() && !bad; ++i)
                {
                    if (auto c = tryConstant(f->arguments[i]))
                    {
                        arguments.push_back({createConstColumn(c->second, c->first, 1), c->second, ""});
                        continue;
                    }
                    if (variable)
                    {
                        bad = true;
                        break;
                    }
                    variable = i;
                    ExpressionActions actions;
                    ExpressionBinder binder(actions, header_, noAliases(), qualifiers_);
                    try
                    {
                        arguments.push_back({nullptr, actions.getNode(binder.bind(f->arguments[i])).result_type, ""});
                    }
                    catch (const Exception &)
                    {
                        bad = true;
                    }
                }
                if (bad || !variable)
                    break;
                DataTypePtr result_type;
                try
                {
                    result_type = resolved->getReturnType(arguments);
                }
                catch (const Exception &)
                {
                    break;
                }
                chain.insert(chain.begin(), ChainStep {resolved, arguments, *variable, result_type});
                current = f->arguments[*variable];
            }
            if (!ok || chain.empty())
                continue;

            /// Map each bound / point through the chain; monotonicity must hold on the mapped range.
            auto map_value = [&](const Field & value) -> std::optional<Field>
            {
                Field v = value;
                for (const auto & step : chain)
                {
                    auto r = applyFunction(step.function, step.arguments, step.variable_position, step.result_type, v);
                    if (!r)
                        return std::nullopt;
                    v = *r;
                }
                return v;
            };
            Alternative mapped;
            mapped.on_sort_key = true;
            mapped.key_index = k;
            mapped.kind = base.kind;
            bool usable = true;
            if (base.kind == AtomKind::Points)
            {
                for (const auto & p : base.points)
                {
                    auto m = map_value(p);
                    if (!m)
                    {
                        usable = false;
                        break;
                    }
                    mapped.points.push_back(*m);
                }
                std::sort(mapped.points.begin(), mapped.points.end(),
                          [](const Field & a, const Field & b) { return compareFields(a, b) < 0; });
            }
            else
            {
                /// Every step must be monotonic over the whole range (unbounded sides need always-monotonic).
                bool positive = true;
                Field left = base.range.left, right = base.range.right;
                for (const auto & step : chain)
                {
                    const auto & type = *step.arguments[step.variable_position].type;
                    auto monotonicity = step.function->getMonotonicityForRange(type, left, right);
                    if (!monotonicity.is_monotonic || ((left.isNull() || right.isNull()) && !monotonicity.is_always_monotonic))
                    {
                        usable = false;
                        break;
                    }
                    auto l = left.isNull() ? std::optional<Field>(Field())
                                           : applyFunction(step.function, step.arguments, step.variable_position, step.result_type, left);
                    auto r = right.isNull() ? std::optional<Field>(Field())
                                            : applyFunction(step.function, step.arguments, step.variable_position, step.result_type, right);
                    if (!l || !r)
                    {
                        usable = false;
                        break;
                    }
                    if (!monotonicity.is_positive)
                    {
                        std::swap(*l, *r);
                        positive = !positive;
                    }
                    left = *l;
                    right = *r;
                }
                (void)positive;
                mapped.range = {left, true, right, true};
            }
            if (usable)
                atom.alternatives.push_back(std::move(mapped));
        }
    }

    if (atom.alternatives.empty())
        return false;
    atoms_.push_back(std::move(atom));
    return true;
}

KeyCondition::BoolMask KeyCondition::checkAlternative(const Alternative & alternative, Range range)
{
    /// Push the value range through the chain.
    for (const auto & step : alternative.chain)
    {
        const auto & type = *step.arguments[step.variable_position].type;
        auto monotonicity = step.function->getMonotonicityForRange(type, range.left, range.right);
        if (!monotonicity.is_monotonic || ((range.left.isNull() || range.right.isNull()) && !monotonicity.is_always_monotonic))
            return {};
        std::optional<Field> l = range.left.isNull()
                                     ? std::optional<Field>(Field())
                                     : applyFunction(step.function, step.arguments, step.variable_position, step.result_type, range.left);
        std::optional<Field> r = range.right.isNull()
                                     ? std::optional<Field>(Field())
                                     : applyFunction(step.function, step.arguments, step.variable_position, step.result_type, range.right);
        if (!l || !r)
            return {};
        if (monotonicity.is_positive)
            range = {*l, true, *r, true};
        else
            range = {*r, true, *l, true};
    }

    /// Is the value range [range] inside / intersecting the atom's set of values?
    auto below_right = [&](const Field & v, const Range & atom_range)
    {
        if (atom_range.right.isNull())
            return true;
        int c = compareBound(v, atom_range.right);
        return c < 0 || (c == 0 && atom_range.right_included);
    };
    auto above_left = [&](const Field & v, const Range & atom_range)
    {
        if (atom_range.left.isNull())
            return true;
        int c = compareBound(v, atom_range.left);
        return c > 0 || (c == 0 && atom_range.left_included);
    };

    switch (alternative.kind)
    {
    case AtomKind::Range:
    {
        const Range & a = alternative.range;
        /// Intersection is empty if range.right < a.left or range.left > a.right.
        bool can_be_true = true;
        if (!range.right.isNull() && !a.left.isNull())
        {
            int c = compareBound(range.right, a.left);
            if (c < 0 || (c == 0 && !a.left_included))
                can_be_true = false;
        }
        if (!range.left.isNull() && !a.right.isNull())
        {
            int c = compareBound(range.left, a.right);
            if (c > 0 || (c == 0 && !a.right_included))
                can_be_true = false;
        }
        bool contained = !range.left.isNull() && !range.right.isNull() && above_left(range.left, a) && below_right(range.right, a);
        return {can_be_true, !contained};
    }
    case AtomKind::Points:
    {
        bool can_be_true = false;
        for (const auto & p : alternative.points)
        {
            bool ge = range.left.isNull() || compareBound(p, range.left) >= 0;
            bool le = range.right.isNull() || compareBound(p, range.right) <= 0;
            if (ge && le)
            {
                can_be_true = true;
                break;
            }
        }
        bool single_point_in_set =
            can_be_true && !range.left.isNull() && !range.right.isNull() && compareBound(range.left, range.right) == 0;
        return {can_be_true, !single_point_in_set};
    }
    case AtomKind::NotEquals:
    {
        const Field & c = alternative.range.left;
        bool single_point_equal =
            !range.left.isNull() && !range.right.isNull() && compareBound(range.left, c) == 0 && compareBound(range.right, c) == 0;
        bool excludes_c =
            (!range.right.isNull() && compareBound(range.right, c) < 0) || (!range.left.isNull() && compareBound(range.left, c) > 0);
        return {!single_point_equal, !excludes_c};
    }
    }
    return {};
}

KeyCondition::BoolMask KeyCondition::evaluate(const std::function<std::optional<Range>(const Alternative &)> & base_range) const
{
    std::vector<BoolMask> stack;
    for (const auto & element : rpn_)
    {
        switch (element.type)
        {
        case RPNElement::Type::Unknown:
            stack.push_back({true, true});
            break;
        case RPNElement::Type::Atom:
        {
            BoolMask mask {true, true};
            for (const auto & alternative : atoms_[element.atom].alternatives)
            {
                auto range = base_range(alternative);
                if (!range)
                    continue;
                auto m = checkAlternative(alternative, *range);
                mask.can_be_true = mask.can_be_true && m.can_be_true;
                mask.can_be_false = mask.can_be_false && m.can_be_false;
            }
            stack.push_back(mask);
            break;
        }
        case RPNElement::Type::Not:
        {
            CHECK(!stack.empty());
            std::swap(stack.back().can_be_true, stack.back().can_be_false);
            break;
        }
        case RPNElement::Type::And:
        case RPNElement::Type::Or:
        {
            CHECK(stack.size() >= 2);
            auto b = stack.back();
            stack.pop_back();
            auto & a = stack.back();
            if (element.type == RPNElement::Type::And)
                a = {a.can_be_true && b.can_be_true, a.can_be_false || b.can_be_false};
            else
                a = {a.can_be_true || b.can_be_true, a.can_be_false && b.can_be_false};
            break;
        }
        }
    }
    if (stack.size() != 1)
        return {};
    return stack.back();
}

bool KeyCondition::mayBeTrueInRange(const std::vector<Field> & left_keys, const std::vector<Field> & right_keys) const
{
    /// Key element k is bounded by [left_k, right_k] only while all earlier elements are equal
    /// at both ends (lexicographic order of the sort key).
    size_t bounded = 0;
    while (bounded < left_keys.size() && bounded < right_keys.size())
    {
        ++bounded;
        const Field & l = left_keys[bounded - 1];
        const Field & r = right_keys[bounded - 1];
        if (l.isNull() || r.isNull() || compareFields(l, r) != 0)
            break;
    }
    return evaluate(
               [&](const Alternative & alternative) -> std::optional<Range>
               {
                   if (!alternative.on_sort_key || alternative.key_index >= bounded)
                       return std::nullopt;
                   const Field & l = left_keys[alternative.key_index];
                   const Field & r = right_keys[alternative.key_index];
                   return Range {l, true, r, true};
               })
        .can_be_true;
}

bool KeyCondition::mayBeTrueInPartition(const Block & minmax) const
{
    return evaluate(
               [&](const Alternative & alternative) -> std::optional<Range>
               {
                   if (alternative.on_sort_key)
                       return std::nullopt;
                   const auto * column = minmax.findByName(alternative.column);
                   if (!column || !column->column || column->column->size() < 2)
                       return std::nullopt;
                   Field l = (*column->column)[0];
                   Field r = (*column->column)[1];
                   if (l.isNull() || r.isNull())
                       return std::nullopt;
                   return Range {l, true, r, true};
               })
        .can_be_true;
}

bool KeyCondition::isUseful() const
{
    return !atoms_.empty();
}

std::string KeyCondition::describe() const
{
    std::string out;
    for (const auto & atom : atoms_)
    {
        out += atom.text + " on";
        for (const auto & alternative : atom.alternatives)
            out += alternative.on_sort_key ? " key `" + key_names_[alternative.key_index] + "`"
                                           : " partition column `" + alternative.column + "`";
        out += "\n";
    }
    return out;
}

} // namespace pipit
