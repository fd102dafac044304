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

/// Hash aggregation: GROUP BY keys (none = one group, present even for empty input) and the
/// aggregates of a SelectQueryPlan, each an IAggregateFunction (engine/aggregates) whose states live
/// in this aggregator's Arena. One instance per stream; partial results merge into one.
///
/// Each group owns one "place": the states of all aggregates side by side, created once when the
/// group first appears. A block is processed in two passes: find or create the place of every row
/// (the table depends on the key shape, see Method), then one addBatch call per aggregate.
/// Groups come out in order of first appearance (this aggregator's, then the merged ones').
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
    size_t groups() const { return places_.size(); }
    Method method() const { return method_; }

private:
    struct PackedKey
    {
        size_t offset;
        size_t width;
        bool nullable;
    };

    AggregateDataPtr createPlace();
    template <typename T>
    void packKeys(const Columns & key_columns, size_t rows, std::vector<T> & out) const;
    template <typename T>
    void unpackKeys(const std::vector<T> & keys, MutableColumns & columns) const;
    void serializeKeys(const Columns & key_columns, size_t rows, std::vector<std::string_view> & out);
    void findPlaces(const Block & block, size_t rows, std::vector<AggregateDataPtr> & places);
    /// String and Serialized: the place of each row's key bytes (`key_columns`: Serialized's key
    /// values, copied for new groups).
    void findPlacesByBytes(const std::vector<std::string_view> & keys, size_t rows, std::vector<AggregateDataPtr> & places,
                           const Columns * key_columns);
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

    /// Every group's place, in order of first appearance; the keys of group g are at index g of the
    /// method's key storage below.
    std::vector<AggregateDataPtr> places_;
    std::vector<AggregateDataPtr> direct_;
    std::vector<UInt64> keys64_;
    std::vector<UInt128> keys128_;
    std::unique_ptr<FixedKeyHashMap<UInt64, char>> map64_;
    std::unique_ptr<FixedKeyHashMap<UInt128, char>> map128_;
    std::unique_ptr<StringKeyHashMap<char>> string_map_;
    /// String: the key bytes; Serialized: the serialised keys (both in an arena).
    std::vector<std::string_view> string_keys_;
    /// String and Serialized: the hash of each group's key (merge reuses it); scratch for one block's hashes (one per run of equal keys).
    std::vector<UInt64> string_hashes_;
    std::vector<UInt64> hashes_;
    /// String and Serialized: scratch, the first row of each run of equal keys in one block.
    std::vector<size_t> run_starts_;
    /// Serialized: the key values.
    MutableColumns key_columns_;
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
