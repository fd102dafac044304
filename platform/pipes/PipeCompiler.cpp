#include "platform/pipes/PipeCompiler.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/sql/Lexer.h"
#include "platform/pipes/SqlTableReferences.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

namespace pipit
{

struct PipeCompiler::Composition
{
    const TemplateParameters & params;
    const TemplateRenderOptions & options;
    /// Pipes being composed, outermost first (circular references are errors).
    std::vector<std::string> stack;
    PipeQuery result;
};

namespace
{

std::string trimSql(std::string sql)
{
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!sql.empty() && (blank(sql.back()) || sql.back() == ';'))
        sql.pop_back();
    size_t begin = 0;
    while (begin < sql.size() && blank(sql[begin]))
        ++begin;
    return sql.substr(begin);
}

std::string quoteName(const std::string & name)
{
    return backquoteIdentifier(name);
}

/// `main` with the CTEs in front: `WITH a AS (...), b AS (...) main`. A main query that has its own WITH
/// gets the CTEs prepended to its list; one with a top-level UNION is wrapped so the CTEs reach every branch.
std::string withCtes(const std::vector<std::pair<std::string, std::string>> & ctes, const std::string & main)
{
    if (ctes.empty())
        return main;
    std::string list;
    for (const auto & [name, sql] : ctes)
    {
        if (!list.empty())
            list += ",\n";
        list += quoteName(name) + " AS (\n" + sql + "\n)";
    }
    size_t after_with = 0;
    if (hasTopLevelSetOperation(main))
        return "WITH " + list + "\nSELECT * FROM (\n" + main + "\n)";
    if (startsWithKeywordWith(main, &after_with))
        return "WITH " + list + ",\n" + trimSql(main.substr(after_with));
    return "WITH " + list + "\n" + main;
}

void mergeParameter(std::vector<TemplateParameterInfo> & into, const TemplateParameterInfo & parameter)
{
    auto it = std::find_if(into.begin(), into.end(), [&](const TemplateParameterInfo & p) { return p.name == parameter.name; });
    if (it == into.end())
    {
        into.push_back(parameter);
        return;
    }
    if (it->type == "String" && parameter.type != "String")
        it->type = parameter.type;
    if (!it->default_value && parameter.default_value)
        it->default_value = parameter.default_value;
    if (!it->required && parameter.required)
        it->required = parameter.required;
    if (it->description.empty())
        it->description = parameter.description;
    if (it->format.empty())
        it->format = parameter.format;
    if (!it->example && parameter.example)
        it->example = parameter.example;
    if (!it->enum_values && parameter.enum_values)
        it->enum_values = parameter.enum_values;
}

/// The q= SQL must be one read-only query.
void checkReadOnlyQuery(const std::string & sql)
{
    Lexer lexer(sql);
    Token first = lexer.nextToken();
    auto is = [&](const Token & token, std::string_view keyword)
    {
        if (token.type != TokenType::BareWord || token.end - token.begin != keyword.size())
            return false;
        for (size_t i = 0; i < keyword.size(); ++i)
            if (std::toupper(static_cast<unsigned char>(sql[token.begin + i])) != keyword[i])
                return false;
        return true;
    };
    if (!is(first, "SELECT") && !is(first, "WITH") && first.type != TokenType::OpeningRoundBracket)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Only SELECT queries are supported in q");
    while (true)
    {
        Token token = lexer.nextToken();
        if (token.isEnd() || token.type == TokenType::Error)
            break;
        if (token.type == TokenType::Semicolon)
        {
            Token next = lexer.nextToken();
            if (!next.isEnd())
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Only one query is supported in q");
            break;
        }
    }
}

} // namespace

PipeCompiler::PipeCompiler(std::shared_ptr<const Project> project)
    : project_(std::move(project))
{
    CHECK(project_ != nullptr);
    for (const auto & pipe : project_->pipes)
    {
        CompiledPipe compiled;
        compiled.pipe = &pipe;
        for (const auto & node : pipe.nodes)
        {
            CompiledNode compiled_node;
            if (node.isTemplated())
            {
                try
                {
                    compiled_node.sql_template = SqlTemplate::parse(node.sql);
                    compiled_node.parameters = compiled_node.sql_template->parameters();
                }
                catch (const Exception & e)
                {
                    throw Exception(ErrorCode::DATAFILE_ERROR,
                                    pipe.path + ":" + std::to_string(node.sql_line) + ": Node '" + node.name + "': " + e.message());
                }
                try
                {
                    TemplateRenderOptions test_mode;
                    test_mode.test_mode = true;
                    std::string rendered = compiled_node.sql_template->render(TemplateParameters{}, test_mode);
                    compiled_node.dependencies = findTableReferences(rendered);
                    compiled_node.cte_names = findCteNames(rendered);
                }
                catch (const Exception &)
                {
                    // A template that cannot render with placeholders still runs with real parameters.
                }
            }
            else
            {
                compiled_node.dependencies = findTableReferences(node.sql);
                compiled_node.cte_names = findCteNames(node.sql);
            }
            compiled.nodes.push_back(std::move(compiled_node));
        }
        pipes_.emplace(pipe.name, std::move(compiled));
    }

    // Endpoint parameters: the pipe's nodes first, then the pipes it reads (transitively).
    for (auto & [name, compiled] : pipes_)
    {
        std::set<std::string> visited{name};
        std::vector<const CompiledPipe *> order{&compiled};
        for (size_t i = 0; i < order.size(); ++i)
        {
            for (const auto & node : order[i]->nodes)
            {
                for (const auto & parameter : node.parameters)
                    mergeParameter(compiled.parameters, parameter);
                for (const auto & dependency : node.dependencies)
                {
                    auto it = pipes_.find(dependency);
                    if (it != pipes_.end() && visited.insert(dependency).second && !order[i]->pipe->findNode(dependency))
                        order.push_back(&it->second);
                }
            }
        }
    }
}

