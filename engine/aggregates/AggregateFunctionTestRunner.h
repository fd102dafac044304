#pragma once

#include "engine/aggregates/AggregateFunctionFactory.h"
#include "engine/columns/ColumnVector.h"

#include <vector>

namespace pipit
{

/// Test fixture: one state of an aggregate function, created on construction, destroyed with it.
class AggregateFunctionTestRunner
{
public:
    AggregateFunctionTestRunner(const std::string & name, const DataTypes & types, const FieldVector & parameters = {})
        : function_(AggregateFunctionFactory::instance().get(name, types, parameters))
    {
        place_ = arena_.alignedAlloc(function_->sizeOfData(), function_->alignOfData());
        function_->create(place_);
    }
    explicit AggregateFunctionTestRunner(AggregateFunctionPtr function)
        : function_(std::move(function))
    {
        place_ = arena_.alignedAlloc(function_->sizeOfData(), function_->alignOfData());
        function_->create(place_);
    }
    ~AggregateFunctionTestRunner() { function_->destroy(place_); }
    AggregateFunctionTestRunner(const AggregateFunctionTestRunner &) = delete;
    AggregateFunctionTestRunner & operator=(const AggregateFunctionTestRunner &) = delete;

    const AggregateFunctionPtr & function() const { return function_; }
    AggregateDataPtr place() { return place_; }
    Arena * arena() { return &arena_; }

    /// Adds every row one by one through add().
    void addRows(const std::vector<ColumnPtr> & columns)
    {
        auto raw = rawColumns(columns);
        for (size_t i = 0; i < columns.at(0)->size(); ++i)
            function_->add(place_, raw.data(), i, &arena_);
    }
    /// Adds all rows through addBatchSinglePlace.
    void addBatch(const std::vector<ColumnPtr> & columns, const UInt8 * filter = nullptr)
    {
        auto raw = rawColumns(columns);
        function_->addBatchSinglePlace(columns.at(0)->size(), place_, raw.data(), &arena_, filter);
    }
    void mergeFrom(AggregateFunctionTestRunner & rhs) { function_->merge(place_, rhs.place_, &arena_); }

    Field result()
    {
        auto column = function_->getReturnType()->createColumn();
        function_->insertResultInto(place_, *column, &arena_);
        return (*column)[0];
    }
    std::string serialized()
    {
        WriteBufferFromString out;
        function_->serialize(place_, out);
        return out.release();
    }
    void deserialize(const std::string & bytes)
    {
        ReadBufferFromMemory in(bytes);
        function_->deserialize(place_, in, &arena_);
    }

    static std::vector<const IColumn *> rawColumns(const std::vector<ColumnPtr> & columns)
    {
        std::vector<const IColumn *> raw;
        for (const auto & c : columns)
            raw.push_back(c.get());
        return raw;
    }

private:
    AggregateFunctionPtr function_;
    Arena arena_;
    AggregateDataPtr place_;
};

/// Result of `name` over `columns` (added row by row) — and checks the batch path gives the same.
inline Field aggregateRows(const std::string & name, const DataTypes & types, const std::vector<ColumnPtr> & columns,
                           const FieldVector & parameters = {})
{
    AggregateFunctionTestRunner rows(name, types, parameters);
    rows.addRows(columns);
    return rows.result();
}

inline Field aggregateBatch(const std::string & name, const DataTypes & types, const std::vector<ColumnPtr> & columns,
                            const FieldVector & parameters = {})
{
    AggregateFunctionTestRunner batch(name, types, parameters);
    batch.addBatch(columns);
    return batch.result();
}

} // namespace pipit
