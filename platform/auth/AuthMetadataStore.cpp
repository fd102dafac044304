#include "platform/auth/AuthMetadataStore.h"

#include "engine/base/Exception.h"
#include "platform/auth/TokenScopeJson.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <string_view>

namespace pipit
{

namespace
{

/// Finalizes a prepared statement on scope exit.
class StatementHolder
{
public:
    explicit StatementHolder(sqlite3_stmt * statement)
        : statement_(statement)
    {
    }
    ~StatementHolder() { sqlite3_finalize(statement_); }
    StatementHolder(const StatementHolder &) = delete;
    StatementHolder & operator=(const StatementHolder &) = delete;
    sqlite3_stmt * get() const { return statement_; }

private:
    sqlite3_stmt * statement_;
};

std::string_view kindName(TokenKind kind)
{
    switch (kind)
    {
    case TokenKind::Static:
        return "static";
    case TokenKind::WorkspaceAdmin:
        return "workspace_admin";
    case TokenKind::AdminUser:
        return "admin_user";
    case TokenKind::User:
        return "user";
    }
    return "static";
}

TokenKind kindFromName(std::string_view name)
{
    if (name == "workspace_admin")
        return TokenKind::WorkspaceAdmin;
    if (name == "admin_user")
        return TokenKind::AdminUser;
    if (name == "user")
        return TokenKind::User;
    return TokenKind::Static;
}

std::string columnText(sqlite3_stmt * statement, int column)
{
    const unsigned char * text = sqlite3_column_text(statement, column);
    if (!text)
        return {};
    return std::string(reinterpret_cast<const char *>(text), static_cast<size_t>(sqlite3_column_bytes(statement, column)));
}

constexpr const char * schema_sql = R"(
CREATE TABLE IF NOT EXISTS auth_workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    database_name TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_tokens (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, name)
);
)";

} // namespace

