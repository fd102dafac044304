#pragma once

#include "engine/planner/ExpressionActions.h"
#include "engine/planner/HashJoin.h"
#include "engine/storage/IStorage.h"

namespace pipit
{

/// The result of `left JOIN right` as a read-only table: reads stream the left storage in parallel
/// and probe the (already built) hash table of the right side in each stream; with RIGHT/FULL
/// joins the stream that finishes last also returns the right rows no probe matched. Blocks have
/// at most ReadRequest::max_block_size rows however many rows match.
class StorageHashJoin final : public IStorage
{
public:
    struct Left
    {
        StoragePtr storage;
        /// Over the left storage's columns: outputs the join keys (in key order).
        ExpressionActionsPtr key_actions;
        /// Types both sides' keys are cast to.
        DataTypes key_types;
        /// Optional: UInt8 output; left rows where it is 0/NULL match nothing (ON conditions on the left side).
        ExpressionActionsPtr mask_actions;
        /// Optional: UInt8 output; left rows where it is 0/NULL are dropped before the join (WHERE pushed down).
        ExpressionActionsPtr filter_actions;
        std::shared_ptr<const IKeyCondition> key_condition;
        bool final = false;
    };

    /// What EXPLAIN shows of the join (filled by the planner).
    struct Explain
    {
        /// "INNER ALL", "LEFT ANY", ...
        std::string join;
        /// "left_key = right_key, ..." in joined names.
        std::string keys;
        /// Name shown for the left storage when it is not itself a join.
        std::string left_table;
        std::string left_key_condition;
        /// The right side: a table read when the join was planned (with its statistics) or a subquery's rows.
        std::string right_table;
        std::vector<std::string> right_columns;
        std::string right_key_condition;
        bool right_read_from_storage = false;
        /// WHERE conjuncts over the right side are applied to its rows before the hash table is built.
        bool right_filtered = false;
        ReadStatistics right_statistics;
        size_t right_rows = 0;
    };

    /// `columns`: the left storage's columns the join outputs, then the right columns.
    StorageHashJoin(Left left, ColumnsDescription columns, HashJoinPtr join);

    void setExplain(Explain explain) { explain_ = std::move(explain); }
    /// EXPLAIN lines of the join tree below a query reading this storage: the join, then the left side
    /// (nested joins recursively; `left_statistics`, when known, are the leftmost table's read), then the right side.
    std::vector<std::pair<size_t, std::string>> explainLines(const std::vector<std::string> & read_columns,
                                                             const ReadStatistics * left_statistics) const;

    std::string getEngineName() const override { return "Join"; }
    const ColumnsDescription & getColumns() const override { return columns_; }
    void insert(const Block & block, bool durable) override;
    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override;
    void truncate() override;
    void drop() override {}
    void deleteWhere(const IStorageExpression & predicate) override;

    /// Keep-mask of a UInt8 / Nullable(UInt8) / const filter column.
    static Filter toMask(const ColumnPtr & column, size_t rows);

private:
    Left left_;
    ColumnsDescription columns_;
    HashJoinPtr join_;
    Explain explain_;
};

} // namespace pipit
