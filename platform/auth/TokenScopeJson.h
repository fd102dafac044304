#pragma once

#include "engine/base/ErrorCodes.h"
#include "platform/auth/AccessToken.h"

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// JSON form of token scopes, shared by the metadata store, JWT payloads and the Tokens API:
/// `[{"type": "PIPES:READ", "resource": "top", "filter": "...", "fixed_params": {...}}]`.
class TokenScopeJson
{
public:
    /// Appends `value` as a JSON string literal (quotes included, control characters escaped; bytes >= 0x80 copied).
    static void appendString(std::string & out, std::string_view value);

    /// Appends one scope object. `resource` and `filter` always present (empty strings when unset) for the API shape;
    /// `fixed_params` only when `with_fixed_params` and the scope has some.
    static void appendScope(std::string & out, const TokenScope & scope, bool with_fixed_params);

    static std::string toJson(const std::vector<TokenScope> & scopes, bool with_fixed_params);

    /// Parses one scope object. Throws Exception(error_code) for a missing/unknown `type`, wrong member types, or a
    /// missing resource on a type that needs one. `fixed_params` must be an object (kept as minified text).
    static TokenScope parseScope(simdjson::dom::element element, ErrorCode error_code);

    /// Parses an array of scope objects.
    static std::vector<TokenScope> parseScopes(simdjson::dom::element element, ErrorCode error_code);

    /// Parses JSON text holding an array of scope objects.
    static std::vector<TokenScope> parseScopes(std::string_view json_text, ErrorCode error_code);
};

} // namespace pipit
