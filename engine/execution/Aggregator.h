#pragma once

#include "engine/aggregates/Arena.h"
#include "engine/aggregates/IAggregateFunction.h"
#include "engine/execution/FixedKeyHashMap.h"
#include "engine/execution/StringKeyHashMap.h"
#include "engine/planner/SelectQueryPlan.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

class ColumnString;

/// Hash aggregation: GROUP BY keys (none = one group, present even for empty input) and the
/// aggregates of a SelectQueryPlan, each an IAggregateFunction (engine/aggregates) whose states live
/// in this aggregator's Arena. One instance per stream; partial results merge into one.
///
/// Each group owns one "place": the states of all aggregates side by side, created once when the
/// group first appears. A block is processed in two passes: find or create the place of every row
/// (the table depends on the key shape, see Method), then one addBatch call per aggregate.
/// Groups come out in order of first appearance (this aggregator's, then the merged ones').
///
/// Two-level: a hashed table (Packed64, Packed128, String, Serialized) that passes
/// twoLevelThreshold() groups (or kTwoLevelThresholdBytes of arena) is split into
/// kTwoLevelBuckets tables by the top 8 bits of the key hash. Buckets are independent, so
/// mergeParallel() merges and finishBlocks() converts them on several threads; groups then come
/// out bucket by bucket (in order of first appearance within a bucket).
class Aggregator
{
public:
    /// How groups are found, chosen from the key types.
    enum class Method
    {
        /// No GROUP BY: one place.
        NoKeys,
        /// Fixed-width keys (with one null byte per Nullable key) packed into 1 or 2 bytes:
        /// a direct array indexed by the packed key.
        Packed8,
        Packed16,
        /// Packed into 8 or 16 bytes: open-addressing table on the packed key.
        Packed64,
        Packed128,
        /// One String or LowCardinality(String) key: table on the bytes (copied into the Arena,
        /// hash kept per cell).
        String,
        /// One or two LowCardinality keys: each dictionary value gets an id in this aggregator's own
        /// LowCardinality column (lc_values_), found once per block and dictionary row; a group is
        /// the pair of ids (direct array by id for one key, table on the packed ids for two).
        LowCardinality,
        /// Anything else: table on the keys serialised to bytes; key values kept as columns.
        Serialized,
    };

    Aggregator(const std::vector<std::string> & keys, const DataTypes & key_types, const std::vector<AggregateDescription> & aggregates);
    Aggregator(const Aggregator &) = delete;
    Aggregator & operator=(const Aggregator &) = delete;
    ~Aggregator();

    /// `block` holds the key columns and every aggregate argument (by name) for `rows` rows (the
    /// block may have no columns at all, e.g. for count()).
    void add(const Block & block, size_t rows);
    /// Moves the groups of `other` into this one (same keys and aggregates); `other` is left empty
    /// and must not be used afterwards except to be destroyed.
    void merge(Aggregator & other);
    /// Keys then aggregates, named as in the plan.
    Block finish() const;
    size_t groups() const;
    Method method() const { return method_; }

    /// Adds groups given as aggregate states: row i of `keys` (the key columns, by name; `rows` rows)
    /// gets the states at `states[i]`, a place of an aggregator with the same aggregates that stays
    /// alive and unchanged (merged, not moved). For GROUP BY modifiers (ROLLUP, CUBE, TOTALS).
    void addStates(const Block & keys, size_t rows, const AggregateDataPtr * states);
    /// The places of the groups in the order finish() and finishBlocks() output them.
    std::vector<AggregateDataPtr> placesInOutputOrder() const;

