#pragma once

#include "platform/auth/AccessToken.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipit
{

class AuthMetadataStore;
class RateLimiter;

/// Values that override the generated Local bootstrap tokens (Tinybird Local's TB_LOCAL_USER_TOKEN and
/// TB_LOCAL_WORKSPACE_TOKEN). Empty = keep the stored/generated value.
struct AuthServiceOptions
{
    std::string user_token;
    std::string workspace_admin_token; /// admin token of the default workspace
};

/// The three values Tinybird Local's `GET /tokens` answers.
struct LocalTokens
{
    std::string user_token;            /// user token: workspace management
    std::string admin_token;           /// "admin local@tinybird.co" of the default workspace: ADMIN + USER
    std::string workspace_admin_token; /// "Workspace admin token" of the default workspace
};

/// Workspaces, static tokens, JWTs and per-token rate limits (tinybird.md §3.7, §3.10).
///
/// State lives in SQLite (`sqlite_path`, tables auth_workspaces and auth_tokens) and every change is one
/// transaction; an in-memory copy answers authenticate() without touching SQLite. All methods are thread-safe.
///
/// Errors (pipit::Exception codes; http maps them to statuses):
///   AUTHENTICATION_FAILED (401): unknown, malformed or forged token, JWT with bad alg/claims
///   TOKEN_EXPIRED (403): JWT past its exp;  ACCESS_DENIED (403): forbidden operation
///   UNKNOWN_WORKSPACE / UNKNOWN_TOKEN (404);  WORKSPACE_ALREADY_EXISTS / TOKEN_ALREADY_EXISTS / CANNOT_DELETE_TOKEN (409)
///   BAD_ARGUMENTS (400): invalid scope string, name or JWT request;  METADATA_STORE_ERROR (500): SQLite failure
class AuthService
{
public:
    static constexpr std::string_view default_workspace_name = "Tinybird_Local_Testing";
    static constexpr std::string_view workspace_admin_token_name = "Workspace admin token";
    static constexpr std::string_view admin_user_token_name = "admin local@tinybird.co";
    static constexpr std::string_view user_token_name = "user token";

    /// Opens (creating if needed) the store. On first start creates the schema, the user token and the default
    /// workspace "Tinybird_Local_Testing" (database "default") with its admin tokens.
    explicit AuthService(const std::string & sqlite_path, const AuthServiceOptions & options = {});
    ~AuthService();

    AuthService(const AuthService &) = delete;
    AuthService & operator=(const AuthService &) = delete;

    // ---- workspaces

    Workspace defaultWorkspace() const;
    std::vector<Workspace> listWorkspaces() const; /// ordered by creation
    std::optional<Workspace> findWorkspace(std::string_view id_or_name) const;

    /// New workspace with its "Workspace admin token" and "admin local@tinybird.co" token. The engine database is
    /// "ws_<uuid hex>" (safe identifier). Name: 1-200 chars of [A-Za-z0-9_-]. The caller creates the database.
    Workspace createWorkspace(const std::string & name);

    /// Deletes the workspace and all its tokens; returns it so the caller can drop its engine database.
    /// The default workspace cannot be deleted (ACCESS_DENIED).
    Workspace deleteWorkspace(const std::string & id_or_name);

    std::string userToken() const;
    LocalTokens localTokens() const;

    // ---- authentication and authorization

    /// Resolves a presented token: a static token, or a JWT (HS256 signed with its workspace's admin token,
    /// claims of §3.7). Throws AUTHENTICATION_FAILED or TOKEN_EXPIRED.
    AccessToken authenticate(std::string_view token) const;

    /// Whether `token` grants `scope` on `resource` inside its own workspace. ADMIN allows everything in its
    /// workspace (not User); a DATASOURCES scope on `ds` also covers `ds_quarantine`; WORKSPACE:READ_ALL allows
    /// DatasourcesRead and PipesRead on anything; TOKENS allows Tokens; resource-less checks
    /// (e.g. `allows(t, PipesRead)`) ask "any pipe at all?".
    bool allows(const AccessToken & token, ScopeType scope, std::string_view resource = {}) const;

    /// allows() plus the workspace check: false when `token` belongs to another workspace.
    bool allowsIn(const AccessToken & token, std::string_view workspace_id, ScopeType scope, std::string_view resource = {}) const;

    /// The scope of `token` that grants reading `resource` via `scope` (for JWT filter / fixed_params), if any.
    std::optional<TokenScope> grantingScope(const AccessToken & token, ScopeType scope, std::string_view resource) const;

    /// Row filters the token imposes on reading data sources (tinybird.md §3.7 `filter`): for each table whose every
    /// granting DATASOURCES:READ scope carries a filter, the table name and those filters (the rows readable are the
    /// rows matching any of them). A scope on `ds` also filters `ds_quarantine`. Tables the token reads through an
    /// unfiltered scope (ADMIN, WORKSPACE:READ_ALL, DATASOURCES:READ without filter) are not listed.
    std::vector<std::pair<std::string, std::vector<std::string>>> readFilters(const AccessToken & token) const;

    /// Token bucket per token (capacity and refill = rps_limit). Tokens without rps_limit always pass (limit 0).
    RateLimitDecision checkRateLimit(const AccessToken & token);
    RateLimitDecision checkRateLimit(const AccessToken & token, std::chrono::steady_clock::time_point now);

    // ---- Tokens API (workspace_id = the caller's workspace; id_or_name matches token id or name)

    std::vector<AccessToken> listTokens(const std::string & workspace_id) const;
    std::optional<AccessToken> findToken(const std::string & workspace_id, std::string_view id_or_name) const;

    AccessToken createToken(const std::string & workspace_id, const std::string & name, const std::vector<TokenScope> & scopes,
                            const std::string & description = {}, const std::string & origin = {});

    /// Replaces the scopes of a token.
    AccessToken updateScopes(const std::string & workspace_id, std::string_view id_or_name, const std::vector<TokenScope> & scopes);

    /// New secret value for the token. Refreshing the workspace admin token invalidates the workspace's JWTs.
    AccessToken refreshToken(const std::string & workspace_id, std::string_view id_or_name);

    /// The workspace admin token cannot be deleted (CANNOT_DELETE_TOKEN).
    void deleteToken(const std::string & workspace_id, std::string_view id_or_name);

    /// Issues a JWT signed with the workspace admin token. Scopes must be PIPES:READ, DATASOURCES:READ or
    /// DATASOURCES:APPEND with a resource; `exp` in unix seconds must be in the future. BAD_ARGUMENTS otherwise.
    std::string createJwt(const std::string & workspace_id, const std::string & name, const std::vector<TokenScope> & scopes, int64_t exp,
                          std::optional<double> rps_limit = std::nullopt);

    /// TOKEN lines of a project: for each token name, creates it if missing (origin "datafile") and sets its scopes
    /// to exactly the listed ones. Datafile tokens no longer named lose every scope (change "revoked"); other tokens
    /// are untouched. One transaction.
    std::vector<TokenChange> syncDatafileTokens(const std::string & workspace_id,
                                                const std::vector<std::pair<std::string, TokenScope>> & token_scopes);

    /// "DATASOURCES:READ:events", "PIPES:READ:top", "ADMIN", "WORKSPACE:READ_ALL", ... BAD_ARGUMENTS for unknown
    /// types, a missing/extra resource, or the `:sql_filter` suffix (rejected in Forward).
    static TokenScope parseScope(std::string_view scope_string);

    /// The scopes as the API shows them: `[{"type": "...", "resource": "...", "filter": "..."}]` (JSON text).
    static std::string scopesToJson(const std::vector<TokenScope> & scopes);

private:
    struct State;

    std::unique_ptr<AuthMetadataStore> store_;
    std::unique_ptr<State> state_;
    std::unique_ptr<RateLimiter> rate_limiter_;
};

} // namespace pipit
