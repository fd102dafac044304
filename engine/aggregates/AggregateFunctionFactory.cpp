#include "engine/aggregates/AggregateFunctionFactory.h"

#include "engine/aggregates/AggregateFunctionArgMinMax.h"
#include "engine/aggregates/AggregateFunctionArray.h"
#include "engine/aggregates/AggregateFunctionAvg.h"
#include "engine/aggregates/AggregateFunctionCount.h"
#include "engine/aggregates/AggregateFunctionDistinct.h"
#include "engine/aggregates/AggregateFunctionGroupArray.h"
#include "engine/aggregates/AggregateFunctionGroupBit.h"
#include "engine/aggregates/AggregateFunctionGroupUniqArray.h"
#include "engine/aggregates/AggregateFunctionIf.h"
#include "engine/aggregates/AggregateFunctionMerge.h"
#include "engine/aggregates/AggregateFunctionMinMaxAny.h"
#include "engine/aggregates/AggregateFunctionNothing.h"
#include "engine/aggregates/AggregateFunctionNull.h"
#include "engine/aggregates/AggregateFunctionOrFill.h"
#include "engine/aggregates/AggregateFunctionQuantile.h"
#include "engine/aggregates/AggregateFunctionState.h"
#include "engine/aggregates/AggregateFunctionSum.h"
#include "engine/aggregates/AggregateFunctionTopK.h"
#include "engine/aggregates/AggregateFunctionUniq.h"
#include "engine/aggregates/AggregateFunctionVariance.h"
#include "engine/aggregates/DataTypeAggregateFunction.h"
#include "engine/base/Exception.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeNothing.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeNumber.h"

#include <algorithm>
#include <cctype>

