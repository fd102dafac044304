#pragma once

#include "engine/functions/IFunction.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace pipit
{

/// Every scalar function known to the engine, registered by an explicit list (registerFunctions(),
/// no static initialisers). Lookup is exact, or case-insensitive for functions registered so
/// (as in ClickHouse). Each entry carries a one-line description and an example for
/// system.functions.
class FunctionRegistry
{
public:
    using Creator = std::function<FunctionPtr()>;

    struct Entry
    {
        std::string name;
        Creator creator;
        std::string description;
        std::string example;
        bool case_insensitive = false;
        /// Set for aliases: the name of the function this one forwards to.
        std::string alias_of;
    };

    /// The process-wide registry with every built-in function (built on first use, thread-safe).
    static const FunctionRegistry & instance();

    void add(Entry entry);
    void addAlias(const std::string & alias, const std::string & target, bool case_insensitive = false);

    /// A new instance of the function; throws UNKNOWN_FUNCTION (with close matches) if none.
    FunctionPtr get(const std::string & name) const;
    FunctionPtr tryGet(const std::string & name) const;
    const Entry * findEntry(const std::string & name) const;
    bool has(const std::string & name) const { return findEntry(name) != nullptr; }

    /// Entries in name order.
    std::vector<const Entry *> entries() const;

private:
    std::map<std::string, Entry> exact_;
    std::map<std::string, std::string> lower_to_name_;
};

/// Family registration functions, each defined beside its family (FunctionsComparison.cpp, ...).
void registerFunctionsComparison(FunctionRegistry & registry);
void registerFunctionsLogical(FunctionRegistry & registry);
void registerFunctionsArithmetic(FunctionRegistry & registry);
void registerFunctionsConditional(FunctionRegistry & registry);
void registerFunctionsNull(FunctionRegistry & registry);
void registerFunctionsConversion(FunctionRegistry & registry);
void registerFunctionsDateTime(FunctionRegistry & registry);
void registerFunctionsString(FunctionRegistry & registry);
void registerFunctionsIn(FunctionRegistry & registry);
void registerFunctionsTuple(FunctionRegistry & registry);
void registerFunctionsDateArithmetic(FunctionRegistry & registry);
void registerFunctionsRounding(FunctionRegistry & registry);
void registerFunctionsJSON(FunctionRegistry & registry);
void registerFunctionsVisitParam(FunctionRegistry & registry);
void registerFunctionsURL(FunctionRegistry & registry);
void registerFunctionsHashing(FunctionRegistry & registry);
void registerFunctionsArray(FunctionRegistry & registry);
void registerFunctionsHigherOrder(FunctionRegistry & registry);
void registerFunctionsStringSearch(FunctionRegistry & registry);
void registerFunctionsMath(FunctionRegistry & registry);
void registerFunctionsDateDiff(FunctionRegistry & registry);
void registerFunctionsConversionOrDefault(FunctionRegistry & registry);
void registerFunctionsAccurateCast(FunctionRegistry & registry);
void registerFunctionFormatDateTime(FunctionRegistry & registry);
void registerFunctionsDateTime64(FunctionRegistry & registry);

} // namespace pipit
