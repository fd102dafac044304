#include "platform/auth/AccessToken.h"

#include <array>
#include <utility>

namespace pipit
{

namespace
{

constexpr std::array<std::pair<ScopeType, std::string_view>, 10> scope_type_names = {{
    {ScopeType::Admin, "ADMIN"},
    {ScopeType::Tokens, "TOKENS"},
    {ScopeType::WorkspaceReadAll, "WORKSPACE:READ_ALL"},
    {ScopeType::WorkspaceDeploy, "WORKSPACE:DEPLOY"},
    {ScopeType::OrgDatasourcesRead, "ORG_DATASOURCES:READ"},
    {ScopeType::DatasourcesCreate, "DATASOURCES:CREATE"},
    {ScopeType::DatasourcesAppend, "DATASOURCES:APPEND"},
    {ScopeType::DatasourcesRead, "DATASOURCES:READ"},
    {ScopeType::PipesRead, "PIPES:READ"},
    {ScopeType::User, "USER"},
}};

} // namespace

std::string_view scopeTypeName(ScopeType type)
{
    for (const auto & [candidate, name] : scope_type_names)
        if (candidate == type)
            return name;
    return "UNKNOWN";
}

std::optional<ScopeType> scopeTypeFromName(std::string_view name)
{
    for (const auto & [type, candidate] : scope_type_names)
        if (candidate == name)
            return type;
    return std::nullopt;
}

bool scopeTypeHasResource(ScopeType type)
{
    return type == ScopeType::DatasourcesAppend || type == ScopeType::DatasourcesRead || type == ScopeType::PipesRead;
}

std::string TokenScope::toString() const
{
    std::string result(scopeTypeName(type));
    if (!resource.empty())
    {
        result += ':';
        result += resource;
    }
    return result;
}

} // namespace pipit
