#pragma once

#include "engine/planner/SelectQueryPlan.h"

namespace pipit
{

/// Vectorized whole-block operations used by the query pipeline.
class BlockOperations
{
public:
    /// Keep-mask of a filter column: non-zero and non-NULL rows (any number type, Nullable or Const).
    static Filter filterMask(const ColumnPtr & column, const DataTypePtr & type, size_t rows);
    /// Rows of `block` where mask is non-zero; returns the number of rows kept.
    static size_t filterBlock(Block & block, const Filter & mask);
    /// Materialises ColumnConst columns.
    static void materialize(Block & block);
    /// Concatenation of blocks with the same structure (empty result: `header` with empty columns).
    static Block concatenate(const std::vector<Block> & blocks, const Block & header);
    /// Sorts `block` by `description` (stable); with limit != 0 keeps only the first `limit` rows.
    static void sortBlock(Block & block, const SortDescription & description, size_t limit);
    /// Rows [offset, offset + length) of the block.
    static Block cutBlock(const Block & block, size_t offset, size_t length);
    /// Keeps the first occurrence of each distinct row of the first `columns` columns.
    static void distinctBlock(Block & block, size_t columns);
    /// LIMIT length OFFSET offset BY: keeps, per distinct value of the columns `key_columns`, its rows
    /// offset .. offset+length-1 in block order.
    static void limitByBlock(Block & block, const std::vector<std::string> & key_columns, UInt64 length, UInt64 offset);
};

} // namespace pipit
