#pragma once

#include "engine/storage/IMergeTreeMergeStrategy.h"
#include "engine/storage/MergeTreeDataPart.h"
#include "engine/storage/MergeTreeDefinition.h"

#include <ctime>

namespace pipit
{

/// Merge policy and the row work of merges: selects runs of parts, reads them, sorts by the sort
/// key, applies the engine's strategy and TTL (docs/storage_format.md, "Merges, TTL and mutations").
class MergeTreeMerger
{
public:
    MergeTreeMerger(const MergeTreeDefinition & definition, MergeTreeMergeStrategyPtr strategy);

    /// One run of adjacent parts of one partition worth merging, or empty. `parts` are the live
    /// parts not already being merged, ordered by partition then min_block. `aggressive`
    /// (OPTIMIZE) accepts any run of >= 2 parts.
    MergeTreeDataParts selectPartsToMerge(const MergeTreeDataParts & parts, bool aggressive) const;

    /// Rows of `parts` (all table columns, table order) merged and TTL-filtered at `now`.
    Block mergeParts(const MergeTreeDataParts & parts, time_t now) const;

    /// Sorts `block` by the sort key (stable).
    Block sortBlock(const Block & block) const;
    /// Evaluated sort key columns (full, not const).
    Columns evaluateSortKey(const Block & block) const;
    /// Evaluated primary key prefix and its types.
    Columns evaluatePrimaryKey(const Block & block, DataTypes & types) const;

    /// Removes rows whose TTL is <= now; `removed` (optional) receives the count.
    Block applyTtl(const Block & block, time_t now, size_t * removed = nullptr) const;
    /// True if some row of `part` expired (cheap check is not possible: reads the TTL columns).
    bool hasExpiredRows(const MergeTreeDataPartPtr & part, time_t now) const;

    /// Concatenation of blocks with the same structure.
    static Block concatenate(const Blocks & blocks);
    static Block filterBlock(const Block & block, const Filter & filter, size_t count);

    /// Min and max TTL (seconds) over `block`; false without TTL or rows.
    bool ttlRange(const Block & block, Int64 & min_seconds, Int64 & max_seconds) const;

private:
    std::vector<Int64> ttlSeconds(const Block & block) const;
    /// Values of a Date/Date32/DateTime/DateTime64 expression as Unix seconds.
    static std::vector<Int64> expressionSeconds(const IStorageExpression & expression, const Block & block);
    /// Resets expired values of columns with a column TTL to their type default.
    Block applyColumnTtl(Block block, time_t now) const;
    /// A part has a value whose column TTL expired and that is not reset yet.
    bool hasExpiredColumnValues(const MergeTreeDataPartPtr & part, time_t now) const;
    Filter ttlExpired(const Block & block, time_t now, size_t & expired) const;

    const MergeTreeDefinition & definition_;
    MergeTreeMergeStrategyPtr strategy_;
};

} // namespace pipit
