#pragma once

#include "engine/io/CompressedReadBuffer.h"
#include "engine/storage/MergeTreeDataPart.h"
#include "engine/storage/MergeTreeReaderCache.h"

#include <memory>
#include <vector>

namespace pipit
{

/// Reads granule ranges of some columns of one part. Columns the part lacks (added by a later ALTER)
/// read as the type's default. Not thread-safe: one reader per stream.
///
/// With a cache, every granule is decoded on its own and kept in the cache (reads of one granule return the
/// cached column itself, shared); files are only opened on a miss. Results are the same with or without.
class MergeTreePartReader
{
public:
    /// `columns`: the (name, table type) to produce, in output order.
    MergeTreePartReader(MergeTreeDataPartPtr part, MergeTreeColumns columns, MergeTreeReaderCache * cache = nullptr);

    /// Rows of granules [begin, end) as a Block of the requested columns. Data block checksums are
    /// verified (CHECKSUM_DOESNT_MATCH on damage).
    Block readGranules(size_t begin, size_t end);

    const MergeTreeDataPartPtr & part() const { return part_; }

private:
    struct ColumnStream;

    /// Positions the stream at granule `granule` (opening the file on first use).
    void seekStream(ColumnStream & stream, const std::string & name, size_t granule);
    /// One granule of a stored column, from the cache or decoded and cached.
    ColumnPtr readCachedGranule(ColumnStream & stream, const std::string & name, const DataTypePtr & part_type, size_t granule);

    struct ColumnStream
    {
        ptrdiff_t part_position = -1;
        std::unique_ptr<CompressedReadBuffer> in;
        size_t next_granule = SIZE_MAX; /// granule the stream is positioned at
    };

    MergeTreeDataPartPtr part_;
    MergeTreeColumns columns_;
    std::vector<ColumnStream> streams_;
    MergeTreeReaderCache * cache_;
};

} // namespace pipit
