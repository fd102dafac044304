#include "platform/http/RequestContext.h"

#include "engine/base/Exception.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/Parser.h"
#include "platform/auth/AuthService.h"
#include "platform/http/HttpRequest.h"
#include "platform/http/HttpResponse.h"
#include "platform/http/PlatformContext.h"

#include <cmath>

namespace pipit
{

RequestContext::RequestContext(PlatformContext & platform, const HttpRequest & request, HttpResponse & response)
    : platform_(platform)
    , request_(request)
    , response_(response)
{
}

std::string_view RequestContext::presentedToken() const
{
    if (auto authorization = request_.header("authorization"))
    {
        std::string_view value = *authorization;
        if (value.size() > 7 && (value.substr(0, 7) == "Bearer " || value.substr(0, 7) == "bearer "))
        {
            value.remove_prefix(7);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            while (!value.empty() && value.back() == ' ')
                value.remove_suffix(1);
            if (!value.empty())
                return value;
        }
    }
    if (auto token = request_.param("token"); token && !token->empty())
        return *token;
    return {};
}

const AccessToken & RequestContext::token()
{
    if (token_)
        return *token_;
    std::string_view presented = presentedToken();
    if (presented.empty())
        throw Exception(ErrorCode::AUTHENTICATION_FAILED,
                        "Missing token: send it as 'Authorization: Bearer <token>' or as the 'token' query parameter");
    AccessToken token = platform_.auth().authenticate(presented);
    RateLimitDecision decision = platform_.auth().checkRateLimit(token);
    if (decision.limit > 0)
    {
        response_.addHeader("X-RateLimit-Limit", std::to_string(decision.limit));
        response_.addHeader("X-RateLimit-Remaining", std::to_string(decision.remaining));
        response_.addHeader("X-RateLimit-Reset", std::to_string(static_cast<int64_t>(std::ceil(decision.reset_seconds))));
    }
    if (!decision.allowed)
    {
        response_.addHeader("Retry-After", std::to_string(std::max<int64_t>(1, static_cast<int64_t>(std::ceil(decision.retry_after_seconds)))));
        throw Exception(ErrorCode::QUOTA_EXCEEDED, "Too many requests: the token's rate limit of " + std::to_string(decision.limit)
                                                       + " requests per second is exceeded");
    }
    token_ = std::move(token);
    return *token_;
}

const Workspace & RequestContext::workspace()
{
    if (workspace_)
        return *workspace_;
    const AccessToken & caller = token();
    if (caller.workspace_id.empty())
        workspace_ = platform_.auth().defaultWorkspace();
    else
    {
        auto found = platform_.auth().findWorkspace(caller.workspace_id);
        if (!found)
            throw Exception(ErrorCode::AUTHENTICATION_FAILED, "The token's workspace does not exist anymore");
        workspace_ = std::move(*found);
    }
    return *workspace_;
}

bool RequestContext::hasScope(ScopeType scope, std::string_view resource)
{
    const AccessToken & caller = token();
    return platform_.auth().allowsIn(caller, workspace().id, scope, resource);
}

const AccessToken & RequestContext::requireScope(ScopeType scope, std::string_view resource)
{
    if (!hasScope(scope, resource))
    {
        std::string needed(scopeTypeName(scope));
        if (!resource.empty())
            needed += ":" + std::string(resource);
        throw Exception(ErrorCode::ACCESS_DENIED, "Forbidden: the token does not have the required scope " + needed);
    }
    return *token_;
}

const AccessToken & RequestContext::requireUserToken()
{
    const AccessToken & caller = token();
    if (caller.is_user_token || platform_.auth().allows(caller, ScopeType::User))
        return caller;
    throw Exception(ErrorCode::ACCESS_DENIED, "Forbidden: this operation needs the user token (GET /tokens answers it on Local)");
}

std::vector<TableRowFilter> RequestContext::rowFilters()
{
    std::vector<TableRowFilter> result;
    for (const auto & [table, filters] : platform_.auth().readFilters(token()))
    {
        std::string condition;
        for (const auto & filter : filters)
        {
            ASTPtr expression;
            try
            {
                expression = parseExpression(filter);
            }
            catch (const Exception & e)
            {
                throw Exception(ErrorCode::BAD_ARGUMENTS,
                                "Invalid filter of the token's scope DATASOURCES:READ:" + table + ": " + e.message());
            }
            if (!condition.empty())
                condition += " OR ";
            condition += "(" + formatAST(*expression) + ")";
        }
        result.push_back({database(), table, std::move(condition)});
    }
    return result;
}

std::string RequestContext::baseUrl() const
{
    auto host = request_.header("host");
    return "http://" + std::string(host && !host->empty() ? *host : std::string_view("localhost:7181"));
}

} // namespace pipit
