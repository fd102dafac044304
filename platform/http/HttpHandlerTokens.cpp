#include "platform/http/HttpHandlerTokens.h"

#include "engine/base/Exception.h"
#include "platform/auth/AuthService.h"
#include "platform/auth/TokenScopeJson.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/JsonWriter.h"
#include "platform/http/PlatformContext.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <memory>

namespace pipit
{

namespace
{

void writeToken(JsonWriter & writer, const AccessToken & token)
{
    writer.startObject();
    writer.field("id", token.id);
    writer.field("name", token.name);
    writer.field("token", token.token);
    writer.field("description", token.description);
    writer.key("scopes");
    writer.raw(AuthService::scopesToJson(token.scopes));
    writer.key("origin");
    writer.startObject();
    writer.field("type", token.origin.empty() ? std::string("C") : token.origin);
    writer.endObject();
    writer.endObject();
}

std::string tokenJson(const AccessToken & token)
{
    JsonWriter writer;
    writeToken(writer, token);
    return writer.take();
}

/// Every `scope` value from the query string and from a form-encoded body, parsed.
std::vector<TokenScope> scopesFromParams(const HttpRequest & request, bool & any_given)
{
    std::vector<TokenScope> scopes;
    any_given = false;
    for (std::string_view value : request.params("scope"))
    {
        any_given = true;
        scopes.push_back(AuthService::parseScope(value));
    }
    if (request.isFormBody())
        for (const auto & [name, value] : request.formParams())
            if (name == "scope")
            {
                any_given = true;
                scopes.push_back(AuthService::parseScope(value));
            }
    return scopes;
}

int64_t parseExpiration(std::string_view text)
{
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size())
        return value;
    double number = 0;
    auto [double_end, double_error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (double_error == std::errc() && double_end == text.data() + text.size() && std::isfinite(number) && std::fabs(number) < 9.0e18)
        return static_cast<int64_t>(std::floor(number));
    throw Exception(ErrorCode::BAD_ARGUMENTS, "expiration_time must be a unix timestamp in seconds, got '" + std::string(text) + "'");
}

bool isJsonBody(const HttpRequest & request)
{
    if (request.mediaType() == "application/json")
        return true;
    if (request.isFormBody())
        return false;
    for (char c : request.body)
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return c == '{';
    return false;
}

void createFromJson(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    AuthService & auth = context.platform().auth();
    const std::string & workspace_id = context.workspace().id;

    simdjson::dom::parser parser;
    simdjson::dom::element body = request.jsonBody(parser);
    if (!body.is_object())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "The request body must be a JSON object");

    std::string name;
    if (auto param = request.param("name"))
        name = *param;
    std::string_view body_name;
    if (!body["name"].get_string().get(body_name))
        name = body_name;
    if (name.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "name is required");

    std::optional<int64_t> expiration;
    if (auto param = request.param("expiration_time"))
        expiration = parseExpiration(*param);
    simdjson::dom::element member;
    if (!expiration && !body["expiration_time"].get(member) && !member.is_null())
    {
        int64_t value;
        double number;
        if (!member.get_int64().get(value))
            expiration = value;
        else if (!member.get_double().get(number) && std::isfinite(number) && std::fabs(number) < 9.0e18)
            expiration = static_cast<int64_t>(std::floor(number));
        else
            throw Exception(ErrorCode::BAD_ARGUMENTS, "expiration_time must be a unix timestamp in seconds");
    }

    /// `scope: ["PIPES:READ:x", ...]` without an expiration: a static token.
    simdjson::dom::array scope_strings;
    if (!expiration && !body["scope"].get_array().get(scope_strings))
    {
        std::vector<TokenScope> scopes;
        for (simdjson::dom::element item : scope_strings)
        {
            std::string_view text;
            if (item.get_string().get(text))
                throw Exception(ErrorCode::BAD_ARGUMENTS, "scope must be an array of scope strings");
            scopes.push_back(AuthService::parseScope(text));
        }
        std::string description;
        std::string_view body_description;
        if (!body["description"].get_string().get(body_description))
            description = body_description;
        AccessToken token = auth.createToken(workspace_id, name, scopes, description, std::string(request.param("origin").value_or("")));
        response.json(200, tokenJson(token));
        return;
    }

