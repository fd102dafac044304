#include "platform/templates/SqlTemplate.h"

#include "platform/templates/TemplateAst.h"
#include "platform/templates/TemplateFunctions.h"
#include "platform/templates/TemplateJson.h"
#include "platform/templates/TemplateParser.h"
#include "platform/templates/TemplateRenderer.h"

#include <deque>
#include <algorithm>
#include <unordered_set>

namespace pipit
{

using namespace template_ast;

/// A parsed template plus what parse-time analysis derived from it.
struct SqlTemplateProgram
{
    NodeList nodes;
    std::unordered_set<std::string> local_names;
    std::vector<TemplateParameterInfo> parameters;
    std::vector<std::string> warnings;
};

namespace
{

const char * const python_builtins[] = {
    "abs", "all", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile",
    "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float",
    "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass", "iter",
    "len", "license", "list", "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print",
    "property", "quit", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum",
    "super", "tuple", "type", "vars", "zip", "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "NameError",
    "_tt_tmp", "_tt_append", "error", "custom_error", "column", "symbol", "close", "__import__", "__debug__", "__doc__",
    "__name__", "__package__", "columns", "table", "TABLE", "sql_and", "defined", "enumerate_with_last", "split_to_array",
    "day_diff", "date_diff_in_days", "date_diff_in_hours", "date_diff_in_minutes", "date_diff_in_seconds", "sql_unescape", "JSON"};

const char * const reserved_param_names[] = {
    "__tb__semver", "debug_source_tables", "debug", "explain", "finalize_aggregations", "output_format_json_quote_64bit_integers",
    "output_format_json_quote_denormals", "output_format_parquet_string_as_string", "pipeline", "playground", "q", "query_id",
    "release_replacements", "tag", "template_parameters", "token", "job_timestamp"};

bool isExcludedName(const std::string & name)
{
    for (const char * n : python_builtins)
        if (name == n)
            return true;
    return false;
}

void collectTargetNames(const Target & target, std::unordered_set<std::string> & names)
{
    if (target.kind == Target::Kind::Name)
        names.insert(target.name);
    else if (target.kind == Target::Kind::Tuple)
        for (const auto & item : target.items)
            collectTargetNames(item, names);
}

void collectLocalNames(const NodeList & nodes, std::unordered_set<std::string> & names)
{
    for (const auto & node : nodes)
    {
        if (node->kind == NodeKind::Set || node->kind == NodeKind::For)
            collectTargetNames(node->target, names);
        for (const auto & branch : node->branches)
            collectLocalNames(branch.body, names);
        collectLocalNames(node->body, names);
        collectLocalNames(node->orelse, names);
        collectLocalNames(node->finally_body, names);
        for (const auto & handler : node->handlers)
            collectLocalNames(handler, names);
    }
}

/// Children of an expression in Python ast field order (for the breadth-first walk of the metadata pass).
std::vector<const Expr *> children(const Expr & e)
{
    std::vector<const Expr *> out;
    auto add = [&](const ExprPtr & p)
    {
        if (p)
            out.push_back(p.get());
    };
    switch (e.kind)
    {
        case ExprKind::Call:
            add(e.a);
            for (const auto & i : e.items)
                add(i);
            for (const auto & [k, v] : e.keywords)
                add(v);
            break;
        case ExprKind::IfElse:
            add(e.b);
            add(e.a);
            add(e.c);
            break;
        case ExprKind::Dict:
            for (size_t i = 0; i < e.items.size(); i += 2)
                add(e.items[i]);
            for (size_t i = 1; i < e.items.size(); i += 2)
                add(e.items[i]);
            break;
        case ExprKind::ListComp:
            add(e.a);
            for (const auto & c : e.comprehensions)
            {
                add(c.iter);
                for (const auto & f : c.ifs)
                    add(f);
            }
            break;
        default:
            add(e.a);
            add(e.b);
            add(e.c);
            for (const auto & i : e.items)
                add(i);
    }
    return out;
}

/// Parse-time checks over every expression: forbidden variable names, unknown functions, reserved names.
void checkExpression(const Expr & e, const std::unordered_set<std::string> & local_names, std::vector<std::string> & warnings)
{
    if (e.kind == ExprKind::Name)
    {
        if (e.name == "format" || e.name == "q")
            throw TemplateError("\"" + e.name + "\" can not be used as a variable name, line " + std::to_string(e.line));
        for (const char * r : reserved_param_names)
            if (e.name == r && std::find(warnings.begin(), warnings.end(), e.name) == warnings.end())
                warnings.push_back(e.name);
    }
    if (e.kind == ExprKind::Call && e.a->kind == ExprKind::Name)
    {
        const std::string & fn = e.a->name;
        if (fn == "length" && !local_names.count(fn))
            throw TemplateError("Template Syntax Error: length cannot be used as a variable name or as a function inside of a template");
        if (!TemplateFunctions::isFunction(fn) && !TemplateRenderer::isBuiltin(fn) && !local_names.count(fn) && fn != "format" && fn != "q")
            throw TemplateError("Template Syntax Error: '" + fn + "' is not a valid function, line " + std::to_string(e.line));
    }
    for (const Expr * child : children(e))
        checkExpression(*child, local_names, warnings);
    for (const auto & c : e.comprehensions)
    {
        std::unordered_set<std::string> names;
        collectTargetNames(c.target, names);
        for (const auto & n : names)
            if (n == "format" || n == "q")
                throw TemplateError("\"" + n + "\" can not be used as a variable name, line " + std::to_string(e.line));
    }
}

void checkTarget(const Target & target, int line, const std::unordered_set<std::string> & local_names, std::vector<std::string> & warnings)
{
    std::unordered_set<std::string> names;
    collectTargetNames(target, names);
    for (const auto & n : names)
        if (n == "format" || n == "q")
            throw TemplateError("\"" + n + "\" can not be used as a variable name, line " + std::to_string(line));
    if (target.kind == Target::Kind::Subscript)
    {
        checkExpression(*target.object, local_names, warnings);
        checkExpression(*target.index, local_names, warnings);
    }
    for (const auto & item : target.items)
        checkTarget(item, line, local_names, warnings);
}

void checkNodes(const NodeList & nodes, const std::unordered_set<std::string> & local_names, std::vector<std::string> & warnings)
{
    for (const auto & node : nodes)
    {
        if (node->kind == NodeKind::Set || node->kind == NodeKind::For)
            checkTarget(node->target, node->line, local_names, warnings);
        if (node->expr)
            checkExpression(*node->expr, local_names, warnings);
        for (const auto & branch : node->branches)
        {
            if (branch.condition)
                checkExpression(*branch.condition, local_names, warnings);
            checkNodes(branch.body, local_names, warnings);
        }
        checkNodes(node->body, local_names, warnings);
        checkNodes(node->orelse, local_names, warnings);
        checkNodes(node->finally_body, local_names, warnings);
        for (const auto & handler : node->handlers)
            checkNodes(handler, local_names, warnings);
    }
}

/// What Tinybird's metadata pass reads from an argument: constants, names (as their identifier), lists,
/// the left (else right) side of a binary operation.
struct ArgumentValue
{
    TemplateValue value;
    bool is_name = false;
};

ArgumentValue argumentValue(const Expr & e)
{
    switch (e.kind)
    {
        case ExprKind::Constant:
            return {e.value, false};
        case ExprKind::Name:
            return {TemplateValue(e.name), true};
        case ExprKind::List: {
            TemplateList items;
            for (const auto & item : e.items)
                items.push_back(argumentValue(*item).value);
            return {TemplateValue(std::move(items)), false};
        }
        case ExprKind::Binary: {
            ArgumentValue left = argumentValue(*e.a);
            if (left.value.truthy())
                return left;
            return argumentValue(*e.b);
        }
        default:
            return {};
    }
}

TemplateValue checkDefaultValue(const TemplateValue & v)
{
    constexpr int64_t max_safe_integer = 9007199254740991LL;
    if (v.isInt() && (v.isBigInt() || v.asInt() > max_safe_integer))
        return TemplateValue(v.str());
    return v;
}

struct ParameterCollector
{
    /// Entries of one chunk, in insertion order (Python dict semantics).
    using Chunk = std::vector<TemplateParameterInfo>;

