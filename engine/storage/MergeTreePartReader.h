#pragma once

#include "engine/io/CompressedReadBuffer.h"
#include "engine/storage/MergeTreeDataPart.h"

#include <memory>
#include <vector>

namespace pipit
{

/// Reads granule ranges of some columns of one part. Columns the part lacks (added by a later ALTER)
/// read as the type's default. Not thread-safe: one reader per stream.
class MergeTreePartReader
{
public:
    /// `columns`: the (name, table type) to produce, in output order.
    MergeTreePartReader(MergeTreeDataPartPtr part, MergeTreeColumns columns);

    /// Rows of granules [begin, end) as a Block of the requested columns. Data block checksums are
    /// verified (CHECKSUM_DOESNT_MATCH on damage).
    Block readGranules(size_t begin, size_t end);

    const MergeTreeDataPartPtr & part() const { return part_; }

private:
    struct ColumnStream
    {
        ptrdiff_t part_position = -1;
        std::unique_ptr<CompressedReadBuffer> in;
        size_t next_granule = SIZE_MAX; /// granule the stream is positioned at
    };

    MergeTreeDataPartPtr part_;
    MergeTreeColumns columns_;
    std::vector<ColumnStream> streams_;
};

} // namespace pipit