    static constexpr size_t kTwoLevelBuckets = 256;
    /// Places per batch call when merging and finishing (prefetched together).
    static constexpr size_t kPlaceChunk = 256;
    /// Groups from which finishBlocks() splits a single-level table into slices finished in parallel.
    static constexpr size_t kParallelFinishRows = 100000;
    /// 10x ClickHouse's group_by_two_level_threshold: measured on 2 cores, GROUP BY of 500k String
    /// keys (250k per thread) costs ~15% more CPU two-level (the split and the 256 tables' cache and TLB
    /// misses) than the parallel merge and finish save.
    static constexpr size_t kDefaultTwoLevelThreshold = 1000000;
    static constexpr size_t kTwoLevelThresholdBytes = 256 << 20;
    /// Whether the method has a hash table that can become two-level.
    bool supportsTwoLevel() const;
    bool isTwoLevel() const { return tables_.size() > 1; }
    size_t twoLevelThreshold() const { return two_level_threshold_; }
    /// Groups from which add() and merge() switch to two-level (0: only the arena size switches).
    void setTwoLevelThreshold(size_t groups) { two_level_threshold_ = groups; }
    /// Splits the single table into kTwoLevelBuckets (requires supportsTwoLevel(), not yet two-level).
    void convertToTwoLevel();

    /// Merges aggregators[1..] into aggregators[0] (all of the same keys and aggregates) and resets
    /// them. With many groups (two-level) the per-bucket merges run on up to `threads` threads;
    /// otherwise the merge is serial, as merge().
    static void mergeParallel(std::vector<std::unique_ptr<Aggregator>> & aggregators, size_t threads);
    /// finish() split into blocks converted on up to `threads` threads (buckets of a two-level table,
    /// slices of a single-level one of kParallelFinishRows groups or more, otherwise one block); the
    /// blocks together hold every group once.
    std::vector<Block> finishBlocks(size_t threads);

private:
    struct PackedKey
    {
        size_t offset;
        size_t width;
        bool nullable;
    };

    /// One hash table with its groups: the only one, or one bucket of a two-level aggregator.
    /// NoKeys, Packed8/16 and LowCardinality use tables_[0]'s places and keys64 (and map64 for two
    /// LowCardinality keys). The keys of group g are at index g of the method's key storage.
    struct Table
    {
        std::unique_ptr<FixedKeyHashMap<UInt64, char>> map64;
        std::unique_ptr<FixedKeyHashMap<UInt128, char>> map128;
        std::unique_ptr<StringKeyHashMap<char>> string_map;
        /// Every group's place, in order of first appearance.
        std::vector<AggregateDataPtr> places;
        std::vector<UInt64> keys64;
        std::vector<UInt128> keys128;
        /// String: the key bytes; Serialized: the serialised keys (both in an arena).
        std::vector<std::string_view> string_keys;
        /// String and Serialized: the hash of each group's key (merge and conversion reuse it).
        std::vector<UInt64> string_hashes;
        /// Serialized: the key values.
        MutableColumns key_columns;
    };

    /// A table for this method; `cell_arena`: where its hash table cells live (nullptr: the heap).
    Table makeTable(Arena * cell_arena = nullptr) const;
    static void setCellArena(Table & table, Arena * cell_arena);
    /// A new arena for hash table cells (huge-page chunks), owned by this aggregator.
    Arena * newCellArena();
    /// The table of a key with hash `hash`.
    Table & tableOf(UInt64 hash) { return tables_.size() == 1 ? tables_[0] : tables_[hash >> 56]; }
    void convertIfLarge();
    /// Moves the groups of `theirs` into `ours` (tables of the same bucket of two aggregators),
    /// merging states with `arena`; `theirs` is left without groups.
    void mergeTable(Table & ours, Table & theirs, Arena * arena);
    /// merge() after the arenas are adopted.
    void mergeGroups(Aggregator & other);
    /// Forgets every group without destroying its states (see merge()).
    void abandonGroups();
    void mergeStates(std::vector<AggregateDataPtr> & destinations, std::vector<AggregateDataPtr> & sources, Arena * arena);
    /// Keys and aggregate results of tables [begin, end), groups [row_begin, row_end) of each.
    Block finishTables(size_t begin, size_t end, Arena * arena, size_t row_begin = 0, size_t row_end = SIZE_MAX) const;
    template <typename T>
    void findPlacesHashed(const std::vector<T> & packed, size_t rows, std::vector<AggregateDataPtr> & places);