AuthMetadataStore::AuthMetadataStore(const std::string & path)
    : path_(path)
{
    int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK)
    {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Exception(ErrorCode::METADATA_STORE_ERROR, "Cannot open metadata store " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    /// Token values are secrets: the file (and the -wal/-shm files SQLite derives from it) is private to the owner.
    ::chmod(path.c_str(), S_IRUSR | S_IWUSR);
    try
    {
        execute("PRAGMA journal_mode=WAL");
        execute("PRAGMA synchronous=FULL");
        execute(schema_sql);
    }
    catch (...)
    {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

AuthMetadataStore::~AuthMetadataStore()
{
    sqlite3_close(db_);
}

void AuthMetadataStore::throwError(const std::string & what)
{
    throw Exception(ErrorCode::METADATA_STORE_ERROR, "Metadata store " + path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

void AuthMetadataStore::execute(const char * sql)
{
    std::lock_guard lock(mutex_);
    char * error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK)
    {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw Exception(ErrorCode::METADATA_STORE_ERROR, "Metadata store " + path_ + ": " + message);
    }
}

sqlite3_stmt * AuthMetadataStore::prepare(const char * sql)
{
    sqlite3_stmt * statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK)
        throwError("prepare");
    return statement;
}

AuthMetadataStore::Transaction::Transaction(AuthMetadataStore & store)
    : store_(store)
    , lock_(store.mutex_)
{
    store_.execute("BEGIN IMMEDIATE");
}

AuthMetadataStore::Transaction::~Transaction()
{
    if (!done_)
        sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void AuthMetadataStore::Transaction::commit()
{
    store_.execute("COMMIT");
    done_ = true;
}

std::vector<StoredWorkspace> AuthMetadataStore::loadWorkspaces()
{
    std::lock_guard lock(mutex_);
    StatementHolder statement(prepare("SELECT id, name, database_name, is_default, created_at FROM auth_workspaces ORDER BY rowid"));
    std::vector<StoredWorkspace> result;
    int rc;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
    {
        StoredWorkspace stored;
        stored.workspace.id = columnText(statement.get(), 0);
        stored.workspace.name = columnText(statement.get(), 1);
        stored.workspace.database = columnText(statement.get(), 2);
        stored.is_default = sqlite3_column_int64(statement.get(), 3) != 0;
        stored.workspace.created_at = sqlite3_column_int64(statement.get(), 4);
        result.push_back(std::move(stored));
    }
    if (rc != SQLITE_DONE)
        throwError("loading workspaces");
    return result;
}

std::vector<StoredToken> AuthMetadataStore::loadTokens()
{
    std::lock_guard lock(mutex_);
    StatementHolder statement(prepare(
        "SELECT id, workspace_id, name, value, description, origin, kind, scopes, created_at, rowid FROM auth_tokens ORDER BY rowid"));
    std::vector<StoredToken> result;
    int rc;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW)
    {
        StoredToken stored;
        AccessToken & token = stored.token;
        token.id = columnText(statement.get(), 0);
        token.workspace_id = columnText(statement.get(), 1);
        token.name = columnText(statement.get(), 2);
        token.token = columnText(statement.get(), 3);
        token.description = columnText(statement.get(), 4);
        token.origin = columnText(statement.get(), 5);
        stored.kind = kindFromName(columnText(statement.get(), 6));
        std::string scopes_json = columnText(statement.get(), 7);
        try
        {
            token.scopes = TokenScopeJson::parseScopes(scopes_json, ErrorCode::METADATA_STORE_ERROR);
        }
        catch (const Exception & e)
        {
            throw Exception(ErrorCode::METADATA_STORE_ERROR, "Metadata store " + path_ + ": token " + token.id + ": " + e.message());
        }
        stored.created_at = sqlite3_column_int64(statement.get(), 8);
        stored.sequence = sqlite3_column_int64(statement.get(), 9);
        token.is_user_token = stored.kind == TokenKind::User;
        result.push_back(std::move(stored));
    }
    if (rc != SQLITE_DONE)
        throwError("loading tokens");
    return result;
}

void AuthMetadataStore::insertWorkspace(const StoredWorkspace & stored)
{
    std::lock_guard lock(mutex_);
    StatementHolder statement(
        prepare("INSERT INTO auth_workspaces (id, name, database_name, is_default, created_at) VALUES (?, ?, ?, ?, ?)"));
    const Workspace & workspace = stored.workspace;
    sqlite3_bind_text(statement.get(), 1, workspace.id.data(), static_cast<int>(workspace.id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(statement.get(), 2, workspace.name.data(), static_cast<int>(workspace.name.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(statement.get(), 3, workspace.database.data(), static_cast<int>(workspace.database.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(statement.get(), 4, stored.is_default ? 1 : 0);
    sqlite3_bind_int64(statement.get(), 5, workspace.created_at);
    if (sqlite3_step(statement.get()) != SQLITE_DONE)
        throwError("inserting workspace " + workspace.name);
}

void AuthMetadataStore::deleteWorkspace(const std::string & id)
{
    std::lock_guard lock(mutex_);
    for (const char * sql : {"DELETE FROM auth_tokens WHERE workspace_id = ?", "DELETE FROM auth_workspaces WHERE id = ?"})
    {
        StatementHolder statement(prepare(sql));
        sqlite3_bind_text(statement.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(statement.get()) != SQLITE_DONE)
            throwError("deleting workspace " + id);
    }
}

int64_t AuthMetadataStore::insertToken(const StoredToken & stored)
{
    std::lock_guard lock(mutex_);
    StatementHolder statement(
        prepare("INSERT INTO auth_tokens (id, workspace_id, name, value, description, origin, kind, scopes, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const AccessToken & token = stored.token;
    std::string scopes_json = TokenScopeJson::toJson(token.scopes, true);
    std::string_view kind = kindName(stored.kind);
    auto bind = [&](int index, std::string_view text)
    {
        sqlite3_bind_text(statement.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    };
    bind(1, token.id);
    bind(2, token.workspace_id);
    bind(3, token.name);
    bind(4, token.token);
    bind(5, token.description);
    bind(6, token.origin);
    bind(7, kind);
    bind(8, scopes_json);
    sqlite3_bind_int64(statement.get(), 9, stored.created_at);
    if (sqlite3_step(statement.get()) != SQLITE_DONE)
        throwError("inserting token " + token.name);
    return sqlite3_last_insert_rowid(db_);
}

void AuthMetadataStore::updateToken(const StoredToken & stored)
{
    std::lock_guard lock(mutex_);
    StatementHolder statement(prepare("UPDATE auth_tokens SET value = ?, description = ?, origin = ?, scopes = ? WHERE id = ?"));
    const AccessToken & token = stored.token;
    std::string scopes_json = TokenScopeJson::toJson(token.scopes, true);
    auto bind = [&](int index, std::string_view text)
    {
        sqlite3_bind_text(statement.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    };
    bind(1, token.token);
    bind(2, token.description);
    bind(3, token.origin);
    bind(4, scopes_json);
    bind(5, token.id);
    if (sqlite3_step(statement.get()) != SQLITE_DONE)
        throwError("updating token " + token.name);
    if (sqlite3_changes(db_) != 1)
        throw Exception(ErrorCode::METADATA_STORE_ERROR, "Metadata store " + path_ + ": token " + token.id + " is missing");
}

void AuthMetadataStore::deleteToken(const std::string & id)
{
    std::lock_guard lock(mutex_);
    StatementHolder statement(prepare("DELETE FROM auth_tokens WHERE id = ?"));
    sqlite3_bind_text(statement.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(statement.get()) != SQLITE_DONE)
        throwError("deleting token " + id);
}

} // namespace pipit
