#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// What a token may do (tinybird.md §3.7). `User` is the Local user token's power: list, create and delete
/// workspaces; it grants nothing inside a workspace.
enum class ScopeType
{
    Admin,
    Tokens,
    WorkspaceReadAll,
    WorkspaceDeploy,
    OrgDatasourcesRead,
    DatasourcesCreate,
    DatasourcesAppend,
    DatasourcesRead,
    PipesRead,
    User,
};

/// "ADMIN", "TOKENS", "WORKSPACE:READ_ALL", "DATASOURCES:READ", "PIPES:READ", ... (the `type` of the JSON scope object).
std::string_view scopeTypeName(ScopeType type);

/// Inverse of scopeTypeName; nullopt for an unknown name.
std::optional<ScopeType> scopeTypeFromName(std::string_view name);

/// True for the types that name a resource (DATASOURCES:APPEND/READ, PIPES:READ).
bool scopeTypeHasResource(ScopeType type);

struct TokenScope
{
    ScopeType type = ScopeType::Admin;
    std::string resource;          /// data source or pipe name; empty for workspace-wide scopes
    std::string filter;            /// SQL condition applied when a data source is read through this scope (JWT); may be empty
    std::string fixed_params_json; /// JSON object text forced onto the pipe's template parameters (JWT); empty if none

    /// "DATASOURCES:READ:events", "ADMIN" (the scope= string form).
    std::string toString() const;

    bool operator==(const TokenScope &) const = default;
};

/// One workspace = one engine database.
struct Workspace
{
    std::string id; /// uuid
    std::string name;
    std::string database;    /// engine database; "default" for the default workspace
    std::string admin_token; /// the "Workspace admin token" value: full access, and the JWT signing key
    int64_t created_at = 0;  /// unix seconds
};

/// An authenticated principal: a static token from the metadata store or a verified JWT.
struct AccessToken
{
    std::string id; /// uuid for static tokens; "jwt:<hex digest>" for JWTs (stable per JWT string)
    std::string name;
    std::string token; /// the secret value presented by clients
    std::string description;
    std::string origin;       /// free text code as sent by clients ("C" CLI, "datafile" for TOKEN lines, "" default)
    std::string workspace_id; /// empty only for the user token
    std::vector<TokenScope> scopes;
    bool is_jwt = false;
    bool is_user_token = false;
    std::optional<int64_t> expires_at; /// unix seconds (JWT exp)
    std::optional<double> rps_limit;   /// JWT limits.rps
};

/// Answer of AuthService::checkRateLimit. `limit == 0` means the token has no limit (send no headers).
struct RateLimitDecision
{
    bool allowed = true;
    double retry_after_seconds = 0; /// when !allowed: seconds until one request is allowed again
    int64_t limit = 0;              /// requests per second (X-RateLimit-Limit)
    int64_t remaining = 0;          /// requests left right now (X-RateLimit-Remaining)
    double reset_seconds = 0;       /// seconds until the bucket is full again (X-RateLimit-Reset)
};

/// What syncDatafileTokens did to one token (deploy responses list these as token_changes).
struct TokenChange
{
    std::string name;
    std::string change; /// "created" | "updated" | "unchanged"
};

} // namespace pipit
