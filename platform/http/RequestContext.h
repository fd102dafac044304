#pragma once

#include "engine/session/Database.h"
#include "platform/auth/AccessToken.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

class PlatformContext;
struct HttpRequest;
struct HttpResponse;

/// Per-request state handed to handlers: the platform, and (lazily) the caller's token and its workspace.
/// The token comes from `Authorization: Bearer <t>` or `?token=<t>` (header first).
class RequestContext
{
public:
    RequestContext(PlatformContext & platform, const HttpRequest & request, HttpResponse & response);

    PlatformContext & platform() { return platform_; }

    /// The token string the caller presented; empty when none.
    std::string_view presentedToken() const;

    /// Authenticates the presented token once per request and applies its rate limit (429 with
    /// Retry-After / X-RateLimit-* headers). Throws AUTHENTICATION_FAILED (401) when no or an invalid
    /// token was presented, TOKEN_EXPIRED (403), QUOTA_EXCEEDED (429).
    const AccessToken & token();

    /// The workspace the request acts on: the token's workspace (the default workspace for the user token).
    const Workspace & workspace();
    /// The engine database of workspace() (tables are addressed unqualified inside it).
    const std::string & database() { return workspace().database; }

    /// THE authorization check: authenticates, then requires `scope` on `resource` inside the token's
    /// workspace. Throws ACCESS_DENIED (403) when the token lacks it. Returns the token.
    const AccessToken & requireScope(ScopeType scope, std::string_view resource = {});
    /// Same check without throwing ACCESS_DENIED (authentication errors still throw).
    bool hasScope(ScopeType scope, std::string_view resource = {});
    /// Workspace management (create/delete/list workspaces): the user token or an admin token carrying the
    /// USER scope. Throws ACCESS_DENIED otherwise.
    const AccessToken & requireUserToken();

    /// Row filters of the caller's token for reads in workspace(): one per filtered data source (and its
    /// `_quarantine`), the token's filters on it parsed one by one (BAD_ARGUMENTS if one is not a single SQL
    /// expression) and ORed. Empty for tokens without filters. Every SELECT a request runs must carry them.
    std::vector<TableRowFilter> rowFilters();

    /// "http://<Host header>" (for job_url and similar absolute links).
    std::string baseUrl() const;

private:
    PlatformContext & platform_;
    const HttpRequest & request_;
    HttpResponse & response_;
    std::optional<AccessToken> token_;
    std::optional<Workspace> workspace_;
};

} // namespace pipit
