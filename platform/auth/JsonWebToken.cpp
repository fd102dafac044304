#include "platform/auth/JsonWebToken.h"

#include "engine/base/Exception.h"
#include "platform/auth/TokenScopeJson.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cmath>
#include <cstdio>

namespace pipit
{

namespace
{

constexpr std::string_view base64url_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<int8_t, 256> makeDecodeTable()
{
    std::array<int8_t, 256> table {};
    for (auto & value : table)
        value = -1;
    for (size_t i = 0; i < base64url_alphabet.size(); ++i)
        table[static_cast<unsigned char>(base64url_alphabet[i])] = static_cast<int8_t>(i);
    return table;
}

constexpr std::array<int8_t, 256> decode_table = makeDecodeTable();

[[noreturn]] void fail(const std::string & message)
{
    throw Exception(ErrorCode::AUTHENTICATION_FAILED, "Invalid token: " + message);
}

std::optional<int64_t> readInteger(simdjson::dom::element element)
{
    int64_t signed_value;
    if (!element.get_int64().get(signed_value))
        return signed_value;
    double double_value;
    if (!element.get_double().get(double_value) && std::isfinite(double_value) && std::fabs(double_value) < 9.0e18)
        return static_cast<int64_t>(std::floor(double_value));
    return std::nullopt;
}

void appendNumber(std::string & out, double value)
{
    if (value == std::floor(value) && std::fabs(value) < 9.0e15)
    {
        out += std::to_string(static_cast<int64_t>(value));
        return;
    }
    char buffer[32];
    int size = std::snprintf(buffer, sizeof(buffer), "%.17g", value);
    out.append(buffer, static_cast<size_t>(size));
}

} // namespace

std::string JsonWebToken::base64UrlEncode(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    auto at = [&](size_t index)
    {
        return static_cast<uint32_t>(static_cast<unsigned char>(bytes[index]));
    };
    for (; i + 3 <= bytes.size(); i += 3)
    {
        uint32_t triple = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
        out += base64url_alphabet[(triple >> 18) & 63];
        out += base64url_alphabet[(triple >> 12) & 63];
        out += base64url_alphabet[(triple >> 6) & 63];
        out += base64url_alphabet[triple & 63];
    }
    size_t rest = bytes.size() - i;
    if (rest == 1)
    {
        uint32_t triple = at(i) << 16;
        out += base64url_alphabet[(triple >> 18) & 63];
        out += base64url_alphabet[(triple >> 12) & 63];
    }
    else if (rest == 2)
    {
        uint32_t triple = (at(i) << 16) | (at(i + 1) << 8);
        out += base64url_alphabet[(triple >> 18) & 63];
        out += base64url_alphabet[(triple >> 12) & 63];
        out += base64url_alphabet[(triple >> 6) & 63];
    }
    return out;
}

std::optional<std::string> JsonWebToken::base64UrlDecode(std::string_view text)
{
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3 + 2);
    uint32_t accumulator = 0;
    int bits = 0;
    for (char c : text)
    {
        int8_t value = decode_table[static_cast<unsigned char>(c)];
        if (value < 0)
            return std::nullopt;
        accumulator = (accumulator << 6) | static_cast<uint32_t>(value);
        bits += 6;
        if (bits >= 8)
        {
            bits -= 8;
            out += static_cast<char>((accumulator >> bits) & 0xFF);
        }
    }
    /// Leftover bits must be zero, so every byte string has exactly one encoding.
    if (bits > 0 && (accumulator & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

std::string JsonWebToken::hmacSha256(std::string_view key, std::string_view message)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char *>(message.data()),
              message.size(), digest, &digest_size))
        throw Exception(ErrorCode::LOGICAL_ERROR, "HMAC-SHA256 failed");
    return std::string(reinterpret_cast<const char *>(digest), digest_size);
}

bool JsonWebToken::looksLikeJwt(std::string_view token)
{
    size_t parts = 1;
    size_t part_size = 0;
    for (char c : token)
    {
        if (c == '.')
        {
            if (part_size == 0)
                return false;
            ++parts;
            part_size = 0;
        }
        else if (decode_table[static_cast<unsigned char>(c)] < 0)
            return false;
        else
            ++part_size;
    }
    return parts == 3 && part_size > 0;
}

std::string JsonWebToken::signRaw(std::string_view header_json, std::string_view payload_json, std::string_view key)
{
    std::string token = base64UrlEncode(header_json);
    token += '.';
    token += base64UrlEncode(payload_json);
    std::string signature = hmacSha256(key, token);
    token += '.';
    token += base64UrlEncode(signature);
    return token;
}