    if (!expiration)
        throw Exception(ErrorCode::BAD_ARGUMENTS, "expiration_time is required to create a JWT");
    if (body["scopes"].get(member))
        throw Exception(ErrorCode::BAD_ARGUMENTS, "scopes is required to create a JWT");
    std::vector<TokenScope> scopes = TokenScopeJson::parseScopes(member, ErrorCode::BAD_ARGUMENTS);

    std::optional<double> rps;
    if (!body["limits"].get(member) && !member.is_null())
    {
        if (!member.is_object())
            throw Exception(ErrorCode::BAD_ARGUMENTS, "limits must be an object");
        simdjson::dom::element rps_element;
        if (!member["rps"].get(rps_element) && !rps_element.is_null())
        {
            double value;
            if (rps_element.get_double().get(value))
                throw Exception(ErrorCode::BAD_ARGUMENTS, "limits.rps must be a number");
            rps = value;
        }
    }

    std::string jwt = auth.createJwt(workspace_id, name, scopes, *expiration, rps);
    JsonWriter writer;
    writer.startObject();
    writer.field("token", jwt);
    writer.endObject();
    response.json(200, writer.take());
}

void createStatic(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    std::string name = request.paramOrForm("name").value_or("");
    if (name.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "name is required");
    if (request.param("expiration_time"))
        throw Exception(ErrorCode::BAD_ARGUMENTS, "A JWT needs a JSON body {\"name\", \"scopes\"} with expiration_time");
    bool any_scope = false;
    std::vector<TokenScope> scopes = scopesFromParams(request, any_scope);
    AccessToken token = context.platform().auth().createToken(
        context.workspace().id, name, scopes, request.paramOrForm("description").value_or(""), request.paramOrForm("origin").value_or(""));
    response.json(200, tokenJson(token));
}

} // namespace

void HttpHandlerTokens::handle(const HttpRequest & request, HttpResponse & response, RequestContext & context)
{
    context.requireScope(ScopeType::Tokens);
    AuthService & auth = context.platform().auth();
    const std::string workspace_id = context.workspace().id;
    std::string_view id_or_name = request.pathParam("token");

    if (request.method == "GET" || request.method == "HEAD")
    {
        if (id_or_name.empty())
        {
            JsonWriter writer;
            writer.startObject();
            writer.key("tokens");
            writer.startArray();
            for (const AccessToken & token : auth.listTokens(workspace_id))
                writeToken(writer, token);
            writer.endArray();
            writer.endObject();
            response.json(200, writer.take());
            return;
        }
        auto token = auth.findToken(workspace_id, id_or_name);
        if (!token)
            throw Exception(ErrorCode::UNKNOWN_TOKEN, "Token '" + std::string(id_or_name) + "' not found");
        response.json(200, tokenJson(*token));
        return;
    }

    if (request.method == "POST" && id_or_name.empty())
    {
        if (isJsonBody(request))
            createFromJson(request, response, context);
        else
            createStatic(request, response, context);
        return;
    }

    if (request.method == "POST")
    {
        response.json(200, tokenJson(auth.refreshToken(workspace_id, id_or_name)));
        return;
    }

    if (request.method == "PUT")
    {
        bool any_scope = false;
        std::vector<TokenScope> scopes = scopesFromParams(request, any_scope);
        if (!any_scope)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "scope is required: send one scope= parameter per scope");
        response.json(200, tokenJson(auth.updateScopes(workspace_id, id_or_name, scopes)));
        return;
    }

    if (request.method == "DELETE")
    {
        auth.deleteToken(workspace_id, id_or_name);
        response.status = 204;
        response.body.clear();
        return;
    }

    throw Exception(ErrorCode::UNSUPPORTED_METHOD, "Method " + request.method + " is not supported on " + request.path);
}

void HttpHandlerTokens::registerRoutes(HttpRouter & router)
{
    auto handler = std::make_shared<HttpHandlerTokens>();
    router.add("GET", "/v0/tokens", handler);
    router.add("POST", "/v0/tokens", handler);
    router.add("GET", "/v0/tokens/{token}", handler);
    router.add("PUT", "/v0/tokens/{token}", handler);
    router.add("DELETE", "/v0/tokens/{token}", handler);
    router.add("POST", "/v0/tokens/{token}/refresh", handler);
}

} // namespace pipit
