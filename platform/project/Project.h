#pragma once

#include "platform/project/ConnectionDefinition.h"
#include "platform/project/DatasourceDefinition.h"
#include "platform/project/PipeDefinition.h"

#include <filesystem>
#include <string>
#include <vector>

namespace pipit
{

/// Sample data for a data source: fixtures/<datasource>.ndjson, .csv or .sql (tinybird.md §1.5).
struct ProjectFixture
{
    std::string datasource;
    std::filesystem::path path;
    /// "ndjson", "csv" or "sql".
    std::string format;
};

/// A Tinybird project: every datafile found under its root (any folder nesting), validated as a whole.
struct Project
{
    std::filesystem::path root;
    std::vector<DatasourceDefinition> datasources;
    std::vector<PipeDefinition> pipes;
    std::vector<ConnectionDefinition> connections;
    /// One per data source at most, preferring .ndjson, then .csv, then .sql.
    std::vector<ProjectFixture> fixtures;
    /// Deprecated directives found while reading the datafiles ("path:line: message").
    std::vector<std::string> warnings;

    const DatasourceDefinition * findDatasource(const std::string & name) const;
    const PipeDefinition * findPipe(const std::string & name) const;
    const ConnectionDefinition * findConnection(const std::string & name) const;
    const ProjectFixture * findFixture(const std::string & datasource) const;
};

/// Reads every .datasource, .pipe and .connection under `dir` (hidden folders and node_modules are
/// skipped; `.incl` files are only read through INCLUDE), the fixtures, and validates the whole
/// (validateProject). Files are read in path order, so errors are deterministic.
/// Throws Exception(DATAFILE_ERROR, "path:line: message").
Project loadProject(const std::filesystem::path & dir);

/// Cross-file checks: resource names are valid and unique across data sources and pipes
/// (connections separately), node names differ from every resource name, and references named by
/// directives exist (materialized DATASOURCE, copy TARGET_DATASOURCE, sink EXPORT_CONNECTION_NAME,
/// KAFKA_CONNECTION_NAME, IMPORT_CONNECTION_NAME) with the right connection type.
void validateProject(const Project & project);

} // namespace pipit