const PipeCompiler::CompiledPipe & PipeCompiler::compiledPipe(const std::string & pipe_name) const
{
    auto it = pipes_.find(pipe_name);
    if (it == pipes_.end())
        throw Exception(ErrorCode::UNKNOWN_PIPE, "Pipe '" + pipe_name + "' not found");
    return it->second;
}

size_t PipeCompiler::nodeIndex(const CompiledPipe & pipe, const std::string & node_name) const
{
    for (size_t i = 0; i < pipe.pipe->nodes.size(); ++i)
        if (pipe.pipe->nodes[i].name == node_name)
            return i;
    throw Exception(ErrorCode::UNKNOWN_PIPE, "Node '" + node_name + "' not found in pipe '" + pipe.pipe->name + "'");
}

std::string PipeCompiler::renderNodeSql(const CompiledPipe & pipe, size_t index, Composition & composition) const
{
    const CompiledNode & node = pipe.nodes[index];
    if (!node.sql_template)
        return trimSql(pipe.pipe->nodes[index].sql);
    TemplateRenderResult rendered = node.sql_template->renderFull(composition.params, composition.options);
    for (auto & [key, value] : rendered.settings)
        composition.result.settings[key] = value;
    for (auto & [key, value] : rendered.query_parameters)
        composition.result.query_parameters[key] = value;
    if (!rendered.cache_ttl.empty())
        composition.result.cache_ttl = rendered.cache_ttl;
    return trimSql(std::move(rendered.sql));
}

std::string PipeCompiler::composePipe(const CompiledPipe & pipe, size_t result_index, Composition & composition) const
{
    std::string main = renderNodeSql(pipe, result_index, composition);
    return compose(main, &pipe, result_index, {}, composition);
}

std::string PipeCompiler::compose(const std::string & main_sql, const CompiledPipe * scope, size_t node_limit,
                                  const std::map<std::string, std::string> & extra, Composition & composition) const
{
    size_t node_count = scope ? scope->pipe->nodes.size() : 0;
    std::vector<std::optional<std::string>> nodes(node_count);
    std::vector<std::pair<std::string, std::string>> pipe_ctes;
    std::vector<std::pair<std::string, std::string>> extra_ctes;

    std::function<void(const std::string &, size_t)> visit = [&](const std::string & sql, size_t limit)
    {
        for (const auto & name : findTableReferences(sql))
        {
            bool is_node = false;
            for (size_t i = 0; i < limit; ++i)
            {
                if (scope->pipe->nodes[i].name != name)
                    continue;
                is_node = true;
                if (!nodes[i])
                {
                    nodes[i] = renderNodeSql(*scope, i, composition);
                    visit(*nodes[i], i);
                }
                break;
            }
            if (is_node)
                continue;
            if (auto it = extra.find(name); it != extra.end())
            {
                if (std::none_of(extra_ctes.begin(), extra_ctes.end(), [&](const auto & cte) { return cte.first == name; }))
                    extra_ctes.emplace_back(name, it->second);
                continue;
            }
            auto pipe_it = pipes_.find(name);
            if (pipe_it == pipes_.end())
                continue; // a data source, or a table the engine will report
            if (std::any_of(pipe_ctes.begin(), pipe_ctes.end(), [&](const auto & cte) { return cte.first == name; }))
                continue;
            if (std::find(composition.stack.begin(), composition.stack.end(), name) != composition.stack.end())
            {
                std::string chain;
                for (const auto & p : composition.stack)
                    chain += p + " -> ";
                throw Exception(ErrorCode::DATAFILE_ERROR, "Circular reference between pipes: " + chain + name);
            }
            const CompiledPipe & other = pipe_it->second;
            PipeNodeType type = other.pipe->type();
            if (type != PipeNodeType::Endpoint && type != PipeNodeType::Standard)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Pipe '" + name + "' is a " + other.pipe->typeName() +
                                                              " pipe: only endpoint and default pipes can be read as tables");
            composition.stack.push_back(name);
            size_t result_index = other.pipe->output_node ? *other.pipe->output_node : other.pipe->nodes.size() - 1;
            std::string query = composePipe(other, result_index, composition);
            composition.stack.pop_back();
            pipe_ctes.emplace_back(name, std::move(query));
            if (std::find(composition.result.pipes_read.begin(), composition.result.pipes_read.end(), name) == composition.result.pipes_read.end())
                composition.result.pipes_read.push_back(name);
        }
    };
    visit(main_sql, scope ? node_limit : 0);

    std::vector<std::pair<std::string, std::string>> ctes = std::move(extra_ctes);
    for (auto & cte : pipe_ctes)
        ctes.push_back(std::move(cte));
    for (size_t i = 0; i < node_count; ++i)
        if (nodes[i])
            ctes.emplace_back(scope->pipe->nodes[i].name, std::move(*nodes[i]));
    return withCtes(ctes, main_sql);
}

