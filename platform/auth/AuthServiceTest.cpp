#include "platform/auth/AuthService.h"

#include "engine/base/Exception.h"
#include "platform/auth/JsonWebToken.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

using namespace pipit;
using namespace std::chrono_literals;

namespace
{

class AuthServiceTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const auto * info = ::testing::UnitTest::GetInstance()->current_test_info();
        directory_ =
            std::filesystem::temp_directory_path() / ("pipit_auth_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(directory_);
        std::filesystem::create_directories(directory_);
        path_ = (directory_ / "metadata.sqlite").string();
    }

    void TearDown() override { std::filesystem::remove_all(directory_); }

    std::filesystem::path directory_;
    std::string path_;
};

template <typename F>
ErrorCode errorOf(F && function)
{
    try
    {
        function();
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

int64_t now()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

} // namespace

TEST_F(AuthServiceTest, BootstrapCreatesDefaultWorkspaceAndTokens)
{
    AuthService auth(path_);
    Workspace workspace = auth.defaultWorkspace();
    EXPECT_EQ(workspace.name, "Tinybird_Local_Testing");
    EXPECT_EQ(workspace.database, "default");
    EXPECT_EQ(workspace.id.size(), 36u);
    EXPECT_TRUE(workspace.admin_token.starts_with("p."));
    EXPECT_EQ(auth.listWorkspaces().size(), 1u);

    LocalTokens local = auth.localTokens();
    EXPECT_EQ(local.workspace_admin_token, workspace.admin_token);
    EXPECT_EQ(local.user_token, auth.userToken());
    std::set<std::string> distinct {local.user_token, local.admin_token, local.workspace_admin_token};
    EXPECT_EQ(distinct.size(), 3u);

    AccessToken admin = auth.authenticate(workspace.admin_token);
    EXPECT_EQ(admin.workspace_id, workspace.id);
    EXPECT_EQ(admin.name, "Workspace admin token");
    EXPECT_TRUE(auth.allows(admin, ScopeType::DatasourcesRead, "anything"));
    EXPECT_FALSE(auth.allows(admin, ScopeType::User));

    AccessToken user = auth.authenticate(local.user_token);
    EXPECT_TRUE(user.is_user_token);
    EXPECT_TRUE(user.workspace_id.empty());
    EXPECT_TRUE(auth.allows(user, ScopeType::User));
    EXPECT_FALSE(auth.allows(user, ScopeType::PipesRead, "p"));
    EXPECT_FALSE(auth.allowsIn(user, workspace.id, ScopeType::Admin));

    AccessToken admin_user = auth.authenticate(local.admin_token);
    EXPECT_TRUE(auth.allows(admin_user, ScopeType::User));
    EXPECT_TRUE(auth.allowsIn(admin_user, workspace.id, ScopeType::Tokens));

    /// The listing shows the workspace's tokens, not the user token.
    auto tokens = auth.listTokens(workspace.id);
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].name, "Workspace admin token");
    EXPECT_EQ(tokens[1].name, "admin local@tinybird.co");
}

TEST_F(AuthServiceTest, UnknownAndMalformedTokens)
{
    AuthService auth(path_);
    for (std::string token : {std::string(), std::string("nope"), std::string("p.eyJ1Ijoi.xx"), std::string("a.b.c"),
                              std::string(20000, 'x'), std::string("p.\0x", 4), auth.defaultWorkspace().admin_token + "x"})
        EXPECT_EQ(errorOf([&] { auth.authenticate(token); }), ErrorCode::AUTHENTICATION_FAILED) << token;
}

TEST_F(AuthServiceTest, StaticTokensAreUnguessable)
{
    AuthService auth(path_);
    std::string workspace_id = auth.defaultWorkspace().id;
    std::set<std::string> values;
    for (int i = 0; i < 20; ++i)
    {
        AccessToken token = auth.createToken(workspace_id, "t" + std::to_string(i), {});
        EXPECT_TRUE(token.token.starts_with("p."));
        EXPECT_GE(token.token.size(), 80u);
        values.insert(token.token);
    }
    EXPECT_EQ(values.size(), 20u);
}

