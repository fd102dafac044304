#pragma once

#include "platform/project/Datafile.h"

#include <string>
#include <utility>
#include <vector>

namespace pipit
{

/// Scope a TOKEN line grants on the resource it is written in.
enum class ResourceTokenScope
{
    Read,
    Append,
};

const char * resourceTokenScopeName(ResourceTokenScope scope); /// "READ" / "APPEND"

/// `TOKEN <name> READ|APPEND` in a .datasource or .pipe.
struct ResourceToken
{
    std::string name;
    ResourceTokenScope scope = ResourceTokenScope::Read;
};

/// One SCHEMA line: `<name> <Type> [`json:<path>`] [DEFAULT <expr>] [CODEC(<codec>)]`.
struct DatasourceColumn
{
    std::string name;
    /// The type as written, whitespace-normalised only inside it: "LowCardinality(Nullable(String))".
    std::string type;
    /// "$.a.b" without the `json:` prefix; empty when not declared.
    std::string jsonpath;
    /// DEFAULT (or MATERIALIZED) expression text; empty when none.
    std::string default_expr;
    /// "DEFAULT" or "MATERIALIZED" when default_expr is set.
    std::string default_kind;
    /// Codec chain inside CODEC(...): "ZSTD(1)", "Delta, LZ4"; empty when none.
    std::string codec;
    /// Type is Nullable(T) or LowCardinality(Nullable(T)).
    bool nullable = false;
    size_t line = 0;
};

/// One INDEXES line: `name expr TYPE type[(args)] GRANULARITY n`.
struct DatasourceIndex
{
    std::string name;
    std::string expr;
    std::string type;
    std::string granularity; /// empty when not written
};

/// ENGINE and ENGINE_* directives, values as written (empty = not set).
struct DatasourceEngine
{
    std::string engine = "MergeTree";
    std::string sorting_key;
    std::string partition_key;
    std::string primary_key;
    std::string sampling_key;
    std::string ttl;
    std::string settings;
    std::string ver;
    std::string is_deleted;
    std::string sign;
    std::string version;
    std::string summing_columns;
};

/// A parsed `.datasource` file (tinybird.md §1.2).
struct DatasourceDefinition
{
    std::string name;
    /// File it was read from ("" for text parsed without a file).
    std::string path;
    std::string description;
    std::vector<DatasourceColumn> columns;
    std::vector<DatasourceIndex> indexes;
    DatasourceEngine engine;
    std::vector<ResourceToken> tokens;
    /// FORWARD_QUERY block (a SELECT list); empty when none.
    std::string forward_query;
    /// BACKFILL value ("skip") or empty.
    std::string backfill;
    std::vector<std::string> shared_with;
    std::vector<std::string> tags;
    /// KAFKA_* and IMPORT_* settings in file order, keys upper case.
    std::vector<std::pair<std::string, std::string>> connector_settings;

    const DatasourceColumn * findColumn(const std::string & column_name) const;
    /// Value of a KAFKA_* / IMPORT_* key, or "" when absent.
    std::string connectorSetting(const std::string & key) const;
};

/// Parses a .datasource. `name` is the resource name (the file stem); `path` is used in error locations.
DatasourceDefinition parseDatasource(const Datafile & file, const std::string & name);
DatasourceDefinition parseDatasourceText(std::string_view text, const std::string & name, const std::string & path = "");

/// Parses the SCHEMA block text into columns. `first_line` is the file line of the block's first line.
std::vector<DatasourceColumn> parseDatasourceSchema(const std::string & schema, const std::string & file, size_t first_line);

/// The engine's `CREATE TABLE` statement for this data source (ClickHouse dialect):
/// CREATE TABLE `t` (`c` T DEFAULT e CODEC(x), ..., INDEX i e TYPE t GRANULARITY n)
/// ENGINE = MergeTree [PARTITION BY ..] ORDER BY .. [PRIMARY KEY ..] [SAMPLE BY ..] [TTL ..] [SETTINGS ..]
/// A MergeTree-family engine without ENGINE_SORTING_KEY is ordered by tuple().
std::string datasourceCreateTableSql(const DatasourceDefinition & datasource, const std::string & table_name);

/// The canonical `.datasource` text (what GET /v0/datasources/{name}.datasource serves); parsing it
/// gives back an equal definition.
std::string datasourceToText(const DatasourceDefinition & datasource);

/// `name` quoted as a ClickHouse identifier with backticks.
std::string backquoteIdentifier(const std::string & name);

} // namespace pipit