    static TemplateParameterInfo * find(Chunk & chunk, const std::string & name)
    {
        for (auto & info : chunk)
            if (info.name == name)
                return &info;
        return nullptr;
    }

    static void put(Chunk & chunk, TemplateParameterInfo info)
    {
        if (TemplateParameterInfo * existing = find(chunk, info.name))
            *existing = std::move(info);
        else
            chunk.push_back(std::move(info));
    }

    static void applyKeywords(TemplateParameterInfo & info, const Expr & call)
    {
        for (const auto & [key, value_expr] : call.keywords)
        {
            TemplateValue value = argumentValue(*value_expr).value;
            if (key == "default")
                info.default_value = checkDefaultValue(value);
            else if (key == "required")
                info.required = value.truthy();
            else if (key == "description")
                info.description = value.isNone() ? "" : value.str();
            else if (key == "format")
                info.format = value.isNone() ? "" : value.str();
            else if (key == "example")
                info.example = value;
            else if (key == "enum")
                info.enum_values = value;
            else
                info.extra.emplace_back(key, value);
        }
    }

    static bool hasKeyword(const Expr & call, const char * key)
    {
        for (const auto & [k, v] : call.keywords)
            if (k == key)
                return true;
        return false;
    }

    /// The `_w` pass over one expression: breadth-first over the tree.
    static void walk(const Expr & root, Chunk & chunk)
    {
        std::deque<std::pair<const Expr *, const Expr *>> queue; /// node, parent
        queue.emplace_back(&root, nullptr);
        while (!queue.empty())
        {
            auto [e, parent] = queue.front();
            queue.pop_front();
            if (e->kind == ExprKind::Call && e->a->kind == ExprKind::Name)
                visitCall(*e, chunk);
            else if (e->kind == ExprKind::Name)
            {
                bool parent_is_call = false;
                if (parent && parent->kind == ExprKind::Call)
                {
                    if (parent->a.get() == e)
                        parent_is_call = true;
                    for (const auto & arg : parent->items)
                        if (arg.get() == e)
                            parent_is_call = true;
                }
                if (!parent_is_call && !isExcludedName(e->name))
                {
                    TemplateParameterInfo info;
                    info.name = e->name;
                    info.default_value = TemplateValue();
                    put(chunk, std::move(info));
                }
            }
            for (const Expr * child : children(*e))
                queue.emplace_back(child, e);
        }
    }

