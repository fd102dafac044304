#pragma once

#include "engine/io/CompressionCodec.h"
#include "engine/storage/MergeTreeDataPart.h"
#include "engine/types/Block.h"

#include <optional>
#include <string>
#include <vector>

namespace pipit
{

/// What goes into one part besides its rows: primary key values and partition data.
struct MergeTreePartContents
{
    /// Rows sorted by the sort key, every column of the table (table order).
    Block block;
    /// Primary key elements evaluated over `block` (same row count), and their types.
    Columns key_columns;
    DataTypes key_types;
    /// Partition key value (1 row) and its type; null without a partition key.
    ColumnPtr partition_value;
    DataTypePtr partition_type;
    /// Min (row 0) and max (row 1) of each column the partition key reads.
    Block minmax;
    /// Min/max TTL of the rows in seconds, recorded in meta (absent without TTL).
    std::optional<std::pair<Int64, Int64>> ttl;
};

/// Writes a complete part directory (docs/storage_format.md, "Part"): one .bin/.mrk per column
/// with one compressed block per granule (a LowCardinality column also a .dict.bin with the part's dictionary, the
/// .bin then holding only indexes, unless that exceeds max_part_dictionary_size), primary.idx, partition.dat and, last, meta with the
/// checksums of every file. A column without an explicit codec is compressed with LZ4, except
/// integer-like columns (integers, dates, times, Decimal32/64), whose granules each use the smaller
/// of LZ4 and T64+LZ4. Stateless apart from its configuration; thread-safe.
class MergeTreePartWriter
{
public:
    /// `codecs[i]` compresses the column named `codec_columns[i]`; other columns use LZ4.
    MergeTreePartWriter(std::vector<std::string> codec_columns, std::vector<CompressionCodecPtr> codecs, size_t index_granularity,
                        bool sync);

    /// Creates `path` (which must not exist) and writes the part into it; fsyncs files and the
    /// directory when configured. Does not rename or load the part.
    void write(const std::string & path, const MergeTreePartContents & contents) const;

    size_t indexGranularity() const { return index_granularity_; }

    /// A LowCardinality column whose part uses more distinct values keeps a dictionary per granule (format 1
    /// encoding) instead of one for the part, so that reading a few granules never loads a huge dictionary.
    static constexpr size_t max_part_dictionary_size = 1 << 17;

    /// Part format to write: MergeTreeDataPart::current_format_version (default) or an older one that load() still
    /// reads (1: a dictionary in every LowCardinality granule), for compatibility tests.
    void setFormatVersion(UInt64 format_version);

private:
    /// The explicit codec of a column, or null if it has none.
    CompressionCodecPtr explicitCodec(const std::string & column_name) const;
    /// Codecs tried per granule for a column without an explicit codec; the smallest output wins.
    std::vector<CompressionCodecPtr> adaptiveCodecs(const IDataType & type) const;

    std::vector<std::string> codec_columns_;
    std::vector<CompressionCodecPtr> codecs_;
    size_t index_granularity_;
    bool sync_;
    UInt64 format_version_ = MergeTreeDataPart::current_format_version;
};

} // namespace pipit
