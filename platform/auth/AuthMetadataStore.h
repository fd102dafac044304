#pragma once

#include "platform/auth/AccessToken.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace pipit
{

/// Token kinds kept in the store: the bootstrap tokens cannot be deleted and are recreated per workspace.
enum class TokenKind
{
    Static,         /// created through the Tokens API or synced from TOKEN lines
    WorkspaceAdmin, /// "Workspace admin token": ADMIN, the JWT signing key
    AdminUser,      /// "admin local@tinybird.co": ADMIN + USER
    User,           /// the user token (no workspace)
};

struct StoredWorkspace
{
    Workspace workspace; /// admin_token is not stored here (it is the WorkspaceAdmin token)
    bool is_default = false;
};

struct StoredToken
{
    AccessToken token;
    TokenKind kind = TokenKind::Static;
    int64_t created_at = 0;
    int64_t sequence = 0; /// insertion order (SQLite rowid), filled by load and insert
};

/// The SQLite tables behind AuthService: auth_workspaces, auth_tokens (scopes as JSON text).
/// Writes happen inside transactions (Transaction); any SQLite failure throws METADATA_STORE_ERROR.
/// The database file may hold other components' tables. Thread-safe (one connection behind a mutex).
class AuthMetadataStore
{
public:
    explicit AuthMetadataStore(const std::string & path);
    ~AuthMetadataStore();

    AuthMetadataStore(const AuthMetadataStore &) = delete;
    AuthMetadataStore & operator=(const AuthMetadataStore &) = delete;

    /// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without commit().
    class Transaction
    {
    public:
        explicit Transaction(AuthMetadataStore & store);
        ~Transaction();
        void commit();

    private:
        AuthMetadataStore & store_;
        std::unique_lock<std::recursive_mutex> lock_;
        bool done_ = false;
    };

    std::vector<StoredWorkspace> loadWorkspaces();
    std::vector<StoredToken> loadTokens();

    void insertWorkspace(const StoredWorkspace & workspace);
    /// Deletes the workspace row and all its tokens.
    void deleteWorkspace(const std::string & id);

    /// Returns the new row's sequence.
    int64_t insertToken(const StoredToken & token);
    /// Updates value, description, origin and scopes of the token with token.token.id.
    void updateToken(const StoredToken & token);
    void deleteToken(const std::string & id);

private:
    void execute(const char * sql);
    sqlite3_stmt * prepare(const char * sql);
    [[noreturn]] void throwError(const std::string & what);

    std::recursive_mutex mutex_;
    sqlite3 * db_ = nullptr;
    std::string path_;
};

} // namespace pipit
