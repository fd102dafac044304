#pragma once

#include "platform/project/Project.h"
#include "platform/templates/SqlTemplate.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pipit
{

struct PipeCompileOptions
{
    /// Secrets lookup and test mode for the node templates.
    TemplateRenderOptions render;
    /// Compile the pipe up to this node (its result instead of the pipe's result node); empty = result node.
    std::string node;
    /// The `q=` parameter: SQL run over the pipe's result, which it reads as the table `_`. Empty = none.
    std::string q;
};

/// One query ready for the engine plus what the templates asked for on the side.
struct PipeQuery
{
    /// A single SELECT (no FORMAT clause).
    std::string sql;
    /// Query settings requested by templates (max_threads(n), ...), merged over all rendered nodes.
    std::map<std::string, std::string> settings;
    /// Secret values referenced by tb_secret(): the SQL holds `{NAME: String}` placeholders.
    std::map<std::string, std::string> query_parameters;
    /// cache_ttl('5m') of any rendered node; empty when none.
    std::string cache_ttl;
    /// Pipes read through this query (besides the compiled one), each after the pipes it reads.
    std::vector<std::string> pipes_read;
};

/// Compiles pipes of one project into single queries (DESIGN §2 "Query"): each node the result needs
/// is rendered with the request parameters, and the nodes are composed with CTEs, later nodes reading
/// earlier ones by name: `WITH n1 AS (...), n2 AS (...) <result node SQL>`. A node may also read
/// another pipe (endpoint or default pipe) by name: that pipe is compiled the same way into one CTE
/// named after it (its node names stay private to it). Only nodes reachable from the result node are
/// rendered, so parameters of unused nodes are not required. Node templates are parsed once, when the
/// compiler is built. Thread-safe: compile concurrently from request threads.
class PipeCompiler
{
public:
    /// Parses every templated node. Throws Exception(DATAFILE_ERROR, "path:line: Node 'n': <template error>")
    /// for a template that does not parse.
    explicit PipeCompiler(std::shared_ptr<const Project> project);

    const Project & project() const { return *project_; }
    const std::shared_ptr<const Project> & projectPtr() const { return project_; }

    /// The query of `pipe_name`'s result (or options.node's). Throws UNKNOWN_PIPE for an unknown pipe,
    /// TemplateError for parameter/template errors, DATAFILE_ERROR for circular pipe references.
    PipeQuery compile(const std::string & pipe_name, const TemplateParameters & params, const PipeCompileOptions & options = {}) const;

    /// Composes arbitrary SQL (the Query API): pipes it reads by name become CTEs; with `pipeline`, the
    /// nodes of that pipe are readable too. A `%`-templated `sql` is rendered with `params` first.
    PipeQuery compileSql(const std::string & sql, const TemplateParameters & params, const std::string & pipeline = {},
                         const TemplateRenderOptions & options = {}) const;

    /// The node's SQL rendered alone, without composition.
    std::string renderNode(const std::string & pipe_name, const std::string & node_name, const TemplateParameters & params,
                           const TemplateRenderOptions & options = {}) const;

    /// Parameters of one node's template (empty for a plain SQL node).
    std::vector<TemplateParameterInfo> nodeParameters(const std::string & pipe_name, const std::string & node_name) const;

    /// The endpoint's parameters (tinybird.md §2.7): union over the pipe's nodes, then over the pipes it
    /// reads, first use first. A parameter seen typed in one node and bare (`defined(x)`) in another is
    /// reported with the typed metadata; missing description/default/example are filled from later uses.
    std::vector<TemplateParameterInfo> pipeParameters(const std::string & pipe_name) const;

    /// Names a node reads as tables (data sources, earlier nodes, pipes, or anything else), from its
    /// SQL rendered in test mode; empty when the test render fails.
    std::vector<std::string> nodeDependencies(const std::string & pipe_name, const std::string & node_name) const;

    /// Deploy-time check: every table a node reads (as found by nodeDependencies) is a data source of the
    /// project, an earlier node of its pipe, a pipe, or a CTE of the node itself. One "path:line: Node 'n'
    /// reads 'x', which is not ..." message per unknown name; empty when all resolve.
    std::vector<std::string> unknownReferences() const;

private:
    struct CompiledNode
    {
        std::optional<SqlTemplate> sql_template;
        std::vector<TemplateParameterInfo> parameters;
        std::vector<std::string> dependencies;
        /// CTE names the node's SQL defines itself.
        std::vector<std::string> cte_names;
    };
    struct CompiledPipe
    {
        const PipeDefinition * pipe = nullptr;
        std::vector<CompiledNode> nodes;
        std::vector<TemplateParameterInfo> parameters;
    };
    struct Composition;

    const CompiledPipe & compiledPipe(const std::string & pipe_name) const;
    size_t nodeIndex(const CompiledPipe & pipe, const std::string & node_name) const;
    std::string renderNodeSql(const CompiledPipe & pipe, size_t index, Composition & composition) const;
    /// The self-contained query of `pipe` up to node `result_index`.
    std::string composePipe(const CompiledPipe & pipe, size_t result_index, Composition & composition) const;
    /// `main_sql` with CTEs for everything it reads: nodes of `scope` before `node_limit`, pipes, `extra` tables.
    std::string compose(const std::string & main_sql, const CompiledPipe * scope, size_t node_limit,
                        const std::map<std::string, std::string> & extra, Composition & composition) const;

    std::shared_ptr<const Project> project_;
    std::map<std::string, CompiledPipe> pipes_;
};

} // namespace pipit
