#include "platform/auth/JsonWebToken.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

using namespace pipit;

namespace
{

const std::string key = "p.secret-admin-token";
const std::string workspace_id = "7f0a2a39-1111-4222-8333-444455556666";

std::optional<std::string> keyFor(std::string_view id)
{
    if (id == workspace_id)
        return key;
    return std::nullopt;
}

JwtClaims sampleClaims()
{
    JwtClaims claims;
    claims.workspace_id = workspace_id;
    claims.name = "dashboard \"acme\"";
    claims.exp = 4102444800; // 2100-01-01
    claims.iat = 1700000000;
    claims.scopes.push_back({ScopeType::PipesRead, "top_paths", {}, R"({"tenant":"acme"})"});
    claims.scopes.push_back({ScopeType::DatasourcesRead, "clicks", "tenant = 'acme'", {}});
    claims.rps_limit = 10;
    return claims;
}

ErrorCode verifyError(std::string_view token)
{
    try
    {
        JsonWebToken::verify(token, keyFor);
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

std::string payloadWith(std::string_view extra)
{
    return std::string(R"({"workspace_id":")") + workspace_id +
           R"(","name":"n","exp":4102444800,"scopes":[{"type":"PIPES:READ","resource":"p"}])" + std::string(extra) + "}";
}

} // namespace

