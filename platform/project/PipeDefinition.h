#pragma once

#include "platform/project/DatasourceDefinition.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pipit
{

/// What a node outputs (TYPE); Standard = intermediate node.
enum class PipeNodeType
{
    Standard,
    Endpoint,
    Materialized,
    Copy,
    Sink,
};

/// "standard", "endpoint", "materialized", "copy", "sink" (the API's node_type values).
const char * pipeNodeTypeName(PipeNodeType type);

/// One NODE of a pipe.
struct PipeNode
{
    std::string name;
    std::string description;
    /// SQL block as written (dedented). A templated node's first line is `%`.
    std::string sql;
    PipeNodeType type = PipeNodeType::Standard;
    /// Line of the NODE directive and of the SQL block's first line.
    size_t line = 0;
    size_t sql_line = 0;

    /// The SQL's first line is just `%`.
    bool isTemplated() const;
};

/// A parsed `.pipe` file (tinybird.md §1.3). At most one node has a TYPE; its settings live here.
struct PipeDefinition
{
    std::string name;
    std::string path;
    std::string description;
    std::vector<std::string> tags;
    /// TOKEN lines (always READ for pipes).
    std::vector<ResourceToken> tokens;
    std::vector<PipeNode> nodes;

    /// Index into nodes of the node with TYPE, if any.
    std::optional<size_t> output_node;

    /// TYPE materialized: DATASOURCE, DEPLOYMENT_METHOD.
    std::string materialized_datasource;
    std::string deployment_method;
    /// TYPE copy: TARGET_DATASOURCE, COPY_SCHEDULE (default "@on-demand"), COPY_MODE (default "append").
    std::string copy_target_datasource;
    std::string copy_schedule;
    std::string copy_mode;
    /// TYPE sink: EXPORT_* settings in file order (keys upper case).
    std::vector<std::pair<std::string, std::string>> export_settings;
    /// TYPE endpoint: CACHE <seconds>, if written.
    std::optional<unsigned> cache_seconds;

    /// The output node's type, or Standard when the pipe has no TYPE ("default" pipe).
    PipeNodeType type() const { return output_node ? nodes[*output_node].type : PipeNodeType::Standard; }
    /// "endpoint", "materialized", "copy", "sink" or "default" (GET /v0/pipes `type`).
    std::string typeName() const;
    bool isEndpoint() const { return type() == PipeNodeType::Endpoint; }
    /// The node whose result the pipe produces: the TYPE node, else the last node.
    const PipeNode & resultNode() const { return output_node ? nodes[*output_node] : nodes.back(); }
    const PipeNode * findNode(const std::string & node_name) const;
    std::string exportSetting(const std::string & key) const;
};

/// Parses a .pipe. `name` is the resource name (the file stem).
PipeDefinition parsePipe(const Datafile & file, const std::string & name);
PipeDefinition parsePipeText(std::string_view text, const std::string & name, const std::string & path = "");

/// The canonical `.pipe` text (GET /v0/pipes/{name}.pipe); parsing it gives back an equal definition.
std::string pipeToText(const PipeDefinition & pipe);

/// Validates a 5-field cron expression or `@on-demand` (tinybird.md §1.3 COPY_SCHEDULE); returns an
/// error message, empty when valid.
std::string validateCopySchedule(const std::string & schedule);

} // namespace pipit