    static void visitCall(const Expr & call, Chunk & chunk)
    {
        const std::string & fn = call.a->name;
        std::vector<ArgumentValue> args;
        for (const auto & arg : call.items)
        {
            if (arg->kind == ExprKind::Call)
            {
                Chunk nested;
                walk(*arg, nested);
                for (auto & info : nested)
                    put(chunk, std::move(info));
            }
            else
                args.push_back(argumentValue(*arg));
        }
        bool first_is_name = !args.empty() && args[0].is_name && args[0].value.isString() && !args[0].value.asString().empty();
        if (fn == "Array")
        {
            if (!first_is_name)
                return;
            TemplateParameterInfo info;
            info.name = args[0].value.asString();
            info.type = args.size() > 1 ? "Array(" + args[1].value.str() + ")" : "Array(String)";
            if (!hasKeyword(call, "default"))
                info.default_value = checkDefaultValue(args.size() > 2 && args[2].value.truthy() ? args[2].value : TemplateValue());
            applyKeywords(info, call);
            put(chunk, std::move(info));
            return;
        }
        if (TemplateFunctions::isParameterType(fn))
        {
            if (!first_is_name)
                return;
            TemplateParameterInfo info;
            info.name = args[0].value.asString();
            info.type = fn;
            if (!hasKeyword(call, "default"))
                info.default_value = checkDefaultValue(args.size() > 1 ? args[1].value : TemplateValue());
            applyKeywords(info, call);
            put(chunk, std::move(info));
            return;
        }
        if (TemplateFunctions::isFunction(fn) && first_is_name && !find(chunk, args[0].value.asString()))
        {
            TemplateParameterInfo info;
            info.name = args[0].value.asString();
            info.default_value = TemplateValue();
            info.used_in_function_call = true;
            chunk.push_back(std::move(info));
        }
    }

    static void targetNames(const Target & target, Chunk & chunk)
    {
        if (target.kind == Target::Kind::Name)
        {
            if (!isExcludedName(target.name))
            {
                TemplateParameterInfo info;
                info.name = target.name;
                info.default_value = TemplateValue();
                put(chunk, std::move(info));
            }
        }
        else if (target.kind == Target::Kind::Subscript)
        {
            walk(*target.object, chunk);
            walk(*target.index, chunk);
        }
        for (const auto & item : target.items)
            targetNames(item, chunk);
    }