TEST(JsonWebToken, Base64UrlRoundTrip)
{
    for (std::string value :
         {std::string(), std::string("f"), std::string("fo"), std::string("foo"), std::string("foob"), std::string("\xff\xfe\x00\x01", 4)})
    {
        std::string encoded = JsonWebToken::base64UrlEncode(value);
        EXPECT_EQ(encoded.find('='), std::string::npos);
        auto decoded = JsonWebToken::base64UrlDecode(encoded);
        ASSERT_TRUE(decoded.has_value());
        EXPECT_EQ(*decoded, value);
    }
    EXPECT_EQ(JsonWebToken::base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(JsonWebToken, Base64UrlRejectsBadInput)
{
    EXPECT_FALSE(JsonWebToken::base64UrlDecode("abc=").has_value());
    EXPECT_FALSE(JsonWebToken::base64UrlDecode("ab+c").has_value());
    EXPECT_FALSE(JsonWebToken::base64UrlDecode("a").has_value());
    EXPECT_FALSE(JsonWebToken::base64UrlDecode("ab c").has_value());
    EXPECT_FALSE(JsonWebToken::base64UrlDecode("Zm9=").has_value());
    /// Non-canonical trailing bits ("Zh" and "Zg" would both decode to "f").
    EXPECT_FALSE(JsonWebToken::base64UrlDecode("Zh").has_value());
    EXPECT_TRUE(JsonWebToken::base64UrlDecode("Zg").has_value());
}

TEST(JsonWebToken, HmacMatchesRfc4231)
{
    /// RFC 4231 test case 2.
    std::string mac = JsonWebToken::hmacSha256("Jefe", "what do ya want for nothing?");
    EXPECT_EQ(JsonWebToken::base64UrlEncode(mac), "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM" /* 5bdcc146...64ec3843 */);
}

TEST(JsonWebToken, KnownTokenFromAnotherImplementation)
{
    /// Built with Python's hmac/hashlib/base64 (urlsafe, unpadded) over the same header and payload.
    std::string expected =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ3b3Jrc3BhY2VfaWQiOiI3ZjBhMmEzOS0xMTExLTQyMjItODMzMy00NDQ0NTU1NTY2NjYiLCJuYW1l"
        "IjoibiIsImV4cCI6NDEwMjQ0NDgwMCwic2NvcGVzIjpbeyJ0eXBlIjoiUElQRVM6UkVBRCIsInJlc291cmNlIjoicCJ9XX0."
        "eJencOl9_D_9d05weZ5K7sHUAHEsJhgba2bbeCkFF7c";
    EXPECT_EQ(JsonWebToken::signRaw(R"({"alg":"HS256","typ":"JWT"})", payloadWith(""), key), expected);
    JwtClaims claims = JsonWebToken::verify(expected, keyFor);
    EXPECT_EQ(claims.name, "n");
    EXPECT_EQ(claims.exp, 4102444800);
    ASSERT_EQ(claims.scopes.size(), 1u);
    EXPECT_EQ(claims.scopes[0].type, ScopeType::PipesRead);
    EXPECT_EQ(claims.scopes[0].resource, "p");
}

TEST(JsonWebToken, SignVerifyRoundTrip)
{
    JwtClaims claims = sampleClaims();
    std::string token = JsonWebToken::sign(claims, key);
    EXPECT_TRUE(JsonWebToken::looksLikeJwt(token));
    JwtClaims verified = JsonWebToken::verify(token, keyFor);
    EXPECT_EQ(verified.workspace_id, claims.workspace_id);
    EXPECT_EQ(verified.name, claims.name);
    EXPECT_EQ(verified.exp, claims.exp);
    EXPECT_EQ(verified.iat, claims.iat);
    EXPECT_EQ(verified.rps_limit, claims.rps_limit);
    ASSERT_EQ(verified.scopes.size(), 2u);
    EXPECT_EQ(verified.scopes[0], claims.scopes[0]);
    EXPECT_EQ(verified.scopes[1], claims.scopes[1]);
}

TEST(JsonWebToken, ForgedSignature)
{
    std::string token = JsonWebToken::sign(sampleClaims(), "some other key");
    EXPECT_EQ(verifyError(token), ErrorCode::AUTHENTICATION_FAILED);

    std::string good = JsonWebToken::sign(sampleClaims(), key);
    std::string flipped = good;
    flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(verifyError(flipped), ErrorCode::AUTHENTICATION_FAILED);

    std::string truncated = good.substr(0, good.size() - 4);
    EXPECT_EQ(verifyError(truncated), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(good), ErrorCode::OK);
}

TEST(JsonWebToken, TamperedPayload)
{
    std::string good = JsonWebToken::sign(sampleClaims(), key);
    size_t first = good.find('.');
    size_t second = good.find('.', first + 1);
    JwtClaims escalated = sampleClaims();
    escalated.scopes = {{ScopeType::DatasourcesRead, "secrets", {}, {}}};
    std::string other = JsonWebToken::sign(escalated, key);
    size_t other_first = other.find('.');
    size_t other_second = other.find('.', other_first + 1);
    std::string spliced = good.substr(0, first + 1) + other.substr(other_first + 1, other_second - other_first - 1) + good.substr(second);
    EXPECT_EQ(verifyError(spliced), ErrorCode::AUTHENTICATION_FAILED);
}

TEST(JsonWebToken, RejectsOtherAlgorithms)
{
    std::string payload = payloadWith("");
    /// alg none with an empty signature, and with a signature made with the key anyway.
    std::string none = JsonWebToken::base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." + JsonWebToken::base64UrlEncode(payload) + ".";
    EXPECT_EQ(verifyError(none), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(R"({"alg":"none"})", payload, key)), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(R"({"alg":"HS512"})", payload, key)), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(R"({"alg":"hs256"})", payload, key)), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(R"({"typ":"JWT"})", payload, key)), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(R"({"alg":"HS256"})", payload, key)), ErrorCode::OK);
}

TEST(JsonWebToken, RejectsMalformedStructure)
{
    EXPECT_EQ(verifyError(""), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError("a.b"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError("a.b.c.d"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError("..."), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError("a+b.c.d"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(std::string(JsonWebToken::max_token_size + 1, 'a')), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw("not json", payloadWith(""), key)), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(R"({"alg":"HS256"})", "[1,2]", key)), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(R"({"alg":"HS256"})", "{\"workspace_id\":", key)), ErrorCode::AUTHENTICATION_FAILED);
}

