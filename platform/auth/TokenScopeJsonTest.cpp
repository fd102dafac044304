#include "platform/auth/TokenScopeJson.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

ErrorCode parseError(std::string_view json)
{
    try
    {
        TokenScopeJson::parseScopes(json, ErrorCode::BAD_ARGUMENTS);
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

TEST(TokenScopeJson, RoundTripWithHostileText)
{
    std::vector<TokenScope> scopes = {
        {ScopeType::DatasourcesRead, "clicks", "tenant = 'a\"b\\\\c'\n\t\x01", {}},
        {ScopeType::PipesRead, "top", {}, R"({"tenant":"acme","ids":[1,2]})"},
        {ScopeType::Admin, {}, {}, {}},
    };
    std::string json = TokenScopeJson::toJson(scopes, true);
    EXPECT_NE(json.find("\\u0001"), std::string::npos);
    EXPECT_EQ(TokenScopeJson::parseScopes(json, ErrorCode::BAD_ARGUMENTS), scopes);

    /// The API form leaves fixed_params out.
    std::string api = TokenScopeJson::toJson(scopes, false);
    EXPECT_EQ(api.find("fixed_params"), std::string::npos);
    EXPECT_EQ(TokenScopeJson::toJson({{ScopeType::PipesRead, "top", {}, {}}}, false),
              R"([{"type":"PIPES:READ","resource":"top","filter":""}])");
}

TEST(TokenScopeJson, Errors)
{
    EXPECT_EQ(parseError("[]"), ErrorCode::OK);
    EXPECT_EQ(parseError(R"([{"type":"PIPES:READ","resource":"p","fixed_params":{}}])"), ErrorCode::OK);
    EXPECT_EQ(parseError(R"([{"type":"PIPES:READ","resource":null}])"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("{}"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("[1]"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("[{}]"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError(R"([{"type":"NOPE"}])"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError(R"([{"type":"ADMIN","resource":"x"}])"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError(R"([{"type":"PIPES:READ","resource":5}])"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError(R"([{"type":"PIPES:READ","resource":"p","fixed_params":[1]}])"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError("[{"), ErrorCode::BAD_ARGUMENTS);
    EXPECT_EQ(parseError(""), ErrorCode::BAD_ARGUMENTS);
}
