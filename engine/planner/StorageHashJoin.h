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

    /// `columns`: the left storage's columns the join outputs, then the right columns.
    StorageHashJoin(Left left, ColumnsDescription columns, HashJoinPtr join);

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
};

} // namespace pipit
