#pragma once

namespace pipit
{

class HttpRouter;

/// Workspace, user and Tinybird-Local bootstrap APIs (tinybird.md §3.10):
///   GET  /tokens                          (no auth) {"user_token", "admin_token", "workspace_admin_token"}
///   GET  /v0/regions                      (no auth) this server as the only region
///   GET  /v0/workspace, /v1/workspace     (any token) the token's workspace
///   GET  /v0|v1/user/workspaces           (user token) {"organization_id", "workspaces": [{id, name, token, ...}]}
///   POST /v1/workspaces                   (user token) name= (query or form) -> {"id", "name", "token"}
///   DELETE /v1/workspaces/{id}            (user token) drops the workspace, its tokens and its tables
///   GET  /v0/workspaces/{id}              (user token, or a token of that workspace) the workspace; token with with_token=true
class HttpHandlerWorkspaces
{
public:
    static void registerRoutes(HttpRouter & router);
};

} // namespace pipit
