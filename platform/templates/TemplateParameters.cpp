#include "platform/templates/TemplateParameters.h"

#include "platform/templates/TemplateError.h"
#include "platform/templates/TemplateJson.h"

#include <stdexcept>

namespace pipit
{

TemplateParameters TemplateParameters::fromStrings(const std::vector<std::pair<std::string, std::string>> & query_pairs)
{
    TemplateParameters params;
    for (const auto & [name, value] : query_pairs)
        params.add(name, value);
    return params;
}

TemplateParameters TemplateParameters::fromJson(std::string_view json_object)
{
    TemplateValue parsed;
    try
    {
        parsed = TemplateJson::parse(json_object);
    }
    catch (const std::invalid_argument & e)
    {
        throw TemplateError(std::string("Invalid JSON body: ") + e.what());
    }
    if (!parsed.isDict())
        throw TemplateError("Invalid JSON body: expected a JSON object with the parameters");
    TemplateParameters params;
    for (const auto & [key, value] : parsed.asDict())
        params.set(key.asString(), value);
    return params;
}

void TemplateParameters::set(const std::string & name, TemplateValue value)
{
    for (auto & [n, v] : items_)
        if (n == name)
        {
            v = std::move(value);
            return;
        }
    items_.emplace_back(name, std::move(value));
}

void TemplateParameters::add(const std::string & name, std::string value)
{
    for (auto & [n, v] : items_)
        if (n == name)
        {
            if (v.isList())
                v.mutableList().emplace_back(std::move(value));
            else
                v = TemplateValue(TemplateList{v, TemplateValue(std::move(value))});
            return;
        }
    items_.emplace_back(name, TemplateValue(std::move(value)));
}

void TemplateParameters::erase(const std::string & name)
{
    for (auto it = items_.begin(); it != items_.end(); ++it)
        if (it->first == name)
        {
            items_.erase(it);
            return;
        }
}

const TemplateValue * TemplateParameters::find(std::string_view name) const
{
    for (const auto & [n, v] : items_)
        if (n == name)
            return &v;
    return nullptr;
}

} // namespace pipit
