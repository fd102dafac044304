#pragma once

#include "engine/types/Block.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace pipit
{

/// The right side of a hash join, built once and probed by many streams concurrently.
///
/// The right block is held in memory with an extra last row of default values (NULL with
/// join_use_nulls) that non-matching left rows of LEFT/FULL joins point at. Keys are hashed
/// vectorized per block; single fixed-size keys (and several whose widths sum to 8 bytes or less)
/// are packed into one UInt64, single String keys are hashed as bytes, other keys go through the
/// generic column interface. Rows with a NULL key or masked out by ON conditions never match.
/// Equal keys form one group (a chain of rows in right-row order), so ANY takes the first row.
/// Without keys (CROSS JOIN) every left row matches every right row.
class HashJoin
{
public:
    enum class Kind
    {
        Inner,
        Left,
        Right,
        Full,
        Cross,
    };
    enum class Strictness
    {
        All,
        Any,
        Semi,
        Anti,
    };

    static constexpr UInt32 npos = UINT32_MAX;

    /// `right`: the right columns the join outputs (final names). `right_keys`: key columns of the
    /// right rows, already of the key types (no LowCardinality). `right_mask`: rows allowed to match
    /// (may be empty = all). `left_header`: the left columns the join outputs.
    /// `using_columns`: (left column name, right values cast to that column's type) of USING keys,
    /// which take the right value in rows that only the right side produced.
    HashJoin(Kind kind, Strictness strictness, bool use_nulls, const Block & right, const Columns & right_keys, const Filter & right_mask,
             const Block & left_header, std::vector<std::pair<std::string, ColumnPtr>> using_columns);

    Kind kind() const { return kind_; }
    /// True when right rows without a match are output after probing (RIGHT, FULL).
    bool emitsNonJoined() const { return kind_ == Kind::Right || kind_ == Kind::Full; }
    /// Left columns, then right columns, with join_use_nulls applied.
    const Block & outputHeader() const { return output_header_; }

    /// Resumable probe of one left block: appends (left row, right row) pairs to the index arrays
    /// from `row`/`match` on, until `max_rows` pairs or the block's end. Right row
    /// `rightRows()` stands for "no match" (defaults). Returns true when the block is finished.
    struct ProbeState
    {
        size_t row = 0;
        UInt32 match = npos;
        bool in_row = false;
    };
    /// Hashes and key data of one block of keys (computed once per left block).
    struct ProbeKeys
    {
        PODArray<UInt64> hashes;
        PODArray<UInt64> packed;
        /// 0 for rows with a NULL key.
        Filter valid;
        /// Key columns without Nullable.
        Columns nested;
    };
    ProbeKeys prepareKeys(const Columns & key_columns, size_t rows) const;
    bool probe(const ProbeKeys & keys, const Filter & left_mask, size_t rows, ProbeState & state, size_t max_rows,
               Permutation & left_indices, Permutation & right_indices) const;

    /// Output columns `names` (of outputHeader()) for index pairs over `left` (holding the left
    /// columns among `names`).
    Block makeBlock(const Block & left, const Permutation & left_indices, const Permutation & right_indices,
                    const std::vector<std::string> & names) const;

    /// Right rows never matched (after all probes ended), from `state.row` on, at most `max_rows`.
    /// Returns an empty block at the end.
    Block nonJoinedBlock(ProbeState & state, size_t max_rows, const std::vector<std::string> & names) const;

    bool isRightColumn(const std::string & name) const { return right_extended_.has(name); }

    size_t rightRows() const { return right_rows_; }

private:
    enum class KeyMode
    {
        None,
        Packed,
        String,
        Generic,
    };

    bool equalRight(const ProbeKeys & keys, size_t row, UInt32 right_row) const;
    UInt32 findGroup(const ProbeKeys & keys, UInt64 hash, size_t row) const;

    Kind kind_;
    Strictness strictness_;
    bool use_nulls_;
    KeyMode key_mode_ = KeyMode::None;
    size_t right_rows_ = 0;
    /// Right columns with the extra default row.
    Block right_extended_;
    Block left_header_;
    Block output_header_;
    std::vector<std::pair<std::string, ColumnPtr>> using_columns_;

    /// Key data of the right rows (nested columns without Nullable; packed values).
    Columns right_nested_;
    PODArray<UInt64> right_packed_;
    PODArray<UInt64> group_hash_;
    std::vector<UInt32> group_first_;
    std::vector<UInt32> group_next_;
    std::vector<UInt32> row_next_;
    std::vector<UInt32> buckets_;
    UInt64 bucket_mask_ = 0;
    /// Right rows matched by some probe (RIGHT/FULL).
    std::unique_ptr<std::atomic<UInt8>[]> used_;
};

using HashJoinPtr = std::shared_ptr<const HashJoin>;

} // namespace pipit
