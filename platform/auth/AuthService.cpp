#include "platform/auth/AuthService.h"

#include "engine/base/Exception.h"
#include "platform/auth/AuthMetadataStore.h"
#include "platform/auth/JsonWebToken.h"
#include "platform/auth/RateLimiter.h"
#include "platform/auth/TokenScopeJson.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace pipit
{

namespace
{

constexpr size_t max_name_size = 255;
constexpr size_t max_jwt_cache_size = 16384;

std::string randomBytes(size_t size)
{
    std::string bytes(size, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), static_cast<int>(size)) != 1)
        throw Exception(ErrorCode::LOGICAL_ERROR, "The system random generator failed");
    return bytes;
}

std::string toHex(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes)
    {
        auto byte = static_cast<unsigned char>(c);
        out += digits[byte >> 4];
        out += digits[byte & 0xF];
    }
    return out;
}

/// Random (version 4) UUID text.
std::string newUuid()
{
    std::string bytes = randomBytes(16);
    bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0F) | 0x40);
    bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3F) | 0x80);
    std::string hex = toHex(bytes);
    return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' + hex.substr(20);
}

std::string sha256(std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1)
        throw Exception(ErrorCode::LOGICAL_ERROR, "SHA-256 failed");
    return std::string(reinterpret_cast<const char *>(digest), size);
}

int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

/// Tinybird-style static token: "p." + base64url({"u": workspace, "id": token id, "host": "local"}) + "." + 32 random bytes.
std::string newStaticTokenValue(const std::string & workspace_id, const std::string & token_id)
{
    std::string info = "{\"u\":";
    TokenScopeJson::appendString(info, workspace_id);
    info += ",\"id\":";
    TokenScopeJson::appendString(info, token_id);
    info += ",\"host\":\"local\"}";
    return "p." + JsonWebToken::base64UrlEncode(info) + "." + JsonWebToken::base64UrlEncode(randomBytes(32));
}

