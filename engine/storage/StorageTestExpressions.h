#pragma once

/// Tiny IStorageExpression / IKeyCondition implementations for storage tests (the real
/// expression compiler lives in the session layer).

#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"
#include "engine/storage/IStorage.h"
#include "engine/storage/StorageMergeTree.h"

#include <functional>

namespace pipit::test
{

/// The value of one column.
class ColumnIdentityExpression : public IStorageExpression
{
public:
    ColumnIdentityExpression(std::string name, DataTypePtr type)
        : name_(std::move(name))
        , type_(std::move(type))
    {
    }
    std::vector<std::string> requiredColumns() const override { return {name_}; }
    DataTypePtr resultType() const override { return type_; }
    ColumnPtr evaluate(const Block & block) const override { return block.getByName(name_).column; }
    std::string text() const override { return name_; }
    bool isMonotonic() const override { return true; }

private:
    std::string name_;
    DataTypePtr type_;
};

/// intDiv(column, divisor) over a UInt64 column, returning UInt64 (like toDate over seconds).
class DivideExpression : public IStorageExpression
{
public:
    DivideExpression(std::string name, UInt64 divisor, DataTypePtr uint64_type)
        : name_(std::move(name))
        , divisor_(divisor)
        , type_(std::move(uint64_type))
    {
    }
    std::vector<std::string> requiredColumns() const override { return {name_}; }
    DataTypePtr resultType() const override { return type_; }
    ColumnPtr evaluate(const Block & block) const override
    {
        const auto & source = dynamic_cast<const ColumnUInt64 &>(*block.getByName(name_).column).getData();
        auto result = ColumnUInt64::create(source.size());
        auto & data = result->getData();
        for (size_t i = 0; i < source.size(); ++i)
            data[i] = source[i] / divisor_;
        return result;
    }
    std::string text() const override { return "intDiv(" + name_ + ", " + std::to_string(divisor_) + ")"; }
    bool isMonotonic() const override { return true; }

private:
    std::string name_;
    UInt64 divisor_;
    DataTypePtr type_;
};

/// A UInt8 predicate computed by a C++ function of one UInt64 column.
class PredicateExpression : public IStorageExpression
{
public:
    PredicateExpression(std::string name, std::function<bool(UInt64)> predicate, DataTypePtr uint8_type)
        : name_(std::move(name))
        , predicate_(std::move(predicate))
        , type_(std::move(uint8_type))
    {
    }
    std::vector<std::string> requiredColumns() const override { return {name_}; }
    DataTypePtr resultType() const override { return type_; }
    ColumnPtr evaluate(const Block & block) const override
    {
        const auto & source = dynamic_cast<const ColumnUInt64 &>(*block.getByName(name_).column).getData();
        auto result = ColumnUInt8::create(source.size());
        for (size_t i = 0; i < source.size(); ++i)
            result->getData()[i] = predicate_(source[i]);
        return result;
    }
    std::string text() const override { return "predicate(" + name_ + ")"; }

private:
    std::string name_;
    std::function<bool(UInt64)> predicate_;
    DataTypePtr type_;
};

/// `first key column` in [low, high]; partition pruning on the min/max of column `minmax_column`.
class RangeKeyCondition : public IKeyCondition
{
public:
    RangeKeyCondition(UInt64 low, UInt64 high, std::string minmax_column = "")
        : low_(low)
        , high_(high)
        , minmax_column_(std::move(minmax_column))
    {
    }

    bool mayBeTrueInRange(const std::vector<Field> & left_keys, const std::vector<Field> & right_keys) const override
    {
        ++calls;
        if (!left_keys[0].isNull() && left_keys[0].toUInt64() > high_)
            return false;
        if (!right_keys[0].isNull() && right_keys[0].toUInt64() < low_)
            return false;
        return true;
    }
    bool mayBeTrueInPartition(const Block & minmax) const override
    {
        if (minmax_column_.empty() || !minmax.has(minmax_column_))
            return true;
        const auto & column = *minmax.getByName(minmax_column_).column;
        return column[0].toUInt64() <= high_ && column[1].toUInt64() >= low_;
    }

    mutable size_t calls = 0;

private:
    UInt64 low_;
    UInt64 high_;
    std::string minmax_column_;
};

} // namespace pipit::test
