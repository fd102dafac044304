#pragma once

#include "engine/storage/IStorage.h"

#include <string>
#include <vector>

namespace pipit
{

/// Rows of one partition cut out of an inserted block.
struct MergeTreePartitionChunk
{
    std::string partition_id;
    Block block;
    /// Partition key value (1 row) and min/max (2 rows) of its input columns; null/empty without a key.
    ColumnPtr partition_value;
    Block minmax;
};

/// Splits blocks by the partition key and names partitions (docs/storage_format.md, "Part").
class MergeTreePartitioner
{
public:
    explicit MergeTreePartitioner(StorageExpressionPtr partition_key);

    /// One chunk per distinct partition value, in order of first appearance; within a chunk the
    /// rows are stably sorted by `sort_keys` (columns evaluated over `block`; empty = keep order).
    std::vector<MergeTreePartitionChunk> sortAndSplit(const Block & block, const Columns & sort_keys) const;

    /// Min/max of each column the partition key reads, over `block` (empty Block without a key).
    Block computeMinMax(const Block & block) const;

    /// Partition id of a 1-row partition value.
    static std::string partitionId(const IColumn & value, const IDataType & type);

    const StorageExpressionPtr & partitionKey() const { return partition_key_; }

private:
    StorageExpressionPtr partition_key_;
};

} // namespace pipit
