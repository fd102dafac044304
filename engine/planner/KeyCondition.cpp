#include "engine/planner/KeyCondition.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
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
    /// A literal is typed as the binder types it, without building actions.
    if (const auto * literal = ast->as<ASTLiteral>())
        return std::make_pair(literal->value, literal->is_bool ? typeBool() : dataTypeOfField(literal->value));
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
    atom.ast = ast;
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
    return checkBounds(alternative, range.left, range.right);
}

namespace
{

/// A key value in place: the bytes of a String key (in its column), else a Field (a number: no allocation).
struct KeyBound
{
    bool null = true;
    bool is_string = false;
    std::string_view string;
    Field value;
};

Field toField(const KeyBound & bound)
{
    if (bound.null)
        return Field();
    return bound.is_string ? Field(bound.string) : bound.value;
}

bool boundIsNull(const Field & value)
{
    return value.isNull();
}

bool boundIsNull(const KeyBound & value)
{
    return value.null;
}

int compareBound(const KeyBound & a, const Field & b)
{
    if (!a.is_string)
        return compareFields(a.value, b);
    if (const auto * s = b.tryGet<std::string>())
        return a.string.compare(*s);
    return compareFields(toField(a), b);
}

int compareBound(const Field & a, const KeyBound & b)
{
    return -compareBound(b, a);
}

int compareBound(const KeyBound & a, const KeyBound & b)
{
    if (a.is_string && b.is_string)
        return a.string.compare(b.string);
    if (!a.is_string && !b.is_string)
        return compareFields(a.value, b.value);
    return compareFields(toField(a), toField(b));
}

/// Where the values of one key column are: Nullable and LowCardinality are looked through once, so reading row n
/// is a few loads (and a Field only for non-String values).
struct KeyColumnView
{
    const IColumn * values = nullptr;
    const ColumnString * strings = nullptr;
    const UInt8 * null_map = nullptr;
    const UInt32 * indexes = nullptr;
    const UInt8 * dictionary_null_map = nullptr;

    explicit KeyColumnView(const IColumn & column)
    {
        const IColumn * current = &column;
        if (const auto * nullable = dynamic_cast<const ColumnNullable *>(current))
        {
            null_map = nullable->getNullMapData().data();
            current = &nullable->getNestedColumn();
        }
        if (const auto * low_cardinality = dynamic_cast<const ColumnLowCardinality *>(current))
        {
            indexes = low_cardinality->getIndexes().data();
            current = &low_cardinality->getDictionary();
            if (const auto * nullable = dynamic_cast<const ColumnNullable *>(current))
            {
                dictionary_null_map = nullable->getNullMapData().data();
                current = &nullable->getNestedColumn();
            }
        }
        values = current;
        strings = dynamic_cast<const ColumnString *>(current);
    }

    void get(size_t row, KeyBound & out) const
    {
        if (null_map && null_map[row])
        {
            out.null = true;
            return;
        }
        const size_t value_row = indexes ? indexes[row] : row;
        if (dictionary_null_map && dictionary_null_map[value_row])
        {
            out.null = true;
            return;
        }
        if (strings)
        {
            out.null = false;
            out.is_string = true;
            out.string = strings->getDataAt(value_row);
            return;
        }
        out.is_string = false;
        out.value = (*values)[value_row];
        out.null = out.value.isNull();
    }
};

} // namespace

template <typename Bound>
KeyCondition::BoolMask KeyCondition::checkBounds(const Alternative & alternative, const Bound & left, const Bound & right)
{
    /// Is the value range [left, right] inside / intersecting the atom's set of values?
    auto below_right = [&](const Bound & v, const Range & atom_range)
    {
        if (atom_range.right.isNull())
            return true;
        int c = compareBound(v, atom_range.right);
        return c < 0 || (c == 0 && atom_range.right_included);
    };
    auto above_left = [&](const Bound & v, const Range & atom_range)
    {
        if (atom_range.left.isNull())
            return true;
        int c = compareBound(v, atom_range.left);
        return c > 0 || (c == 0 && atom_range.left_included);
    };
    const bool left_null = boundIsNull(left);
    const bool right_null = boundIsNull(right);

    switch (alternative.kind)
    {
    case AtomKind::Range:
    {
        const Range & a = alternative.range;
        /// Intersection is empty if right < a.left or left > a.right.
        bool can_be_true = true;
        if (!right_null && !a.left.isNull())
        {
            int c = compareBound(right, a.left);
            if (c < 0 || (c == 0 && !a.left_included))
                can_be_true = false;
        }
        if (can_be_true && !left_null && !a.right.isNull())
        {
            int c = compareBound(left, a.right);
            if (c > 0 || (c == 0 && !a.right_included))
                can_be_true = false;
        }
        bool contained = !left_null && !right_null && above_left(left, a) && below_right(right, a);
        return {can_be_true, !contained};
    }
    case AtomKind::Points:
    {
        bool can_be_true = false;
        for (const auto & p : alternative.points)
        {
            bool ge = left_null || compareBound(p, left) >= 0;
            bool le = right_null || compareBound(p, right) <= 0;
            if (ge && le)
            {
                can_be_true = true;
                break;
            }
        }
        bool single_point_in_set = can_be_true && !left_null && !right_null && compareBound(left, right) == 0;
        return {can_be_true, !single_point_in_set};
    }
    case AtomKind::NotEquals:
    {
        const Field & c = alternative.range.left;
        bool single_point_equal = !left_null && !right_null && compareBound(left, c) == 0 && compareBound(right, c) == 0;
        bool excludes_c = (!right_null && compareBound(right, c) < 0) || (!left_null && compareBound(left, c) > 0);
        return {!single_point_equal, !excludes_c};
    }
    }
    return {};
}

