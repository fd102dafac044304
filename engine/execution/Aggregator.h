#pragma once

#include "engine/planner/SelectQueryPlan.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace pipit
{

/// State of one aggregate function for every group, updated a block at a time.
class IAggregateStates
{
public:
    virtual ~IAggregateStates() = default;
    /// Makes room for `groups` groups (new groups start empty).
    virtual void resize(size_t groups) = 0;
    /// Adds rows: row i belongs to group group_of_row[i]; `arguments` are full columns.
    virtual void add(const std::vector<size_t> & group_of_row, const Columns & arguments, size_t rows) = 0;
    /// Merges group `src` of `other` (same function) into group `dst`.
    virtual void merge(size_t dst, const IAggregateStates & other, size_t src) = 0;
    /// Final values of groups [0, groups).
    virtual ColumnPtr finish(size_t groups) const = 0;
};

/// Hash aggregation: GROUP BY keys (none = one group, present even for empty input) and the
/// aggregates of a SelectQueryPlan. One instance per stream; partial results merge into one.
/// Supports count, countIf, sum, sumIf, avg, avgIf, min, max, any, anyLast, uniq, uniqExact.
class Aggregator
{
public:
    Aggregator(const std::vector<std::string> & keys, const DataTypes & key_types, const std::vector<AggregateDescription> & aggregates);

    /// `block` holds the key columns and every aggregate argument (by name) for `rows` rows (the
    /// block may have no columns at all, e.g. for count()).
    void add(const Block & block, size_t rows);
    /// Moves the groups of `other` into this one.
    void merge(Aggregator & other);
    /// Keys then aggregates, named as in the plan.
    Block finish() const;
    size_t groups() const { return group_count_; }

private:
    size_t findOrInsertGroup(const std::string & key, const Columns & key_columns, size_t row);

    std::vector<std::string> keys_;
    DataTypes key_types_;
    std::vector<AggregateDescription> aggregates_;
    std::vector<std::unique_ptr<IAggregateStates>> states_;

    /// Single non-Nullable key of at most 8 bytes: groups by its bits, without building strings.
    bool fixed_key_ = false;
    bool key_kind_decided_ = false;
    std::unordered_map<UInt64, size_t> fixed_index_;
    std::vector<UInt64> fixed_keys_;

    std::unordered_map<std::string, size_t> group_index_;
    std::vector<std::string> group_keys_;
    MutableColumns key_columns_;
    size_t group_count_ = 0;
};

} // namespace pipit
