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
///
/// A LowCardinality column stored with a part dictionary (format 2) reads as columns over that one dictionary object
/// (MergeTreeDataPart::lowCardinalityDictionary), whatever the granules: concatenating them copies indexes, and
/// functions and GROUP BY over the dictionary see the same object for the whole part.
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
    /// An empty column of the part's type for the stream (over the part dictionary if the column has one).
    MutableColumnPtr createColumn(ColumnStream & stream, const DataTypePtr & part_type);
    /// Decodes `rows` rows at the stream's position into `column` (made by createColumn()).
    void decodeGranule(ColumnStream & stream, const DataTypePtr & part_type, IColumn & column, size_t rows);

    struct ColumnStream
    {
        ptrdiff_t part_position = -1;
        std::unique_ptr<CompressedReadBuffer> in;
        size_t next_granule = SIZE_MAX; /// granule the stream is positioned at
        /// The part dictionary of a format 2 LowCardinality column, once loaded.
        std::shared_ptr<IColumn> dictionary;
    };

    MergeTreeDataPartPtr part_;
    MergeTreeColumns columns_;
    std::vector<ColumnStream> streams_;
    MergeTreeReaderCache * cache_;
};

} // namespace pipit