bool hasControlCharacters(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

void validateTokenName(std::string_view name)
{
    if (name.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Token name must not be empty");
    if (name.size() > max_name_size || hasControlCharacters(name))
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Invalid token name '" + std::string(name) + "'");
}

void validateWorkspaceName(std::string_view name)
{
    bool valid =
        !name.empty() && name.size() <= 200 &&
        std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
    if (!valid)
        throw Exception(ErrorCode::BAD_ARGUMENTS,
                        "Invalid workspace name '" + std::string(name) + "': use 1 to 200 letters, digits, '_' or '-'");
}

/// Scopes a static token may hold: everything but USER, resources exactly where the type needs one.
void validateStaticScopes(const std::vector<TokenScope> & scopes)
{
    for (const TokenScope & scope : scopes)
    {
        if (scope.type == ScopeType::User)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Scope USER cannot be granted to a token");
        if (scopeTypeHasResource(scope.type) && scope.resource.empty())
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Scope " + std::string(scopeTypeName(scope.type)) + " needs a resource");
        if (!scopeTypeHasResource(scope.type) && !scope.resource.empty())
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Scope " + std::string(scopeTypeName(scope.type)) + " takes no resource");
        if (scope.resource.size() > max_name_size || hasControlCharacters(scope.resource))
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Invalid scope resource '" + scope.resource + "'");
    }
}

bool isValidJsonObject(std::string_view text)
{
    simdjson::dom::parser parser;
    simdjson::padded_string padded(text);
    simdjson::dom::element element;
    return !parser.parse(padded).get(element) && element.is_object();
}

/// Whether one scope grants `wanted` on `resource` (empty resource = on anything of that kind).
bool scopeGrants(const TokenScope & scope, ScopeType wanted, std::string_view resource)
{
    auto covers = [&](std::string_view granted)
    {
        if (resource.empty() || resource == granted)
            return true;
        constexpr std::string_view quarantine_suffix = "_quarantine";
        return resource.size() == granted.size() + quarantine_suffix.size() && resource.starts_with(granted) &&
               resource.ends_with(quarantine_suffix);
    };

    switch (scope.type)
    {
    case ScopeType::Admin:
        return wanted != ScopeType::User;
    case ScopeType::WorkspaceReadAll:
        return wanted == ScopeType::WorkspaceReadAll || wanted == ScopeType::DatasourcesRead || wanted == ScopeType::PipesRead;
    case ScopeType::DatasourcesCreate:
        return wanted == ScopeType::DatasourcesCreate || wanted == ScopeType::DatasourcesAppend;
    case ScopeType::DatasourcesAppend:
    case ScopeType::DatasourcesRead:
        return wanted == scope.type && covers(scope.resource);
    case ScopeType::PipesRead:
        return wanted == ScopeType::PipesRead && (resource.empty() || resource == scope.resource);
    case ScopeType::Tokens:
    case ScopeType::WorkspaceDeploy:
    case ScopeType::OrgDatasourcesRead:
    case ScopeType::User:
        return wanted == scope.type;
    }
    return false;
}

} // namespace

/// Published, immutable view of workspaces and tokens. Readers take the current snapshot without locking;
/// writers (serialized by State::write_mutex) copy it, change the copy after SQLite committed, and publish it.
struct AuthSnapshot
{
    struct CachedToken
    {
        AccessToken token;
        TokenKind kind = TokenKind::Static;
        int64_t created_at = 0;
        int64_t sequence = 0;
    };

    std::vector<Workspace> workspaces; /// creation order; admin_token filled from the WorkspaceAdmin token
    std::string default_workspace_id;
    std::unordered_map<std::string, CachedToken> tokens_by_id;
    std::unordered_map<std::string, std::string> id_by_digest; /// sha256(value) -> token id
    std::string user_token_id;

    Workspace * workspaceById(std::string_view id)
    {
        for (auto & workspace : workspaces)
            if (workspace.id == id)
                return &workspace;
        return nullptr;
    }

    const Workspace * findWorkspace(std::string_view id_or_name) const
    {
        for (const auto & workspace : workspaces)
            if (workspace.id == id_or_name)
                return &workspace;
        for (const auto & workspace : workspaces)
            if (workspace.name == id_or_name)
                return &workspace;
        return nullptr;
    }

    const Workspace & requireWorkspace(std::string_view id_or_name) const
    {
        const Workspace * workspace = findWorkspace(id_or_name);
        if (!workspace)
            throw Exception(ErrorCode::UNKNOWN_WORKSPACE, "Workspace '" + std::string(id_or_name) + "' not found");
        return *workspace;
    }

    const CachedToken * findToken(std::string_view workspace_id, std::string_view id_or_name) const
    {
        auto it = tokens_by_id.find(std::string(id_or_name));
        if (it != tokens_by_id.end() && it->second.token.workspace_id == workspace_id)
            return &it->second;
        for (const auto & [id, cached] : tokens_by_id)
            if (cached.token.workspace_id == workspace_id && cached.token.name == id_or_name)
                return &cached;
        return nullptr;
    }

    const CachedToken & requireToken(std::string_view workspace_id, std::string_view id_or_name) const
    {
        const CachedToken * cached = findToken(workspace_id, id_or_name);
        if (!cached)
            throw Exception(ErrorCode::UNKNOWN_TOKEN, "Token '" + std::string(id_or_name) + "' not found");
        return *cached;
    }

    void addToken(CachedToken cached)
    {
        id_by_digest[sha256(cached.token.token)] = cached.token.id;
        if (cached.kind == TokenKind::WorkspaceAdmin)
            if (Workspace * workspace = workspaceById(cached.token.workspace_id))
                workspace->admin_token = cached.token.token;
        if (cached.kind == TokenKind::User)
            user_token_id = cached.token.id;
        std::string id = cached.token.id;
        tokens_by_id[id] = std::move(cached);
    }

    void eraseToken(const std::string & id)
    {
        auto it = tokens_by_id.find(id);
        if (it == tokens_by_id.end())
            return;
        id_by_digest.erase(sha256(it->second.token.token));
        tokens_by_id.erase(it);
    }

    std::string tokenValueOfKind(std::string_view workspace_id, TokenKind kind) const
    {
        for (const auto & [id, cached] : tokens_by_id)
            if (cached.kind == kind && cached.token.workspace_id == workspace_id)
                return cached.token.token;
        return {};
    }
};

struct AuthService::State
{
    using CachedToken = AuthSnapshot::CachedToken;

    /// The published snapshot. The mutex guards only the pointer (copy or swap), never any work.
    mutable std::mutex snapshot_mutex;
    std::shared_ptr<const AuthSnapshot> snapshot = std::make_shared<const AuthSnapshot>();
    /// Held by every mutation across validation, the SQLite transaction and publication.
    std::mutex write_mutex;

    /// Verified JWTs by sha256(value). `jwt_generation` changes whenever a signing key changes or disappears,
    /// so a verification that raced with the change is not cached.
    mutable std::mutex jwt_mutex;
    mutable std::unordered_map<std::string, AccessToken> jwt_cache;
    mutable uint64_t jwt_generation = 0;

    std::shared_ptr<const AuthSnapshot> current() const
    {
        std::lock_guard lock(snapshot_mutex);
        return snapshot;
    }

    /// A private copy of the current snapshot for a writer (caller holds write_mutex).
    std::shared_ptr<AuthSnapshot> copy() const { return std::make_shared<AuthSnapshot>(*current()); }

    void publish(std::shared_ptr<AuthSnapshot> next)
    {
        std::shared_ptr<const AuthSnapshot> previous;
        std::lock_guard lock(snapshot_mutex);
        previous = std::exchange(snapshot, std::move(next));
    }

    void invalidateJwts() const
    {
        std::lock_guard lock(jwt_mutex);
        jwt_cache.clear();
        ++jwt_generation;
    }
};

AuthService::AuthService(const std::string & sqlite_path, const AuthServiceOptions & options)
    : store_(std::make_unique<AuthMetadataStore>(sqlite_path))
    , state_(std::make_unique<State>())
    , rate_limiter_(std::make_unique<RateLimiter>())
{
    State & state = *state_;
    std::lock_guard write_lock(state.write_mutex);
    auto next = state.copy();

    for (StoredWorkspace & stored : store_->loadWorkspaces())
    {
        if (stored.is_default)
            next->default_workspace_id = stored.workspace.id;
        next->workspaces.push_back(std::move(stored.workspace));
    }
    for (StoredToken & stored : store_->loadTokens())
        next->addToken({std::move(stored.token), stored.kind, stored.created_at, stored.sequence});

    auto new_token = [&](const std::string & workspace_id, std::string_view name, TokenKind kind, std::vector<TokenScope> scopes)
    {
        StoredToken stored;
        stored.token.id = newUuid();
        stored.token.workspace_id = workspace_id;
        stored.token.name = name;
        stored.token.token = newStaticTokenValue(workspace_id.empty() ? stored.token.id : workspace_id, stored.token.id);
        stored.token.scopes = std::move(scopes);
        stored.token.is_user_token = kind == TokenKind::User;
        stored.kind = kind;
        stored.created_at = nowSeconds();
        return stored;
    };

    std::vector<StoredWorkspace> new_workspaces;
    std::vector<StoredToken> new_tokens;
    if (next->default_workspace_id.empty())
    {
        StoredWorkspace stored;
        stored.workspace.id = newUuid();
        stored.workspace.name = default_workspace_name;
        stored.workspace.database = "default";
        stored.workspace.created_at = nowSeconds();
        stored.is_default = true;
        new_tokens.push_back(
            new_token(stored.workspace.id, workspace_admin_token_name, TokenKind::WorkspaceAdmin, {{ScopeType::Admin, {}, {}, {}}}));
        new_tokens.push_back(new_token(stored.workspace.id, admin_user_token_name, TokenKind::AdminUser,
                                       {{ScopeType::Admin, {}, {}, {}}, {ScopeType::User, {}, {}, {}}}));
        new_workspaces.push_back(std::move(stored));
    }
    if (next->user_token_id.empty())
        new_tokens.push_back(new_token({}, user_token_name, TokenKind::User, {{ScopeType::User, {}, {}, {}}}));

    if (!new_workspaces.empty() || !new_tokens.empty())
    {
        AuthMetadataStore::Transaction transaction(*store_);
        for (const auto & stored : new_workspaces)
            store_->insertWorkspace(stored);
        for (auto & stored : new_tokens)
            stored.sequence = store_->insertToken(stored);
        transaction.commit();
        for (auto & stored : new_workspaces)
        {
            next->default_workspace_id = stored.workspace.id;
            next->workspaces.push_back(std::move(stored.workspace));
        }
        for (auto & stored : new_tokens)
            next->addToken({std::move(stored.token), stored.kind, stored.created_at, stored.sequence});
    }

    /// Fixed values requested by the operator (TB_LOCAL_USER_TOKEN / TB_LOCAL_WORKSPACE_TOKEN).
    auto apply_override = [&](const std::string & value, const std::string & workspace_id, TokenKind kind)
    {
        if (value.empty())
            return;
        const State::CachedToken * target = nullptr;
        for (const auto & [id, cached] : next->tokens_by_id)
            if (cached.kind == kind && cached.token.workspace_id == workspace_id)
                target = &cached;
        if (!target || target->token.token == value)
            return;
        if (next->id_by_digest.contains(sha256(value)))
            throw Exception(ErrorCode::BAD_ARGUMENTS, "The requested token value is already used by another token");
        StoredToken stored {target->token, kind, target->created_at, target->sequence};
        stored.token.token = value;
        AuthMetadataStore::Transaction transaction(*store_);
        store_->updateToken(stored);
        transaction.commit();
        next->eraseToken(stored.token.id);
        next->addToken({std::move(stored.token), stored.kind, stored.created_at, stored.sequence});
    };
    apply_override(options.user_token, {}, TokenKind::User);
    apply_override(options.workspace_admin_token, next->default_workspace_id, TokenKind::WorkspaceAdmin);
    state.publish(std::move(next));
}

AuthService::~AuthService() = default;

Workspace AuthService::defaultWorkspace() const
{
    auto snapshot = state_->current();
    return snapshot->requireWorkspace(snapshot->default_workspace_id);
}

std::vector<Workspace> AuthService::listWorkspaces() const
{
    return state_->current()->workspaces;
}

std::optional<Workspace> AuthService::findWorkspace(std::string_view id_or_name) const
{
    auto snapshot = state_->current();
    if (const Workspace * workspace = snapshot->findWorkspace(id_or_name))
        return *workspace;
    return std::nullopt;
}

Workspace AuthService::createWorkspace(const std::string & name)
{
    validateWorkspaceName(name);
    State & state = *state_;
    std::lock_guard write_lock(state.write_mutex);
    auto next = state.copy();
    for (const auto & workspace : next->workspaces)
        if (workspace.name == name)
            throw Exception(ErrorCode::WORKSPACE_ALREADY_EXISTS, "Workspace '" + name + "' already exists");

    StoredWorkspace stored;
    stored.workspace.id = newUuid();
    stored.workspace.name = name;
    std::string hex_id = stored.workspace.id;
    std::erase(hex_id, '-');
    stored.workspace.database = "ws_" + hex_id;
    stored.workspace.created_at = nowSeconds();

    std::vector<StoredToken> tokens(2);
    for (size_t i = 0; i < tokens.size(); ++i)
    {
        StoredToken & token = tokens[i];
        token.token.id = newUuid();
        token.token.workspace_id = stored.workspace.id;
        token.token.token = newStaticTokenValue(stored.workspace.id, token.token.id);
        token.created_at = stored.workspace.created_at;
        token.kind = i == 0 ? TokenKind::WorkspaceAdmin : TokenKind::AdminUser;
        token.token.name = i == 0 ? workspace_admin_token_name : admin_user_token_name;
        token.token.scopes.push_back({ScopeType::Admin, {}, {}, {}});
        if (i == 1)
            token.token.scopes.push_back({ScopeType::User, {}, {}, {}});
    }

    AuthMetadataStore::Transaction transaction(*store_);
    store_->insertWorkspace(stored);
    for (auto & token : tokens)
        token.sequence = store_->insertToken(token);
    transaction.commit();

    next->workspaces.push_back(stored.workspace);
    for (auto & token : tokens)
        next->addToken({std::move(token.token), token.kind, token.created_at, token.sequence});
    Workspace result = *next->workspaceById(stored.workspace.id);
    state.publish(std::move(next));
    return result;
}

Workspace AuthService::deleteWorkspace(const std::string & id_or_name)
{
    State & state = *state_;
    std::lock_guard write_lock(state.write_mutex);
    auto next = state.copy();
    Workspace workspace = next->requireWorkspace(id_or_name);
    if (workspace.id == next->default_workspace_id)
        throw Exception(ErrorCode::ACCESS_DENIED, "The default workspace cannot be deleted");

    AuthMetadataStore::Transaction transaction(*store_);
    store_->deleteWorkspace(workspace.id);
    transaction.commit();

    std::vector<std::string> token_ids;
    for (const auto & [id, cached] : next->tokens_by_id)
        if (cached.token.workspace_id == workspace.id)
            token_ids.push_back(id);
    for (const auto & id : token_ids)
        next->eraseToken(id);
    std::erase_if(next->workspaces, [&](const Workspace & candidate) { return candidate.id == workspace.id; });
    state.publish(std::move(next));
    state.invalidateJwts();
    return workspace;
}

std::string AuthService::userToken() const
{
    auto snapshot = state_->current();
    return snapshot->tokens_by_id.at(snapshot->user_token_id).token.token;
}

LocalTokens AuthService::localTokens() const
{
    auto snapshot = state_->current();
    LocalTokens tokens;
    tokens.user_token = snapshot->tokens_by_id.at(snapshot->user_token_id).token.token;
    tokens.admin_token = snapshot->tokenValueOfKind(snapshot->default_workspace_id, TokenKind::AdminUser);
    tokens.workspace_admin_token = snapshot->tokenValueOfKind(snapshot->default_workspace_id, TokenKind::WorkspaceAdmin);
    return tokens;
}

AccessToken AuthService::authenticate(std::string_view token) const
{
    if (token.empty())
        throw Exception(ErrorCode::AUTHENTICATION_FAILED, "Missing token");
    if (token.size() > JsonWebToken::max_token_size)
        throw Exception(ErrorCode::AUTHENTICATION_FAILED, "Invalid token");

    const State & state = *state_;
    std::string digest = sha256(token);
    uint64_t generation = 0;
    {
        std::lock_guard lock(state.jwt_mutex);
        generation = state.jwt_generation;
    }
    auto snapshot = state.current();
    auto it = snapshot->id_by_digest.find(digest);
    if (it != snapshot->id_by_digest.end())
    {
        const AccessToken & found = snapshot->tokens_by_id.at(it->second).token;
        if (found.token.size() == token.size() && CRYPTO_memcmp(found.token.data(), token.data(), token.size()) == 0)
            return found;
    }

    if (!JsonWebToken::looksLikeJwt(token))
        throw Exception(ErrorCode::AUTHENTICATION_FAILED, "Invalid token");

    std::optional<AccessToken> result;
    {
        std::lock_guard lock(state.jwt_mutex);
        auto cached = state.jwt_cache.find(digest);
        if (cached != state.jwt_cache.end())
            result = cached->second;
    }

    if (!result)
    {
        JwtClaims claims = JsonWebToken::verify(token,
                                                [&](std::string_view workspace_id) -> std::optional<std::string>
                                                {
                                                    for (const auto & workspace : snapshot->workspaces)
                                                        if (workspace.id == workspace_id)
                                                            return workspace.admin_token;
                                                    return std::nullopt;
                                                });
        AccessToken jwt;
        jwt.id = "jwt:" + toHex(std::string_view(digest).substr(0, 16));
        jwt.name = std::move(claims.name);
        jwt.token = std::string(token);
        jwt.workspace_id = std::move(claims.workspace_id);
        jwt.scopes = std::move(claims.scopes);
        jwt.is_jwt = true;
        jwt.expires_at = claims.exp;
        jwt.rps_limit = claims.rps_limit;
        {
            /// Cache only if no signing key changed since before the snapshot was taken.
            std::lock_guard lock(state.jwt_mutex);
            if (state.jwt_generation == generation)
            {
                if (state.jwt_cache.size() >= max_jwt_cache_size)
                    state.jwt_cache.clear();
                state.jwt_cache.emplace(digest, jwt);
            }
        }
        result = std::move(jwt);
    }

    if (nowSeconds() >= *result->expires_at)
        throw Exception(ErrorCode::TOKEN_EXPIRED, "Token has expired");
    return std::move(*result);
}

bool AuthService::allows(const AccessToken & token, ScopeType scope, std::string_view resource) const
{
    return std::any_of(token.scopes.begin(), token.scopes.end(),
                       [&](const TokenScope & granted) { return scopeGrants(granted, scope, resource); });
}

bool AuthService::allowsIn(const AccessToken & token, std::string_view workspace_id, ScopeType scope, std::string_view resource) const
{
    if (scope != ScopeType::User && (token.workspace_id.empty() || token.workspace_id != workspace_id))
        return false;
    return allows(token, scope, resource);
}

std::optional<TokenScope> AuthService::grantingScope(const AccessToken & token, ScopeType scope, std::string_view resource) const
{
    for (const TokenScope & granted : token.scopes)
        if (scopeGrants(granted, scope, resource))
            return granted;
    return std::nullopt;
}

std::vector<std::pair<std::string, std::vector<std::string>>> AuthService::readFilters(const AccessToken & token) const
{
    std::vector<std::pair<std::string, std::vector<std::string>>> result;
    auto add_table = [&](const std::string & table)
    {
        for (const auto & [name, filters] : result)
            if (name == table)
                return;
        std::vector<std::string> filters;
        for (const TokenScope & granted : token.scopes)
        {
            if (!scopeGrants(granted, ScopeType::DatasourcesRead, table))
                continue;
            if (granted.type != ScopeType::DatasourcesRead || granted.filter.empty())
                return;
            filters.push_back(granted.filter);
        }
        if (!filters.empty())
            result.emplace_back(table, std::move(filters));
    };
    for (const TokenScope & scope : token.scopes)
        if (scope.type == ScopeType::DatasourcesRead && !scope.filter.empty())
        {
            add_table(scope.resource);
            add_table(scope.resource + "_quarantine");
        }
    return result;
}

RateLimitDecision AuthService::checkRateLimit(const AccessToken & token)
{
    return checkRateLimit(token, std::chrono::steady_clock::now());
}

RateLimitDecision AuthService::checkRateLimit(const AccessToken & token, std::chrono::steady_clock::time_point now)
{
    if (!token.rps_limit)
        return {};
    return rate_limiter_->acquire(token.id, *token.rps_limit, now);
}

std::vector<AccessToken> AuthService::listTokens(const std::string & workspace_id) const
{
    auto snapshot = state_->current();
    snapshot->requireWorkspace(workspace_id);
    std::vector<const State::CachedToken *> found;
    for (const auto & [id, cached] : snapshot->tokens_by_id)
        if (cached.token.workspace_id == workspace_id)
            found.push_back(&cached);
    std::sort(found.begin(), found.end(), [](const auto * a, const auto * b) { return a->sequence < b->sequence; });
    std::vector<AccessToken> result;
    result.reserve(found.size());
    for (const auto * cached : found)
        result.push_back(cached->token);
    return result;
}

std::optional<AccessToken> AuthService::findToken(const std::string & workspace_id, std::string_view id_or_name) const
{
    auto snapshot = state_->current();
    if (const State::CachedToken * cached = snapshot->findToken(workspace_id, id_or_name))
        return cached->token;
    return std::nullopt;
}

AccessToken AuthService::createToken(const std::string & workspace_id, const std::string & name, const std::vector<TokenScope> & scopes,
                                     const std::string & description, const std::string & origin)
{
    validateTokenName(name);
    validateStaticScopes(scopes);
    State & state = *state_;
    std::lock_guard write_lock(state.write_mutex);
    auto next = state.copy();
    next->requireWorkspace(workspace_id);
    if (next->findToken(workspace_id, name))
        throw Exception(ErrorCode::TOKEN_ALREADY_EXISTS, "Token '" + name + "' already exists");

    StoredToken stored;
    stored.token.id = newUuid();
    stored.token.workspace_id = workspace_id;
    stored.token.name = name;
    stored.token.token = newStaticTokenValue(workspace_id, stored.token.id);
    stored.token.description = description;
    stored.token.origin = origin;
    stored.token.scopes = scopes;
    stored.created_at = nowSeconds();

    AuthMetadataStore::Transaction transaction(*store_);
    stored.sequence = store_->insertToken(stored);
    transaction.commit();
    next->addToken({stored.token, stored.kind, stored.created_at, stored.sequence});
    state.publish(std::move(next));
    return stored.token;
}

AccessToken AuthService::updateScopes(const std::string & workspace_id, std::string_view id_or_name, const std::vector<TokenScope> & scopes)
{
    validateStaticScopes(scopes);
    State & state = *state_;
    std::lock_guard write_lock(state.write_mutex);
    auto next = state.copy();
    const State::CachedToken & cached = next->requireToken(workspace_id, id_or_name);
    if (cached.kind != TokenKind::Static)
        throw Exception(ErrorCode::ACCESS_DENIED, "The scopes of '" + cached.token.name + "' cannot be changed");

    StoredToken stored {cached.token, cached.kind, cached.created_at, cached.sequence};
    stored.token.scopes = scopes;
    AuthMetadataStore::Transaction transaction(*store_);
    store_->updateToken(stored);
    transaction.commit();
    next->tokens_by_id.at(stored.token.id).token.scopes = scopes;
    state.publish(std::move(next));
    return stored.token;
}

AccessToken AuthService::refreshToken(const std::string & workspace_id, std::string_view id_or_name)
{
    State & state = *state_;
    std::lock_guard write_lock(state.write_mutex);
    auto next = state.copy();
    const State::CachedToken & cached = next->requireToken(workspace_id, id_or_name);

    StoredToken stored {cached.token, cached.kind, cached.created_at, cached.sequence};
    stored.token.token = newStaticTokenValue(workspace_id, stored.token.id);
    AuthMetadataStore::Transaction transaction(*store_);
    store_->updateToken(stored);
    transaction.commit();

    next->eraseToken(stored.token.id);
    next->addToken({stored.token, stored.kind, stored.created_at, stored.sequence});
    state.publish(std::move(next));
    if (stored.kind == TokenKind::WorkspaceAdmin)
        state.invalidateJwts();
    return stored.token;
}

void AuthService::deleteToken(const std::string & workspace_id, std::string_view id_or_name)
{
    State & state = *state_;
    std::lock_guard write_lock(state.write_mutex);
    auto next = state.copy();
    const State::CachedToken & cached = next->requireToken(workspace_id, id_or_name);
    if (cached.kind != TokenKind::Static)
        throw Exception(ErrorCode::CANNOT_DELETE_TOKEN, "Token '" + cached.token.name + "' cannot be deleted");
    std::string id = cached.token.id;

    AuthMetadataStore::Transaction transaction(*store_);
    store_->deleteToken(id);
    transaction.commit();
    next->eraseToken(id);
    state.publish(std::move(next));
}

std::string AuthService::createJwt(const std::string & workspace_id, const std::string & name, const std::vector<TokenScope> & scopes,
                                   int64_t exp, std::optional<double> rps_limit)
{
    validateTokenName(name);
    int64_t now = nowSeconds();
    if (exp <= now)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "expiration_time must be in the future");
    if (rps_limit && (!std::isfinite(*rps_limit) || *rps_limit <= 0))
        throw Exception(ErrorCode::BAD_ARGUMENTS, "limits.rps must be a positive number");
    for (const TokenScope & scope : scopes)
    {
        if (scope.type != ScopeType::PipesRead && scope.type != ScopeType::DatasourcesRead && scope.type != ScopeType::DatasourcesAppend)
            throw Exception(ErrorCode::BAD_ARGUMENTS,
                            "Scope " + std::string(scopeTypeName(scope.type)) +
                                " is not allowed in a JWT (use PIPES:READ, DATASOURCES:READ or DATASOURCES:APPEND)");
        if (scope.resource.empty())
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Scope " + std::string(scopeTypeName(scope.type)) + " needs a resource");
        if (!scope.fixed_params_json.empty() && !isValidJsonObject(scope.fixed_params_json))
            throw Exception(ErrorCode::BAD_ARGUMENTS, "fixed_params must be a JSON object");
        if (!scope.filter.empty() && scope.type != ScopeType::DatasourcesRead)
            throw Exception(ErrorCode::BAD_ARGUMENTS,
                            "Scope " + scope.toString() + ": 'filter' is supported on DATASOURCES:READ scopes only");
    }

    JwtClaims claims;
    claims.workspace_id = workspace_id;
    claims.name = name;
    claims.exp = exp;
    claims.iat = now;
    claims.scopes = scopes;
    claims.rps_limit = rps_limit;
    std::string key = state_->current()->requireWorkspace(workspace_id).admin_token;
    return JsonWebToken::sign(claims, key);
}

