#pragma once

#include "engine/types/Block.h"

#include <memory>
#include <string>

namespace pipit
{

/// What a merge does with rows of equal sort key: the hook of the MergeTree family (plain keeps
/// every row; Replacing/Summing/Aggregating/Collapsing engines plug in their rule).
class IMergeTreeMergeStrategy
{
public:
    virtual ~IMergeTreeMergeStrategy() = default;
    virtual std::string engineName() const = 0;
    /// `block` holds every table column, sorted by the sort key; among equal keys rows are in block
    /// order (older inserts first). `sort_key` are the evaluated sort-key columns of `block`.
    /// Returns the rows to write, still sorted.
    virtual Block merge(Block block, const Columns & sort_key) const = 0;
    /// Whether the read path must apply merge() over the snapshot for FINAL.
    virtual bool supportsFinal() const { return false; }
};
using MergeTreeMergeStrategyPtr = std::shared_ptr<const IMergeTreeMergeStrategy>;

} // namespace pipit
