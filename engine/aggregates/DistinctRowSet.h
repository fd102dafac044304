#pragma once

#include "engine/columns/IColumn.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"
#include "engine/types/IDataType.h"

#include <string>
#include <unordered_set>

namespace pipit
{

/// The distinct rows (tuples of argument values) seen so far, in first-seen order: the state of
/// the -Distinct combinator and of groupUniqArray. Rows are kept in columns of the argument types;
/// a byte key per row (exact, not a hash) detects repeats.
struct DistinctRowSet
{
    std::unordered_set<std::string> keys;
    MutableColumns columns;

    /// Creates the empty columns on first use.
    void init(const DataTypes & types);
    size_t size() const { return columns.empty() ? 0 : columns[0]->size(); }
    /// Adds row `row` of `source` if not seen yet; returns whether it was added.
    bool add(const DataTypes & types, const IColumn ** source, size_t row);
    void merge(const DataTypes & types, const DistinctRowSet & rhs);
    void write(const DataTypes & types, WriteBuffer & out) const;
    void read(const DataTypes & types, ReadBuffer & in);

    /// Appends an exact, unambiguous byte key of row `row` of `column` to `key`.
    static void appendKey(const IColumn & column, size_t row, std::string & key);
};

} // namespace pipit
