#pragma once

#include "engine/aggregates/IAggregateFunction.h"

#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

using AggregateFunctionCreator = AggregateFunctionPtr (*)(const std::string & name, const DataTypes & argument_types,
                                                          const FieldVector & parameters);

/// One base aggregate function of the registry.
struct AggregateFunctionDescription
{
    const char * name;
    AggregateFunctionCreator creator;
    /// COUNT, Sum ... resolve like count, sum (as in ClickHouse).
    bool case_insensitive;
    /// The function handles Nullable arguments itself (no Null adapter).
    bool handles_nulls;
    const char * description;
    const char * example;
};

/// Resolves aggregate function names, including combinator suffixes, to functions
/// (registration is the explicit list in AggregateFunctionFactory.cpp).
///
/// get("uniqIfState", {String, UInt8}) strips suffixes right to left: State(If(uniq)). Suffixes:
/// If (last argument is the UInt8 condition), Array (arguments are arrays), Distinct, OrNull,
/// OrDefault, State (result is AggregateFunction(...)), Merge (argument is AggregateFunction(...)
/// of the same function), SimpleState (same as the function itself). Nullable arguments of a base
/// function are handled by AggregateFunctionNull (rows with a NULL are skipped; the result is
/// Nullable unless the function returns its default on all-NULL input). LowCardinality is removed
/// from argument types: the caller passes full columns.
///
/// Errors: UNKNOWN_AGGREGATE_FUNCTION, NUMBER_OF_ARGUMENTS_DOESNT_MATCH, ILLEGAL_TYPE_OF_ARGUMENT,
/// BAD_ARGUMENTS (parameters).
class AggregateFunctionFactory
{
public:
    static const AggregateFunctionFactory & instance();

    AggregateFunctionPtr get(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters = {}) const;
    /// Whether `name` is a registered function, possibly with combinator suffixes.
    bool isAggregateFunctionName(const std::string & name) const;
    /// Every base function, in registration order.
    const std::vector<AggregateFunctionDescription> & getDescriptions() const { return descriptions_; }

private:
    AggregateFunctionFactory();
    const AggregateFunctionDescription * findBase(const std::string & name) const;
    bool isAggregateFunctionNameImpl(const std::string & name, int depth) const;
    AggregateFunctionPtr getImpl(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters,
                                 int depth) const;

    std::vector<AggregateFunctionDescription> descriptions_;
};

} // namespace pipit