    AggregateDataPtr createPlace();
    template <typename T>
    void packKeys(const Columns & key_columns, size_t rows, std::vector<T> & out) const;
    template <typename T>
    void unpackKeys(const std::vector<std::pair<const T *, size_t>> & keys, MutableColumns & columns) const;
    void serializeKeys(const Columns & key_columns, size_t rows, std::vector<std::string_view> & out);
    void findPlaces(const Block & block, size_t rows, std::vector<AggregateDataPtr> & places);
    /// String and Serialized: the runs of equal keys of a block (run_starts_, run_keys_, hashes_),
    /// from the keys' bytes or from a String column.
    void findRuns(const std::vector<std::string_view> & keys, size_t rows);
    void findRunsOfStrings(const ColumnString & column, size_t rows);
    /// String and Serialized: the place of each row from the runs found (`key_columns`: Serialized's
    /// key values, copied for new groups).
    void findPlacesByBytes(size_t rows, std::vector<AggregateDataPtr> & places, const Columns * key_columns);
    template <typename T>
    void findPlacesDirect(const T * values, size_t rows, std::vector<AggregateDataPtr> & places);
    void findPlacesLowCardinality(const Columns & key_columns, size_t rows, std::vector<AggregateDataPtr> & places);
    /// LowCardinality: the place of the group with packed ids `packed`, created when new.
    AggregateDataPtr placeOfIds(UInt64 packed);

    std::vector<std::string> keys_;
    DataTypes key_types_;
    std::vector<AggregateDescription> aggregates_;
    std::vector<AggregateFunctionPtr> functions_;
    /// Offset of each aggregate's state inside a place.
    std::vector<size_t> state_offsets_;
    size_t place_size_ = 0;
    size_t place_alignment_ = 1;

    Method method_ = Method::NoKeys;
    std::vector<PackedKey> packed_keys_;

    /// arenas_[0] is this aggregator's; merge() adopts the other aggregator's arenas, whose states
    /// and keys it takes over.
    std::vector<std::unique_ptr<Arena>> arenas_;
    Arena * arena_ = nullptr;

    /// Two-level: the cells of the buckets' hash tables (declared before tables_, which use them).
    std::vector<std::unique_ptr<Arena>> cell_arenas_;
    /// One table, or kTwoLevelBuckets once two-level.
    std::vector<Table> tables_;
    size_t two_level_threshold_ = kDefaultTwoLevelThreshold;
    /// Packed8/16 and LowCardinality with one key: place by packed key.
    std::vector<AggregateDataPtr> direct_;
    /// Scratch for one block's hashes (String and Serialized: one per run of equal keys).
    std::vector<UInt64> hashes_;
    /// String and Serialized: scratch, the first row and the key of each run of equal keys in one block.
    std::vector<size_t> run_starts_;
    std::vector<std::string_view> run_keys_;
    /// LowCardinality: per key, the values seen (a ColumnLowCardinality whose dictionary row is the
    /// value's id), and the last block dictionary with its rows' ids (kUnknownId until looked up).
    /// Holding the dictionary keeps it alive and unchanged, so its rows keep their ids.
    struct LowCardinalityKeyCache
    {
        ColumnPtr dictionary;
        std::vector<UInt32> id_of_row;
    };
    static constexpr UInt32 kUnknownId = ~UInt32(0);
    MutableColumns lc_values_;
    std::vector<LowCardinalityKeyCache> lc_caches_;
    /// LowCardinality, one key: the place of the last block dictionary's rows (null until looked up).
    std::vector<AggregateDataPtr> lc_place_of_row_;
    /// LowCardinality, two keys: scratch for one block, place per pair of dictionary rows.
    std::vector<AggregateDataPtr> lc_pair_places_;
    /// Serialized: scratch for one block's serialised keys.
    std::string serialize_buffer_;
};

} // namespace pipit