template <typename CheckAlternative>
KeyCondition::BoolMask KeyCondition::evaluate(CheckAlternative && check_alternative) const
{
    /// The stack never holds more entries than the RPN has elements: no allocation for the usual short conditions.
    constexpr size_t inline_stack = 32;
    BoolMask inline_storage[inline_stack];
    std::vector<BoolMask> heap_storage;
    BoolMask * stack = inline_storage;
    if (rpn_.size() > inline_stack)
    {
        heap_storage.resize(rpn_.size());
        stack = heap_storage.data();
    }
    size_t size = 0;
    for (const auto & element : rpn_)
    {
        switch (element.type)
        {
        case RPNElement::Type::Unknown:
            stack[size++] = {true, true};
            break;
        case RPNElement::Type::Atom:
        {
            BoolMask mask {true, true};
            for (const auto & alternative : atoms_[element.atom].alternatives)
            {
                std::optional<BoolMask> m = check_alternative(alternative);
                if (!m)
                    continue;
                mask.can_be_true = mask.can_be_true && m->can_be_true;
                mask.can_be_false = mask.can_be_false && m->can_be_false;
            }
            stack[size++] = mask;
            break;
        }
        case RPNElement::Type::Not:
        {
            CHECK(size >= 1);
            std::swap(stack[size - 1].can_be_true, stack[size - 1].can_be_false);
            break;
        }
        case RPNElement::Type::And:
        case RPNElement::Type::Or:
        {
            CHECK(size >= 2);
            auto b = stack[--size];
            auto & a = stack[size - 1];
            if (element.type == RPNElement::Type::And)
                a = {a.can_be_true && b.can_be_true, a.can_be_false || b.can_be_false};
            else
                a = {a.can_be_true || b.can_be_true, a.can_be_false && b.can_be_false};
            break;
        }
        }
    }
    if (size != 1)
        return {};
    return stack[0];
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
               [&](const Alternative & alternative) -> std::optional<BoolMask>
               {
                   if (!alternative.on_sort_key || alternative.key_index >= bounded)
                       return std::nullopt;
                   const Field & l = left_keys[alternative.key_index];
                   const Field & r = right_keys[alternative.key_index];
                   if (alternative.chain.empty())
                       return checkBounds(alternative, l, r);
                   return checkAlternative(alternative, Range {l, true, r, true});
               })
        .can_be_true;
}

/// KeyCondition::prepareRanges: key values read in place from the key columns.
class KeyCondition::PreparedRanges final : public IKeyRangeChecker
{
public:
    PreparedRanges(const KeyCondition & condition, const Columns & key_columns)
        : condition_(condition)
        , key_columns_(key_columns)
    {
        for (const auto & column : key_columns_)
            views_.emplace_back(*column);
        /// Elements past the last one an atom reads never need to be compared.
        size_t used = 0;
        for (const auto & atom : condition_.atoms_)
            for (const auto & alternative : atom.alternatives)
                if (alternative.on_sort_key)
                    used = std::max(used, alternative.key_index + 1);
        compared_ = std::min(used, views_.size());
    }

    bool mayBeTrueInRange(size_t left_row, size_t right_row) const override
    {
        KeyBound l;
        KeyBound r;
        size_t bounded = 0;
        while (bounded < compared_)
        {
            ++bounded;
            views_[bounded - 1].get(left_row, l);
            views_[bounded - 1].get(right_row, r);
            if (l.null || r.null || compareBound(l, r) != 0)
                break;
        }
        return condition_
            .evaluate(
                [&](const Alternative & alternative) -> std::optional<BoolMask>
                {
                    if (!alternative.on_sort_key || alternative.key_index >= bounded)
                        return std::nullopt;
                    const auto & view = views_[alternative.key_index];
                    view.get(left_row, l);
                    view.get(right_row, r);
                    if (alternative.chain.empty())
                        return checkBounds(alternative, l, r);
                    return checkAlternative(alternative, Range {toField(l), true, toField(r), true});
                })
            .can_be_true;
    }

private:
    const KeyCondition & condition_;
    Columns key_columns_;
    std::vector<KeyColumnView> views_;
    size_t compared_ = 0;
};

std::unique_ptr<IKeyRangeChecker> KeyCondition::prepareRanges(const Columns & key_columns) const
{
    return std::make_unique<PreparedRanges>(*this, key_columns);
}

bool KeyCondition::mayBeTrueInPartition(const Block & minmax) const
{
    return evaluate(
               [&](const Alternative & alternative) -> std::optional<BoolMask>
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
                   return checkAlternative(alternative, Range {std::move(l), true, std::move(r), true});
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
        out += formatAST(*atom.ast) + " on";
        for (const auto & alternative : atom.alternatives)
            out += alternative.on_sort_key ? " key `" + key_names_[alternative.key_index] + "`"
                                           : " partition column `" + alternative.column + "`";
        out += "\n";
    }
    return out;
}

} // namespace pipit
