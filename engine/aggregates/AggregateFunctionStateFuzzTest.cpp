#include "engine/aggregates/AggregateFunctionTestRunner.h"
#include "engine/base/Exception.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeNumber.h"
#include "engine/types/DataTypeString.h"

#include <gtest/gtest.h>

#include <random>

using namespace pipit;

/// Deserialising arbitrary bytes (a damaged part) must throw an Exception or produce a usable
/// state, never crash; the resulting state must survive merge, result and destroy.
TEST(AggregateFunctionStateFuzz, RandomBytesNeverCrash)
{
    auto u64 = std::make_shared<DataTypeUInt64>();
    auto str = std::make_shared<DataTypeString>();
    struct Case
    {
        std::string name;
        DataTypes types;
        FieldVector parameters;
    };
    std::vector<Case> cases {
        {"count", {}, {}},
        {"sum", {u64}, {}},
        {"avg", {makeNullable(u64)}, {}},
        {"min", {str}, {}},
        {"max", {std::make_shared<DataTypeArray>(u64)}, {}},
        {"argMax", {str, u64}, {}},
        {"uniq", {u64}, {}},
        {"uniqExact", {str}, {}},
        {"uniqCombined", {u64}, {Field(UInt64(12))}},
        {"quantile", {u64}, {}},
        {"quantilesExact", {u64}, {Field(0.5)}},
        {"quantileTiming", {u64}, {}},
        {"quantileTDigest", {u64}, {}},
        {"groupArray", {str}, {}},
        {"groupUniqArray", {u64}, {}},
        {"topK", {str}, {Field(UInt64(3))}},
        {"varSamp", {u64}, {}},
        {"sumDistinct", {u64}, {}},
        {"sumOrNull", {u64}, {}},
    };
    std::mt19937_64 rng(42);
    for (const auto & c : cases)
    {
        SCOPED_TRACE(c.name);
        /// Start from a valid state and damage it, and also try pure noise.
        AggregateFunctionTestRunner valid(c.name, c.types, c.parameters);
        std::vector<ColumnPtr> columns;
        for (const auto & type : c.types)
        {
            auto col = type->createColumn();
            for (int i = 0; i < 20; ++i)
                col->insertDefault();
            columns.push_back(std::move(col));
        }
        if (columns.empty())
        {
            auto col = DataTypePtr(u64)->createColumn();
            col->insertDefault();
            columns.push_back(std::move(col));
        }
        valid.addRows(columns);
        std::string good = valid.serialized();
        for (int iteration = 0; iteration < 300; ++iteration)
        {
            std::string bytes;
            if (iteration % 2 == 0)
            {
                bytes = good;
                size_t flips = 1 + rng() % 4;
                for (size_t f = 0; f < flips && bytes.size() > 1; ++f)
                    bytes[1 + rng() % (bytes.size() - 1)] = static_cast<char>(rng());
                if (rng() % 3 == 0)
                    bytes.resize(1 + rng() % bytes.size());
            }
            else
            {
                bytes.assign(1, '\x01');
                size_t size = rng() % 64;
                for (size_t i = 0; i < size; ++i)
                    bytes += static_cast<char>(rng());
            }
            AggregateFunctionTestRunner target(c.name, c.types, c.parameters);
            try
            {
                target.deserialize(bytes);
            }
            catch (const Exception &)
            {
                continue;
            }
            target.mergeFrom(valid);
            target.result();
        }
    }
}