TEST_F(AuthServiceTest, ParseScope)
{
    TokenScope scope = AuthService::parseScope("DATASOURCES:READ:events");
    EXPECT_EQ(scope.type, ScopeType::DatasourcesRead);
    EXPECT_EQ(scope.resource, "events");
    EXPECT_EQ(scope.toString(), "DATASOURCES:READ:events");
    EXPECT_EQ(AuthService::parseScope("PIPES:READ:top").type, ScopeType::PipesRead);
    EXPECT_EQ(AuthService::parseScope("DATASOURCES:APPEND:clicks").type, ScopeType::DatasourcesAppend);
    EXPECT_EQ(AuthService::parseScope("ADMIN").type, ScopeType::Admin);
    EXPECT_EQ(AuthService::parseScope(" tokens ").type, ScopeType::Tokens);
    EXPECT_EQ(AuthService::parseScope("WORKSPACE:READ_ALL").type, ScopeType::WorkspaceReadAll);
    EXPECT_EQ(AuthService::parseScope("WORKSPACE:DEPLOY").type, ScopeType::WorkspaceDeploy);
    EXPECT_EQ(AuthService::parseScope("ORG_DATASOURCES:READ").type, ScopeType::OrgDatasourcesRead);
    EXPECT_EQ(AuthService::parseScope("DATASOURCES:CREATE").type, ScopeType::DatasourcesCreate);
    EXPECT_TRUE(AuthService::parseScope("ADMIN").resource.empty());

    for (std::string_view bad : {"", "READ", "DATASOURCES:READ", "DATASOURCES:READ:", "PIPES:READ:top:tenant = 1", "ADMIN:x",
                                 "PIPES:WRITE:x", "DATASOURCES:CREATE:x", "USER", "DATASOURCES:READ:a\nb"})
        EXPECT_EQ(errorOf([&] { AuthService::parseScope(bad); }), ErrorCode::BAD_ARGUMENTS) << bad;
}

TEST_F(AuthServiceTest, ScopeRules)
{
    AuthService auth(path_);
    AccessToken token;
    token.workspace_id = "w";
    token.scopes = {AuthService::parseScope("DATASOURCES:READ:events"), AuthService::parseScope("PIPES:READ:top")};
    EXPECT_TRUE(auth.allows(token, ScopeType::DatasourcesRead, "events"));
    EXPECT_TRUE(auth.allows(token, ScopeType::DatasourcesRead, "events_quarantine"));
    EXPECT_FALSE(auth.allows(token, ScopeType::DatasourcesRead, "events_other"));
    EXPECT_FALSE(auth.allows(token, ScopeType::DatasourcesRead, "event"));
    EXPECT_FALSE(auth.allows(token, ScopeType::DatasourcesRead, "other_quarantine"));
    EXPECT_FALSE(auth.allows(token, ScopeType::DatasourcesAppend, "events"));
    EXPECT_TRUE(auth.allows(token, ScopeType::PipesRead, "top"));
    EXPECT_FALSE(auth.allows(token, ScopeType::PipesRead, "top_quarantine"));
    EXPECT_FALSE(auth.allows(token, ScopeType::PipesRead, "other"));
    EXPECT_TRUE(auth.allows(token, ScopeType::PipesRead));
    EXPECT_FALSE(auth.allows(token, ScopeType::Tokens));
    EXPECT_FALSE(auth.allows(token, ScopeType::Admin));
    EXPECT_TRUE(auth.allowsIn(token, "w", ScopeType::PipesRead, "top"));
    EXPECT_FALSE(auth.allowsIn(token, "v", ScopeType::PipesRead, "top"));

    AccessToken append;
    append.scopes = {AuthService::parseScope("DATASOURCES:APPEND:events")};
    EXPECT_TRUE(auth.allows(append, ScopeType::DatasourcesAppend, "events"));
    EXPECT_FALSE(auth.allows(append, ScopeType::DatasourcesRead, "events"));

    AccessToken read_all;
    read_all.scopes = {AuthService::parseScope("WORKSPACE:READ_ALL")};
    EXPECT_TRUE(auth.allows(read_all, ScopeType::DatasourcesRead, "x"));
    EXPECT_TRUE(auth.allows(read_all, ScopeType::PipesRead, "y"));
    EXPECT_FALSE(auth.allows(read_all, ScopeType::DatasourcesAppend, "x"));
    EXPECT_FALSE(auth.allows(read_all, ScopeType::Tokens));

    AccessToken create;
    create.scopes = {AuthService::parseScope("DATASOURCES:CREATE")};
    EXPECT_TRUE(auth.allows(create, ScopeType::DatasourcesCreate));
    EXPECT_TRUE(auth.allows(create, ScopeType::DatasourcesAppend, "x"));
    EXPECT_FALSE(auth.allows(create, ScopeType::DatasourcesRead, "x"));

    AccessToken tokens;
    tokens.scopes = {AuthService::parseScope("TOKENS")};
    EXPECT_TRUE(auth.allows(tokens, ScopeType::Tokens));
    EXPECT_FALSE(auth.allows(tokens, ScopeType::PipesRead, "top"));

    AccessToken none;
    EXPECT_FALSE(auth.allows(none, ScopeType::PipesRead));

    auto granting = auth.grantingScope(token, ScopeType::DatasourcesRead, "events_quarantine");
    ASSERT_TRUE(granting.has_value());
    EXPECT_EQ(granting->resource, "events");
    EXPECT_FALSE(auth.grantingScope(token, ScopeType::DatasourcesRead, "x").has_value());
}

