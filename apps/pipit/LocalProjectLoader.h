#pragma once

#include <memory>
#include <string>
#include <vector>

namespace pipit
{

class PlatformContext;
struct Project;
struct Workspace;

/// What loading a project into a workspace did (printed by `pipit local`).
struct LocalProjectLoadReport
{
    std::vector<std::string> created_tables;
    /// "<datasource>: <rows> rows (<quarantined> quarantined) from <file>".
    std::vector<std::string> loaded_fixtures;
    std::vector<std::string> warnings;
    size_t tokens_synced = 0;
};

/// Puts a project on a workspace, like Tinybird Local's build: creates every data source's table that does not
/// exist yet (and its `_quarantine` table), loads fixtures/<ds>.ndjson|csv|sql into data sources that are EMPTY,
/// syncs the TOKEN lines of datafiles to the workspace's tokens, and publishes the project to the platform
/// (pipes/endpoints read it). Existing tables are never altered or emptied.
class LocalProjectLoader
{
public:
    static LocalProjectLoadReport load(PlatformContext & platform, const Workspace & workspace, std::shared_ptr<const Project> project);
};

} // namespace pipit
