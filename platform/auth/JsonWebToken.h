#pragma once

#include "platform/auth/AccessToken.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// Claims of a Tinybird JWT (tinybird.md §3.7).
struct JwtClaims
{
    std::string workspace_id;
    std::string name;
    int64_t exp = 0;
    std::optional<int64_t> iat;
    std::vector<TokenScope> scopes;
    std::optional<double> rps_limit; /// limits.rps
};

/// HS256 JSON Web Tokens: `base64url(header).base64url(payload).base64url(HMAC-SHA256)`.
/// Only alg HS256 is accepted; the signature is compared in constant time.
class JsonWebToken
{
public:
    /// Longest token accepted by verify (bytes); longer input fails without being parsed.
    static constexpr size_t max_token_size = 16384;

    /// Encodes and signs `claims` with `key`.
    static std::string sign(const JwtClaims & claims, std::string_view key);

    /// Signs an arbitrary header and payload (JSON texts) with `key`; tests use it to build hostile tokens.
    static std::string signRaw(std::string_view header_json, std::string_view payload_json, std::string_view key);

    /// Checks structure, header (alg HS256), claims and the signature with the key `key_for_workspace` returns for
    /// the token's workspace_id (nullopt = unknown workspace). Expiry is NOT checked (the caller compares exp with
    /// its clock). Throws AUTHENTICATION_FAILED for anything wrong.
    static JwtClaims verify(std::string_view token, const std::function<std::optional<std::string>(std::string_view)> & key_for_workspace);

    /// Three non-empty dot-separated parts of base64url characters.
    static bool looksLikeJwt(std::string_view token);

    static std::string base64UrlEncode(std::string_view bytes);
    /// Strict: only [A-Za-z0-9_-], no padding, no impossible lengths. nullopt on bad input.
    static std::optional<std::string> base64UrlDecode(std::string_view text);

    static std::string hmacSha256(std::string_view key, std::string_view message);
};

} // namespace pipit
