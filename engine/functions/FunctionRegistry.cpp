#include "engine/functions/FunctionRegistry.h"

#include "engine/base/Exception.h"

#include <algorithm>
#include <cctype>

namespace pipit
{

namespace
{

std::string toLower(const std::string & s)
{
    std::string out = s;
    for (auto & c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

size_t editDistance(const std::string & a, const std::string & b)
{
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
    {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

void registerAll(FunctionRegistry & registry)
{
    registerFunctionsComparison(registry);
    registerFunctionsLogical(registry);
    registerFunctionsArithmetic(registry);
    registerFunctionsConditional(registry);
    registerFunctionsNull(registry);
    registerFunctionsConversion(registry);
    registerFunctionsDateTime(registry);
    registerFunctionsString(registry);
    registerFunctionsIn(registry);
    registerFunctionsTuple(registry);
    registerFunctionsDateArithmetic(registry);
    registerFunctionsRounding(registry);
    registerFunctionsJSON(registry);
    registerFunctionsVisitParam(registry);
    registerFunctionsURL(registry);
    registerFunctionsHashing(registry);
    registerFunctionsArray(registry);
    registerFunctionsHigherOrder(registry);
    registerFunctionsStringSearch(registry);
    registerFunctionsMath(registry);
    registerFunctionsDateDiff(registry);
    registerFunctionsConversionOrDefault(registry);
    registerFunctionsAccurateCast(registry);
    registerFunctionFormatDateTime(registry);
    registerFunctionsDateTime64(registry);
}

} // namespace

const FunctionRegistry & FunctionRegistry::instance()
{
    static const FunctionRegistry registry = []
    {
        FunctionRegistry r;
        registerAll(r);
        return r;
    }();
    return registry;
}

void FunctionRegistry::add(Entry entry)
{
    if (entry.case_insensitive)
        lower_to_name_[toLower(entry.name)] = entry.name;
    std::string name = entry.name;
    exact_[name] = std::move(entry);
}

void FunctionRegistry::addAlias(const std::string & alias, const std::string & target, bool case_insensitive)
{
    const Entry * target_entry = findEntry(target);
    if (!target_entry)
        throw Exception(ErrorCode::LOGICAL_ERROR, "Alias " + alias + " of unknown function " + target);
    Entry entry = *target_entry;
    entry.name = alias;
    entry.case_insensitive = case_insensitive;
    entry.alias_of = target_entry->name;
    add(std::move(entry));
}

const FunctionRegistry::Entry * FunctionRegistry::findEntry(const std::string & name) const
{
    auto it = exact_.find(name);
    if (it != exact_.end())
        return &it->second;
    auto lower = lower_to_name_.find(toLower(name));
    if (lower != lower_to_name_.end())
        return &exact_.at(lower->second);
    return nullptr;
}

FunctionPtr FunctionRegistry::tryGet(const std::string & name) const
{
    const Entry * entry = findEntry(name);
    return entry ? entry->creator() : nullptr;
}

FunctionPtr FunctionRegistry::get(const std::string & name) const
{
    if (auto function = tryGet(name))
        return function;
    std::vector<std::pair<size_t, std::string>> hints;
    for (const auto & [candidate, _] : exact_)
    {
        size_t d = editDistance(name, candidate);
        if (d <= 2)
            hints.emplace_back(d, candidate);
    }
    std::sort(hints.begin(), hints.end());
    std::string message = "Unknown function " + name;
    if (!hints.empty())
    {
        message += ". Maybe you meant: [";
        for (size_t i = 0; i < hints.size() && i < 3; ++i)
            message += (i ? ", '" : "'") + hints[i].second + "'";
        message += "]";
    }
    throw Exception(ErrorCode::UNKNOWN_FUNCTION, message);
}

std::vector<const FunctionRegistry::Entry *> FunctionRegistry::entries() const
{
    std::vector<const Entry *> res;
    for (const auto & [_, entry] : exact_)
        res.push_back(&entry);
    return res;
}

} // namespace pipit
