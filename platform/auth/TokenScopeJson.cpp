#include "platform/auth/TokenScopeJson.h"

#include "engine/base/Exception.h"

namespace pipit
{

void TokenScopeJson::appendString(std::string & out, std::string_view value)
{
    static constexpr char hex_digits[] = "0123456789abcdef";
    out += '"';
    for (char c : value)
    {
        auto byte = static_cast<unsigned char>(c);
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (byte < 0x20)
            {
                out += "\\u00";
                out += hex_digits[byte >> 4];
                out += hex_digits[byte & 0xF];
            }
            else
                out += c;
        }
    }
    out += '"';
}

void TokenScopeJson::appendScope(std::string & out, const TokenScope & scope, bool with_fixed_params)
{
    out += "{\"type\":";
    appendString(out, scopeTypeName(scope.type));
    out += ",\"resource\":";
    appendString(out, scope.resource);
    out += ",\"filter\":";
    appendString(out, scope.filter);
    if (with_fixed_params && !scope.fixed_params_json.empty())
    {
        out += ",\"fixed_params\":";
        out += scope.fixed_params_json;
    }
    out += '}';
}

std::string TokenScopeJson::toJson(const std::vector<TokenScope> & scopes, bool with_fixed_params)
{
    std::string out = "[";
    for (size_t i = 0; i < scopes.size(); ++i)
    {
        if (i)
            out += ',';
        appendScope(out, scopes[i], with_fixed_params);
    }
    out += ']';
    return out;
}

TokenScope TokenScopeJson::parseScope(simdjson::dom::element element, ErrorCode error_code)
{
    simdjson::dom::object object;
    if (element.get_object().get(object))
        throw Exception(error_code, "Invalid scope: expected a JSON object");

    TokenScope scope;
    std::string_view type_name;
    if (object["type"].get_string().get(type_name))
        throw Exception(error_code, "Invalid scope: missing string member 'type'");
    auto type = scopeTypeFromName(type_name);
    if (!type)
        throw Exception(error_code, "Invalid scope type '" + std::string(type_name) + "'");
    scope.type = *type;

    simdjson::dom::element member;
    if (!object["resource"].get(member) && !member.is_null())
    {
        std::string_view resource;
        if (member.get_string().get(resource))
            throw Exception(error_code, "Invalid scope: 'resource' must be a string");
        scope.resource = resource;
    }
    if (!object["filter"].get(member) && !member.is_null())
    {
        std::string_view filter;
        if (member.get_string().get(filter))
            throw Exception(error_code, "Invalid scope: 'filter' must be a string");
        scope.filter = filter;
    }
    if (!object["fixed_params"].get(member) && !member.is_null())
    {
        if (!member.is_object())
            throw Exception(error_code, "Invalid scope: 'fixed_params' must be an object");
        if (simdjson::dom::object params = member.get_object().value_unsafe(); params.size() > 0)
            scope.fixed_params_json = simdjson::minify(member);
    }

    if (scopeTypeHasResource(scope.type) && scope.resource.empty())
        throw Exception(error_code, "Invalid scope: '" + std::string(type_name) + "' needs a resource");
    if (!scopeTypeHasResource(scope.type) && !scope.resource.empty())
        throw Exception(error_code, "Invalid scope: '" + std::string(type_name) + "' takes no resource");
    return scope;
}

std::vector<TokenScope> TokenScopeJson::parseScopes(simdjson::dom::element element, ErrorCode error_code)
{
    simdjson::dom::array array;
    if (element.get_array().get(array))
        throw Exception(error_code, "Invalid scopes: expected a JSON array");
    std::vector<TokenScope> scopes;
    for (simdjson::dom::element item : array)
        scopes.push_back(parseScope(item, error_code));
    return scopes;
}

std::vector<TokenScope> TokenScopeJson::parseScopes(std::string_view json_text, ErrorCode error_code)
{
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json_text);
    simdjson::dom::element root;
    if (parser.parse(padded).get(root))
        throw Exception(error_code, "Invalid scopes: not valid JSON");
    return parseScopes(root, error_code);
}

} // namespace pipit
