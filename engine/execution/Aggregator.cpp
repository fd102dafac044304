#include "engine/execution/Aggregator.h"

#include "engine/base/Check.h"
#include "engine/base/MemoryTracker.h"
#include "engine/base/ThreadPool.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeNullable.h"

#include <algorithm>
#include <cstring>

namespace pipit
{

namespace
{

/// Full column without Const and LowCardinality wrappers (what aggregate functions take).
ColumnPtr materialize(const ColumnPtr & column)
{
    return convertToFullColumnIfLowCardinality(convertToFullColumnIfConst(column));
}

/// Width of a fixed-width type's values, 0 when the values are not fixed-width.
size_t fixedWidthOf(const DataTypePtr & type)
{
    auto column = type->createColumn();
    return column->isFixedWidth() ? column->sizeOfValueIfFixed() : 0;
}

template <size_t W>
void packColumn(char * out, size_t stride, size_t offset, const char * values, const UInt8 * null_map, size_t rows)
{
    for (size_t i = 0; i < rows; ++i)
    {
        char value[W];
        std::memcpy(value, values + i * W, W);
        if (null_map && null_map[i])
            std::memset(value, 0, W);
        std::memcpy(out + i * stride + offset, value, W);
    }
}

/// Whether `column`'s first prefix.size() rows equal `prefix`'s rows (String dictionaries, plain or
/// Nullable; false for other classes).
bool startsWithRows(const IColumn & column, const IColumn & prefix)
{
    size_t n = prefix.size();
    if (column.size() < n)
        return false;
    if (n == 0)
        return true;
    const auto * nullable = dynamic_cast<const ColumnNullable *>(&column);
    const auto * nullable_prefix = dynamic_cast<const ColumnNullable *>(&prefix);
    if (nullable || nullable_prefix)
    {
        if (!nullable || !nullable_prefix)
            return false;
        if (std::memcmp(nullable->getNullMapData().data(), nullable_prefix->getNullMapData().data(), n) != 0)
            return false;
        return startsWithRows(nullable->getNestedColumn(), nullable_prefix->getNestedColumn());
    }
    const auto * strings = dynamic_cast<const ColumnString *>(&column);
    const auto * prefix_strings = dynamic_cast<const ColumnString *>(&prefix);
    if (!strings || !prefix_strings)
        return false;
    const auto & offsets = strings->getOffsets();
    const auto & prefix_offsets = prefix_strings->getOffsets();
    if (std::memcmp(offsets.data(), prefix_offsets.data(), n * sizeof(offsets[0])) != 0)
        return false;
    return std::memcmp(strings->getChars().data(), prefix_strings->getChars().data(), prefix_offsets[n - 1]) == 0;
}

} // namespace

Aggregator::Aggregator(const std::vector<std::string> & keys, const DataTypes & key_types,
                       const std::vector<AggregateDescription> & aggregates)
    : keys_(keys)
    , key_types_(key_types)
    , aggregates_(aggregates)
{
    for (const auto & description : aggregates_)
    {
        CHECK(description.function_ptr);
        const auto & function = description.function_ptr;
        place_size_ = (place_size_ + function->alignOfData() - 1) / function->alignOfData() * function->alignOfData();
        state_offsets_.push_back(place_size_);
        place_size_ += function->sizeOfData();
        place_alignment_ = std::max(place_alignment_, function->alignOfData());
        functions_.push_back(function);
    }
    /// Every group needs a distinct, non-null place even without aggregates.
    place_size_ = std::max<size_t>(place_size_, 1);

    arenas_.push_back(std::make_unique<Arena>());
    arena_ = arenas_[0].get();

    if (keys_.empty())
    {
        method_ = Method::NoKeys;
        tables_.push_back(makeTable());
        /// Aggregation without keys has exactly one group, even over no rows.
        tables_[0].places.push_back(createPlace());
        return;
    }

    /// Fixed-width keys pack into one integer: each value at its offset, then a byte that is 1 for
    /// NULL (the value bytes are then zero).
    size_t packed_width = 0;
    bool packable = true;
    for (const auto & type : key_types_)
    {
        bool nullable = type->isNullable();
        size_t width = fixedWidthOf(nullable ? removeNullable(type) : type);
        if (width == 0)
        {
            packable = false;
            break;
        }
        packed_keys_.push_back({packed_width, width, nullable});
        packed_width += width + (nullable ? 1 : 0);
    }
    bool all_low_cardinality = key_types_.size() <= 2;
    for (const auto & type : key_types_)
        all_low_cardinality = all_low_cardinality && type->getTypeId() == TypeIndex::LowCardinality;
    if (all_low_cardinality)
        method_ = Method::LowCardinality;
    else if (packable && packed_width <= 16)
    {
        if (packed_width <= 1)
            method_ = Method::Packed8;
        else if (packed_width <= 2)
            method_ = Method::Packed16;
        else if (packed_width <= 8)
            method_ = Method::Packed64;
        else
            method_ = Method::Packed128;
    }
    else if (key_types_.size() == 1 && removeLowCardinality(key_types_[0])->getTypeId() == TypeIndex::String)
        method_ = Method::String;
    else
        method_ = Method::Serialized;

    if (method_ == Method::Packed8)
        direct_.assign(256, nullptr);
    else if (method_ == Method::Packed16)
        direct_.assign(65536, nullptr);
    else if (method_ == Method::LowCardinality)
    {
        for (const auto & type : key_types_)
            lc_values_.push_back(type->createColumn());
        lc_caches_.resize(key_types_.size());
    }
    tables_.push_back(makeTable());
}

Aggregator::Table Aggregator::makeTable(Arena * cell_arena) const
{
    Table table;
    switch (method_)
    {
    case Method::Packed64:
        table.map64 = std::make_unique<FixedKeyHashMap<UInt64, char>>(cell_arena);
        break;
    case Method::Packed128:
        table.map128 = std::make_unique<FixedKeyHashMap<UInt128, char>>(cell_arena);
        break;
    case Method::String:
        table.string_map = std::make_unique<StringKeyHashMap<char>>(cell_arena);
        break;
    case Method::Serialized:
        table.string_map = std::make_unique<StringKeyHashMap<char>>(cell_arena);
        for (const auto & type : key_types_)
            table.key_columns.push_back(type->createColumn());
        break;
    case Method::LowCardinality:
        if (key_types_.size() > 1)
            table.map64 = std::make_unique<FixedKeyHashMap<UInt64, char>>();
        break;
    case Method::NoKeys:
    case Method::Packed8:
    case Method::Packed16:
        break;
    }
    return table;
}

void Aggregator::setCellArena(Table & table, Arena * cell_arena)
{
    if (table.map64)
        table.map64->setCellArena(cell_arena);
    if (table.map128)
        table.map128->setCellArena(cell_arena);
    if (table.string_map)
        table.string_map->setCellArena(cell_arena);
}

Arena * Aggregator::newCellArena()
{
    /// Chunks of 8 MiB and more are mapped on huge pages (Arena.cpp).
    cell_arenas_.push_back(std::make_unique<Arena>(8 << 20));
    return cell_arenas_.back().get();
}

Aggregator::~Aggregator()
{
    for (auto & table : tables_)
        for (size_t a = 0; a < functions_.size(); ++a)
            functions_[a]->destroyBatch(table.places.size(), table.places.data(), state_offsets_[a]);
}

size_t Aggregator::groups() const
{
    size_t total = 0;
    for (const auto & table : tables_)
        total += table.places.size();
    return total;
}

bool Aggregator::supportsTwoLevel() const
{
    return method_ == Method::Packed64 || method_ == Method::Packed128 || method_ == Method::String || method_ == Method::Serialized;
}

void Aggregator::convertIfLarge()
{
    if (isTwoLevel() || !supportsTwoLevel())
        return;
    size_t size = tables_[0].places.size();
    if ((two_level_threshold_ && size >= two_level_threshold_) || (size >= 1024 && arena_->allocatedBytes() >= kTwoLevelThresholdBytes))
        convertToTwoLevel();
}

void Aggregator::convertToTwoLevel()
{
    CHECK(supportsTwoLevel() && !isTwoLevel());
    std::vector<Table> buckets;
    buckets.reserve(kTwoLevelBuckets);
    Arena * cell_arena = newCellArena();
    for (size_t b = 0; b < kTwoLevelBuckets; ++b)
        buckets.push_back(makeTable(cell_arena));
    Table & single = tables_[0];
    size_t size = single.places.size();
    /// The hash of group g's key, and a prefetch of its cell in its bucket 16 groups ahead (the
    /// buckets together are larger than the cache).
    auto hash_of = [&](size_t g) -> UInt64
    {
        if (method_ == Method::Packed64)
            return FixedKeyHashMap<UInt64, char>::hash(single.keys64[g]);
        if (method_ == Method::Packed128)
            return FixedKeyHashMap<UInt128, char>::hash(single.keys128[g]);
        return single.string_hashes[g];
    };
    for (size_t g = 0; g < size; ++g)
    {
        if (g + 16 < size)
        {
            UInt64 ahead = hash_of(g + 16);
            Table & bucket = buckets[ahead >> 56];
            if (bucket.string_map)
                bucket.string_map->prefetch(ahead);
            else if (bucket.map64)
                bucket.map64->prefetch(ahead);
            else
                bucket.map128->prefetch(ahead);
        }
        AggregateDataPtr place = single.places[g];
        switch (method_)
        {
        case Method::Packed64:
        {
            UInt64 key = single.keys64[g];
            UInt64 hash = FixedKeyHashMap<UInt64, char>::hash(key);
            Table & bucket = buckets[hash >> 56];
            bucket.map64->findOrInsert(key, hash).mapped = place;
            bucket.keys64.push_back(key);
            bucket.places.push_back(place);
            break;
        }
        case Method::Packed128:
        {
            UInt128 key = single.keys128[g];
            UInt64 hash = FixedKeyHashMap<UInt128, char>::hash(key);
            Table & bucket = buckets[hash >> 56];
            bucket.map128->findOrInsert(key, hash).mapped = place;
            bucket.keys128.push_back(key);
            bucket.places.push_back(place);
            break;
        }
        case Method::String:
        case Method::Serialized:
        {
            std::string_view key = single.string_keys[g];
            UInt64 hash = single.string_hashes[g];
            Table & bucket = buckets[hash >> 56];
            /// The key bytes stay where they are (an arena of this aggregator).
            bucket.string_map->findOrInsert(key, hash).mapped = place;
            bucket.string_keys.push_back(key);
            bucket.string_hashes.push_back(hash);
            bucket.places.push_back(place);
            for (size_t k = 0; k < single.key_columns.size(); ++k)
                bucket.key_columns[k]->insertFrom(*single.key_columns[k], g);
            break;
        }
        default:
            CHECK(false);
        }
    }
    /// Every place now belongs to exactly one bucket.
    tables_ = std::move(buckets);
}

AggregateDataPtr Aggregator::createPlace()
{
    AggregateDataPtr place = arena_->alignedAlloc(place_size_, place_alignment_);
    size_t created = 0;
    try
    {
        for (; created < functions_.size(); ++created)
            functions_[created]->create(place + state_offsets_[created]);
    }
    catch (...)
    {
        for (size_t a = 0; a < created; ++a)
            functions_[a]->destroy(place + state_offsets_[a]);
        throw;
    }
    return place;
}

template <typename T>
void Aggregator::packKeys(const Columns & key_columns, size_t rows, std::vector<T> & out) const
{
    out.assign(rows, T {});
    char * data = reinterpret_cast<char *>(out.data());
    for (size_t k = 0; k < key_columns.size(); ++k)
    {
        const PackedKey & key = packed_keys_[k];
        const IColumn * column = key_columns[k].get();
        const UInt8 * null_map = nullptr;
        if (key.nullable)
        {
            const auto & nullable = assertColumnCast<ColumnNullable>(*column);
            null_map = nullable.getNullMapData().data();
            column = &nullable.getNestedColumn();
        }
        if (rows == 0)
            continue;
        const char * values = column->getDataAt(0).data();
        switch (key.width)
        {
        case 1:
            packColumn<1>(data, sizeof(T), key.offset, values, null_map, rows);
            break;
        case 2:
            packColumn<2>(data, sizeof(T), key.offset, values, null_map, rows);
            break;
        case 4:
            packColumn<4>(data, sizeof(T), key.offset, values, null_map, rows);
            break;
        case 8:
            packColumn<8>(data, sizeof(T), key.offset, values, null_map, rows);
            break;
        default:
            for (size_t i = 0; i < rows; ++i)
            {
                char * dst = data + i * sizeof(T) + key.offset;
                if (null_map && null_map[i])
                    std::memset(dst, 0, key.width);
                else
                    std::memcpy(dst, values + i * key.width, key.width);
            }
        }
        if (null_map)
            for (size_t i = 0; i < rows; ++i)
                data[i * sizeof(T) + key.offset + key.width] = static_cast<char>(null_map[i] != 0);
    }
}

template <typename T>
void Aggregator::unpackKeys(const std::vector<std::pair<const T *, size_t>> & keys, MutableColumns & columns) const
{
    size_t rows = 0;
    for (const auto & table_keys : keys)
        rows += table_keys.second;
    for (size_t k = 0; k < key_types_.size(); ++k)
    {
        const PackedKey & key = packed_keys_[k];
        auto column = key_types_[k]->createColumn();
        column->reserve(rows);
        for (const auto & [table_keys, count] : keys)
        {
            for (size_t i = 0; i < count; ++i)
            {
                const char * bytes = reinterpret_cast<const char *>(&table_keys[i]) + key.offset;
                if (key.nullable && bytes[key.width])
                    column->insertData(nullptr, 0);
                else
                    column->insertData(bytes, key.width);
            }
        }
        columns.push_back(std::move(column));
    }
}

void Aggregator::serializeKeys(const Columns & key_columns, size_t rows, std::vector<std::string_view> & out)
{
    enum class Kind
    {
        Fixed,
        String,
        Other,
    };
    struct Source
    {
        Kind kind;
        const IColumn * column;
        const UInt8 * null_map;
        const char * fixed_data;
        size_t width;
    };
    Columns holders;
    std::vector<Source> sources;
    for (const auto & key_column : key_columns)
    {
        ColumnPtr full = convertToFullColumnIfLowCardinality(key_column);
        holders.push_back(full);
        Source source {Kind::Other, full.get(), nullptr, nullptr, 0};
        if (const auto * nullable = dynamic_cast<const ColumnNullable *>(source.column))
        {
            source.null_map = nullable->getNullMapData().data();
            source.column = &nullable->getNestedColumn();
        }
        if (dynamic_cast<const ColumnString *>(source.column))
            source.kind = Kind::String;
        else if (source.column->isFixedWidth() && rows > 0)
        {
            source.kind = Kind::Fixed;
            source.width = source.column->sizeOfValueIfFixed();
            source.fixed_data = source.column->getDataAt(0).data();
        }
        sources.push_back(source);
    }

    std::string & buffer = serialize_buffer_;
    buffer.clear();
    std::vector<size_t> ends(rows);
    for (size_t i = 0; i < rows; ++i)
    {
        for (const auto & source : sources)
        {
            if (source.null_map)
            {
                buffer.push_back(static_cast<char>(source.null_map[i] != 0));
                if (source.null_map[i])
                    continue;
            }
            switch (source.kind)
            {
            case Kind::Fixed:
                buffer.append(source.fixed_data + i * source.width, source.width);
                break;
            case Kind::String:
            {
                auto value = static_cast<const ColumnString *>(source.column)->getDataAt(i);
                UInt64 size = value.size();
                buffer.append(reinterpret_cast<const char *>(&size), sizeof(size));
                buffer.append(value.data(), value.size());
                break;
            }
            case Kind::Other:
            {
                std::string text = (*source.column)[i].dump();
                UInt64 size = text.size();
                buffer.append(reinterpret_cast<const char *>(&size), sizeof(size));
                buffer.append(text);
                break;
            }
            }
        }
        ends[i] = buffer.size();
    }
    out.resize(rows);
    for (size_t i = 0; i < rows; ++i)
    {
        size_t begin = i == 0 ? 0 : ends[i - 1];
        out[i] = std::string_view(buffer.data() + begin, ends[i] - begin);
    }
}

template <typename T>
void Aggregator::findPlacesDirect(const T * values, size_t rows, std::vector<AggregateDataPtr> & places)
{
    AggregateDataPtr * direct = direct_.data();
    for (size_t i = 0; i < rows; ++i)
    {
        AggregateDataPtr place = direct[values[i]];
        if (!place) [[unlikely]]
        {
            place = direct[values[i]] = createPlace();
            tables_[0].places.push_back(place);
            tables_[0].keys64.push_back(values[i]);
        }
        places[i] = place;
    }
}

AggregateDataPtr Aggregator::placeOfIds(UInt64 packed)
{
    if (key_types_.size() == 1)
    {
        if (packed >= direct_.size())
            direct_.resize(std::max<size_t>(packed + 1, direct_.size() * 2), nullptr);
        AggregateDataPtr & place = direct_[packed];
        if (!place)
        {
            place = createPlace();
            tables_[0].places.push_back(place);
            tables_[0].keys64.push_back(packed);
        }
        return place;
    }
    auto & cell = tables_[0].map64->findOrInsert(packed);
    if (!cell.mapped)
    {
        cell.mapped = createPlace();
        tables_[0].places.push_back(cell.mapped);
        tables_[0].keys64.push_back(packed);
    }
    return cell.mapped;
}

void Aggregator::findPlacesLowCardinality(const Columns & key_columns, size_t rows, std::vector<AggregateDataPtr> & places)
{
    /// Per key: the block's dictionary indexes and the id of each dictionary row.
    Columns holders;
    std::vector<const UInt32 *> indexes(key_columns.size());
    std::vector<size_t> dictionary_sizes(key_columns.size());
    bool dictionary_changed = false;
    for (size_t k = 0; k < key_columns.size(); ++k)
    {
        const auto * lc = dynamic_cast<const ColumnLowCardinality *>(key_columns[k].get());
        if (!lc)
        {
            /// A key computed into a plain column: encode it first.
            auto encoded = key_types_[k]->createColumn();
            encoded->insertRangeFrom(*key_columns[k], 0, rows);
            holders.push_back(std::move(encoded));
            lc = &assertColumnCast<ColumnLowCardinality>(*holders.back());
        }
        indexes[k] = lc->getIndexes().data();
        dictionary_sizes[k] = lc->getDictionary().size();
        auto & cache = lc_caches_[k];
        if (cache.dictionary.get() != &lc->getDictionary())
        {
            /// A new dictionary object that starts with the same values (readers give each block
            /// its own copy) keeps the ids and places found so far.
            bool same_prefix = cache.dictionary && startsWithRows(lc->getDictionary(), *cache.dictionary);
            cache.dictionary = lc->getDictionaryPtr();
            if (!same_prefix)
            {
                cache.id_of_row.assign(dictionary_sizes[k], kUnknownId);
                dictionary_changed = true;
            }
            else
                cache.id_of_row.resize(std::max(cache.id_of_row.size(), dictionary_sizes[k]), kUnknownId);
        }
        else if (cache.id_of_row.size() < dictionary_sizes[k])
            cache.id_of_row.resize(dictionary_sizes[k], kUnknownId);
    }
    auto id_of = [&](size_t k, UInt32 row) -> UInt64
    {
        UInt32 & id = lc_caches_[k].id_of_row[row];
        if (id == kUnknownId)
            id = static_cast<UInt32>(
                assertColumnCast<ColumnLowCardinality>(*lc_values_[k]).insertDictionaryValueFrom(*lc_caches_[k].dictionary, row));
        return id;
    };

    if (key_columns.size() == 1)
    {
        if (dictionary_changed)
            lc_place_of_row_.assign(dictionary_sizes[0], nullptr);
        else if (lc_place_of_row_.size() < dictionary_sizes[0])
            lc_place_of_row_.resize(dictionary_sizes[0], nullptr);
        AggregateDataPtr * place_of_row = lc_place_of_row_.data();
        const UInt32 * index = indexes[0];
        for (size_t i = 0; i < rows; ++i)
        {
            AggregateDataPtr place = place_of_row[index[i]];
            if (!place) [[unlikely]]
                place = place_of_row[index[i]] = placeOfIds(id_of(0, index[i]));
            places[i] = place;
        }
        return;
    }

    const UInt32 * index0 = indexes[0];
    const UInt32 * index1 = indexes[1];
    size_t stride = dictionary_sizes[1];
    if (dictionary_sizes[0] * stride <= 4096)
    {
        /// Few pairs of dictionary rows: a place per pair, for this block.
        lc_pair_places_.assign(dictionary_sizes[0] * stride, nullptr);
        AggregateDataPtr * pair_places = lc_pair_places_.data();
        for (size_t i = 0; i < rows; ++i)
        {
            size_t pair = index0[i] * stride + index1[i];
            AggregateDataPtr place = pair_places[pair];
            if (!place) [[unlikely]]
                place = pair_places[pair] = placeOfIds(id_of(0, index0[i]) | (id_of(1, index1[i]) << 32));
            places[i] = place;
        }
        return;
    }
    for (size_t i = 0; i < rows; ++i)
        places[i] = placeOfIds(id_of(0, index0[i]) | (id_of(1, index1[i]) << 32));
}

void Aggregator::findPlaces(const Block & block, size_t rows, std::vector<AggregateDataPtr> & places)
{
    places.resize(rows);
    Columns key_columns;
    for (const auto & name : keys_)
        key_columns.push_back(convertToFullColumnIfConst(block.getByName(name).column));

    switch (method_)
    {
    case Method::NoKeys:
        std::fill(places.begin(), places.end(), tables_[0].places[0]);
        return;
    case Method::LowCardinality:
        findPlacesLowCardinality(key_columns, rows, places);
        return;
    case Method::Packed8:
    case Method::Packed16:
    {
        if (key_columns.size() == 1 && !packed_keys_[0].nullable)
        {
            /// One UInt8/UInt16-wide key: index the direct array by the value itself.
            const char * values = key_columns[0]->getDataAt(0).data();
            if (packed_keys_[0].width == 1)
                findPlacesDirect(reinterpret_cast<const UInt8 *>(values), rows, places);
            else
                findPlacesDirect(reinterpret_cast<const UInt16 *>(values), rows, places);
            return;
        }
        std::vector<UInt64> packed;
        packKeys(key_columns, rows, packed);
        for (size_t i = 0; i < rows; ++i)
        {
            AggregateDataPtr & place = direct_[packed[i]];
            if (!place)
            {
                place = createPlace();
                tables_[0].places.push_back(place);
                tables_[0].keys64.push_back(packed[i]);
            }
            places[i] = place;
        }
        return;
    }
    case Method::Packed64:
    {
        std::vector<UInt64> packed;
        packKeys(key_columns, rows, packed);
        findPlacesHashed(packed, rows, places);
        return;
    }
    case Method::Packed128:
    {
        std::vector<UInt128> packed;
        packKeys(key_columns, rows, packed);
        findPlacesHashed(packed, rows, places);
        return;
    }
    case Method::String:
    {
        ColumnPtr full = materialize(key_columns[0]);
        findRunsOfStrings(assertColumnCast<ColumnString>(*full), rows);
        findPlacesByBytes(rows, places, nullptr);
        return;
    }
    case Method::Serialized:
    {
        std::vector<std::string_view> serialized;
        serializeKeys(key_columns, rows, serialized);
        findRuns(serialized, rows);
        findPlacesByBytes(rows, places, &key_columns);
        return;
    }
    }
}

template <typename T>
void Aggregator::findPlacesHashed(const std::vector<T> & packed, size_t rows, std::vector<AggregateDataPtr> & places)
{
    /// As findPlacesByBytes: a row repeating the previous row's key takes its place; keys are
    /// hashed first so that a later row's cell can be prefetched.
    constexpr size_t prefetch_distance = 16;
    hashes_.resize(rows);
    for (size_t i = 0; i < rows; ++i)
        hashes_[i] = FixedKeyHashMap<T, char>::hash(packed[i]);
    auto map_of = [](Table & table) -> FixedKeyHashMap<T, char> &
    {
        if constexpr (sizeof(T) == 16)
            return *table.map128;
        else
            return *table.map64;
    };
    bool prefetch = isTwoLevel() || tables_[0].places.size() > 32768;
    for (size_t i = 0; i < rows; ++i)
    {
        if (i > 0 && packed[i] == packed[i - 1])
        {
            places[i] = places[i - 1];
            continue;
        }
        if (prefetch && i + prefetch_distance < rows)
        {
            UInt64 ahead = hashes_[i + prefetch_distance];
            map_of(tableOf(ahead)).prefetch(ahead);
        }
        Table & table = tableOf(hashes_[i]);
        auto & cell = map_of(table).findOrInsert(packed[i], hashes_[i]);
        if (!cell.mapped)
        {
            cell.mapped = createPlace();
            table.places.push_back(cell.mapped);
            if constexpr (sizeof(T) == 16)
                table.keys128.push_back(packed[i]);
            else
                table.keys64.push_back(packed[i]);
        }
        places[i] = cell.mapped;
    }
}

void Aggregator::findRuns(const std::vector<std::string_view> & keys, size_t rows)
{
    run_starts_.clear();
    run_keys_.clear();
    hashes_.clear();
    for (size_t i = 0; i < rows; ++i)
    {
        if (i > 0 && keys[i].size() == keys[i - 1].size() && aggregationBytesEqual(keys[i].data(), keys[i - 1].data(), keys[i].size()))
            continue;
        run_starts_.push_back(i);
        run_keys_.push_back(keys[i]);
        hashes_.push_back(aggregationHashBytes(keys[i].data(), keys[i].size()));
    }
}

void Aggregator::findRunsOfStrings(const ColumnString & column, size_t rows)
{
    run_starts_.clear();
    run_keys_.clear();
    hashes_.clear();
    const char * chars = reinterpret_cast<const char *>(column.getChars().data());
    const auto * offsets = column.getOffsets().data();
    size_t previous_begin = 0;
    size_t previous_size = 0;
    for (size_t i = 0; i < rows; ++i)
    {
        size_t begin = i == 0 ? 0 : offsets[i - 1];
        size_t size = offsets[i] - begin;
        if (i > 0 && size == previous_size && aggregationBytesEqual(chars + begin, chars + previous_begin, size))
        {
            previous_begin = begin;
            continue;
        }
        previous_begin = begin;
        previous_size = size;
        run_starts_.push_back(i);
        run_keys_.emplace_back(chars + begin, size);
        hashes_.push_back(aggregationHashBytes(chars + begin, size));
    }
}

void Aggregator::findPlacesByBytes(size_t rows, std::vector<AggregateDataPtr> & places, const Columns * key_columns)
{
    /// Rows repeating the previous row's key (tables sorted by the key) form one run, looked up
    /// once. The runs' keys are hashed first, then probed with the cell of a later run prefetched:
    /// with many groups the table is larger than the cache and each probe would otherwise wait
    /// for memory.
    constexpr size_t prefetch_distance = 16;
    size_t runs = run_starts_.size();
    run_starts_.push_back(rows);
    bool prefetch = isTwoLevel() || tables_[0].places.size() > 32768;
    for (size_t r = 0; r < runs; ++r)
    {
        if (prefetch && r + prefetch_distance < runs)
        {
            UInt64 ahead = hashes_[r + prefetch_distance];
            tableOf(ahead).string_map->prefetch(ahead);
        }
        size_t i = run_starts_[r];
        std::string_view key = run_keys_[r];
        Table & table = tableOf(hashes_[r]);
        auto & cell = table.string_map->findOrInsert(key, hashes_[r]);
        if (!cell.mapped)
        {
            cell.data = key.empty() ? "" : arena_->insert(key.data(), key.size());
            cell.mapped = createPlace();
            table.places.push_back(cell.mapped);
            table.string_keys.push_back(cell.key());
            table.string_hashes.push_back(hashes_[r]);
            if (key_columns)
                for (size_t k = 0; k < key_columns->size(); ++k)
                    table.key_columns[k]->insertFrom(*(*key_columns)[k], i);
        }
        std::fill(places.begin() + static_cast<std::ptrdiff_t>(i), places.begin() + static_cast<std::ptrdiff_t>(run_starts_[r + 1]),
                  cell.mapped);
    }
}

void Aggregator::add(const Block & block, size_t rows)
{
    if (rows == 0)
        return;
    std::vector<AggregateDataPtr> places;
    if (method_ != Method::NoKeys)
        findPlaces(block, rows, places);

    for (size_t a = 0; a < functions_.size(); ++a)
    {
        Columns holders;
        std::vector<const IColumn *> arguments;
        for (const auto & name : aggregates_[a].arguments)
        {
            holders.push_back(materialize(block.getByName(name).column));
            arguments.push_back(holders.back().get());
        }
        const IColumn ** columns = arguments.empty() ? nullptr : arguments.data();
        if (method_ == Method::NoKeys)
            functions_[a]->addBatchSinglePlace(rows, tables_[0].places[0] + state_offsets_[a], columns, arena_, nullptr);
        else
            functions_[a]->addBatch(rows, places.data(), state_offsets_[a], columns, arena_);
    }
    convertIfLarge();
}

void Aggregator::addStates(const Block & keys, size_t rows, const AggregateDataPtr * states)
{
    if (rows == 0)
        return;
    std::vector<AggregateDataPtr> places;
    if (method_ == Method::NoKeys)
        places.assign(rows, tables_[0].places[0]);
    else
        findPlaces(keys, rows, places);
    for (size_t a = 0; a < functions_.size(); ++a)
        functions_[a]->mergeBatch(rows, places.data(), state_offsets_[a], states, arena_);
    convertIfLarge();
}

std::vector<AggregateDataPtr> Aggregator::placesInOutputOrder() const
{
    std::vector<AggregateDataPtr> places;
    places.reserve(groups());
    for (const auto & table : tables_)
        places.insert(places.end(), table.places.begin(), table.places.end());
    return places;
}

void Aggregator::mergeStates(std::vector<AggregateDataPtr> & destinations, std::vector<AggregateDataPtr> & sources, Arena * arena)
{
    /// In chunks whose places are prefetched: the places of many groups are scattered over the
    /// arenas, and each aggregate would otherwise miss the cache on every place.
    size_t rows = destinations.size();
    for (size_t begin = 0; begin < rows; begin += kPlaceChunk)
    {
        size_t count = std::min(kPlaceChunk, rows - begin);
        for (size_t i = begin; i < begin + count; ++i)
        {
            __builtin_prefetch(destinations[i]);
            __builtin_prefetch(sources[i]);
        }
        for (size_t a = 0; a < functions_.size(); ++a)
            functions_[a]->mergeBatch(count, destinations.data() + begin, state_offsets_[a], sources.data() + begin, arena);
    }
    for (size_t a = 0; a < functions_.size(); ++a)
        functions_[a]->destroyBatch(sources.size(), sources.data(), state_offsets_[a]);
}

void Aggregator::mergeTable(Table & ours, Table & theirs, Arena * arena)
{
    /// Pairs (ours, theirs) for groups present in both; groups only in `theirs` adopt its place.
    std::vector<AggregateDataPtr> destinations;
    std::vector<AggregateDataPtr> sources;
    auto adopt_or_pair = [&](AggregateDataPtr & mapped, AggregateDataPtr other_place)
    {
        if (!mapped)
        {
            mapped = other_place;
            ours.places.push_back(other_place);
            return true;
        }
        destinations.push_back(mapped);
        sources.push_back(other_place);
        return false;
    };

    size_t other_groups = theirs.places.size();
    switch (method_)
    {
    case Method::Packed64:
        for (size_t g = 0; g < other_groups; ++g)
        {
            if (g + 16 < other_groups)
                ours.map64->prefetch(FixedKeyHashMap<UInt64, char>::hash(theirs.keys64[g + 16]));
            UInt64 key = theirs.keys64[g];
            if (adopt_or_pair(ours.map64->findOrInsert(key).mapped, theirs.places[g]))
                ours.keys64.push_back(key);
        }
        break;
    case Method::Packed128:
        for (size_t g = 0; g < other_groups; ++g)
        {
            if (g + 16 < other_groups)
                ours.map128->prefetch(FixedKeyHashMap<UInt128, char>::hash(theirs.keys128[g + 16]));
            UInt128 key = theirs.keys128[g];
            if (adopt_or_pair(ours.map128->findOrInsert(key).mapped, theirs.places[g]))
                ours.keys128.push_back(key);
        }
        break;
    case Method::String:
    case Method::Serialized:
        for (size_t g = 0; g < other_groups; ++g)
        {
            std::string_view key = theirs.string_keys[g];
            UInt64 hash = theirs.string_hashes[g];
            if (g + 16 < other_groups)
                ours.string_map->prefetch(theirs.string_hashes[g + 16]);
            /// The key bytes stay in the other aggregator's arena, which this one adopts.
            if (adopt_or_pair(ours.string_map->findOrInsert(key, hash).mapped, theirs.places[g]))
            {
                ours.string_keys.push_back(key);
                ours.string_hashes.push_back(hash);
                for (size_t k = 0; k < ours.key_columns.size(); ++k)
                    ours.key_columns[k]->insertFrom(*theirs.key_columns[k], g);
            }
        }
        break;
    default:
        CHECK(false);
    }
    /// From here on every place of `theirs` is owned by `ours` (adopted) or destroyed below.
    theirs.places.clear();
    mergeStates(destinations, sources, arena);
}

void Aggregator::abandonGroups()
{
    /// Their memory is in arenas another aggregator adopted: on a failed merge the states of groups
    /// not merged yet leak their own allocations rather than being destroyed twice or after their arena.
    for (auto & table : tables_)
        table.places.clear();
}

void Aggregator::merge(Aggregator & other)
{
    CHECK(other.method_ == method_ && other.functions_.size() == functions_.size());
    /// Adopt the other's arenas first: adopted places and key bytes live there.
    for (auto & arena : other.arenas_)
        arenas_.push_back(std::move(arena));
    other.arenas_.clear();
    try
    {
        mergeGroups(other);
    }
    catch (...)
    {
        other.abandonGroups();
        throw;
    }
}

void Aggregator::mergeGroups(Aggregator & other)
{

    if (supportsTwoLevel())
    {
        if (isTwoLevel() || other.isTwoLevel())
        {
            if (!isTwoLevel())
                convertToTwoLevel();
            if (!other.isTwoLevel())
                other.convertToTwoLevel();
        }
        for (size_t b = 0; b < tables_.size(); ++b)
            mergeTable(tables_[b], other.tables_[b], arena_);
        convertIfLarge();
        return;
    }

    Table & ours = tables_[0];
    Table & theirs = other.tables_[0];
    std::vector<AggregateDataPtr> destinations;
    std::vector<AggregateDataPtr> sources;
    auto adopt_or_pair = [&](AggregateDataPtr & mapped, AggregateDataPtr other_place)
    {
        if (!mapped)
        {
            mapped = other_place;
            ours.places.push_back(other_place);
            return true;
        }
        destinations.push_back(mapped);
        sources.push_back(other_place);
        return false;
    };

    size_t other_groups = theirs.places.size();
    switch (method_)
    {
    case Method::NoKeys:
        destinations.push_back(ours.places[0]);
        sources.push_back(theirs.places[0]);
        break;
    case Method::Packed8:
    case Method::Packed16:
        for (size_t g = 0; g < other_groups; ++g)
            if (adopt_or_pair(direct_[theirs.keys64[g]], theirs.places[g]))
                ours.keys64.push_back(theirs.keys64[g]);
        break;
    case Method::LowCardinality:
    {
        /// Other's ids translated into ours, per key.
        std::vector<std::vector<UInt64>> ids(key_types_.size());
        for (size_t k = 0; k < key_types_.size(); ++k)
        {
            const auto & their_values = assertColumnCast<ColumnLowCardinality>(*other.lc_values_[k]).getDictionary();
            auto & our_values = assertColumnCast<ColumnLowCardinality>(*lc_values_[k]);
            for (size_t row = 0; row < their_values.size(); ++row)
                ids[k].push_back(our_values.insertDictionaryValueFrom(their_values, row));
        }
        for (size_t g = 0; g < other_groups; ++g)
        {
            UInt64 packed = theirs.keys64[g];
            UInt64 id0 = ids[0][packed & 0xFFFFFFFFu];
            UInt64 translated = key_types_.size() == 1 ? id0 : id0 | (ids[1][packed >> 32] << 32);
            AggregateDataPtr * mapped = nullptr;
            if (key_types_.size() == 1)
            {
                if (translated >= direct_.size())
                    direct_.resize(std::max<size_t>(translated + 1, direct_.size() * 2), nullptr);
                mapped = &direct_[translated];
            }
            else
                mapped = &ours.map64->findOrInsert(translated).mapped;
            if (adopt_or_pair(*mapped, theirs.places[g]))
                ours.keys64.push_back(translated);
        }
        break;
    }
    default:
        CHECK(false);
    }
    theirs.places.clear();
    mergeStates(destinations, sources, arena_);
}

void Aggregator::mergeParallel(std::vector<std::unique_ptr<Aggregator>> & aggregators, size_t threads)
{
    if (aggregators.size() <= 1)
        return;
    Aggregator & target = *aggregators[0];
    size_t total_groups = 0;
    bool any_two_level = false;
    for (const auto & aggregator : aggregators)
    {
        total_groups += aggregator->groups();
        any_two_level = any_two_level || aggregator->isTwoLevel();
    }
    bool parallel = threads > 1 && target.supportsTwoLevel() &&
                    (any_two_level || (target.two_level_threshold_ && total_groups >= target.two_level_threshold_));
    if (!parallel)
    {
        for (size_t s = 1; s < aggregators.size(); ++s)
        {
            target.merge(*aggregators[s]);
            aggregators[s].reset();
            MemoryTracker::checkCurrent();
        }
        return;
    }

    for (size_t s = 1; s < aggregators.size(); ++s)
    {
        CHECK(aggregators[s]->method_ == target.method_ && aggregators[s]->functions_.size() == target.functions_.size());
        for (auto & arena : aggregators[s]->arenas_)
            target.arenas_.push_back(std::move(arena));
        aggregators[s]->arenas_.clear();
    }
    try
    {
        parallelFor(aggregators.size(), threads,
                    [&](size_t s)
                    {
                        if (!aggregators[s]->isTwoLevel())
                            aggregators[s]->convertToTwoLevel();
                    });
        MemoryTracker::checkCurrent();

        /// Each range of buckets merges on one thread with its own arena (arenas are not thread-safe).
        size_t ranges = std::min(threads, kTwoLevelBuckets);
        std::vector<Arena *> arenas;
        for (size_t r = 0; r < ranges; ++r)
        {
            target.arenas_.push_back(std::make_unique<Arena>());
            arenas.push_back(target.arenas_.back().get());
            /// The tables of the range grow into cells of the range's own arena.
            Arena * cell_arena = target.newCellArena();
            for (size_t b = r * kTwoLevelBuckets / ranges; b < (r + 1) * kTwoLevelBuckets / ranges; ++b)
                setCellArena(target.tables_[b], cell_arena);
        }
        parallelFor(ranges, threads,
                    [&](size_t r)
                    {
                        for (size_t b = r * kTwoLevelBuckets / ranges; b < (r + 1) * kTwoLevelBuckets / ranges; ++b)
                            for (size_t s = 1; s < aggregators.size(); ++s)
                                target.mergeTable(target.tables_[b], aggregators[s]->tables_[b], arenas[r]);
                    });
    }
    catch (...)
    {
        for (size_t s = 1; s < aggregators.size(); ++s)
            aggregators[s]->abandonGroups();
        throw;
    }
    for (size_t s = 1; s < aggregators.size(); ++s)
        aggregators[s].reset();
    MemoryTracker::checkCurrent();
}

Block Aggregator::finishTables(size_t begin, size_t end, Arena * arena, size_t row_begin, size_t row_end) const
{
    /// Groups [first(t), last(t)) of each table t.
    auto first = [&](size_t t) { return std::min(row_begin, tables_[t].places.size()); };
    auto last = [&](size_t t) { return std::min(row_end, tables_[t].places.size()); };
    size_t rows = 0;
    for (size_t t = begin; t < end; ++t)
        rows += last(t) - first(t);

    MutableColumns key_columns;
    switch (method_)
    {
    case Method::NoKeys:
        break;
    case Method::Packed8:
    case Method::Packed16:
    case Method::Packed64:
    case Method::LowCardinality:
    {
        std::vector<std::pair<const UInt64 *, size_t>> keys;
        for (size_t t = begin; t < end; ++t)
            keys.emplace_back(tables_[t].keys64.data() + first(t), last(t) - first(t));
        if (method_ != Method::LowCardinality)
        {
            unpackKeys(keys, key_columns);
            break;
        }
        for (size_t k = 0; k < key_types_.size(); ++k)
        {
            const auto & values = assertColumnCast<ColumnLowCardinality>(*lc_values_[k]).getDictionary();
            auto column = key_types_[k]->createColumn();
            column->reserve(rows);
            for (const auto & [table_keys, count] : keys)
                for (size_t i = 0; i < count; ++i)
                    column->insertFrom(values, k == 0 ? (table_keys[i] & 0xFFFFFFFFu) : (table_keys[i] >> 32));
            key_columns.push_back(std::move(column));
        }
        break;
    }
    case Method::Packed128:
    {
        std::vector<std::pair<const UInt128 *, size_t>> keys;
        for (size_t t = begin; t < end; ++t)
            keys.emplace_back(tables_[t].keys128.data() + first(t), last(t) - first(t));
        unpackKeys(keys, key_columns);
        break;
    }
    case Method::String:
    {
        /// String or LowCardinality(String).
        auto column = key_types_[0]->createColumn();
        column->reserve(rows);
        if (auto * strings = dynamic_cast<ColumnString *>(column.get()))
        {
            size_t bytes = 0;
            for (size_t t = begin; t < end; ++t)
                for (size_t g = first(t); g < last(t); ++g)
                    bytes += tables_[t].string_keys[g].size();
            strings->getChars().reserve(bytes + rows);
        }
        for (size_t t = begin; t < end; ++t)
        {
            const auto & string_keys = tables_[t].string_keys;
            for (size_t g = first(t); g < last(t); ++g)
            {
                if (g + 16 < last(t))
                    __builtin_prefetch(string_keys[g + 16].data());
                column->insertData(string_keys[g].data(), string_keys[g].size());
            }
        }
        key_columns.push_back(std::move(column));
        break;
    }
    case Method::Serialized:
        for (size_t k = 0; k < key_types_.size(); ++k)
        {
            auto column = key_types_[k]->createColumn();
            column->reserve(rows);
            for (size_t t = begin; t < end; ++t)
                column->insertRangeFrom(*tables_[t].key_columns[k], first(t), last(t) - first(t));
            key_columns.push_back(std::move(column));
        }
        break;
    }

    std::vector<AggregateDataPtr> gathered;
    const AggregateDataPtr * places = nullptr;
    if (end - begin == 1)
        places = tables_[begin].places.data() + first(begin);
    else
    {
        gathered.reserve(rows);
        for (size_t t = begin; t < end; ++t)
            gathered.insert(gathered.end(), tables_[t].places.begin() + static_cast<std::ptrdiff_t>(first(t)),
                            tables_[t].places.begin() + static_cast<std::ptrdiff_t>(last(t)));
        places = gathered.data();
    }

    MutableColumns results;
    for (size_t a = 0; a < functions_.size(); ++a)
    {
        results.push_back(aggregates_[a].result_type->createColumn());
        results.back()->reserve(rows);
    }
    /// In chunks whose places are prefetched (see mergeStates).
    for (size_t chunk_begin = 0; chunk_begin < rows; chunk_begin += kPlaceChunk)
    {
        size_t count = std::min(kPlaceChunk, rows - chunk_begin);
        AggregateDataPtr * chunk = const_cast<AggregateDataPtr *>(places) + chunk_begin;
        for (size_t i = 0; i < count; ++i)
            __builtin_prefetch(chunk[i]);
        for (size_t a = 0; a < functions_.size(); ++a)
            functions_[a]->insertResultIntoBatch(count, chunk, state_offsets_[a], *results[a], arena);
    }

    Block res;
    for (size_t k = 0; k < keys_.size(); ++k)
        res.insert({std::move(key_columns[k]), key_types_[k], keys_[k]});
    for (size_t a = 0; a < functions_.size(); ++a)
        res.insert({std::move(results[a]), aggregates_[a].result_type, aggregates_[a].column_name});
    return res;
}

Block Aggregator::finish() const
{
    return finishTables(0, tables_.size(), arena_);
}

std::vector<Block> Aggregator::finishBlocks(size_t threads)
{
    if (threads <= 1)
        return {finish()};
    if (!isTwoLevel())
    {
        /// Many groups in one table: slices of its groups, converted in parallel.
        size_t rows = tables_[0].places.size();
        if (!supportsTwoLevel() || rows < kParallelFinishRows)
            return {finish()};
        size_t slices = std::min(threads, rows / (kParallelFinishRows / 2));
        std::vector<Arena *> arenas;
        for (size_t r = 0; r < slices; ++r)
        {
            arenas_.push_back(std::make_unique<Arena>());
            arenas.push_back(arenas_.back().get());
        }
        std::vector<Block> blocks(slices);
        parallelFor(slices, threads, [&](size_t r) { blocks[r] = finishTables(0, 1, arenas[r], r * rows / slices, (r + 1) * rows / slices); });
        MemoryTracker::checkCurrent();
        return blocks;
    }
    size_t ranges = std::min(threads, kTwoLevelBuckets);
    std::vector<Arena *> arenas;
    for (size_t r = 0; r < ranges; ++r)
    {
        arenas_.push_back(std::make_unique<Arena>());
        arenas.push_back(arenas_.back().get());
    }
    std::vector<Block> blocks(ranges);
    parallelFor(ranges, threads,
                [&](size_t r)
                { blocks[r] = finishTables(r * kTwoLevelBuckets / ranges, (r + 1) * kTwoLevelBuckets / ranges, arenas[r]); });
    MemoryTracker::checkCurrent();
    return blocks;
}

} // namespace pipit
