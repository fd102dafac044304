#pragma once

#include "engine/io/WriteAheadLog.h"
#include "engine/storage/IMergeTreeMergeStrategy.h"
#include "engine/storage/IStorage.h"
#include "engine/storage/MergeTreeDataPart.h"
#include "engine/storage/MergeTreeDefinition.h"
#include "engine/storage/MergeTreeManifest.h"
#include "engine/storage/MergeTreeMerger.h"
#include "engine/storage/MergeTreePartWriter.h"
#include "engine/storage/MergeTreePartitioner.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>

namespace pipit
{

/// One row of system.parts.
struct PartInfo
{
    std::string name;
    std::string partition_id;
    /// Partition value as a SQL literal ('2024-03-01', 42), "tuple()" without PARTITION BY.
    std::string partition;
    size_t rows = 0;
    size_t bytes_on_disk = 0;
    size_t level = 0;
    size_t marks = 0;
    UInt64 min_block = 0;
    UInt64 max_block = 0;
};

/// The MergeTree engine (docs/storage_format.md): WAL + in-memory buffer for inserts, immutable
/// sorted parts committed through a manifest, snapshot reads parallel over granule ranges,
/// background flushes and size-tiered merges with TTL, mutations.
///
/// insert(): the block must hold every physical (non-ALIAS) column with exactly the table's type
/// (DEFAULT/MATERIALIZED values are computed by the caller). read(): returns between 1 and
/// num_streams sources; rows come from parts (each part's rows in sort-key order) and then from
/// the not yet flushed buffer (insertion order): no global order is promised. An empty
/// column_names list reads the first column (so row counts are known). FINAL is ignored by the
/// plain MergeTree strategy.
class StorageMergeTree : public IStorage
{
public:
    /// Opens (or creates) the table in `path`: loads the manifest, deletes debris, replays the WAL.
    StorageMergeTree(std::string path, MergeTreeDefinition definition, MergeTreeMergeStrategyPtr strategy = nullptr);
    ~StorageMergeTree() override;

    std::string getEngineName() const override;
    const ColumnsDescription & getColumns() const override { return definition_.columns; }

    void insert(const Block & block, bool durable) override;
    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override;
    std::optional<size_t> totalRows() const override;
    void optimize(bool final) override;
    void truncate() override;
    void drop() override;
    void deleteWhere(const IStorageExpression & predicate) override;
    /// New parts are written first; then one manifest commit swaps them for the replaced parts (and, for a
    /// whole-table replace, drops the insert buffer in the same step), so readers never see a partial table.
    void replaceRows(const std::vector<Block> & blocks, const IStorageExpression * predicate, bool durable) override;
    void shutdown() override;

    /// Writes the buffered rows into parts now (no-op if empty).
    void flush();
    /// Runs one background-policy merge if one is eligible; returns whether it merged.
    bool mergeOnce(bool aggressive = false);

    /// Background TTL step: drops parts whose rows all expired, rewrites parts with some expired
    /// rows. Returns how many parts changed.
    size_t applyExpiredTtl();

    std::vector<PartInfo> getPartsInfo() const;
    const MergeTreeDefinition & getDefinition() const { return definition_; }
    const std::string & getPath() const { return path_; }

    /// Test hooks. abandonForTest(): stop background work without flushing, as if the process
    /// died (the destructor then does nothing else). failFlushBeforeCommitForTest(): the next
    /// flush writes its parts and then throws before committing the manifest.
    void abandonForTest();
    void failFlushBeforeCommitForTest() { fail_before_commit_for_test_ = true; }
    /// Overrides the clock used for TTL (0 = real time).
    void setNowForTest(time_t now) { now_for_test_ = now; }

private:
    using PartsPtr = std::shared_ptr<const MergeTreeDataParts>;

    void load();
    Block normalizeInsertBlock(const Block & block) const;
    /// Writes a sorted block of one partition into a new part; returns the loaded part (renamed
    /// into parts/, not yet committed).
    MergeTreeDataPartPtr writePart(const MergeTreePartInfo & info, const Block & sorted_block, const ColumnPtr & partition_value,
                                   const Block & minmax);
    /// Commits `parts_to_add` replacing `parts_to_remove` (all must be live, else returns false and
    /// deletes `parts_to_add`); sets the flushed mark when `flushed_segment` is given.
    /// Writes a large insert as parts and commits them (no WAL record, no buffer).
    void insertAsParts(Block block);
    bool commit(const MergeTreeDataParts & parts_to_remove, const MergeTreeDataParts & parts_to_add, std::optional<UInt64> flushed_segment,
                bool clear_flushing, bool clear_buffer = false);
    /// For each of `parts` with rows matching `predicate`: the part goes to `removed` and, unless every row
    /// matched, a rewritten part without those rows to `added` (not committed). merge_mutex_ held.
    void mutateParts(const IStorageExpression & predicate, const MergeTreeDataParts & parts, MergeTreeDataParts & removed,
                     MergeTreeDataParts & added);
    /// Sorts, splits by partition and writes `block` as new parts appended to `added` (not committed).
    void writeBlockParts(const Block & block, MergeTreeDataParts & added);
    UInt64 allocateBlockNumber();
    /// Deletes WAL segments already in parts, keeping the one equal to the flushed mark so that
    /// segment numbers keep growing across restarts.
    void removeFlushedWalSegments(UInt64 flushed_segment);
    time_t now() const;
    /// Writes `merged` (rows of `parts`) as their replacement and commits. merge_mutex_ held.
    void mergeInto(const MergeTreeDataParts & parts, const Block & merged);
    void backgroundLoop();
    void stopBackground();
    bool bufferNeedsFlush() const;
    MergeTreeColumns physicalColumns() const;

    std::string path_;
    MergeTreeDefinition definition_;
    MergeTreeMergeStrategyPtr strategy_;
    MergeTreeMerger merger_;
    MergeTreePartitioner partitioner_;
    std::unique_ptr<MergeTreePartWriter> writer_;
    std::unique_ptr<WriteAheadLog> wal_;
    DataTypePtr partition_type_;

    /// Order: merge_mutex_ -> flush_mutex_ -> insert_mutex_ -> commit_mutex_ -> state_mutex_.
    std::mutex merge_mutex_; /// one merge/mutation/truncate at a time
    std::mutex flush_mutex_; /// one flush at a time
    /// Inserts hold it shared across WAL append + buffer append (concurrent inserts share WAL
    /// fsyncs); rotating the WAL and taking the buffer hold it exclusively.
    std::shared_mutex insert_mutex_;
    std::mutex commit_mutex_; /// manifest writes
    mutable std::mutex state_mutex_;

    /// Guarded by state_mutex_.
    PartsPtr parts_;
    Blocks buffer_;
    Blocks flushing_;
    size_t buffer_rows_ = 0;
    size_t buffer_bytes_ = 0;
    std::chrono::steady_clock::time_point buffer_since_;
    MergeTreeManifest manifest_;

    UInt64 next_block_number_ = 1; /// guarded by commit_mutex_

    std::thread background_;
    std::mutex background_mutex_;
    std::condition_variable background_cv_;
    bool stop_background_ = false;
    bool background_wakeup_ = false;

    std::atomic<bool> shut_down_ {false};
    std::atomic<bool> dropped_ {false};
    std::atomic<bool> abandoned_ {false};
    std::atomic<bool> fail_before_commit_for_test_ {false};
    std::atomic<time_t> now_for_test_ {0};
};

} // namespace pipit