    void collect(const NodeList & nodes)
    {
        for (const auto & node : nodes)
        {
            Chunk chunk;
            switch (node->kind)
            {
                case NodeKind::Output:
                    walk(*node->expr, chunk);
                    break;
                case NodeKind::Set:
                    targetNames(node->target, chunk);
                    walk(*node->expr, chunk);
                    break;
                case NodeKind::For:
                    targetNames(node->target, chunk);
                    walk(*node->expr, chunk);
                    break;
                case NodeKind::While:
                    walk(*node->expr, chunk);
                    break;
                case NodeKind::If:
                    for (const auto & branch : node->branches)
                        if (branch.condition)
                            walk(*branch.condition, chunk);
                    break;
                default:
                    break;
            }
            for (auto & info : chunk)
                merge(std::move(info));
            for (const auto & branch : node->branches)
                collect(branch.body);
            collect(node->body);
            for (const auto & handler : node->handlers)
                collect(handler);
            collect(node->orelse);
            collect(node->finally_body);
        }
    }

    static bool isTyped(const TemplateParameterInfo & info)
    {
        return !(info.type == "String" && !info.default_value.has_value()) && !(info.type == "String" && info.used_in_function_call)
            && !(info.type == "String" && info.default_value && info.default_value->isNone() && !info.required && info.description.empty()
                 && info.extra.empty() && !info.example && !info.enum_values && info.format.empty());
    }

    /// One entry per name: the first occurrence keeps its position; a typed occurrence (String(x, ...),
    /// Int32(x), Array(x, ...)) replaces an untyped one (bare {{x}}, defined(x)).
    void merge(TemplateParameterInfo info)
    {
        for (auto & existing : result)
            if (existing.name == info.name)
            {
                if (!isTyped(existing) && isTyped(info))
                    existing = std::move(info);
                else if (existing.used_in_function_call && !info.used_in_function_call && !isTyped(existing))
                    existing.used_in_function_call = false;
                return;
            }
        result.push_back(std::move(info));
    }

