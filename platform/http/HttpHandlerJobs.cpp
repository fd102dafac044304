#include "platform/http/HttpHandlerJobs.h"

#include "engine/base/Exception.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/PlatformContext.h"
#include "platform/jobs/JobQueue.h"

namespace pipit
{

namespace
{

/// A job is visible to the tokens that can read or write its data source (a url= import's URL may carry
/// credentials; a dashboard's read token of one pipe has no business seeing it). Jobs of no data source: ADMIN.
bool canSeeJob(RequestContext & context, const Job & job)
{
    if (job.datasource_name.empty())
        return context.hasScope(ScopeType::Admin);
    return context.hasScope(ScopeType::DatasourcesAppend, job.datasource_name) ||
           context.hasScope(ScopeType::DatasourcesRead, job.datasource_name);
}

} // namespace

void HttpHandlerJobs::handle(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    context.token(); // any valid token of the workspace; each job is shown only to the tokens canSeeJob allows
    const std::string workspace = context.database();
    JobQueue & jobs = context.platform().jobs();
    std::string id(request.pathParam("id"));
    if (id.empty())
    {
        std::optional<JobStatus> status;
        std::optional<JobKind> kind;
        if (auto value = request.param("status"); value && !value->empty())
        {
            status = parseJobStatus(*value);
            if (!status)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Unknown job status '" + std::string(*value) + "'");
        }
        if (auto value = request.param("kind"); value && !value->empty())
        {
            kind = parseJobKind(*value);
            if (!kind)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Unknown job kind '" + std::string(*value) + "'");
        }
        std::vector<Job> visible = jobs.list(workspace, status, kind);
        std::erase_if(visible, [&](const Job & job) { return !canSeeJob(context, job); });
        response.json(200, JobQueue::toJsonList(visible, context.baseUrl()));
        return;
    }
    auto job = jobs.tryGet(id);
    if (!job || job->workspace != workspace || !canSeeJob(context, *job))
        throw Exception(ErrorCode::UNKNOWN_JOB, "Job '" + id + "' not found");
    if (request.method == "POST" && request.path.ends_with("/cancel"))
    {
        /// Cancelling changes what gets written: the scope that could have started the job (append on its data
        /// source; DATASOURCES:CREATE and ADMIN include it).
        if (job->datasource_name.empty())
            context.requireScope(ScopeType::Admin);
        else
            context.requireScope(ScopeType::DatasourcesAppend, job->datasource_name);
        Job cancelled = jobs.cancel(id);
        response.json(200, JobQueue::toJson(cancelled, context.baseUrl()));
        return;
    }
    response.json(200, JobQueue::toJson(*job, context.baseUrl()));
}

void HttpHandlerJobs::registerRoutes(HttpRouter & router)
{
    auto handler = std::make_shared<HttpHandlerJobs>();
    router.add("GET", "/v0/jobs", handler);
    router.add("GET", "/v0/jobs/{id}", handler);
    router.add("POST", "/v0/jobs/{id}/cancel", handler);
}

} // namespace pipit