TEST(JsonWebToken, RequiredClaims)
{
    std::string header = R"({"alg":"HS256"})";
    auto error = [&](const std::string & payload)
    {
        return verifyError(JsonWebToken::signRaw(header, payload, key));
    };
    std::string ws = std::string(R"("workspace_id":")") + workspace_id + "\"";
    std::string scopes = R"("scopes":[{"type":"PIPES:READ","resource":"p"}])";
    EXPECT_EQ(error("{" + ws + R"(,"name":"n","exp":4102444800,)" + scopes + "}"), ErrorCode::OK);
    EXPECT_EQ(error(R"({"name":"n","exp":4102444800,)" + scopes + "}"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error("{" + ws + R"(,"exp":4102444800,)" + scopes + "}"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error("{" + ws + R"(,"name":"n",)" + scopes + "}"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error("{" + ws + R"(,"name":"n","exp":4102444800})"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error("{" + ws + R"(,"name":"n","exp":"soon",)" + scopes + "}"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error("{" + ws + R"(,"name":7,"exp":4102444800,)" + scopes + "}"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error("{" + ws + R"(,"name":"n","exp":4102444800,"scopes":{}})"), ErrorCode::AUTHENTICATION_FAILED);
    /// Unknown workspace: no key to check the signature with.
    EXPECT_EQ(error(R"({"workspace_id":"other","name":"n","exp":4102444800,)" + scopes + "}"), ErrorCode::AUTHENTICATION_FAILED);
}

TEST(JsonWebToken, ScopeRules)
{
    std::string header = R"({"alg":"HS256"})";
    auto error = [&](const std::string & scopes)
    {
        return verifyError(JsonWebToken::signRaw(
            header,
            payloadWith("").replace(payloadWith("").find("\"scopes\""),
                                    std::string(R"("scopes":[{"type":"PIPES:READ","resource":"p"}])").size(), "\"scopes\":" + scopes),
            key));
    };
    EXPECT_EQ(error("[]"), ErrorCode::OK);
    EXPECT_EQ(error(R"([{"type":"DATASOURCES:APPEND","resource":"events"}])"), ErrorCode::OK);
    EXPECT_EQ(error(R"([{"type":"ADMIN"}])"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error(R"([{"type":"TOKENS"}])"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error(R"([{"type":"PIPES:READ"}])"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error(R"([{"type":"PIPES:WRITE","resource":"p"}])"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error(R"([{"type":"PIPES:READ","resource":"p","fixed_params":"tenant=1"}])"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error(R"([{"type":"PIPES:READ","resource":"p","filter":1}])"), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(error(R"(["PIPES:READ:p"])"), ErrorCode::AUTHENTICATION_FAILED);
}

TEST(JsonWebToken, Limits)
{
    std::string header = R"({"alg":"HS256"})";
    auto verify = [&](std::string_view extra)
    {
        return JsonWebToken::verify(JsonWebToken::signRaw(header, payloadWith(extra), key), keyFor);
    };
    EXPECT_EQ(verify(R"(,"limits":{"rps":2.5})").rps_limit, 2.5);
    EXPECT_FALSE(verify(R"(,"limits":{})").rps_limit.has_value());
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(header, payloadWith(R"(,"limits":{"rps":0})"), key)), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(header, payloadWith(R"(,"limits":{"rps":-1})"), key)), ErrorCode::AUTHENTICATION_FAILED);
    EXPECT_EQ(verifyError(JsonWebToken::signRaw(header, payloadWith(R"(,"limits":5)"), key)), ErrorCode::AUTHENTICATION_FAILED);
    /// exp as a float (some libraries) is floored.
    JwtClaims claims = JsonWebToken::verify(
        JsonWebToken::signRaw(header,
                              std::string(R"({"workspace_id":")") + workspace_id + R"(","name":"n","exp":4102444800.7,"scopes":[]})", key),
        keyFor);
    EXPECT_EQ(claims.exp, 4102444800);
}

TEST(JsonWebToken, EveryByteMutationIsRejected)
{
    std::string good = JsonWebToken::sign(sampleClaims(), key);
    const std::string replacements = "A_-.=+/ \x01\xff";
    size_t accepted = 0;
    for (size_t i = 0; i < good.size(); ++i)
        for (char replacement : replacements)
        {
            if (good[i] == replacement)
                continue;
            std::string mutated = good;
            mutated[i] = replacement;
            ErrorCode code = verifyError(mutated);
            if (code == ErrorCode::OK)
                ++accepted;
            else
                EXPECT_EQ(code, ErrorCode::AUTHENTICATION_FAILED);
        }
    /// Only a change of the last signature character's unused low bits could decode to the same bytes, and the
    /// decoder rejects those non-canonical forms.
    EXPECT_EQ(accepted, 0u);
    for (size_t cut = 0; cut < good.size(); ++cut)
        EXPECT_EQ(verifyError(good.substr(0, cut)), ErrorCode::AUTHENTICATION_FAILED) << cut;
}