std::vector<TokenChange> AuthService::syncDatafileTokens(const std::string & workspace_id,
                                                         const std::vector<std::pair<std::string, TokenScope>> & token_scopes)
{
    /// Scopes per token name, in first-seen order, without duplicates.
    std::vector<std::pair<std::string, std::vector<TokenScope>>> wanted;
    for (const auto & [name, scope] : token_scopes)
    {
        validateTokenName(name);
        auto it = std::find_if(wanted.begin(), wanted.end(), [&](const auto & entry) { return entry.first == name; });
        if (it == wanted.end())
        {
            wanted.emplace_back(name, std::vector<TokenScope> {});
            it = wanted.end() - 1;
        }
        if (std::find(it->second.begin(), it->second.end(), scope) == it->second.end())
            it->second.push_back(scope);
    }
    for (const auto & [name, scopes] : wanted)
        validateStaticScopes(scopes);

    State & state = *state_;
    std::lock_guard write_lock(state.write_mutex);
    auto next = state.copy();
    next->requireWorkspace(workspace_id);

    std::vector<TokenChange> changes;
    std::vector<StoredToken> inserts;
    std::vector<StoredToken> updates;
    for (auto & [name, scopes] : wanted)
    {
        const State::CachedToken * cached = next->findToken(workspace_id, name);
        if (cached && cached->token.name != name)
            cached = nullptr; /// matched another token's id; TOKEN lines name tokens
        if (!cached)
        {
            StoredToken stored;
            stored.token.id = newUuid();
            stored.token.workspace_id = workspace_id;
            stored.token.name = name;
            stored.token.token = newStaticTokenValue(workspace_id, stored.token.id);
            stored.token.origin = "datafile";
            stored.token.scopes = scopes;
            stored.created_at = nowSeconds();
            inserts.push_back(std::move(stored));
            changes.push_back({name, "created"});
            continue;
        }
        if (cached->kind != TokenKind::Static)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "TOKEN '" + name + "' names a default token; choose another name");
        if (cached->token.scopes == scopes)
        {
            changes.push_back({name, "unchanged"});
            continue;
        }
        StoredToken stored {cached->token, cached->kind, cached->created_at, cached->sequence};
        stored.token.scopes = scopes;
        updates.push_back(std::move(stored));
        changes.push_back({name, "updated"});
    }

    /// A token created from TOKEN lines that no line names any more loses its scopes: removing the line revokes it.
    /// The token itself stays (answering 403), so a line added back restores the same value.
    for (const auto & [id, cached] : next->tokens_by_id)
    {
        if (cached.token.workspace_id != workspace_id || cached.kind != TokenKind::Static || cached.token.origin != "datafile" ||
            cached.token.scopes.empty())
            continue;
        if (std::any_of(wanted.begin(), wanted.end(), [&](const auto & entry) { return entry.first == cached.token.name; }))
            continue;
        StoredToken stored {cached.token, cached.kind, cached.created_at, cached.sequence};
        stored.token.scopes.clear();
        updates.push_back(std::move(stored));
        changes.push_back({cached.token.name, "revoked"});
    }

    if (inserts.empty() && updates.empty())
        return changes;

    AuthMetadataStore::Transaction transaction(*store_);
    for (auto & stored : inserts)
        stored.sequence = store_->insertToken(stored);
    for (const auto & stored : updates)
        store_->updateToken(stored);
    transaction.commit();

    for (auto & stored : inserts)
        next->addToken({std::move(stored.token), stored.kind, stored.created_at, stored.sequence});
    for (auto & stored : updates)
        next->tokens_by_id.at(stored.token.id).token.scopes = std::move(stored.token.scopes);
    state.publish(std::move(next));
    return changes;
}

