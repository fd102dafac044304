#include "platform/http/PlatformContext.h"

#include "engine/session/Database.h"
#include "platform/auth/AuthService.h"
#include "platform/ingest/DatasourceIngestor.h"
#include "platform/jobs/JobQueue.h"

#include <filesystem>
#include <mutex>

namespace pipit
{

PlatformContext::PlatformContext(PlatformOptions options)
    : options_(std::move(options))
{
    std::filesystem::create_directories(options_.data_dir);
    database_ = std::make_unique<Database>(DatabaseOptions {options_.data_dir});
    AuthServiceOptions auth_options;
    auth_options.user_token = options_.user_token;
    auth_options.workspace_admin_token = options_.workspace_admin_token;
    auth_ = std::make_unique<AuthService>((std::filesystem::path(options_.data_dir) / "auth.sqlite").string(), auth_options);
    ingestor_ = std::make_unique<DatasourceIngestor>(*database_);
    ingestor_->setAllowLocalFileUrls(!options_.import_dirs.empty());
    ingestor_->setLocalFileRoots(options_.import_dirs);
    jobs_ = std::make_unique<JobQueue>();
}

PlatformContext::~PlatformContext()
{
    jobs_.reset();
    ingestor_.reset();
    auth_.reset();
    database_.reset();
}

std::shared_ptr<const Project> PlatformContext::project(const std::string & workspace_id) const
{
    std::shared_lock lock(projects_mutex_);
    auto it = projects_.find(workspace_id);
    return it == projects_.end() ? nullptr : it->second;
}

void PlatformContext::setProject(const std::string & workspace_id, std::shared_ptr<const Project> project)
{
    std::unique_lock lock(projects_mutex_);
    projects_[workspace_id] = std::move(project);
}

void PlatformContext::removeProject(const std::string & workspace_id)
{
    std::unique_lock lock(projects_mutex_);
    projects_.erase(workspace_id);
}

} // namespace pipit
