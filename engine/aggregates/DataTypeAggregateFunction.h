#pragma once

#include "engine/aggregates/IAggregateFunction.h"

namespace pipit
{

/// AggregateFunction(f, T...): values are states of `f`, held in ColumnAggregateFunction; the
/// type of fState(...) results and of the argument of fMerge(...). Text forms write the raw
/// serialised state bytes (as ClickHouse does); binary bulk is the concatenation of
/// IAggregateFunction::serialize of each row (each begins with its state version byte).
class DataTypeAggregateFunction final : public IDataType
{
public:
    explicit DataTypeAggregateFunction(AggregateFunctionPtr function)
        : function_(std::move(function))
    {
    }

    const AggregateFunctionPtr & getFunction() const { return function_; }

    /// Parses a type name as getName() writes it: "AggregateFunction(uniq, String)",
    /// "AggregateFunction(quantiles(0.5, 0.9), UInt64)", "AggregateFunction(count)". Parameters
    /// are integer, float or quoted string literals; argument types go through parseDataType.
    /// Errors: SYNTAX_ERROR, UNKNOWN_AGGREGATE_FUNCTION and the factory's argument errors.
    static DataTypePtr parse(std::string_view name);

    /// "AggregateFunction(quantiles(0.5, 0.9), UInt64)".
    std::string getName() const override;
    TypeIndex getTypeId() const override { return TypeIndex::AggregateFunction; }
    MutableColumnPtr createColumn() const override;
    /// The serialised empty state.
    Field getDefault() const override;
    bool canBeInsideNullable() const override { return false; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

private:
    AggregateFunctionPtr function_;
};

} // namespace pipit
