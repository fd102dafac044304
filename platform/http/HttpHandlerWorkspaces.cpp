#include "platform/http/HttpHandlerWorkspaces.h"

#include "engine/base/Exception.h"
#include "engine/session/Database.h"
#include "platform/auth/AuthService.h"
#include "platform/http/HttpHandlerFunction.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/JsonWriter.h"
#include "platform/http/PlatformContext.h"

#include <ctime>

namespace pipit
{

namespace
{

/// The single local user every workspace belongs to.
constexpr std::string_view local_user_id = "00000000-0000-0000-0000-000000000001";
constexpr std::string_view local_user_email = "local@tinybird.co";
constexpr std::string_view local_organization_id = "00000000-0000-0000-0000-000000000002";

std::string formatTimestamp(int64_t unix_seconds)
{
    std::time_t time = static_cast<std::time_t>(unix_seconds);
    std::tm parts {};
    gmtime_r(&time, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof(buffer), "%Y-%m-%d %H:%M:%S", &parts);
    return buffer;
}

bool isTrue(std::optional<std::string_view> value)
{
    return value && (*value == "true" || *value == "1" || *value == "True");
}

void writeWorkspace(JsonWriter & writer, const Workspace & workspace, bool with_token)
{
    writer.startObject();
    writer.field("id", workspace.id);
    writer.field("name", workspace.name);
    writer.field("user_id", local_user_id);
    writer.field("user_email", local_user_email);
    writer.field("scope", "admin");
    writer.key("main");
    writer.null();
    writer.field("is_forward", true);
    writer.field("is_branch", false);
    writer.field("organization_id", local_organization_id);
    writer.field("created_at", formatTimestamp(workspace.created_at));
    if (with_token)
        writer.field("token", workspace.admin_token);
    writer.endObject();
}

void getLocalTokens(const HttpRequest &, HttpResponse & response, RequestContext & context)
{
    LocalTokens tokens = context.platform().auth().localTokens();
    JsonWriter writer;
    writer.startObject();
    writer.field("user_token", tokens.user_token);
    writer.field("admin_token", tokens.admin_token);
    writer.field("workspace_admin_token", tokens.workspace_admin_token);
    writer.endObject();
    response.json(200, writer.take());
}

void getRegions(const HttpRequest &, HttpResponse & response, RequestContext & context)
{
    JsonWriter writer;
    writer.startObject();
    writer.key("regions");
    writer.startArray();
    writer.startObject();
    writer.field("name", "local");
    writer.field("api_host", context.baseUrl());
    writer.field("provider", "local");
    writer.endObject();
    writer.endArray();
    writer.endObject();
    response.json(200, writer.take());
}

void getCurrentWorkspace(const HttpRequest &, HttpResponse & response, RequestContext & context)
{
    JsonWriter writer;
    writeWorkspace(writer, context.workspace(), false);
    response.json(200, writer.take());
}

void listUserWorkspaces(const HttpRequest &, HttpResponse & response, RequestContext & context)
{
    context.requireUserToken();
    JsonWriter writer;
    writer.startObject();
    writer.field("organization_id", local_organization_id);
    writer.key("workspaces");
    writer.startArray();
    for (const Workspace & workspace : context.platform().auth().listWorkspaces())
        writeWorkspace(writer, workspace, true);
    writer.endArray();
    writer.endObject();
    response.json(200, writer.take());
}

void createWorkspace(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    context.requireUserToken();
    std::optional<std::string> name = request.paramOrForm("name");
    if (!name || name->empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Missing the 'name' parameter of the new workspace");
    Workspace workspace = context.platform().auth().createWorkspace(*name);
    try
    {
        context.platform().database().catalog().createDatabase(workspace.database, true);
    }
    catch (...)
    {
        context.platform().auth().deleteWorkspace(workspace.id);
        throw;
    }
    JsonWriter writer;
    writer.startObject();
    writer.field("id", workspace.id);
    writer.field("name", workspace.name);
    writer.field("token", workspace.admin_token);
    writer.endObject();
    response.json(200, writer.take());
}

void deleteWorkspace(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    context.requireUserToken();
    std::string id(request.pathParam("id"));
    Workspace workspace = context.platform().auth().deleteWorkspace(id);
    context.platform().removeProject(workspace.id);
    Catalog & catalog = context.platform().database().catalog();
    if (workspace.database != "default" && catalog.hasDatabase(workspace.database))
        for (const std::string & table : catalog.listTables(workspace.database))
            catalog.dropTable(workspace.database, table, true);
    JsonWriter writer;
    writer.startObject();
    writer.field("id", workspace.id);
    writer.field("name", workspace.name);
    writer.field("deleted", true);
    writer.endObject();
    response.json(200, writer.take());
}

void getWorkspace(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    const AccessToken & caller = context.token();
    std::optional<Workspace> workspace = context.platform().auth().findWorkspace(request.pathParam("id"));
    if (!workspace)
        throw Exception(ErrorCode::UNKNOWN_WORKSPACE, "Workspace '" + std::string(request.pathParam("id")) + "' not found");
    bool is_user = caller.is_user_token || context.platform().auth().allows(caller, ScopeType::User);
    if (!is_user && caller.workspace_id != workspace->id)
        throw Exception(ErrorCode::ACCESS_DENIED, "Forbidden: the token does not belong to this workspace");
    bool with_token = isTrue(request.param("with_token"))
        && (is_user || context.platform().auth().allowsIn(caller, workspace->id, ScopeType::Admin));
    JsonWriter writer;
    writeWorkspace(writer, *workspace, with_token);
    response.json(200, writer.take());
}

template <typename F>
std::shared_ptr<HttpHandler> handler(F function)
{
    return std::make_shared<HttpHandlerFunction>(function);
}

} // namespace

void HttpHandlerWorkspaces::registerRoutes(HttpRouter & router)
{
    router.add("GET", "/tokens", handler(getLocalTokens));
    router.add("GET", "/v0/regions", handler(getRegions));
    router.add("GET", "/v0/workspace", handler(getCurrentWorkspace));
    router.add("GET", "/v1/workspace", handler(getCurrentWorkspace));
    router.add("GET", "/v0/user/workspaces", handler(listUserWorkspaces));
    router.add("GET", "/v1/user/workspaces", handler(listUserWorkspaces));
    router.add("POST", "/v1/workspaces", handler(createWorkspace));
    router.add("POST", "/v0/workspaces", handler(createWorkspace));
    router.add("DELETE", "/v1/workspaces/{id}", handler(deleteWorkspace));
    router.add("DELETE", "/v0/workspaces/{id}", handler(deleteWorkspace));
    router.add("GET", "/v0/workspaces/{id}", handler(getWorkspace));
    router.add("GET", "/v1/workspaces/{id}", handler(getWorkspace));
}

} // namespace pipit