namespace pipit
{

namespace
{

AggregateFunctionPtr createCount(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters)
{
    if (!parameters.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Aggregate function " + name + " takes no parameters");
    return std::make_shared<AggregateFunctionCount>(argument_types, parameters);
}

/// The registry. Descriptions are one line; examples are runnable SQL.
std::vector<AggregateFunctionDescription> registeredAggregateFunctions()
{
    return {
        {"count", createCount, true, true, "Number of rows, or of rows where the argument is not NULL.", "SELECT count(), count(x) FROM t"},
        {"sum", createAggregateFunctionSum, true, false, "Sum of the values, widened to UInt64/Int64/Float64/Decimal128.",
         "SELECT sum(price) FROM orders"},
        {"avg", createAggregateFunctionAvg, true, false, "Arithmetic mean as Float64 (nan on empty input).",
         "SELECT avg(duration) FROM requests"},
        {"min", createAggregateFunctionMin, true, false, "Smallest value.", "SELECT min(ts) FROM events"},
        {"max", createAggregateFunctionMax, true, false, "Largest value.", "SELECT max(ts) FROM events"},
        {"any", createAggregateFunctionAny, true, false, "The first value encountered.", "SELECT any(name) FROM users"},
        {"anyLast", createAggregateFunctionAnyLast, false, false, "The last value encountered.", "SELECT anyLast(status) FROM jobs"},
        {"argMin", createAggregateFunctionArgMin, false, false, "Value of arg at the row with the smallest val.",
         "SELECT argMin(user, ts) FROM events"},
        {"argMax", createAggregateFunctionArgMax, false, false, "Value of arg at the row with the largest val.",
         "SELECT argMax(status, updated_at) FROM jobs"},
        {"uniq", createAggregateFunctionUniq, false, false, "Approximate distinct count (adaptive sampling, exact below 65,536).",
         "SELECT uniq(user_id) FROM events"},
        {"uniqExact", createAggregateFunctionUniqExact, false, false, "Exact distinct count.", "SELECT uniqExact(user_id) FROM events"},
        {"uniqCombined", createAggregateFunctionUniqCombined, false, false, "Approximate distinct count (exact set, then HyperLogLog 2^K).",
         "SELECT uniqCombined(17)(user_id) FROM events"},
        {"uniqHLL12", createAggregateFunctionUniqHLL12, false, false, "Approximate distinct count with a 2^12 HyperLogLog.",
         "SELECT uniqHLL12(user_id) FROM events"},
        {"quantile", createAggregateFunctionQuantile, false, false, "Approximate quantile from a reservoir sample of 8,192 values.",
         "SELECT quantile(0.9)(duration) FROM requests"},
        {"quantiles", createAggregateFunctionQuantiles, false, false, "Approximate quantiles at several levels, as an array.",
         "SELECT quantiles(0.5, 0.9, 0.99)(duration) FROM requests"},
        {"median", createAggregateFunctionQuantile, false, false, "quantile(0.5).", "SELECT median(duration) FROM requests"},
        {"quantileExact", createAggregateFunctionQuantileExact, false, false, "Exact quantile (keeps every value).",
         "SELECT quantileExact(0.9)(duration) FROM requests"},
        {"quantilesExact", createAggregateFunctionQuantilesExact, false, false, "Exact quantiles at several levels.",
         "SELECT quantilesExact(0.5, 0.9)(duration) FROM requests"},
        {"medianExact", createAggregateFunctionQuantileExact, false, false, "quantileExact(0.5).",
         "SELECT medianExact(duration) FROM requests"},
        {"quantileTiming", createAggregateFunctionQuantileTiming, false, false, "Quantile of millisecond timings (histogram up to 30 s).",
         "SELECT quantileTiming(0.95)(response_ms) FROM requests"},
        {"quantilesTiming", createAggregateFunctionQuantilesTiming, false, false, "quantileTiming at several levels.",
         "SELECT quantilesTiming(0.5, 0.95)(response_ms) FROM requests"},
        {"medianTiming", createAggregateFunctionQuantileTiming, false, false, "quantileTiming(0.5).",
         "SELECT medianTiming(response_ms) FROM requests"},
        {"quantileTDigest", createAggregateFunctionQuantileTDigest, false, false, "Approximate quantile with a t-digest.",
         "SELECT quantileTDigest(0.99)(duration) FROM requests"},
        {"quantilesTDigest", createAggregateFunctionQuantilesTDigest, false, false, "quantileTDigest at several levels.",
         "SELECT quantilesTDigest(0.5, 0.99)(duration) FROM requests"},
        {"medianTDigest", createAggregateFunctionQuantileTDigest, false, false, "quantileTDigest(0.5).",
         "SELECT medianTDigest(duration) FROM requests"},
        {"groupArray", createAggregateFunctionGroupArray, false, false, "The values as an array (at most max_size).",
         "SELECT groupArray(10)(name) FROM users"},
        {"groupBitAnd", createAggregateFunctionGroupBitAnd, false, false, "Bitwise AND of the integer values (all ones when empty).",
         "SELECT groupBitAnd(flags) FROM t"},
        {"groupBitOr", createAggregateFunctionGroupBitOr, false, false, "Bitwise OR of the integer values.", "SELECT groupBitOr(flags) FROM t"},
        {"groupBitXor", createAggregateFunctionGroupBitXor, false, false, "Bitwise XOR of the integer values.",
         "SELECT groupBitXor(cityHash64(x)) FROM t"},
        {"groupUniqArray", createAggregateFunctionGroupUniqArray, false, false, "The distinct values as an array.",
         "SELECT groupUniqArray(tag) FROM posts"},
        {"topK", createAggregateFunctionTopK, false, false, "The N most frequent values (approximate), most frequent first.",
         "SELECT topK(5)(url) FROM hits"},
        {"varPop", createAggregateFunctionVarPop, false, false, "Population variance.", "SELECT varPop(x) FROM t"},
        {"varSamp", createAggregateFunctionVarSamp, false, false, "Sample variance (nan for fewer than two values).",
         "SELECT varSamp(x) FROM t"},
        {"stddevPop", createAggregateFunctionStddevPop, false, false, "Population standard deviation.", "SELECT stddevPop(x) FROM t"},
        {"stddevSamp", createAggregateFunctionStddevSamp, false, false, "Sample standard deviation.", "SELECT stddevSamp(x) FROM t"},
        {"VAR_POP", createAggregateFunctionVarPop, true, false, "Alias of varPop.", "SELECT VAR_POP(x) FROM t"},
        {"VAR_SAMP", createAggregateFunctionVarSamp, true, false, "Alias of varSamp.", "SELECT VAR_SAMP(x) FROM t"},
        {"STDDEV_POP", createAggregateFunctionStddevPop, true, false, "Alias of stddevPop.", "SELECT STDDEV_POP(x) FROM t"},
        {"STDDEV_SAMP", createAggregateFunctionStddevSamp, true, false, "Alias of stddevSamp.", "SELECT STDDEV_SAMP(x) FROM t"},
    };
}

std::string toLower(std::string_view s)
{
    std::string res(s);
    std::transform(res.begin(), res.end(), res.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return res;
}

bool endsWith(const std::string & s, std::string_view suffix)
{
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

constexpr std::string_view combinator_suffixes[] = {"OrDefault", "OrNull", "SimpleState", "State", "Merge", "If", "Array", "Distinct"};

constexpr int max_combinator_depth = 8;

} // namespace

const AggregateFunctionFactory & AggregateFunctionFactory::instance()
{
    static const AggregateFunctionFactory factory;
    return factory;
}

AggregateFunctionFactory::AggregateFunctionFactory()
    : descriptions_(registeredAggregateFunctions())
{
}

const AggregateFunctionDescription * AggregateFunctionFactory::findBase(const std::string & name) const
{
    for (const auto & d : descriptions_)
        if (name == d.name)
            return &d;
    std::string lower = toLower(name);
    for (const auto & d : descriptions_)
        if (d.case_insensitive && lower == toLower(d.name))
            return &d;
    return nullptr;
}

bool AggregateFunctionFactory::isAggregateFunctionName(const std::string & name) const
{
    return isAggregateFunctionNameImpl(name, 0);
}

bool AggregateFunctionFactory::isAggregateFunctionNameImpl(const std::string & name, int depth) const
{
    if (findBase(name))
        return true;
    if (depth >= max_combinator_depth)
        return false;
    for (std::string_view suffix : combinator_suffixes)
        if (endsWith(name, suffix) && isAggregateFunctionNameImpl(name.substr(0, name.size() - suffix.size()), depth + 1))
            return true;
    return false;
}

AggregateFunctionPtr AggregateFunctionFactory::get(const std::string & name, const DataTypes & argument_types,
                                                   const FieldVector & parameters) const
{
    DataTypes types;
    for (const auto & type : argument_types)
        types.push_back(removeLowCardinality(type));
    return getImpl(name, types, parameters, 0);
}

AggregateFunctionPtr AggregateFunctionFactory::getImpl(const std::string & name, const DataTypes & argument_types,
                                                       const FieldVector & parameters, int depth) const
{
    if (depth > max_combinator_depth)
        throw Exception(ErrorCode::UNKNOWN_AGGREGATE_FUNCTION, "Too many combinators in aggregate function name " + name);

    if (const auto * base = findBase(name))
    {
        bool has_nullable = std::any_of(argument_types.begin(), argument_types.end(), [](const auto & t) { return t->isNullable(); });
        bool has_nothing = std::any_of(argument_types.begin(), argument_types.end(),
                                       [](const auto & t) { return removeNullable(t)->getTypeId() == TypeIndex::Nothing; });
        if (has_nothing && !base->handles_nulls)
        {
            /// f(NULL): the result of f over no rows; its type comes from f over UInt8.
            DataTypes probe_types;
            for (const auto & type : argument_types)
                probe_types.push_back(removeNullable(type)->getTypeId() == TypeIndex::Nothing ? std::make_shared<DataTypeUInt8>()
                                                                                              : removeNullable(type));
            auto probe = base->creator(base->name, probe_types, parameters);
            DataTypePtr result_type =
                probe->returnsDefaultWhenOnlyNull() ? probe->getReturnType() : makeNullable(std::make_shared<DataTypeNothing>());
            return std::make_shared<AggregateFunctionNothing>(probe->getName(), result_type, argument_types, parameters);
        }
        if (!has_nullable || base->handles_nulls)
            return base->creator(base->name, argument_types, parameters);
        DataTypes nested_types;
        for (const auto & type : argument_types)
            nested_types.push_back(removeNullable(type));
        auto nested = base->creator(base->name, nested_types, parameters);
        return std::make_shared<AggregateFunctionNull>(nested, argument_types, parameters);
    }

    for (std::string_view suffix : combinator_suffixes)
    {
        if (!endsWith(name, suffix))
            continue;
        std::string prefix = name.substr(0, name.size() - suffix.size());
        if (!isAggregateFunctionNameImpl(prefix, depth + 1))
            continue;

        if (suffix == "If")
        {
            if (argument_types.empty())
                throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                                "Aggregate function " + name + " requires a condition argument");
            DataTypes nested_types(argument_types.begin(), argument_types.end() - 1);
            auto nested = getImpl(prefix, nested_types, parameters, depth + 1);
            return std::make_shared<AggregateFunctionIf>(nested, argument_types, parameters);
        }
        if (suffix == "Array")
        {
            DataTypes nested_types;
            for (const auto & type : argument_types)
            {
                const auto * array = dynamic_cast<const DataTypeArray *>(type.get());
                if (!array)
                    throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "Illegal type " + type->getName() +
                                                                             " of argument for aggregate function " + name +
                                                                             ": it must be an Array");
                nested_types.push_back(removeLowCardinality(array->getNestedType()));
            }
            auto nested = getImpl(prefix, nested_types, parameters, depth + 1);
            return std::make_shared<AggregateFunctionArray>(nested, argument_types, parameters);
        }
        if (suffix == "Distinct")
        {
            auto nested = getImpl(prefix, argument_types, parameters, depth + 1);
            return std::make_shared<AggregateFunctionDistinct>(nested, argument_types, parameters);
        }
        if (suffix == "OrNull" || suffix == "OrDefault")
        {
            auto nested = getImpl(prefix, argument_types, parameters, depth + 1);
            return std::make_shared<AggregateFunctionOrFill>(nested, suffix == "OrNull", argument_types, parameters);
        }
        if (suffix == "SimpleState")
            return getImpl(prefix, argument_types, parameters, depth + 1);
        if (suffix == "State")
        {
            auto nested = getImpl(prefix, argument_types, parameters, depth + 1);
            return std::make_shared<AggregateFunctionState>(nested, argument_types, parameters);
        }
        if (suffix == "Merge")
        {
            const DataTypeAggregateFunction * state_type =
                argument_types.size() == 1 ? dynamic_cast<const DataTypeAggregateFunction *>(argument_types[0].get()) : nullptr;
            if (!state_type)
                throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                                "Aggregate function " + name + " requires one argument of type AggregateFunction(" + prefix + ", ...)");
            const AggregateFunctionPtr & nested = state_type->getFunction();
            /// The state's function must be the one named: compare canonical names.
            auto expected =
                getImpl(prefix, nested->getArgumentTypes(), parameters.empty() ? nested->getParameters() : parameters, depth + 1);
            if (expected->getNameWithParameters() != nested->getNameWithParameters())
                throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                                "Illegal type " + state_type->getName() + " of argument for aggregate function " + name);
            return std::make_shared<AggregateFunctionMerge>(nested, argument_types, nested->getParameters());
        }
    }
    throw Exception(ErrorCode::UNKNOWN_AGGREGATE_FUNCTION, "Unknown aggregate function " + name);
}

} // namespace pipit
