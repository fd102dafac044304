#include "platform/templates/TemplateRenderer.h"

#include "platform/templates/TemplateCallable.h"
#include "platform/templates/TemplateError.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>

namespace pipit
{

using namespace template_ast;

namespace
{

constexpr size_t max_iterations = 1'000'000;
constexpr size_t max_output_bytes = 64 * 1024 * 1024;
constexpr size_t max_sequence_size = 10'000'000;
constexpr int max_eval_depth = 200;

const char * const builtin_names[] = {"len", "str", "int", "float", "list", "tuple", "dict", "sum", "min", "max", "abs", "round",
                                      "sorted", "reversed", "range", "enumerate", "zip", "any", "all", "map", "filter", "repr",
                                      "chr", "ord"};

/// Names Tinybird shadows with None so templates cannot reach them.
bool isDisabledName(const std::string & name)
{
    return name == "open" || name == "close" || name == "print" || name == "input" || name == "__import__" || name == "__builtins__"
        || name == "__debug__" || name == "__doc__" || name == "__name__" || name == "__package__";
}

TemplateValue makeCallable(std::string name, bool is_method = false, TemplateValue self = {})
{
    auto fn = std::make_shared<TemplateCallable>();
    fn->name = std::move(name);
    fn->is_method = is_method;
    fn->self = std::move(self);
    return TemplateValue::callable(std::move(fn));
}

bool isText(const TemplateValue & v)
{
    return v.isString() || v.isSql();
}

/// Byte offsets of UTF-8 code points, plus the end offset.
std::vector<size_t> codePoints(const std::string & s)
{
    std::vector<size_t> offsets;
    offsets.reserve(s.size() + 1);
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            offsets.push_back(i);
    offsets.push_back(s.size());
    return offsets;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c' || (c >= '\x1c' && c <= '\x1f');
}

std::string stripChars(const std::string & s, const TemplateValue & chars, bool left, bool right)
{
    auto strip_it = [&](char c) { return chars.isNone() ? isSpace(c) : chars.asString().find(c) != std::string::npos; };
    size_t b = 0;
    size_t e = s.size();
    while (left && b < e && strip_it(s[b]))
        ++b;
    while (right && e > b && strip_it(s[e - 1]))
        --e;
    return s.substr(b, e - b);
}

[[noreturn]] void typeError(const std::string & message)
{
    throw TemplateError::python(message);
}

int64_t toIndex(const TemplateValue & v)
{
    if ((v.isInt() && !v.isBigInt()) || v.isBool())
        return v.asInt();
    typeError(std::string("indices must be integers or slices, not ") + v.typeName());
}

void requireArgs(const std::string & fn, const std::vector<TemplateValue> & args, size_t min, size_t max)
{
    if (args.size() < min || args.size() > max)
    {
        if (min == max)
            typeError(fn + "() takes exactly " + std::to_string(min) + " argument" + (min == 1 ? "" : "s") + " ("
                      + std::to_string(args.size()) + " given)");
        typeError(fn + "() takes at most " + std::to_string(max) + " arguments (" + std::to_string(args.size()) + " given)");
    }
}

void requireNoKeywords(const std::string & fn, const TemplateKeywords & kwargs)
{
    if (!kwargs.empty())
        typeError(fn + "() takes no keyword arguments");
}


bool lessThan(const TemplateValue & a, const TemplateValue & b, const char * op, bool swapped = false)
{
    if (a.isNumber() && b.isNumber())
    {
        if (a.isBigInt() || b.isBigInt())
        {
            const std::string sa = a.isBigInt() ? a.asString() : std::to_string(a.asInt());
            const std::string sb = b.isBigInt() ? b.asString() : std::to_string(b.asInt());
            bool na = !sa.empty() && sa[0] == '-';
            bool nb = !sb.empty() && sb[0] == '-';
            if (na != nb)
                return na;
            int mag = sa.size() != sb.size() ? (sa.size() < sb.size() ? -1 : 1) : sa.compare(sb);
            return na ? mag > 0 : mag < 0;
        }
        if (a.isFloat() || b.isFloat())
            return a.asFloat() < b.asFloat();
        return a.asInt() < b.asInt();
    }
    if (isText(a) && isText(b))
        return a.asString() < b.asString();
    if ((a.isList() && b.isList()) || (a.isTuple() && b.isTuple()))
    {
        const auto & la = a.asList();
        const auto & lb = b.asList();
        for (size_t i = 0; i < la.size() && i < lb.size(); ++i)
        {
            if (la[i].equals(lb[i]))
                continue;
            return lessThan(la[i], lb[i], op, swapped);
        }
        return la.size() < lb.size();
    }
    const TemplateValue & left = swapped ? b : a;
    const TemplateValue & right = swapped ? a : b;
    typeError(std::string("'") + op + "' not supported between instances of '" + left.typeName() + "' and '" + right.typeName() + "'");
}

}

TemplateRenderer::TemplateRenderer(
    const TemplateParameters & params,
    const TemplateRenderOptions & options,
    const std::unordered_set<std::string> & local_names,
    TemplateRenderResult & result)
    : params_(params)
    , options_(options)
    , local_names_(local_names)
    , result_(result)
{
}

bool TemplateRenderer::isBuiltin(std::string_view name)
{
    for (const char * n : builtin_names)
        if (name == n)
            return true;
    return false;
}

void TemplateRenderer::overrideParameter(const std::string & name, TemplateValue value)
{
    globals_[name] = std::move(value);
}

void TemplateRenderer::render(const NodeList & nodes)
{
    execute(nodes);
}

void TemplateRenderer::countIteration()
{
    if (++iterations_ > max_iterations)
        throw TemplateError("Template Syntax Error: too many loop iterations, line " + std::to_string(line_));
}

TemplateRenderer::Flow TemplateRenderer::execute(const NodeList & nodes)
{
    for (const auto & node : nodes)
    {
        Flow flow = executeNode(*node);
        if (flow != Flow::Normal)
            return flow;
    }
    return Flow::Normal;
}

TemplateRenderer::Flow TemplateRenderer::executeNode(const Node & node)
{
    line_ = node.line;
    switch (node.kind)
    {
        case NodeKind::Text:
            result_.sql += node.text;
            break;
        case NodeKind::Output: {
            TemplateValue value = evaluate(*node.expr);
            result_.sql += TemplateFunctions::renderOutput(value, node.source);
            break;
        }
        case NodeKind::If:
            for (const auto & branch : node.branches)
            {
                line_ = branch.line;
                if (!branch.condition || evaluate(*branch.condition).truthy())
                    return execute(branch.body);
            }
            break;
        case NodeKind::For: {
            TemplateList items = iterate(evaluate(*node.expr));
            for (const auto & item : items)
            {
                countIteration();
                assign(node.target, item, false);
                Flow flow = execute(node.body);
                if (flow == Flow::Break)
                    return Flow::Normal;
            }
            return execute(node.orelse);
        }
        case NodeKind::While: {
            while (true)
            {
                line_ = node.line;
                if (!evaluate(*node.expr).truthy())
                    break;
                countIteration();
                Flow flow = execute(node.body);
                if (flow == Flow::Break)
                    return Flow::Normal;
            }
            return execute(node.orelse);
        }
        case NodeKind::Try: {
            Flow flow = Flow::Normal;
            std::exception_ptr pending;
            bool raised = false;
            try
            {
                flow = execute(node.body);
            }
            catch (const TemplateError &)
            {
                raised = true;
                if (!node.handlers.empty())
                {
                    try
                    {
                        flow = execute(node.handlers.front());
                    }
                    catch (const TemplateError &)
                    {
                        pending = std::current_exception();
                    }
                }
                else
                    pending = std::current_exception();
            }
            if (!raised && !node.orelse.empty())
            {
                try
                {
                    flow = execute(node.orelse);
                }
                catch (const TemplateError &)
                {
                    pending = std::current_exception();
                }
            }
            if (node.has_finally)
            {
                Flow finally_flow = execute(node.finally_body);
                if (finally_flow != Flow::Normal)
                    flow = finally_flow;
            }
            if (pending)
                std::rethrow_exception(pending);
            return flow;
        }
        case NodeKind::Set: {
            TemplateValue value = evaluate(*node.expr);
            if (node.op != "=")
            {
                TemplateValue current = lookup(node.target.name, node.line);
                value = binary(node.op.substr(0, node.op.size() - 1), current, value);
            }
            assign(node.target, value, false);
            break;
        }
        case NodeKind::Break:
            return Flow::Break;
        case NodeKind::Continue:
            return Flow::Continue;
    }
    if (result_.sql.size() > max_output_bytes)
        throw TemplateError("Template Syntax Error: rendered SQL is too large");
    return Flow::Normal;
}

void TemplateRenderer::assign(const Target & target, const TemplateValue & value, bool in_scope)
{
    switch (target.kind)
    {
        case Target::Kind::Name:
            if (in_scope && !scopes_.empty())
                scopes_.back()[target.name] = value;
            else
                locals_[target.name] = value;
            return;
        case Target::Kind::Tuple: {
            TemplateList items = iterate(value);
            if (items.size() < target.items.size())
                typeError("not enough values to unpack (expected " + std::to_string(target.items.size()) + ", got "
                          + std::to_string(items.size()) + ")");
            if (items.size() > target.items.size())
                typeError("too many values to unpack (expected " + std::to_string(target.items.size()) + ")");
            for (size_t i = 0; i < items.size(); ++i)
                assign(target.items[i], items[i], in_scope);
            return;
        }
        case Target::Kind::Subscript: {
            TemplateValue object = evaluate(*target.object);
            TemplateValue key = evaluate(*target.index);
            if (object.isList())
            {
                auto & list = object.mutableList();
                int64_t i = toIndex(key);
                if (i < 0)
                    i += static_cast<int64_t>(list.size());
                if (i < 0 || i >= static_cast<int64_t>(list.size()))
                    typeError("list assignment index out of range");
                list[static_cast<size_t>(i)] = value;
                return;
            }
            if (object.isDict())
            {
                if (key.isSequence() && key.isList())
                    typeError("unhashable type: 'list'");
                for (auto & [k, v] : object.mutableDict())
                    if (k.equals(key))
                    {
                        v = value;
                        return;
                    }
                object.mutableDict().emplace_back(key, value);
                return;
            }
            typeError(std::string("'") + object.typeName() + "' object does not support item assignment");
        }
    }
}

TemplateValue TemplateRenderer::lookup(const std::string & name, int line)
{
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
    {
        auto found = it->find(name);
        if (found != it->end())
            return found->second;
    }
    auto local = locals_.find(name);
    if (local != locals_.end())
        return local->second;
    if (local_names_.count(name))
        throw TemplateError("Template Syntax Error: cannot access local variable '" + name + "' where it is not associated with a value");
    if (TemplateFunctions::isFunction(name))
        return makeCallable(name);
    if (isDisabledName(name))
        return {};
    auto global = globals_.find(name);
    if (global != globals_.end())
        return global->second;
    if (const TemplateValue * param = params_.find(name))
    {
        TemplateValue copy = param->deepCopy();
        globals_[name] = copy;
        return copy;
    }
    if (isBuiltin(name))
        return makeCallable(name);
    return missing(name, line);
}

TemplateValue TemplateRenderer::missing(const std::string & name, int line)
{
    if (options_.test_mode)
        return TemplateValue::placeholder(name, line);
    if (name == "length")
        throw TemplateError("Template Syntax Error: length cannot be used as a variable name or as a function inside of a template");
    return {};
}

TemplateValue TemplateRenderer::evaluate(const Expr & expr)
{
    struct DepthGuard
    {
        explicit DepthGuard(int & d) : depth(d)
        {
            if (++depth > max_eval_depth)
                throw TemplateError("Template Syntax Error: expression too deeply nested");
        }
        ~DepthGuard() { --depth; }
        int & depth;
    } guard(depth_);

    switch (expr.kind)
    {
        case ExprKind::Constant:
            return expr.value;
        case ExprKind::Name:
            return lookup(expr.name, expr.line);
        case ExprKind::List:
        case ExprKind::Tuple: {
            TemplateList items;
            items.reserve(expr.items.size());
            for (const auto & item : expr.items)
                items.push_back(evaluate(*item));
            return expr.kind == ExprKind::List ? TemplateValue(std::move(items)) : TemplateValue::tuple(std::move(items));
        }
        case ExprKind::Dict: {
            TemplateValue dict{TemplateDict{}};
            for (size_t i = 0; i + 1 < expr.items.size(); i += 2)
            {
                TemplateValue key = evaluate(*expr.items[i]);
                if (key.isList() || key.isDict())
                    typeError(std::string("unhashable type: '") + key.typeName() + "'");
                TemplateValue value = evaluate(*expr.items[i + 1]);
                bool replaced = false;
                for (auto & [k, v] : dict.mutableDict())
                    if (k.equals(key))
                    {
                        v = value;
                        replaced = true;
                    }
                if (!replaced)
                    dict.mutableDict().emplace_back(std::move(key), std::move(value));
            }
            return dict;
        }
        case ExprKind::Unary: {
            TemplateValue v = evaluate(*expr.a);
            if (expr.op == "not")
                return TemplateValue(!v.truthy());
            if (v.isBigInt())
            {
                const std::string & digits = v.asString();
                if (expr.op == "+")
                    return TemplateValue::bigInt(digits);
                return TemplateValue::bigInt(digits[0] == '-' ? digits.substr(1) : "-" + digits);
            }
            if (!v.isNumber())
                typeError("bad operand type for unary " + expr.op + ": '" + v.typeName() + "'");
            if (expr.op == "+")
                return v.isFloat() ? TemplateValue(v.asFloat()) : TemplateValue(v.asInt());
            if (v.isFloat())
                return TemplateValue(-v.asFloat());
            if (v.asInt() == INT64_MIN)
                typeError("integer overflow");
            return TemplateValue(-v.asInt());
        }
        case ExprKind::Binary:
            return binary(expr.op, evaluate(*expr.a), evaluate(*expr.b));
        case ExprKind::And: {
            TemplateValue v;
            for (const auto & item : expr.items)
            {
                v = evaluate(*item);
                if (!v.truthy())
                    return v;
            }
            return v;
        }
        case ExprKind::Or: {
            TemplateValue v;
            for (const auto & item : expr.items)
            {
                v = evaluate(*item);
                if (v.truthy())
                    return v;
            }
            return v;
        }
        case ExprKind::Compare: {
            TemplateValue left = evaluate(*expr.items[0]);
            for (size_t i = 0; i < expr.ops.size(); ++i)
            {
                TemplateValue right = evaluate(*expr.items[i + 1]);
                if (!compare(expr.ops[i], left, right))
                    return TemplateValue(false);
                left = right;
            }
            return TemplateValue(true);
        }
        case ExprKind::Call:
            return evaluateCall(expr);
        case ExprKind::Attribute:
            return attribute(evaluate(*expr.a), expr.name);
        case ExprKind::Subscript:
            return subscript(evaluate(*expr.a), *expr.b);
        case ExprKind::Slice:
            typeError("invalid slice");
        case ExprKind::IfElse:
            return evaluate(*expr.b).truthy() ? evaluate(*expr.a) : evaluate(*expr.c);
        case ExprKind::ListComp:
            return comprehension(expr);
    }
    return {};
}

TemplateValue TemplateRenderer::comprehension(const Expr & expr)
{
    TemplateList out;
    scopes_.emplace_back();
    try
    {
        comprehensionLevel(expr, 0, out);
    }
    catch (...)
    {
        scopes_.pop_back();
        throw;
    }
    scopes_.pop_back();
    return TemplateValue(std::move(out));
}

void TemplateRenderer::comprehensionLevel(const Expr & expr, size_t level, TemplateList & out)
{
    if (level == expr.comprehensions.size())
    {
        out.push_back(evaluate(*expr.a));
        return;
    }
    const Comprehension & comp = expr.comprehensions[level];
    TemplateList items = iterate(evaluate(*comp.iter));
    for (const auto & item : items)
    {
        countIteration();
        assign(comp.target, item, true);
        bool keep = true;
        for (const auto & condition : comp.ifs)
            if (!evaluate(*condition).truthy())
            {
                keep = false;
                break;
            }
        if (keep)
            comprehensionLevel(expr, level + 1, out);
    }
}

TemplateList TemplateRenderer::iterate(const TemplateValue & value)
{
    switch (value.kind())
    {
        case TemplateValue::Kind::List:
        case TemplateValue::Kind::Tuple:
            return value.asList();
        case TemplateValue::Kind::Dict: {
            TemplateList keys;
            for (const auto & [k, v] : value.asDict())
                keys.push_back(k);
            return keys;
        }
        case TemplateValue::Kind::String:
        case TemplateValue::Kind::Sql: {
            const std::string & s = value.asString();
            auto offsets = codePoints(s);
            TemplateList chars;
            for (size_t i = 0; i + 1 < offsets.size(); ++i)
                chars.emplace_back(s.substr(offsets[i], offsets[i + 1] - offsets[i]));
            return chars;
        }
        case TemplateValue::Kind::Placeholder: {
            /// A Placeholder supports indexes 0..2, so Python iterates it three times.
            TemplateList items;
            for (int i = 0; i < 3; ++i)
                items.push_back(TemplateValue::placeholder(value.asString(), value.placeholderLine()));
            return items;
        }
        default:
            typeError(std::string("'") + value.typeName() + "' object is not iterable");
    }
}

TemplateValue TemplateRenderer::evaluateCall(const Expr & call)
{
    std::vector<TemplateValue> args;
    args.reserve(call.items.size());
    TemplateKeywords kwargs;

    auto evaluate_arguments = [&]()
    {
        for (const auto & arg : call.items)
            args.push_back(evaluate(*arg));
        for (const auto & [key, value] : call.keywords)
            kwargs.emplace_back(key, evaluate(*value));
    };

    const Expr & callee = *call.a;
    if (callee.kind == ExprKind::Attribute)
    {
        TemplateValue self = evaluate(*callee.a);
        evaluate_arguments();
        line_ = call.line;
        return callMethod(self, callee.name, args, kwargs);
    }
    if (callee.kind == ExprKind::Name && TemplateFunctions::isFunction(callee.name) && !local_names_.count(callee.name))
    {
        evaluate_arguments();
        /// A parameter named like a Python builtin (min, max, sum, range, ...) that was not given is a missing
        /// parameter for the template functions, not the builtin.
        for (size_t i = 0; i < call.items.size(); ++i)
        {
            const Expr & arg = *call.items[i];
            if (arg.kind == ExprKind::Name && args[i].isCallable() && isBuiltin(arg.name) && !args[i].asCallable().is_method)
                args[i] = missing(arg.name, arg.line);
        }
        line_ = call.line;
        TemplateCallContext context{options_, result_, call.line};
        return TemplateFunctions::call(callee.name, args, kwargs, context);
    }
    TemplateValue fn = evaluate(callee);
    /// A request parameter named like a builtin does not hide the builtin when called (`max([...])`).
    if (callee.kind == ExprKind::Name && !fn.isCallable() && isBuiltin(callee.name) && !local_names_.count(callee.name))
        fn = makeCallable(callee.name);
    evaluate_arguments();
    line_ = call.line;
    return callValue(fn, args, kwargs, call.line);
}

TemplateValue TemplateRenderer::callValue(
    const TemplateValue & callee, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs, int line)
{
    if (callee.isCallable())
    {
        const TemplateCallable & fn = callee.asCallable();
        if (fn.is_method)
            return callMethod(fn.self, fn.name, args, kwargs);
        if (TemplateFunctions::isFunction(fn.name))
        {
            TemplateCallContext context{options_, result_, line};
            return TemplateFunctions::call(fn.name, args, kwargs, context);
        }
        return callBuiltin(fn.name, args, kwargs);
    }
    if (callee.isPlaceholder())
        throw TemplateError("Template Syntax Error: '" + callee.asString() + "' is not a valid function, line " + std::to_string(line));
    typeError(std::string("'") + callee.typeName() + "' object is not callable");
}

TemplateValue TemplateRenderer::attribute(const TemplateValue & object, const std::string & name)
{
    static const char * string_methods[] = {"lower", "upper", "strip", "lstrip", "rstrip", "split", "rsplit", "join", "replace",
                                            "startswith", "endswith", "find", "rfind", "index", "count", "title", "capitalize",
                                            "isdigit", "isnumeric", "isdecimal", "isalpha", "isalnum", "islower", "isupper",
                                            "isspace", "zfill", "ljust", "rjust", "center", "partition", "rpartition", "splitlines",
                                            "swapcase", "casefold", "format"};
    static const char * list_methods[] = {"append", "extend", "insert", "pop", "remove", "index", "count", "copy", "clear",
                                          "reverse", "sort"};
    static const char * dict_methods[] = {"get", "keys", "values", "items", "copy", "update", "pop", "setdefault", "clear"};
    auto has = [&](const auto & names)
    {
        for (const char * n : names)
            if (name == n)
                return true;
        return false;
    };
    bool ok = false;
    if (isText(object))
        ok = has(string_methods);
    else if (object.isList())
        ok = has(list_methods);
    else if (object.isTuple())
        ok = name == "index" || name == "count";
    else if (object.isDict())
        ok = has(dict_methods);
    else if (object.isPlaceholder())
        ok = name == "split" || name == "startswith" || name == "endswith";
    if (!ok)
        typeError(std::string("'") + object.typeName() + "' object has no attribute '" + name + "'");
    return makeCallable(name, true, object);
}

TemplateValue TemplateRenderer::subscript(const TemplateValue & object, const Expr & index_expr)
{
    if (index_expr.kind == ExprKind::Slice)
    {
        auto bound = [&](const ExprPtr & e) -> std::optional<int64_t>
        {
            if (!e)
                return std::nullopt;
            TemplateValue v = evaluate(*e);
            if (v.isNone())
                return std::nullopt;
            if (!((v.isInt() && !v.isBigInt()) || v.isBool()))
                typeError("slice indices must be integers or None or have an __index__ method");
            return v.asInt();
        };
        std::optional<int64_t> lower = bound(index_expr.a);
        std::optional<int64_t> upper = bound(index_expr.b);
        std::optional<int64_t> step_value = bound(index_expr.c);
        int64_t step = step_value.value_or(1);
        if (step == 0)
            typeError("slice step cannot be zero");

        std::vector<size_t> offsets;
        int64_t length = 0;
        if (isText(object))
        {
            offsets = codePoints(object.asString());
            length = static_cast<int64_t>(offsets.size()) - 1;
        }
        else if (object.isSequence())
            length = static_cast<int64_t>(object.asList().size());
        else if (object.isPlaceholder())
            return object;
        else
            typeError(std::string("'") + object.typeName() + "' object is not subscriptable");

        auto adjust = [&](std::optional<int64_t> v, int64_t default_value) -> int64_t
        {
            if (!v)
                return default_value;
            int64_t x = *v;
            if (x < 0)
                x += length;
            if (step > 0)
                return std::clamp<int64_t>(x, 0, length);
            return std::clamp<int64_t>(x, -1, length - 1);
        };
        int64_t start = adjust(lower, step > 0 ? 0 : length - 1);
        int64_t stop = adjust(upper, step > 0 ? length : -1);
        std::vector<int64_t> picks;
        for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
            picks.push_back(i);
        if (isText(object))
        {
            const std::string & s = object.asString();
            std::string out;
            for (int64_t i : picks)
                out += s.substr(offsets[static_cast<size_t>(i)], offsets[static_cast<size_t>(i) + 1] - offsets[static_cast<size_t>(i)]);
            return TemplateValue(std::move(out));
        }
        TemplateList items;
        for (int64_t i : picks)
            items.push_back(object.asList()[static_cast<size_t>(i)]);
        return object.isList() ? TemplateValue(std::move(items)) : TemplateValue::tuple(std::move(items));
    }

    TemplateValue key = evaluate(index_expr);
    if (object.isDict())
    {
        if (key.isList() || key.isDict())
            typeError(std::string("unhashable type: '") + key.typeName() + "'");
        if (const TemplateValue * v = object.find(key))
            return *v;
        throw TemplateError(key.repr());
    }
    if (object.isPlaceholder())
    {
        if (key.isNumber() && !key.isFloat() && key.asInt() > 2)
            throw TemplateError("IndexError");
        return TemplateValue::placeholder(object.asString(), object.placeholderLine());
    }
    if (object.isSequence() || isText(object))
    {
        int64_t i = toIndex(key);
        if (isText(object))
        {
            auto offsets = codePoints(object.asString());
            int64_t length = static_cast<int64_t>(offsets.size()) - 1;
            if (i < 0)
                i += length;
            if (i < 0 || i >= length)
                typeError("string index out of range");
            size_t at = static_cast<size_t>(i);
            return TemplateValue(object.asString().substr(offsets[at], offsets[at + 1] - offsets[at]));
        }
        const auto & items = object.asList();
        int64_t length = static_cast<int64_t>(items.size());
        if (i < 0)
            i += length;
        if (i < 0 || i >= length)
            typeError(std::string(object.isList() ? "list" : "tuple") + " index out of range");
        return items[static_cast<size_t>(i)];
    }
    typeError(std::string("'") + object.typeName() + "' object is not subscriptable");
}

bool TemplateRenderer::compare(const std::string & op, const TemplateValue & a, const TemplateValue & b)
{
    if (op == "==")
        return a.equals(b);
    if (op == "!=")
        return !a.equals(b);
    if (op == "is" || op == "is not")
    {
        bool same;
        if (a.isNone() || b.isNone())
            same = a.isNone() && b.isNone();
        else if (a.kind() != b.kind())
            same = false;
        else if (a.isSequence())
            same = &a.asList() == &b.asList();
        else if (a.isDict())
            same = &a.asDict() == &b.asDict();
        else
            same = a.equals(b);
        return op == "is" ? same : !same;
    }
    if (op == "in" || op == "not in")
    {
        bool found = false;
        if (isText(b))
        {
            if (!isText(a))
                typeError(std::string("'in <string>' requires string as left operand, not ") + a.typeName());
            found = b.asString().find(a.asString()) != std::string::npos;
        }
        else if (b.isSequence())
        {
            for (const auto & item : b.asList())
                if (item.equals(a))
                {
                    found = true;
                    break;
                }
        }
        else if (b.isDict())
            found = b.find(a) != nullptr;
        else if (b.isPlaceholder())
            found = false;
        else
            typeError(std::string("argument of type '") + b.typeName() + "' is not iterable");
        return op == "in" ? found : !found;
    }
    const char * symbol = op.c_str();
    if (op == "<")
        return lessThan(a, b, symbol);
    if (op == ">")
        return lessThan(b, a, symbol, true);
    if (op == "<=")
        return !lessThan(b, a, symbol, true);
    if (op == ">=")
        return !lessThan(a, b, symbol);
    typeError("unsupported comparison " + op);
}

TemplateValue TemplateRenderer::binary(const std::string & op, const TemplateValue & a, const TemplateValue & b)
{
    auto unsupported = [&]() -> TemplateValue
    {
        typeError("unsupported operand type(s) for " + op + ": '" + a.typeName() + "' and '" + b.typeName() + "'");
    };
    if (a.isPlaceholder() && op == "+")
        return a;
    if (a.isNumber() && b.isNumber())
    {
        if (a.isBigInt() || b.isBigInt())
            typeError("integer too large for arithmetic in templates");
        bool floating = a.isFloat() || b.isFloat() || op == "/";
        if (floating)
        {
            double x = a.asFloat();
            double y = b.asFloat();
            if (op == "+")
                return TemplateValue(x + y);
            if (op == "-")
                return TemplateValue(x - y);
            if (op == "*")
                return TemplateValue(x * y);
            if (y == 0)
                throw TemplateError(op == "/" ? "division by zero" : (op == "//" ? "float floor division by zero" : "float modulo"));
            if (op == "/")
                return TemplateValue(x / y);
            if (op == "//")
                return TemplateValue(std::floor(x / y));
            double m = std::fmod(x, y);
            if (m != 0 && ((m < 0) != (y < 0)))
                m += y;
            return TemplateValue(m);
        }
        int64_t x = a.asInt();
        int64_t y = b.asInt();
        int64_t r = 0;
        if (op == "+")
        {
            if (__builtin_add_overflow(x, y, &r))
                typeError("integer overflow");
            return TemplateValue(r);
        }
        if (op == "-")
        {
            if (__builtin_sub_overflow(x, y, &r))
                typeError("integer overflow");
            return TemplateValue(r);
        }
        if (op == "*")
        {
            if (__builtin_mul_overflow(x, y, &r))
                typeError("integer overflow");
            return TemplateValue(r);
        }
        if (y == 0)
            throw TemplateError(op == "//" ? "integer division or modulo by zero" : "integer modulo by zero");
        if (x == INT64_MIN && y == -1)
            typeError("integer overflow");
        int64_t q = x / y;
        int64_t m = x % y;
        if (m != 0 && ((m < 0) != (y < 0)))
        {
            --q;
            m += y;
        }
        return op == "//" ? TemplateValue(q) : TemplateValue(m);
    }
    if (op == "+")
    {
        if (isText(a))
        {
            if (!isText(b))
                typeError(std::string("can only concatenate str (not \"") + b.typeName() + "\") to str");
            if (a.asString().size() + b.asString().size() > max_sequence_size)
                typeError("string too large");
            return TemplateValue(a.asString() + b.asString());
        }
        if ((a.isList() && b.isList()) || (a.isTuple() && b.isTuple()))
        {
            TemplateList items = a.asList();
            items.insert(items.end(), b.asList().begin(), b.asList().end());
            return a.isList() ? TemplateValue(std::move(items)) : TemplateValue::tuple(std::move(items));
        }
        if (a.isList() || a.isTuple())
            typeError(std::string("can only concatenate ") + a.typeName() + " (not \"" + b.typeName() + "\") to " + a.typeName());
        return unsupported();
    }
    if (op == "*")
    {
        const TemplateValue & seq = a.isNumber() ? b : a;
        const TemplateValue & count = a.isNumber() ? a : b;
        if (!(count.isInt() || count.isBool()) || count.isBigInt())
        {
            if (isText(seq) || seq.isSequence())
                typeError(std::string("can't multiply sequence by non-int of type '") + count.typeName() + "'");
            return unsupported();
        }
        int64_t n = std::max<int64_t>(0, count.asInt());
        if (isText(seq))
        {
            if (static_cast<double>(seq.asString().size()) * static_cast<double>(n) > max_sequence_size)
                typeError("string too large");
            std::string out;
            for (int64_t i = 0; i < n; ++i)
                out += seq.asString();
            return TemplateValue(std::move(out));
        }
        if (seq.isSequence())
        {
            if (static_cast<double>(seq.asList().size()) * static_cast<double>(n) > max_sequence_size)
                typeError("list too large");
            TemplateList items;
            for (int64_t i = 0; i < n; ++i)
                items.insert(items.end(), seq.asList().begin(), seq.asList().end());
            return seq.isList() ? TemplateValue(std::move(items)) : TemplateValue::tuple(std::move(items));
        }
        return unsupported();
    }
    if (op == "%" && isText(a))
        typeError("printf-style string formatting is not supported in templates");
    return unsupported();
}

TemplateValue TemplateRenderer::callBuiltin(const std::string & name, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs)
{
    if (name == "len")
    {
        requireNoKeywords(name, kwargs);
        requireArgs(name, args, 1, 1);
        const TemplateValue & x = args[0];
        if (isText(x))
            return TemplateValue(static_cast<int64_t>(codePoints(x.asString()).size() - 1));
        if (x.isSequence())
            return TemplateValue(static_cast<int64_t>(x.asList().size()));
        if (x.isDict())
            return TemplateValue(static_cast<int64_t>(x.asDict().size()));
        typeError(std::string("object of type '") + x.typeName() + "' has no len()");
    }
    if (name == "str")
    {
        requireNoKeywords(name, kwargs);
        requireArgs(name, args, 0, 1);
        return TemplateValue(args.empty() ? std::string() : args[0].str());
    }
    if (name == "repr")
    {
        requireArgs(name, args, 1, 1);
        return TemplateValue(args[0].repr());
    }
    if (name == "int")
    {
        requireNoKeywords(name, kwargs);
        requireArgs(name, args, 0, 1);
        if (args.empty())
            return TemplateValue(static_cast<int64_t>(0));
        const TemplateValue & x = args[0];
        if (x.isInt() || x.isBool())
            return x.isBigInt() ? TemplateValue::bigInt(x.asString()) : TemplateValue(x.asInt());
        if (x.isFloat())
        {
            double d = x.asFloat();
            if (!std::isfinite(d))
                throw TemplateError(std::isnan(d) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
            if (std::fabs(d) >= 9.2e18)
                typeError("integer overflow");
            return TemplateValue(static_cast<int64_t>(std::trunc(d)));
        }
        if (isText(x))
        {
            std::string s = stripChars(x.asString(), TemplateValue(), true, true);
            std::string_view digits = s;
            if (!digits.empty() && (digits[0] == '+' || digits[0] == '-'))
                digits.remove_prefix(1);
            bool ok = !digits.empty();
            for (char c : digits)
                ok = ok && c >= '0' && c <= '9';
            if (!ok)
                throw TemplateError("invalid literal for int() with base 10: " + x.repr());
            return TemplateValue::bigInt(s);
        }
        typeError(std::string("int() argument must be a string, a bytes-like object or a real number, not '") + x.typeName() + "'");
    }
    if (name == "float")
    {
        requireNoKeywords(name, kwargs);
        requireArgs(name, args, 0, 1);
        if (args.empty())
            return TemplateValue(0.0);
        const TemplateValue & x = args[0];
        if (x.isNumber())
            return TemplateValue(x.asFloat());
        if (isText(x))
        {
            double d = 0;
            if (!TemplateFunctions::parseFloat(x.asString(), d))
                throw TemplateError("could not convert string to float: " + x.repr());
            return TemplateValue(d);
        }
        typeError(std::string("float() argument must be a string or a real number, not '") + x.typeName() + "'");
    }
    if (name == "list" || name == "tuple")
    {
        requireNoKeywords(name, kwargs);
        requireArgs(name, args, 0, 1);
        TemplateList items = args.empty() ? TemplateList{} : iterate(args[0]);
        return name == "list" ? TemplateValue(std::move(items)) : TemplateValue::tuple(std::move(items));
    }
    if (name == "dict")
    {
        requireArgs(name, args, 0, 1);
        TemplateValue dict{TemplateDict{}};
        auto put = [&](const TemplateValue & k, const TemplateValue & v)
        {
            for (auto & [key, value] : dict.mutableDict())
                if (key.equals(k))
                {
                    value = v;
                    return;
                }
            dict.mutableDict().emplace_back(k, v);
        };
        if (!args.empty())
        {
            if (args[0].isDict())
                for (const auto & [k, v] : args[0].asDict())
                    put(k, v);
            else
                for (const auto & pair : iterate(args[0]))
                {
                    TemplateList kv = iterate(pair);
                    if (kv.size() != 2)
                        throw TemplateError("dictionary update sequence element has length " + std::to_string(kv.size()) + "; 2 is required");
                    put(kv[0], kv[1]);
                }
        }
        for (const auto & [k, v] : kwargs)
            put(TemplateValue(k), v);
        return dict;
    }
    if (name == "sum")
    {
        requireArgs(name, args, 1, 2);
        TemplateValue total = args.size() > 1 ? args[1] : TemplateValue(static_cast<int64_t>(0));
        for (const auto & [k, v] : kwargs)
            if (k == "start")
                total = v;
        if (isText(total))
            typeError("sum() can't sum strings [use ''.join(seq) instead]");
        for (const auto & item : iterate(args[0]))
            total = binary("+", total, item);
        return total;
    }
    if (name == "min" || name == "max")
    {
        if (args.empty())
            typeError(name + " expected at least 1 argument, got 0");
        TemplateList items = args.size() == 1 ? iterate(args[0]) : args;
        if (items.empty())
        {
            for (const auto & [k, v] : kwargs)
                if (k == "default")
                    return v;
            throw TemplateError(name + "() arg is an empty sequence");
        }
        TemplateValue best = items[0];
        for (size_t i = 1; i < items.size(); ++i)
        {
            bool better = name == "min" ? lessThan(items[i], best, "<") : lessThan(best, items[i], ">");
            if (better)
                best = items[i];
        }
        return best;
    }
    if (name == "abs")
    {
        requireArgs(name, args, 1, 1);
        const TemplateValue & x = args[0];
        if (!x.isNumber() || x.isBigInt())
            typeError(std::string("bad operand type for abs(): '") + x.typeName() + "'");
        if (x.isFloat())
            return TemplateValue(std::fabs(x.asFloat()));
        if (x.asInt() == INT64_MIN)
            typeError("integer overflow");
        return TemplateValue(x.asInt() < 0 ? -x.asInt() : x.asInt());
    }
    if (name == "round")
    {
        requireArgs(name, args, 1, 2);
        const TemplateValue & x = args[0];
        if (!x.isNumber() || x.isBigInt())
            typeError(std::string("type ") + x.typeName() + " doesn't define __round__ method");
        bool has_digits = args.size() > 1 && !args[1].isNone();
        if (!has_digits)
        {
            if (!x.isFloat())
                return TemplateValue(x.asInt());
            double r = std::nearbyint(x.asFloat());
            if (!std::isfinite(r) || std::fabs(r) >= 9.2e18)
                typeError("cannot convert float to integer");
            return TemplateValue(static_cast<int64_t>(r));
        }
        int64_t digits = toIndex(args[1]);
        if (!x.isFloat())
            return TemplateValue(x.asInt());
        double scale = std::pow(10.0, static_cast<double>(digits));
        return TemplateValue(std::nearbyint(x.asFloat() * scale) / scale);
    }
    if (name == "sorted")
    {
        requireArgs(name, args, 1, 1);
        bool reverse = false;
        for (const auto & [k, v] : kwargs)
        {
            if (k == "reverse")
                reverse = v.truthy();
            else
                typeError("sorted() only supports reverse= in templates");
        }
        TemplateList items = iterate(args[0]);
        std::stable_sort(items.begin(), items.end(), [&](const TemplateValue & x, const TemplateValue & y)
                         { return reverse ? lessThan(y, x, "<") : lessThan(x, y, "<"); });
        return TemplateValue(std::move(items));
    }
    if (name == "reversed")
    {
        requireArgs(name, args, 1, 1);
        TemplateList items = iterate(args[0]);
        std::reverse(items.begin(), items.end());
        return TemplateValue(std::move(items));
    }
    if (name == "range")
    {
        requireNoKeywords(name, kwargs);
        requireArgs(name, args, 1, 3);
        int64_t start = 0;
        int64_t stop = 0;
        int64_t step = 1;
        if (args.size() == 1)
            stop = toIndex(args[0]);
        else
        {
            start = toIndex(args[0]);
            stop = toIndex(args[1]);
            if (args.size() == 3)
                step = toIndex(args[2]);
        }
        if (step == 0)
            throw TemplateError("range() arg 3 must not be zero");
        TemplateList items;
        for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            if (items.size() >= max_iterations)
                typeError("range too large");
            items.emplace_back(i);
        }
        return TemplateValue(std::move(items));
    }
    if (name == "enumerate")
    {
        requireArgs(name, args, 1, 2);
        int64_t start = args.size() > 1 ? toIndex(args[1]) : 0;
        for (const auto & [k, v] : kwargs)
            if (k == "start")
                start = toIndex(v);
        TemplateList out;
        for (const auto & item : iterate(args[0]))
            out.push_back(TemplateValue::tuple({TemplateValue(start++), item}));
        return TemplateValue(std::move(out));
    }
    if (name == "zip")
    {
        requireNoKeywords(name, kwargs);
        std::vector<TemplateList> lists;
        for (const auto & a : args)
            lists.push_back(iterate(a));
        TemplateList out;
        size_t n = lists.empty() ? 0 : SIZE_MAX;
        for (const auto & l : lists)
            n = std::min(n, l.size());
        for (size_t i = 0; i < n; ++i)
        {
            TemplateList row;
            for (const auto & l : lists)
                row.push_back(l[i]);
            out.push_back(TemplateValue::tuple(std::move(row)));
        }
        return TemplateValue(std::move(out));
    }
    if (name == "any" || name == "all")
    {
        requireArgs(name, args, 1, 1);
        bool any = name == "any";
        for (const auto & item : iterate(args[0]))
            if (item.truthy() == any)
                return TemplateValue(any);
        return TemplateValue(!any);
    }
    if (name == "map" || name == "filter")
    {
        requireArgs(name, args, 2, 2);
        TemplateList out;
        for (const auto & item : iterate(args[1]))
        {
            if (name == "filter" && args[0].isNone())
            {
                if (item.truthy())
                    out.push_back(item);
                continue;
            }
            TemplateValue r = callValue(args[0], {item}, {}, line_);
            if (name == "map")
                out.push_back(r);
            else if (r.truthy())
                out.push_back(item);
        }
        return TemplateValue(std::move(out));
    }
    if (name == "chr")
    {
        requireArgs(name, args, 1, 1);
        int64_t cp = toIndex(args[0]);
        if (cp < 0 || cp > 0x10FFFF)
            throw TemplateError("chr() arg not in range(0x110000)");
        std::string out;
        uint32_t c = static_cast<uint32_t>(cp);
        if (c < 0x80)
            out += static_cast<char>(c);
        else if (c < 0x800)
        {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
        else if (c < 0x10000)
        {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
        else
        {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
        return TemplateValue(std::move(out));
    }
    if (name == "ord")
    {
        requireArgs(name, args, 1, 1);
        if (!isText(args[0]) || codePoints(args[0].asString()).size() != 2)
            typeError("ord() expected a character");
        const std::string & s = args[0].asString();
        unsigned char c = static_cast<unsigned char>(s[0]);
        uint32_t cp = c;
        if (c >= 0xF0)
            cp = c & 0x07;
        else if (c >= 0xE0)
            cp = c & 0x0F;
        else if (c >= 0xC0)
            cp = c & 0x1F;
        for (size_t i = 1; i < s.size(); ++i)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
        return TemplateValue(static_cast<int64_t>(cp));
    }
    typeError("'" + name + "' is not callable");
}

TemplateValue TemplateRenderer::callMethod(
    const TemplateValue & self, const std::string & name, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs)
{
    attribute(self, name);
    if (self.isPlaceholder())
    {
        if (name == "split")
            return TemplateValue(TemplateList{TemplateValue::placeholder(self.asString(), self.placeholderLine()),
                                              TemplateValue::placeholder(self.asString(), self.placeholderLine())});
        return TemplateValue(false);
    }
    auto arg = [&](size_t i, const char * key) -> TemplateValue
    {
        if (i < args.size())
            return args[i];
        for (const auto & [k, v] : kwargs)
            if (k == key)
                return v;
        return {};
    };
    auto text_arg = [&](size_t i, const char * key) -> std::string
    {
        TemplateValue v = arg(i, key);
        if (!isText(v))
            typeError(std::string("must be str, not ") + v.typeName());
        return v.asString();
    };

    if (isText(self))
    {
        const std::string & s = self.asString();
        if (name == "lower" || name == "upper" || name == "casefold" || name == "swapcase")
        {
            std::string out = s;
            for (char & c : out)
            {
                bool upper = c >= 'A' && c <= 'Z';
                bool lower = c >= 'a' && c <= 'z';
                if ((name == "lower" || name == "casefold") && upper)
                    c = static_cast<char>(c - 'A' + 'a');
                else if (name == "upper" && lower)
                    c = static_cast<char>(c - 'a' + 'A');
                else if (name == "swapcase" && (upper || lower))
                    c = static_cast<char>(upper ? c - 'A' + 'a' : c - 'a' + 'A');
            }
            return TemplateValue(std::move(out));
        }
        if (name == "title" || name == "capitalize")
        {
            std::string out = s;
            bool start = true;
            for (size_t i = 0; i < out.size(); ++i)
            {
                char & c = out[i];
                bool alpha = std::isalpha(static_cast<unsigned char>(c));
                if (name == "capitalize")
                    c = static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
                else
                {
                    c = static_cast<char>(start ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
                    start = !alpha;
                }
            }
            return TemplateValue(std::move(out));
        }
        if (name == "strip" || name == "lstrip" || name == "rstrip")
        {
            TemplateValue chars = arg(0, "chars");
            if (!chars.isNone() && !isText(chars))
                typeError(name + " arg must be None or str");
            return TemplateValue(stripChars(s, chars, name != "rstrip", name != "lstrip"));
        }
        if (name == "split" || name == "rsplit")
        {
            TemplateValue sep = arg(0, "sep");
            TemplateValue max_split_value = arg(1, "maxsplit");
            int64_t max_split = max_split_value.isNone() ? -1 : toIndex(max_split_value);
            TemplateList parts;
            if (sep.isNone())
            {
                std::vector<std::string> words;
                size_t i = 0;
                while (i < s.size())
                {
                    while (i < s.size() && isSpace(s[i]))
                        ++i;
                    if (i >= s.size())
                        break;
                    size_t start = i;
                    while (i < s.size() && !isSpace(s[i]))
                        ++i;
                    words.push_back(s.substr(start, i - start));
                }
                if (max_split >= 0 && static_cast<int64_t>(words.size()) > max_split + 1)
                {
                    /// Rare: rebuild with the remainder joined from the original text.
                    std::vector<std::string> limited;
                    size_t pos = 0;
                    for (int64_t k = 0; k < max_split; ++k)
                    {
                        while (pos < s.size() && isSpace(s[pos]))
                            ++pos;
                        size_t start = pos;
                        while (pos < s.size() && !isSpace(s[pos]))
                            ++pos;
                        limited.push_back(s.substr(start, pos - start));
                    }
                    while (pos < s.size() && isSpace(s[pos]))
                        ++pos;
                    limited.push_back(stripChars(s.substr(pos), TemplateValue(), false, true));
                    words = limited;
                }
                for (auto & w : words)
                    parts.emplace_back(std::move(w));
                return TemplateValue(std::move(parts));
            }
            if (!isText(sep))
                typeError(std::string("must be str or None, not ") + sep.typeName());
            const std::string & separator = sep.asString();
            if (separator.empty())
                throw TemplateError("empty separator");
            std::vector<std::string> pieces;
            size_t start = 0;
            while (true)
            {
                size_t at = s.find(separator, start);
                if (at == std::string::npos)
                {
                    pieces.push_back(s.substr(start));
                    break;
                }
                pieces.push_back(s.substr(start, at - start));
                start = at + separator.size();
            }
            if (max_split >= 0 && static_cast<int64_t>(pieces.size()) > max_split + 1)
            {
                std::vector<std::string> limited;
                if (name == "split")
                {
                    limited.assign(pieces.begin(), pieces.begin() + max_split);
                    std::string rest;
                    for (size_t k = static_cast<size_t>(max_split); k < pieces.size(); ++k)
                        rest += (k > static_cast<size_t>(max_split) ? separator : "") + pieces[k];
                    limited.push_back(rest);
                }
                else
                {
                    size_t keep_from = pieces.size() - static_cast<size_t>(max_split);
                    std::string rest;
                    for (size_t k = 0; k < keep_from; ++k)
                        rest += (k ? separator : "") + pieces[k];
                    limited.push_back(rest);
                    limited.insert(limited.end(), pieces.begin() + static_cast<std::ptrdiff_t>(keep_from), pieces.end());
                }
                pieces = limited;
            }
            for (auto & p : pieces)
                parts.emplace_back(std::move(p));
            return TemplateValue(std::move(parts));
        }
        if (name == "splitlines")
        {
            TemplateList parts;
            size_t start = 0;
            for (size_t i = 0; i < s.size(); ++i)
                if (s[i] == '\n' || s[i] == '\r')
                {
                    parts.emplace_back(s.substr(start, i - start));
                    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
                        ++i;
                    start = i + 1;
                }
            if (start < s.size())
                parts.emplace_back(s.substr(start));
            return TemplateValue(std::move(parts));
        }
        if (name == "join")
        {
            requireArgs(name, args, 1, 1);
            std::string out;
            size_t i = 0;
            for (const auto & item : iterate(args[0]))
            {
                if (!isText(item))
                    typeError("sequence item " + std::to_string(i) + ": expected str instance, " + item.typeName() + " found");
                if (i++)
                    out += s;
                out += item.asString();
                if (out.size() > max_sequence_size)
                    typeError("string too large");
            }
            return TemplateValue(std::move(out));
        }
        if (name == "replace")
        {
            std::string old_text = text_arg(0, "old");
            std::string new_text = text_arg(1, "new");
            TemplateValue count_value = arg(2, "count");
            int64_t count = count_value.isNone() ? -1 : toIndex(count_value);
            std::string out;
            if (old_text.empty())
            {
                auto offsets = codePoints(s);
                for (size_t k = 0; k + 1 < offsets.size(); ++k)
                {
                    if (count < 0 || static_cast<int64_t>(k) < count)
                        out += new_text;
                    out += s.substr(offsets[k], offsets[k + 1] - offsets[k]);
                }
                if (count < 0 || static_cast<int64_t>(offsets.size() - 1) < count)
                    out += new_text;
                return TemplateValue(std::move(out));
            }
            size_t start = 0;
            int64_t done = 0;
            while (count < 0 || done < count)
            {
                size_t at = s.find(old_text, start);
                if (at == std::string::npos)
                    break;
                out += s.substr(start, at - start) + new_text;
                start = at + old_text.size();
                ++done;
                if (out.size() > max_sequence_size)
                    typeError("string too large");
            }
            out += s.substr(start);
            return TemplateValue(std::move(out));
        }
        if (name == "startswith" || name == "endswith")
        {
            TemplateValue what = arg(0, "prefix");
            std::vector<std::string> options;
            if (what.isTuple())
            {
                for (const auto & item : what.asList())
                {
                    if (!isText(item))
                        typeError(std::string("tuple for ") + name + " must only contain str, not " + item.typeName());
                    options.push_back(item.asString());
                }
            }
            else if (isText(what))
                options.push_back(what.asString());
            else
                typeError(name + " first arg must be str or a tuple of str, not " + what.typeName());
            for (const auto & o : options)
            {
                if (name == "startswith" ? s.compare(0, o.size(), o) == 0 && s.size() >= o.size()
                                         : s.size() >= o.size() && s.compare(s.size() - o.size(), o.size(), o) == 0)
                    return TemplateValue(true);
            }
            return TemplateValue(false);
        }
        if (name == "find" || name == "rfind" || name == "index" || name == "count")
        {
            std::string sub = text_arg(0, "sub");
            if (name == "count")
            {
                if (sub.empty())
                    return TemplateValue(static_cast<int64_t>(codePoints(s).size()));
                int64_t n = 0;
                for (size_t at = s.find(sub); at != std::string::npos; at = s.find(sub, at + sub.size()))
                    ++n;
                return TemplateValue(n);
            }
            size_t at = name == "rfind" ? s.rfind(sub) : s.find(sub);
            if (at == std::string::npos)
            {
                if (name == "index")
                    throw TemplateError("substring not found");
                return TemplateValue(static_cast<int64_t>(-1));
            }
            /// Byte offset -> code point index.
            int64_t index = 0;
            for (size_t k = 0; k < at; ++k)
                if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80)
                    ++index;
            return TemplateValue(index);
        }
        if (name == "isdigit" || name == "isnumeric" || name == "isdecimal" || name == "isalpha" || name == "isalnum" || name == "isspace"
            || name == "islower" || name == "isupper")
        {
            if (s.empty())
                return TemplateValue(false);
            bool any_cased = false;
            for (char ch : s)
            {
                unsigned char c = static_cast<unsigned char>(ch);
                bool ok = true;
                if (name == "isdigit" || name == "isnumeric" || name == "isdecimal")
                    ok = std::isdigit(c);
                else if (name == "isalpha")
                    ok = std::isalpha(c);
                else if (name == "isalnum")
                    ok = std::isalnum(c);
                else if (name == "isspace")
                    ok = isSpace(ch);
                else if (name == "islower")
                {
                    ok = !std::isupper(c);
                    any_cased = any_cased || std::islower(c);
                }
                else
                {
                    ok = !std::islower(c);
                    any_cased = any_cased || std::isupper(c);
                }
                if (!ok)
                    return TemplateValue(false);
            }
            if (name == "islower" || name == "isupper")
                return TemplateValue(any_cased);
            return TemplateValue(true);
        }
        if (name == "zfill" || name == "ljust" || name == "rjust" || name == "center")
        {
            int64_t width = toIndex(arg(0, "width"));
            if (width > static_cast<int64_t>(max_sequence_size))
                typeError("string too large");
            std::string fill = name == "zfill" ? "0" : (arg(1, "fillchar").isNone() ? " " : text_arg(1, "fillchar"));
            int64_t length = static_cast<int64_t>(codePoints(s).size() - 1);
            if (width <= length)
                return TemplateValue(s);
            int64_t pad = width - length;
            std::string out;
            auto repeat = [&](int64_t n)
            {
                for (int64_t k = 0; k < n; ++k)
                    out += fill;
            };
            if (name == "zfill")
            {
                size_t sign = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
                out += s.substr(0, sign);
                repeat(pad);
                out += s.substr(sign);
            }
            else if (name == "ljust")
            {
                out = s;
                repeat(pad);
            }
            else if (name == "rjust")
            {
                repeat(pad);
                out += s;
            }
            else
            {
                int64_t left = pad / 2 + (pad & width & 1);
                repeat(left);
                out += s;
                repeat(pad - left);
            }
            return TemplateValue(std::move(out));
        }
        if (name == "partition" || name == "rpartition")
        {
            std::string sep = text_arg(0, "sep");
            if (sep.empty())
                throw TemplateError("empty separator");
            size_t at = name == "partition" ? s.find(sep) : s.rfind(sep);
            if (at == std::string::npos)
                return name == "partition" ? TemplateValue::tuple({TemplateValue(s), TemplateValue(""), TemplateValue("")})
                                           : TemplateValue::tuple({TemplateValue(""), TemplateValue(""), TemplateValue(s)});
            return TemplateValue::tuple({TemplateValue(s.substr(0, at)), TemplateValue(sep), TemplateValue(s.substr(at + sep.size()))});
        }
        if (name == "format")
        {
            std::string out;
            size_t auto_index = 0;
            for (size_t i = 0; i < s.size(); ++i)
            {
                if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{')
                {
                    out += '{';
                    ++i;
                    continue;
                }
                if (s[i] == '}' && i + 1 < s.size() && s[i + 1] == '}')
                {
                    out += '}';
                    ++i;
                    continue;
                }
                if (s[i] != '{')
                {
                    out += s[i];
                    continue;
                }
                size_t close = s.find('}', i);
                if (close == std::string::npos)
                    throw TemplateError("Single '{' encountered in format string");
                std::string field = s.substr(i + 1, close - i - 1);
                TemplateValue value;
                if (field.empty())
                {
                    if (auto_index >= args.size())
                        throw TemplateError("Replacement index " + std::to_string(auto_index) + " out of range for positional args tuple");
                    value = args[auto_index++];
                }
                else if (std::all_of(field.begin(), field.end(), [](char c) { return c >= '0' && c <= '9'; }))
                {
                    size_t k = static_cast<size_t>(std::atoi(field.c_str()));
                    if (k >= args.size())
                        throw TemplateError("Replacement index " + field + " out of range for positional args tuple");
                    value = args[k];
                }
                else
                {
                    bool found = false;
                    for (const auto & [k, v] : kwargs)
                        if (k == field)
                        {
                            value = v;
                            found = true;
                        }
                    if (!found)
                        throw TemplateError("'" + field + "'");
                }
                out += value.str();
                i = close;
            }
            return TemplateValue(std::move(out));
        }
    }

    if (self.isSequence())
    {
        if (name == "index" || name == "count")
        {
            requireArgs(name, args, 1, 1);
            int64_t n = 0;
            const auto & items = self.asList();
            for (size_t i = 0; i < items.size(); ++i)
                if (items[i].equals(args[0]))
                {
                    if (name == "index")
                        return TemplateValue(static_cast<int64_t>(i));
                    ++n;
                }
            if (name == "index")
                throw TemplateError(args[0].repr() + " is not in list");
            return TemplateValue(n);
        }
        TemplateList & list = self.mutableList();
        if (name == "append")
        {
            requireArgs(name, args, 1, 1);
            if (list.size() >= max_sequence_size)
                typeError("list too large");
            list.push_back(args[0]);
            return {};
        }
        if (name == "extend")
        {
            requireArgs(name, args, 1, 1);
            TemplateList items = iterate(args[0]);
            if (list.size() + items.size() > max_sequence_size)
                typeError("list too large");
            list.insert(list.end(), items.begin(), items.end());
            return {};
        }
        if (name == "insert")
        {
            requireArgs(name, args, 2, 2);
            int64_t i = toIndex(args[0]);
            int64_t n = static_cast<int64_t>(list.size());
            if (i < 0)
                i = std::max<int64_t>(0, i + n);
            i = std::min(i, n);
            list.insert(list.begin() + i, args[1]);
            return {};
        }
        if (name == "pop")
        {
            if (list.empty())
                throw TemplateError("pop from empty list");
            int64_t n = static_cast<int64_t>(list.size());
            int64_t i = args.empty() ? n - 1 : toIndex(args[0]);
            if (i < 0)
                i += n;
            if (i < 0 || i >= n)
                throw TemplateError("pop index out of range");
            TemplateValue v = list[static_cast<size_t>(i)];
            list.erase(list.begin() + i);
            return v;
        }
        if (name == "remove")
        {
            requireArgs(name, args, 1, 1);
            for (auto it = list.begin(); it != list.end(); ++it)
                if (it->equals(args[0]))
                {
                    list.erase(it);
                    return {};
                }
            throw TemplateError("list.remove(x): x not in list");
        }
        if (name == "copy")
            return TemplateValue(TemplateList(list));
        if (name == "clear")
        {
            list.clear();
            return {};
        }
        if (name == "reverse")
        {
            std::reverse(list.begin(), list.end());
            return {};
        }
        if (name == "sort")
        {
            bool reverse = false;
            for (const auto & [k, v] : kwargs)
            {
                if (k == "reverse")
                    reverse = v.truthy();
                else
                    typeError("sort() only supports reverse= in templates");
            }
            std::stable_sort(list.begin(), list.end(), [&](const TemplateValue & x, const TemplateValue & y)
                             { return reverse ? lessThan(y, x, "<") : lessThan(x, y, "<"); });
            return {};
        }
    }

    if (self.isDict())
    {
        TemplateDict & dict = self.mutableDict();
        if (name == "get")
        {
            requireArgs(name, args, 1, 2);
            if (const TemplateValue * v = self.find(args[0]))
                return *v;
            return args.size() > 1 ? args[1] : TemplateValue();
        }
        if (name == "keys" || name == "values" || name == "items")
        {
            TemplateList out;
            for (const auto & [k, v] : dict)
            {
                if (name == "keys")
                    out.push_back(k);
                else if (name == "values")
                    out.push_back(v);
                else
                    out.push_back(TemplateValue::tuple({k, v}));
            }
            return TemplateValue(std::move(out));
        }
        if (name == "copy")
            return TemplateValue(TemplateDict(dict));
        if (name == "clear")
        {
            dict.clear();
            return {};
        }
        auto put = [&](const TemplateValue & k, const TemplateValue & v)
        {
            for (auto & [key, value] : dict)
                if (key.equals(k))
                {
                    value = v;
                    return;
                }
            dict.emplace_back(k, v);
        };
        if (name == "update")
        {
            if (!args.empty())
            {
                if (args[0].isDict())
                    for (const auto & [k, v] : TemplateDict(args[0].asDict()))
                        put(k, v);
                else
                    for (const auto & pair : iterate(args[0]))
                    {
                        TemplateList kv = iterate(pair);
                        if (kv.size() != 2)
                            throw TemplateError("dictionary update sequence element has length " + std::to_string(kv.size()) + "; 2 is required");
                        put(kv[0], kv[1]);
                    }
            }
            for (const auto & [k, v] : kwargs)
                put(TemplateValue(k), v);
            return {};
        }
        if (name == "pop")
        {
            requireArgs(name, args, 1, 2);
            for (auto it = dict.begin(); it != dict.end(); ++it)
                if (it->first.equals(args[0]))
                {
                    TemplateValue v = it->second;
                    dict.erase(it);
                    return v;
                }
            if (args.size() > 1)
                return args[1];
            throw TemplateError(args[0].repr());
        }
        if (name == "setdefault")
        {
            requireArgs(name, args, 1, 2);
            if (const TemplateValue * v = self.find(args[0]))
                return *v;
            TemplateValue v = args.size() > 1 ? args[1] : TemplateValue();
            dict.emplace_back(args[0], v);
            return v;
        }
    }
    typeError(std::string("'") + self.typeName() + "' object has no attribute '" + name + "'");
}

} // namespace pipit