std::string JsonWebToken::sign(const JwtClaims & claims, std::string_view key)
{
    std::string payload = "{\"workspace_id\":";
    TokenScopeJson::appendString(payload, claims.workspace_id);
    payload += ",\"name\":";
    TokenScopeJson::appendString(payload, claims.name);
    payload += ",\"exp\":";
    payload += std::to_string(claims.exp);
    if (claims.iat)
    {
        payload += ",\"iat\":";
        payload += std::to_string(*claims.iat);
    }
    payload += ",\"scopes\":[";
    for (size_t i = 0; i < claims.scopes.size(); ++i)
    {
        const TokenScope & scope = claims.scopes[i];
        if (i)
            payload += ',';
        payload += "{\"type\":";
        TokenScopeJson::appendString(payload, scopeTypeName(scope.type));
        payload += ",\"resource\":";
        TokenScopeJson::appendString(payload, scope.resource);
        if (!scope.filter.empty())
        {
            payload += ",\"filter\":";
            TokenScopeJson::appendString(payload, scope.filter);
        }
        if (!scope.fixed_params_json.empty())
        {
            payload += ",\"fixed_params\":";
            payload += scope.fixed_params_json;
        }
        payload += '}';
    }
    payload += ']';
    if (claims.rps_limit)
    {
        payload += ",\"limits\":{\"rps\":";
        appendNumber(payload, *claims.rps_limit);
        payload += '}';
    }
    payload += '}';
    return signRaw(R"({"alg":"HS256","typ":"JWT"})", payload, key);
}

JwtClaims JsonWebToken::verify(std::string_view token,
                               const std::function<std::optional<std::string>(std::string_view)> & key_for_workspace)
{
    if (token.size() > max_token_size)
        fail("too long");
    if (!looksLikeJwt(token))
        fail("not a JWT");
    size_t first_dot = token.find('.');
    size_t second_dot = token.find('.', first_dot + 1);
    std::string_view header_part = token.substr(0, first_dot);
    std::string_view payload_part = token.substr(first_dot + 1, second_dot - first_dot - 1);
    std::string_view signature_part = token.substr(second_dot + 1);

    auto header_json = base64UrlDecode(header_part);
    auto payload_json = base64UrlDecode(payload_part);
    auto signature = base64UrlDecode(signature_part);
    if (!header_json || !payload_json || !signature)
        fail("bad base64url encoding");

    simdjson::dom::parser parser;
    simdjson::dom::element header;
    if (parser.parse(*header_json).get(header) || !header.is_object())
        fail("JWT header is not a JSON object");
    std::string_view alg;
    if (header["alg"].get_string().get(alg) || alg != "HS256")
        fail("JWT algorithm must be HS256");

    /// The payload is parsed before the signature is checked only to find the workspace whose key signs it.
    simdjson::dom::parser payload_parser;
    simdjson::dom::element payload;
    if (payload_parser.parse(*payload_json).get(payload) || !payload.is_object())
        fail("JWT payload is not a JSON object");

    JwtClaims claims;
    std::string_view workspace_id;
    if (payload["workspace_id"].get_string().get(workspace_id) || workspace_id.empty())
        fail("JWT claim 'workspace_id' is missing");
    claims.workspace_id = workspace_id;

    auto key = key_for_workspace(claims.workspace_id);
    if (!key)
        fail("unknown workspace");
    std::string expected_signature = hmacSha256(*key, token.substr(0, second_dot));
    if (signature->size() != expected_signature.size() ||
        CRYPTO_memcmp(signature->data(), expected_signature.data(), expected_signature.size()) != 0)
        fail("bad signature");

    std::string_view name;
    if (payload["name"].get_string().get(name))
        fail("JWT claim 'name' is missing");
    claims.name = name;

    simdjson::dom::element member;
    if (payload["exp"].get(member))
        fail("JWT claim 'exp' is missing");
    auto exp = readInteger(member);
    if (!exp)
        fail("JWT claim 'exp' must be a number");
    claims.exp = *exp;

    if (!payload["iat"].get(member) && !member.is_null())
    {
        auto iat = readInteger(member);
        if (!iat)
            fail("JWT claim 'iat' must be a number");
        claims.iat = *iat;
    }

    if (payload["scopes"].get(member))
        fail("JWT claim 'scopes' is missing");
    try
    {
        claims.scopes = TokenScopeJson::parseScopes(member, ErrorCode::AUTHENTICATION_FAILED);
    }
    catch (const Exception & e)
    {
        fail(e.message());
    }
    for (const TokenScope & scope : claims.scopes)
        if (scope.type != ScopeType::PipesRead && scope.type != ScopeType::DatasourcesRead && scope.type != ScopeType::DatasourcesAppend)
        {
            fail("JWT scope type '" + std::string(scopeTypeName(scope.type)) + "' is not allowed");
        }
        else if (!scope.filter.empty() && scope.type != ScopeType::DatasourcesRead)
            fail("JWT scope " + scope.toString() + ": 'filter' is supported on DATASOURCES:READ scopes only");

    if (!payload["limits"].get(member) && !member.is_null())
    {
        if (!member.is_object())
            fail("JWT claim 'limits' must be an object");
        simdjson::dom::element rps;
        if (!member["rps"].get(rps) && !rps.is_null())
        {
            double value;
            if (rps.get_double().get(value) || !std::isfinite(value) || value <= 0)
                fail("JWT claim 'limits.rps' must be a positive number");
            claims.rps_limit = value;
        }
    }
    return claims;
}

} // namespace pipit
