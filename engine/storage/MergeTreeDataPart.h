#pragma once

#include "engine/storage/MergeTreePartInfo.h"
#include "engine/types/Block.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pipit
{

/// (name, type) of a column stored in a part.
using MergeTreeColumns = std::vector<std::pair<std::string, DataTypePtr>>;

/// Size and xxh64 of one file of a part, as listed in `meta`.
struct MergeTreeFileChecksum
{
    UInt64 size = 0;
    UInt64 hash = 0;
};

/// An immutable part loaded from `parts/<name>/` (docs/storage_format.md, "Part"): metadata,
/// marks of every column, the primary index and the partition min/max. Data (.bin) is read by
/// MergeTreePartReader. Shared by reader snapshots; when a commit drops the part, it is marked
/// obsolete and its directory is deleted when the last reference goes away.
class MergeTreeDataPart
{
public:
    MergeTreePartInfo info;
    std::string name;
    std::string path; /// directory, without trailing slash

    size_t rows = 0;
    size_t granules = 0;
    /// Columns stored in the part, in table order at write time.
    MergeTreeColumns columns;
    std::unordered_map<std::string, size_t> column_positions;
    std::map<std::string, MergeTreeFileChecksum> checksums;

    /// Rows of each granule and the first row of each granule (size granules + 1).
    std::vector<UInt64> granule_rows;
    std::vector<UInt64> granule_start_rows;
    /// Per column (same order as `columns`): offset in .bin of each granule's compressed block.
    std::vector<std::vector<UInt64>> mark_offsets;

    /// Primary index: one column of granules + 1 values per key element.
    Columns index_columns;
    DataTypes index_types;

    /// Partition value (1 row; null column if no partition key) and min/max (2 rows) of each column
    /// the partition key reads.
    ColumnPtr partition_value;
    DataTypePtr partition_type;
    Block minmax;

    UInt64 bytes_on_disk = 0;

    /// Meta format version: 1 = every LowCardinality granule carries its own dictionary; 2 = a LowCardinality
    /// column whose `<column>.dict.bin` is listed in meta has one dictionary for the part there and granules of
    /// indexes into it (the others still carry a dictionary per granule).
    UInt64 format_version = 1;
    /// Per column (same order as `columns`): stored as one part dictionary + granules of indexes.
    std::vector<bool> has_part_dictionary;

    /// Min/max TTL of the part's rows in seconds (meta line `ttl`); has_ttl false if not recorded.
    bool has_ttl = false;
    Int64 ttl_min = 0;
    Int64 ttl_max = 0;

    ~MergeTreeDataPart();

    /// Reads and verifies meta, marks, primary.idx and partition.dat of the part in `path`.
    /// Throws CORRUPTED_DATA / CHECKSUM_DOESNT_MATCH naming the part.
    static std::shared_ptr<MergeTreeDataPart> load(const std::string & path, const MergeTreePartInfo & info);

    /// Position of `column_name` in `columns`, or -1 if the part does not have it.
    ptrdiff_t columnPosition(const std::string & column_name) const;

    /// The part dictionary of the LowCardinality column at `column_position` (has_part_dictionary), read and
    /// verified on first use; later calls return the same object while any column still references it. Columns
    /// read from the part share it (ColumnLowCardinality::createWithSharedDictionary), so it is never changed.
    /// Thread-safe. CORRUPTED_DATA / CHECKSUM_DOESNT_MATCH on damage.
    std::shared_ptr<IColumn> lowCardinalityDictionary(size_t column_position) const;
    /// `<column>.dict.bin`: the part dictionary of a LowCardinality column (format 2).
    static std::string dictionaryFileName(const std::string & column_name) { return escapeFileName(column_name) + ".dict.bin"; }
    /// Format version written by MergeTreePartWriter and the newest load() accepts.
    static constexpr UInt64 current_format_version = 2;

    /// Deleting the directory once unreferenced (set when a commit drops the part).
    void markObsolete() const { obsolete_.store(true); }
    bool isObsolete() const { return obsolete_.load(); }

    /// File name of a column's data/marks: bytes outside [A-Za-z0-9_] become %XX.
    static std::string escapeFileName(const std::string & column_name);

    /// `meta` text (docs/storage_format.md) and its parser.
    static std::string serializeMeta(size_t rows, size_t granules, const MergeTreeColumns & columns,
                                     const std::map<std::string, MergeTreeFileChecksum> & checksums,
                                     const std::optional<std::pair<Int64, Int64>> & ttl,
                                     UInt64 format_version = current_format_version);

private:
    mutable std::atomic<bool> obsolete_ {false};
    mutable std::mutex dictionaries_mutex_;
    /// Loaded part dictionaries by column position; weak so that unused dictionaries are freed.
    mutable std::vector<std::weak_ptr<IColumn>> dictionaries_;
};

using MergeTreeDataPartPtr = std::shared_ptr<const MergeTreeDataPart>;
using MergeTreeDataParts = std::vector<MergeTreeDataPartPtr>;

} // namespace pipit
