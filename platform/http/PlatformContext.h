#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace pipit
{

class Database;
class AuthService;
class JobQueue;
class DatasourceIngestor;
struct Project;

struct PlatformOptions
{
    /// Data directory: the engine's metadata/ and data/, plus auth.sqlite.
    std::string data_dir = "./pipit-data";
    /// Threads per query (0: all cores).
    size_t query_threads = 0;
    /// Longest a query of the API may run, in seconds (StatementOptions::max_execution_seconds); 0: no limit.
    double query_timeout_seconds = 60;
    /// Overrides of the Local bootstrap tokens (TB_LOCAL_USER_TOKEN, TB_LOCAL_WORKSPACE_TOKEN); empty = keep.
    std::string user_token;
    std::string workspace_admin_token;
    /// Directories whose files url= imports (file:// or a plain path) may read; a relative path is relative
    /// to the first. Empty: url= imports read http(s) URLs only.
    std::vector<std::string> import_dirs;
};

/// Everything the HTTP handlers share, created once per server: the engine database, workspaces and
/// tokens, the job queue, the ingestor, and the loaded project of each workspace. Thread-safe.
class PlatformContext
{
public:
    explicit PlatformContext(PlatformOptions options);
    /// Stops jobs first, then closes the database (flushing buffered inserts).
    ~PlatformContext();

    PlatformContext(const PlatformContext &) = delete;
    PlatformContext & operator=(const PlatformContext &) = delete;

    const PlatformOptions & options() const { return options_; }
    Database & database() { return *database_; }
    AuthService & auth() { return *auth_; }
    JobQueue & jobs() { return *jobs_; }
    DatasourceIngestor & ingestor() { return *ingestor_; }

    /// The project deployed in a workspace (by workspace id); null when none.
    std::shared_ptr<const Project> project(const std::string & workspace_id) const;
    void setProject(const std::string & workspace_id, std::shared_ptr<const Project> project);
    void removeProject(const std::string & workspace_id);

private:
    PlatformOptions options_;
    std::unique_ptr<Database> database_;
    std::unique_ptr<AuthService> auth_;
    std::unique_ptr<DatasourceIngestor> ingestor_;
    std::unique_ptr<JobQueue> jobs_;
    mutable std::shared_mutex projects_mutex_;
    std::map<std::string, std::shared_ptr<const Project>> projects_;
};

} // namespace pipit