TEST_F(AuthServiceTest, TokensApiLifecycle)
{
    AuthService auth(path_);
    std::string ws = auth.defaultWorkspace().id;
    AccessToken created = auth.createToken(ws, "dash", {AuthService::parseScope("PIPES:READ:top")}, "for the dashboard", "C");
    EXPECT_EQ(created.description, "for the dashboard");
    EXPECT_EQ(created.origin, "C");
    EXPECT_EQ(auth.authenticate(created.token).id, created.id);
    EXPECT_EQ(errorOf([&] { auth.createToken(ws, "dash", {}); }), ErrorCode::TOKEN_ALREADY_EXISTS);
    EXPECT_EQ(errorOf([&] { auth.createToken(ws, "", {}); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createToken(ws, "u", {{ScopeType::User, {}, {}, {}}}); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createToken(ws, "r", {{ScopeType::PipesRead, {}, {}, {}}}); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createToken("no-such-ws", "x", {}); }), ErrorCode::UNKNOWN_WORKSPACE);

    EXPECT_EQ(auth.findToken(ws, "dash")->id, created.id);
    EXPECT_EQ(auth.findToken(ws, created.id)->name, "dash");
    EXPECT_FALSE(auth.findToken(ws, "nope").has_value());

    AccessToken updated = auth.updateScopes(ws, "dash", {AuthService::parseScope("PIPES:READ:a"), AuthService::parseScope("PIPES:READ:b")});
    EXPECT_EQ(updated.scopes.size(), 2u);
    AccessToken current = auth.authenticate(created.token);
    EXPECT_TRUE(auth.allows(current, ScopeType::PipesRead, "b"));
    EXPECT_FALSE(auth.allows(current, ScopeType::PipesRead, "top"));

    AccessToken refreshed = auth.refreshToken(ws, created.id);
    EXPECT_NE(refreshed.token, created.token);
    EXPECT_EQ(refreshed.id, created.id);
    EXPECT_EQ(errorOf([&] { auth.authenticate(created.token); }), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(auth.authenticate(refreshed.token).name, "dash");

    auth.deleteToken(ws, "dash");
    EXPECT_EQ(errorOf([&] { auth.authenticate(refreshed.token); }), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(errorOf([&] { auth.deleteToken(ws, "dash"); }), ErrorCode::UNKNOWN_TOKEN);
    EXPECT_EQ(errorOf([&] { auth.refreshToken(ws, "dash"); }), ErrorCode::UNKNOWN_TOKEN);

    EXPECT_EQ(errorOf([&] { auth.deleteToken(ws, "Workspace admin token"); }), ErrorCode::CANNOT_DELETE_TOKEN);
    EXPECT_EQ(errorOf([&] { auth.updateScopes(ws, "Workspace admin token", {}); }), ErrorCode::ACCESS_DENIED);
}

TEST_F(AuthServiceTest, PersistenceAcrossReopen)
{
    std::string ws_id, admin, user, dash_value, other_ws_admin;
    {
        AuthService auth(path_);
        ws_id = auth.defaultWorkspace().id;
        admin = auth.defaultWorkspace().admin_token;
        user = auth.userToken();
        dash_value = auth.createToken(ws_id, "dash", {AuthService::parseScope("DATASOURCES:READ:events")}, "d", "C").token;
        auth.createToken(ws_id, "gone", {});
        auth.deleteToken(ws_id, "gone");
        other_ws_admin = auth.createWorkspace("other").admin_token;
    }
    AuthService auth(path_);
    EXPECT_EQ(auth.defaultWorkspace().id, ws_id);
    EXPECT_EQ(auth.defaultWorkspace().admin_token, admin);
    EXPECT_EQ(auth.userToken(), user);
    EXPECT_EQ(auth.listWorkspaces().size(), 2u);
    AccessToken dash = auth.authenticate(dash_value);
    EXPECT_EQ(dash.name, "dash");
    EXPECT_EQ(dash.description, "d");
    EXPECT_EQ(dash.origin, "C");
    ASSERT_EQ(dash.scopes.size(), 1u);
    EXPECT_EQ(dash.scopes[0].toString(), "DATASOURCES:READ:events");
    EXPECT_FALSE(auth.findToken(ws_id, "gone").has_value());
    EXPECT_EQ(auth.authenticate(other_ws_admin).workspace_id, auth.findWorkspace("other")->id);
    auto tokens = auth.listTokens(ws_id);
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(tokens[2].name, "dash");
}

TEST_F(AuthServiceTest, OptionsOverrideLocalTokens)
{
    AuthServiceOptions options;
    options.user_token = "fixed-user-token";
    options.workspace_admin_token = "fixed-admin-token";
    {
        AuthService auth(path_, options);
        EXPECT_EQ(auth.userToken(), "fixed-user-token");
        EXPECT_EQ(auth.defaultWorkspace().admin_token, "fixed-admin-token");
        EXPECT_EQ(auth.authenticate("fixed-admin-token").name, "Workspace admin token");
    }
    AuthService reopened(path_);
    EXPECT_EQ(reopened.userToken(), "fixed-user-token");
    options.user_token = "fixed-admin-token";
    options.workspace_admin_token.clear();
    EXPECT_EQ(errorOf([&] { AuthService clash(path_, options); }), ErrorCode::BAD_ARGUMENTS);
}

TEST_F(AuthServiceTest, WorkspacesAndIsolation)
{
    AuthService auth(path_);
    Workspace a = auth.defaultWorkspace();
    Workspace b = auth.createWorkspace("Tinybird_Local_Build_abc");
    EXPECT_NE(a.id, b.id);
    EXPECT_EQ(
        b.database, "ws_" +
                        [&]
                        {
                            std::string id = b.id;
                            std::erase(id, '-');
                            return id;
                        }());
    EXPECT_EQ(auth.findWorkspace(b.name)->id, b.id);
    EXPECT_EQ(auth.findWorkspace(b.id)->name, b.name);
    EXPECT_EQ(errorOf([&] { auth.createWorkspace(b.name); }), ErrorCode::WORKSPACE_ALREADY_EXISTS);
    EXPECT_EQ(errorOf([&] { auth.createWorkspace("bad name"); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createWorkspace("x; DROP TABLE"); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createWorkspace(""); }), ErrorCode::BAD_ARGUMENTS);

    /// Token names are per workspace; a token of A neither acts in B nor is visible from B.
    AccessToken in_a = auth.createToken(a.id, "reader", {AuthService::parseScope("PIPES:READ:top")});
    AccessToken in_b = auth.createToken(b.id, "reader", {AuthService::parseScope("PIPES:READ:top")});
    AccessToken admin_a = auth.authenticate(a.admin_token);
    EXPECT_TRUE(auth.allowsIn(admin_a, a.id, ScopeType::Admin));
    EXPECT_FALSE(auth.allowsIn(admin_a, b.id, ScopeType::Admin));
    EXPECT_FALSE(auth.allowsIn(admin_a, b.id, ScopeType::PipesRead, "top"));
    EXPECT_FALSE(auth.allowsIn(auth.authenticate(in_a.token), b.id, ScopeType::PipesRead, "top"));
    EXPECT_TRUE(auth.allowsIn(auth.authenticate(in_b.token), b.id, ScopeType::PipesRead, "top"));
    EXPECT_FALSE(auth.findToken(b.id, in_a.id).has_value());
    EXPECT_EQ(errorOf([&] { auth.deleteToken(b.id, in_a.id); }), ErrorCode::UNKNOWN_TOKEN);
    EXPECT_EQ(errorOf([&] { auth.refreshToken(b.id, in_a.id); }), ErrorCode::UNKNOWN_TOKEN);
    EXPECT_EQ(auth.listTokens(b.id).size(), 3u);

    /// A JWT signed with A's key but claiming B's workspace is forged.
    JwtClaims claims;
    claims.workspace_id = b.id;
    claims.name = "x";
    claims.exp = now() + 3600;
    claims.scopes = {{ScopeType::PipesRead, "top", {}, {}}};
    EXPECT_EQ(errorOf([&] { auth.authenticate(JsonWebToken::sign(claims, a.admin_token)); }), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(auth.authenticate(JsonWebToken::sign(claims, b.admin_token)).workspace_id, b.id);

    Workspace deleted = auth.deleteWorkspace(b.name);
    EXPECT_EQ(deleted.database, b.database);
    EXPECT_FALSE(auth.findWorkspace(b.id).has_value());
    EXPECT_EQ(errorOf([&] { auth.authenticate(in_b.token); }), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(errorOf([&] { auth.authenticate(b.admin_token); }), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(errorOf([&] { auth.authenticate(JsonWebToken::sign(claims, b.admin_token)); }), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(errorOf([&] { auth.deleteWorkspace(a.id); }), ErrorCode::ACCESS_DENIED);
    EXPECT_EQ(errorOf([&] { auth.deleteWorkspace(b.id); }), ErrorCode::UNKNOWN_WORKSPACE);
    EXPECT_EQ(errorOf([&] { auth.listTokens(b.id); }), ErrorCode::UNKNOWN_WORKSPACE);
}

TEST_F(AuthServiceTest, JwtIssueAndAuthenticate)
{
    AuthService auth(path_);
    Workspace ws = auth.defaultWorkspace();
    std::string jwt = auth.createJwt(
        ws.id, "tenant acme",
        {{ScopeType::PipesRead, "top", {}, R"({"tenant":"acme"})"}, {ScopeType::DatasourcesRead, "clicks", "tenant = 'acme'", {}}},
        now() + 3600, 5);
    AccessToken token = auth.authenticate(jwt);
    EXPECT_TRUE(token.is_jwt);
    EXPECT_EQ(token.name, "tenant acme");
    EXPECT_EQ(token.workspace_id, ws.id);
    EXPECT_TRUE(token.id.starts_with("jwt:"));
    EXPECT_EQ(token.rps_limit, 5);
    EXPECT_TRUE(auth.allowsIn(token, ws.id, ScopeType::PipesRead, "top"));
    EXPECT_FALSE(auth.allows(token, ScopeType::PipesRead, "other"));
    EXPECT_TRUE(auth.allows(token, ScopeType::DatasourcesRead, "clicks_quarantine"));
    auto pipe_scope = auth.grantingScope(token, ScopeType::PipesRead, "top");
    ASSERT_TRUE(pipe_scope.has_value());
    EXPECT_EQ(pipe_scope->fixed_params_json, R"({"tenant":"acme"})");
    EXPECT_EQ(auth.grantingScope(token, ScopeType::DatasourcesRead, "clicks")->filter, "tenant = 'acme'");
    /// Second call answers from the cache with the same result.
    EXPECT_EQ(auth.authenticate(jwt).id, token.id);

    EXPECT_EQ(errorOf([&] { auth.createJwt(ws.id, "x", {{ScopeType::Admin, {}, {}, {}}}, now() + 60); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createJwt(ws.id, "x", {{ScopeType::PipesRead, {}, {}, {}}}, now() + 60); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createJwt(ws.id, "x", {}, now() - 1); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createJwt(ws.id, "x", {}, now() + 60, 0.0); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createJwt(ws.id, "x", {{ScopeType::PipesRead, "p", {}, "[1]"}}, now() + 60); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf([&] { auth.createJwt("nope", "x", {}, now() + 60); }), ErrorCode::UNKNOWN_WORKSPACE);
}

TEST_F(AuthServiceTest, ReadFiltersOfScopes)
{
    AuthService auth(path_);
    Workspace ws = auth.defaultWorkspace();
    using Filters = std::vector<std::pair<std::string, std::vector<std::string>>>;
    AccessToken token = auth.authenticate(auth.createJwt(ws.id, "f",
                                                         {{ScopeType::DatasourcesRead, "clicks", "tenant = 'acme'", {}},
                                                          {ScopeType::DatasourcesRead, "clicks", "tenant = 'beta'", {}},
                                                          {ScopeType::DatasourcesRead, "views", {}, {}},
                                                          {ScopeType::PipesRead, "top", {}, {}}},
                                                         now() + 3600));
    EXPECT_EQ(auth.readFilters(token), (Filters {{"clicks", {"tenant = 'acme'", "tenant = 'beta'"}},
                                                 {"clicks_quarantine", {"tenant = 'acme'", "tenant = 'beta'"}}}));
    /// An unfiltered scope on the same data source lifts the filter.
    AccessToken open = auth.authenticate(auth.createJwt(
        ws.id, "o", {{ScopeType::DatasourcesRead, "clicks", "tenant = 'acme'", {}}, {ScopeType::DatasourcesRead, "clicks", {}, {}}},
        now() + 3600));
    EXPECT_TRUE(auth.readFilters(open).empty());
    EXPECT_TRUE(auth.readFilters(auth.authenticate(ws.admin_token)).empty());
    /// filter only on DATASOURCES:READ.
    EXPECT_EQ(errorOf([&] { auth.createJwt(ws.id, "x", {{ScopeType::PipesRead, "top", "1", {}}}, now() + 60); }), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(errorOf(
                  [&] {
                      auth.createJwt(ws.id, "x", {{ScopeType::DatasourcesAppend, "clicks", "1", {}}}, now() + 60);
                  }),
              ErrorCode::BAD_ARGUMENTS);
}

TEST_F(AuthServiceTest, JwtExpiredForgedAndTampered)
{
    AuthService auth(path_);
    Workspace ws = auth.defaultWorkspace();
    JwtClaims claims;
    claims.workspace_id = ws.id;
    claims.name = "n";
    claims.exp = now() - 1;
    claims.scopes = {{ScopeType::PipesRead, "top", {}, {}}};
    EXPECT_EQ(errorOf([&] { auth.authenticate(JsonWebToken::sign(claims, ws.admin_token)); }), ErrorCode::TOKEN_EXPIRED);
    /// Expired and forged: the signature is checked first.
    EXPECT_EQ(errorOf([&] { auth.authenticate(JsonWebToken::sign(claims, "guess")); }), ErrorCode::AUTHENTICATION_FAILED);

    claims.exp = now() + 60;
    EXPECT_EQ(errorOf([&] { auth.authenticate(JsonWebToken::sign(claims, "guess")); }), ErrorCode::AUTHENTICATION_FAILED);
    std::string payload = std::string(R"({"workspace_id":")") + ws.id + R"(","name":"n","exp":)" + std::to_string(now() + 60) +
                          R"(,"scopes":[{"type":"PIPES:READ","resource":"top"}]})";
    std::string none = JsonWebToken::base64UrlEncode(R"({"alg":"none"})") + "." + JsonWebToken::base64UrlEncode(payload) + ".";
    EXPECT_EQ(errorOf([&] { auth.authenticate(none); }), ErrorCode::AUTHENTICATION_FAILED);

    std::string good = JsonWebToken::sign(claims, ws.admin_token);
    EXPECT_EQ(errorOf([&] { auth.authenticate(good); }), ErrorCode::OK);
    claims.scopes = {{ScopeType::PipesRead, "secret", {}, {}}};
    std::string other = JsonWebToken::sign(claims, "guess");
    std::string spliced = good.substr(0, good.find('.') + 1) + other.substr(other.find('.') + 1, other.rfind('.') - other.find('.') - 1) +
                          good.substr(good.rfind('.'));
    EXPECT_EQ(errorOf([&] { auth.authenticate(spliced); }), ErrorCode::AUTHENTICATION_FAILED);
}

TEST_F(AuthServiceTest, RefreshingAdminTokenInvalidatesJwts)
{
    AuthService auth(path_);
    Workspace ws = auth.defaultWorkspace();
    std::string jwt = auth.createJwt(ws.id, "n", {{ScopeType::PipesRead, "top", {}, {}}}, now() + 3600);
    EXPECT_EQ(errorOf([&] { auth.authenticate(jwt); }), ErrorCode::OK);
    AccessToken refreshed = auth.refreshToken(ws.id, "Workspace admin token");
    EXPECT_EQ(auth.defaultWorkspace().admin_token, refreshed.token);
    EXPECT_EQ(errorOf([&] { auth.authenticate(jwt); }), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(errorOf([&] { auth.authenticate(ws.admin_token); }), ErrorCode::AUTHENTICATION_FAILED);
    std::string fresh = auth.createJwt(ws.id, "n", {{ScopeType::PipesRead, "top", {}, {}}}, now() + 3600);
    EXPECT_EQ(errorOf([&] { auth.authenticate(fresh); }), ErrorCode::OK);
}

TEST_F(AuthServiceTest, JwtRateLimit)
{
    AuthService auth(path_);
    Workspace ws = auth.defaultWorkspace();
    AccessToken limited = auth.authenticate(auth.createJwt(ws.id, "a", {{ScopeType::PipesRead, "top", {}, {}}}, now() + 3600, 2));
    AccessToken other = auth.authenticate(auth.createJwt(ws.id, "b", {{ScopeType::PipesRead, "top", {}, {}}}, now() + 3600, 2));
    auto t = std::chrono::steady_clock::now();
    EXPECT_TRUE(auth.checkRateLimit(limited, t).allowed);
    EXPECT_TRUE(auth.checkRateLimit(limited, t).allowed);
    RateLimitDecision refused = auth.checkRateLimit(limited, t);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.limit, 2);
    EXPECT_EQ(refused.remaining, 0);
    EXPECT_GT(refused.retry_after_seconds, 0);
    EXPECT_TRUE(auth.checkRateLimit(other, t).allowed);
    EXPECT_TRUE(auth.checkRateLimit(limited, t + 600ms).allowed);

    AccessToken unlimited = auth.authenticate(ws.admin_token);
    for (int i = 0; i < 100; ++i)
        EXPECT_TRUE(auth.checkRateLimit(unlimited, t).allowed);
    EXPECT_EQ(auth.checkRateLimit(unlimited, t).limit, 0);
}

TEST_F(AuthServiceTest, SyncDatafileTokens)
{
    std::string ws;
    {
        AuthService auth(path_);
        ws = auth.defaultWorkspace().id;
        auto changes = auth.syncDatafileTokens(ws, {{"ingest", AuthService::parseScope("DATASOURCES:APPEND:clicks")},
                                                    {"dash", AuthService::parseScope("DATASOURCES:READ:clicks")},
                                                    {"dash", AuthService::parseScope("PIPES:READ:top")},
                                                    {"dash", AuthService::parseScope("PIPES:READ:top")}});
        ASSERT_EQ(changes.size(), 2u);
        EXPECT_EQ(changes[0].name, "ingest");
        EXPECT_EQ(changes[0].change, "created");
        EXPECT_EQ(changes[1].change, "created");
        AccessToken dash = *auth.findToken(ws, "dash");
        EXPECT_EQ(dash.origin, "datafile");
        EXPECT_EQ(dash.scopes.size(), 2u);

        changes = auth.syncDatafileTokens(
            ws, {{"dash", AuthService::parseScope("PIPES:READ:top")}, {"ingest", AuthService::parseScope("DATASOURCES:APPEND:clicks")}});
        ASSERT_EQ(changes.size(), 2u);
        EXPECT_EQ(changes[0].change, "updated");
        EXPECT_EQ(changes[1].change, "unchanged");
        EXPECT_EQ(auth.findToken(ws, "dash")->token, dash.token);
        EXPECT_FALSE(auth.allows(auth.authenticate(dash.token), ScopeType::DatasourcesRead, "clicks"));

        EXPECT_EQ(errorOf(
                      [&] {
                          auth.syncDatafileTokens(ws, {{"Workspace admin token", AuthService::parseScope("PIPES:READ:top")}});
                      }),
                  ErrorCode::BAD_ARGUMENTS);
        EXPECT_EQ(errorOf([&] { auth.syncDatafileTokens("nope", {}); }), ErrorCode::UNKNOWN_WORKSPACE);

        // Removing a token's last TOKEN line revokes it; tokens made through the API are not touched.
        AccessToken api = auth.createToken(ws, "api_made", {AuthService::parseScope("DATASOURCES:READ:clicks")});
        std::string ingest = auth.findToken(ws, "ingest")->token;
        changes = auth.syncDatafileTokens(ws, {{"dash", AuthService::parseScope("PIPES:READ:top")}});
        ASSERT_EQ(changes.size(), 2u);
        EXPECT_EQ(changes[1].name, "ingest");
        EXPECT_EQ(changes[1].change, "revoked");
        EXPECT_FALSE(auth.allows(auth.authenticate(ingest), ScopeType::DatasourcesAppend, "clicks"));
        EXPECT_TRUE(auth.allows(auth.authenticate(api.token), ScopeType::DatasourcesRead, "clicks"));
        EXPECT_EQ(auth.syncDatafileTokens(ws, {{"dash", AuthService::parseScope("PIPES:READ:top")}}).size(), 1u);
    }
    AuthService reopened(path_);
    AccessToken dash = *reopened.findToken(ws, "dash");
    ASSERT_EQ(dash.scopes.size(), 1u);
    EXPECT_EQ(dash.scopes[0].toString(), "PIPES:READ:top");
    EXPECT_TRUE(reopened.findToken(ws, "ingest")->scopes.empty());
}

TEST_F(AuthServiceTest, ConcurrentAuthenticateAndMutate)
{
    AuthService auth(path_);
    std::string ws = auth.defaultWorkspace().id;
    std::string admin = auth.defaultWorkspace().admin_token;
    std::string jwt = auth.createJwt(ws, "n", {{ScopeType::PipesRead, "top", {}, {}}}, now() + 3600);
    std::atomic<bool> failed {false};
    std::atomic<bool> stop {false};
    std::vector<std::thread> readers;
    for (int i = 0; i < 4; ++i)
        readers.emplace_back(
            [&]
            {
                while (!stop)
                {
                    try
                    {
                        if (auth.authenticate(admin).workspace_id != ws || !auth.authenticate(jwt).is_jwt)
                            failed = true;
                    }
                    catch (...)
                    {
                        failed = true;
                    }
                }
            });
    for (int i = 0; i < 30; ++i)
    {
        auth.createToken(ws, "t" + std::to_string(i), {AuthService::parseScope("PIPES:READ:top")});
        auth.refreshToken(ws, "t" + std::to_string(i));
        if (i % 2)
            auth.deleteToken(ws, "t" + std::to_string(i));
    }
    stop = true;
    for (auto & reader : readers)
        reader.join();
    EXPECT_FALSE(failed);
    EXPECT_EQ(auth.listTokens(ws).size(), 2u + 15u);
}

TEST_F(AuthServiceTest, CorruptStoreIsAnError)
{
    {
        std::ofstream file(path_);
        file << "this is not a sqlite database, not at all, definitely not";
    }
    EXPECT_EQ(errorOf([&] { AuthService auth(path_); }), ErrorCode::METADATA_STORE_ERROR);
    EXPECT_EQ(errorOf([&] { AuthService auth((directory_ / "missing" / "dir" / "metadata.sqlite").string()); }),
              ErrorCode::METADATA_STORE_ERROR);
}

TEST_F(AuthServiceTest, StoreFileIsPrivate)
{
    AuthService auth(path_);
    auto permissions = std::filesystem::status(path_).permissions();
    EXPECT_EQ(permissions & (std::filesystem::perms::group_all | std::filesystem::perms::others_all), std::filesystem::perms::none);
}