    std::vector<TemplateParameterInfo> result;
};

/// Converts a request value for an Array(T) parameter to a list of typed elements (Tinybird's
/// preprocess_variables), so that `sum(x)` or `','.join(x)` see the same values Array(x, 'T') renders.
/// Returns nullopt when an element does not validate (the value is then left unchanged).
std::optional<TemplateValue> preprocessArray(const TemplateValue & value, const std::string & element_type)
{
    TemplateList elements;
    if (value.isSequence())
        elements = value.asList();
    else if (value.isString())
    {
        const std::string & s = value.asString();
        size_t start = 0;
        while (true)
        {
            size_t comma = s.find(',', start);
            elements.emplace_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    else
        return std::nullopt;

    TemplateList converted;
    TemplateRenderOptions options;
    TemplateRenderResult scratch;
    TemplateCallContext context{options, scratch, 0};
    for (const auto & element : elements)
    {
        try
        {
            TemplateValue rendered = TemplateFunctions::call("Array", {TemplateValue(TemplateList{element}), TemplateValue(element_type)}, {}, context);
            (void)rendered;
        }
        catch (const TemplateError &)
        {
            return std::nullopt;
        }
        bool is_int = element_type.find("Int") != std::string::npos;
        bool is_float = element_type.rfind("Float", 0) == 0;
        bool is_bool = element_type == "Boolean" || element_type == "bool";
        if (is_int)
        {
            if (element.isInt() || element.isBool())
                converted.emplace_back(element.isBigInt() ? TemplateValue::bigInt(element.asString()) : TemplateValue(element.asInt()));
            else
                converted.push_back(TemplateFunctions::parseInteger(element.str()));
        }
        else if (is_float)
        {
            double d = 0;
            if (element.isNumber())
                d = element.asFloat();
            else
                TemplateFunctions::parseFloat(element.str(), d);
            converted.emplace_back(d);
        }
        else if (is_bool)
        {
            std::string s = element.str();
            bool falsy = s == "0" || s == "false" || s == "False" || s == "FALSE" || s.empty();
            converted.emplace_back(static_cast<int64_t>(falsy ? 0 : 1));
        }
        else
            converted.emplace_back(element.isString() ? element : TemplateValue(element.str()));
    }
    return TemplateValue(std::move(converted));
}

std::string joinNames(const std::vector<std::string> & names)
{
    if (names.size() == 1)
        return names[0];
    std::string out;
    for (size_t i = 0; i + 1 < names.size(); ++i)
        out += (i ? ", " : "") + names[i];
    return out + " and " + names.back();
}

}

bool SqlTemplate::isTemplate(std::string_view sql)
{
    size_t i = 0;
    while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\t' || sql[i] == '\n' || sql[i] == '\r'))
        ++i;
    return i < sql.size() && sql[i] == '%';
}

SqlTemplate SqlTemplate::parse(std::string_view text)
{
    int line_offset = 0;
    std::string_view body = text;
    if (isTemplate(text))
    {
        size_t percent = text.find('%');
        for (size_t i = 0; i < percent; ++i)
            if (text[i] == '\n')
                ++line_offset;
        size_t after = percent + 1;
        size_t end_of_line = text.find('\n', after);
        std::string_view rest_of_line = text.substr(after, end_of_line == std::string_view::npos ? std::string_view::npos : end_of_line - after);
        bool blank = rest_of_line.find_first_not_of(" \t\r") == std::string_view::npos;
        if (blank)
        {
            body = end_of_line == std::string_view::npos ? std::string_view() : text.substr(end_of_line + 1);
            ++line_offset;
        }
        else
            body = text.substr(after);
    }

    auto program = std::make_shared<SqlTemplateProgram>();
    program->nodes = TemplateParser(body, line_offset).parse();
    collectLocalNames(program->nodes, program->local_names);
    checkNodes(program->nodes, program->local_names, program->warnings);
    ParameterCollector collector;
    collector.collect(program->nodes);
    program->parameters = std::move(collector.result);

    SqlTemplate result;
    result.program_ = std::move(program);
    return result;
}

std::string SqlTemplate::render(const TemplateParameters & params, const TemplateRenderOptions & options) const
{
    return renderFull(params, options).sql;
}

TemplateRenderResult SqlTemplate::renderFull(const TemplateParameters & params, const TemplateRenderOptions & options) const
{
    TemplateRenderResult result;
    if (!program_)
        return result;
    TemplateRenderer renderer(params, options, program_->local_names, result);
    for (const auto & info : program_->parameters)
    {
        const std::string & type = info.type;
        if (type.size() <= 7 || type.compare(0, 6, "Array(") != 0 || type.back() != ')')
            continue;
        std::string element_type = type.substr(6, type.size() - 7);
        bool word = std::all_of(element_type.begin(), element_type.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
        if (!word)
            continue;
        const TemplateValue * value = params.find(info.name);
        if (!value || value->isNone())
            continue;
        if (auto converted = preprocessArray(*value, element_type))
            renderer.overrideParameter(info.name, std::move(*converted));
    }
    try
    {
        renderer.render(program_->nodes);
    }
    catch (const TemplateError & e)
    {
        if (e.message() != TemplateFunctions::requiredParameterMessage())
            throw;
        std::vector<std::string> missing;
        for (const auto & info : program_->parameters)
            if ((!info.default_value || info.default_value->isNone()) && !info.used_in_function_call)
                missing.push_back(info.name);
        if (missing.empty())
            throw;
        throw TemplateError(
            "Template Syntax Error: Required parameter is not defined. Check the parameters " + joinNames(missing)
            + ". Please provide a value or set a default value in the pipe code.");
    }
    return result;
}

std::vector<TemplateParameterInfo> SqlTemplate::parameters() const
{
    return program_ ? program_->parameters : std::vector<TemplateParameterInfo>{};
}

std::string SqlTemplate::parameterToJson(const TemplateParameterInfo & info)
{
    TemplateDict fields;
    fields.emplace_back(TemplateValue("name"), TemplateValue(info.name));
    fields.emplace_back(TemplateValue("type"), TemplateValue(info.type));
    fields.emplace_back(TemplateValue("default"), info.default_value.value_or(TemplateValue()));
    if (!info.description.empty())
        fields.emplace_back(TemplateValue("description"), TemplateValue(info.description));
    if (info.required)
        fields.emplace_back(TemplateValue("required"), TemplateValue(*info.required));
    if (!info.format.empty())
        fields.emplace_back(TemplateValue("format"), TemplateValue(info.format));
    if (info.example)
        fields.emplace_back(TemplateValue("example"), *info.example);
    if (info.enum_values)
        fields.emplace_back(TemplateValue("enum"), *info.enum_values);
    return TemplateJson::serialize(TemplateValue(std::move(fields)));
}

std::vector<std::string> SqlTemplate::reservedNameWarnings() const
{
    return program_ ? program_->warnings : std::vector<std::string>{};
}

} // namespace pipit