TokenScope AuthService::parseScope(std::string_view scope_string)
{
    while (!scope_string.empty() && std::isspace(static_cast<unsigned char>(scope_string.front())))
        scope_string.remove_prefix(1);
    while (!scope_string.empty() && std::isspace(static_cast<unsigned char>(scope_string.back())))
        scope_string.remove_suffix(1);

    auto invalid = [&](const std::string & why)
    {
        return Exception(ErrorCode::BAD_ARGUMENTS, "Invalid scope '" + std::string(scope_string) + "': " + why);
    };

    static constexpr ScopeType all_types[] = {
        ScopeType::Admin,
        ScopeType::Tokens,
        ScopeType::WorkspaceReadAll,
        ScopeType::WorkspaceDeploy,
        ScopeType::OrgDatasourcesRead,
        ScopeType::DatasourcesCreate,
        ScopeType::DatasourcesAppend,
        ScopeType::DatasourcesRead,
        ScopeType::PipesRead,
    };
    auto equals_ignore_case = [](std::string_view a, std::string_view b)
    {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(),
                          [](char x, char y)
                          { return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y)); });
    };

    for (ScopeType type : all_types)
    {
        std::string_view name = scopeTypeName(type);
        if (equals_ignore_case(scope_string, name))
        {
            if (scopeTypeHasResource(type))
                throw invalid("a resource name is required, as in " + std::string(name) + ":<name>");
            return TokenScope {type, {}, {}, {}};
        }
        if (scope_string.size() > name.size() && scope_string[name.size()] == ':' &&
            equals_ignore_case(scope_string.substr(0, name.size()), name))
        {
            if (!scopeTypeHasResource(type))
                throw invalid(std::string(name) + " takes no resource");
            std::string_view resource = scope_string.substr(name.size() + 1);
            if (resource.empty())
                throw invalid("empty resource name");
            if (resource.find(':') != std::string_view::npos)
                throw invalid("the ':sql_filter' form is not supported; use a JWT with a filter instead");
            if (resource.size() > max_name_size || hasControlCharacters(resource))
                throw invalid("bad resource name");
            return TokenScope {type, std::string(resource), {}, {}};
        }
    }
    throw invalid("unknown scope");
}

std::string AuthService::scopesToJson(const std::vector<TokenScope> & scopes)
{
    return TokenScopeJson::toJson(scopes, false);
}

} // namespace pipit