PipeQuery PipeCompiler::compile(const std::string & pipe_name, const TemplateParameters & params, const PipeCompileOptions & options) const
{
    const CompiledPipe & pipe = compiledPipe(pipe_name);
    size_t index = options.node.empty() ? (pipe.pipe->output_node ? *pipe.pipe->output_node : pipe.pipe->nodes.size() - 1)
                                        : nodeIndex(pipe, options.node);
    Composition composition{params, options.render, {pipe_name}, {}};
    std::string sql = composePipe(pipe, index, composition);
    if (!options.q.empty())
    {
        std::string q = trimSql(options.q);
        checkReadOnlyQuery(q);
        composition.stack.clear();
        sql = compose(q, nullptr, 0, {{"_", sql}}, composition);
    }
    composition.result.sql = std::move(sql);
    return std::move(composition.result);
}

PipeQuery PipeCompiler::compileSql(const std::string & sql, const TemplateParameters & params, const std::string & pipeline,
                                   const TemplateRenderOptions & options) const
{
    const CompiledPipe * scope = pipeline.empty() ? nullptr : &compiledPipe(pipeline);
    Composition composition{params, options, {}, {}};
    std::string main = sql;
    if (SqlTemplate::isTemplate(sql))
    {
        TemplateRenderResult rendered = SqlTemplate::parse(sql).renderFull(params, options);
        composition.result.settings = rendered.settings;
        composition.result.query_parameters = rendered.query_parameters;
        composition.result.cache_ttl = rendered.cache_ttl;
        main = rendered.sql;
    }
    main = trimSql(main);
    composition.result.sql = compose(main, scope, scope ? scope->pipe->nodes.size() : 0, {}, composition);
    return std::move(composition.result);
}

std::string PipeCompiler::renderNode(const std::string & pipe_name, const std::string & node_name, const TemplateParameters & params,
                                     const TemplateRenderOptions & options) const
{
    const CompiledPipe & pipe = compiledPipe(pipe_name);
    Composition composition{params, options, {pipe_name}, {}};
    return renderNodeSql(pipe, nodeIndex(pipe, node_name), composition);
}

std::vector<TemplateParameterInfo> PipeCompiler::nodeParameters(const std::string & pipe_name, const std::string & node_name) const
{
    const CompiledPipe & pipe = compiledPipe(pipe_name);
    return pipe.nodes[nodeIndex(pipe, node_name)].parameters;
}

std::vector<TemplateParameterInfo> PipeCompiler::pipeParameters(const std::string & pipe_name) const
{
    return compiledPipe(pipe_name).parameters;
}

std::vector<std::string> PipeCompiler::unknownReferences() const
{
    std::vector<std::string> errors;
    for (const auto & pipe : project_->pipes)
    {
        const CompiledPipe & compiled = pipes_.at(pipe.name);
        for (size_t i = 0; i < pipe.nodes.size(); ++i)
        {
            const CompiledNode & node = compiled.nodes[i];
            for (const auto & name : node.dependencies)
            {
                bool earlier_node = false;
                for (size_t j = 0; j < i; ++j)
                    earlier_node |= pipe.nodes[j].name == name;
                bool cte = std::find(node.cte_names.begin(), node.cte_names.end(), name) != node.cte_names.end();
                if (earlier_node || cte || project_->findDatasource(name) || (project_->findPipe(name) && name != pipe.name))
                    continue;
                errors.push_back(pipe.path + ":" + std::to_string(pipe.nodes[i].sql_line) + ": Node '" + pipe.nodes[i].name + "' reads '" + name +
                                 "', which is not a data source, a pipe or an earlier node of pipe '" + pipe.name + "'");
            }
        }
    }
    return errors;
}

std::vector<std::string> PipeCompiler::nodeDependencies(const std::string & pipe_name, const std::string & node_name) const
{
    const CompiledPipe & pipe = compiledPipe(pipe_name);
    return pipe.nodes[nodeIndex(pipe, node_name)].dependencies;
}

} // namespace pipit
