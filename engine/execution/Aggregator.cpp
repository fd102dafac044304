#include "engine/execution/Aggregator.h"

#include "engine/base/Check.h"
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
        /// Aggregation without keys has exactly one group, even over no rows.
        places_.push_back(createPlace());
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

    switch (method_)
    {
    case Method::Packed8:
        direct_.assign(256, nullptr);
        break;
    case Method::Packed16:
        direct_.assign(65536, nullptr);
        break;
    case Method::Packed64:
        map64_ = std::make_unique<FixedKeyHashMap<UInt64, char>>();
        break;
    case Method::Packed128:
        map128_ = std::make_unique<FixedKeyHashMap<UInt128, char>>();
        break;
    case Method::String:
    case Method::Serialized:
        string_map_ = std::make_unique<StringKeyHashMap<char>>();
        break;
    case Method::LowCardinality:
        for (const auto & type : key_types_)
            lc_values_.push_back(type->createColumn());
        lc_caches_.resize(key_types_.size());
        if (key_types_.size() > 1)
            map64_ = std::make_unique<FixedKeyHashMap<UInt64, char>>();
        break;
    case Method::NoKeys:
        break;
    }
    if (method_ == Method::Serialized)
        for (const auto & type : key_types_)
            key_columns_.push_back(type->createColumn());
}

Aggregator::~Aggregator()
{
    for (size_t a = 0; a < functions_.size(); ++a)
        functions_[a]->destroyBatch(places_.size(), places_.data(), state_offsets_[a]);
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
void Aggregator::unpackKeys(const std::vector<T> & keys, MutableColumns & columns) const
{
    for (size_t k = 0; k < key_types_.size(); ++k)
    {
        const PackedKey & key = packed_keys_[k];
        auto column = key_types_[k]->createColumn();
        column->reserve(keys.size());
        for (const T & packed : keys)
        {
            const char * bytes = reinterpret_cast<const char *>(&packed) + key.offset;
            if (key.nullable && bytes[key.width])
                column->insertData(nullptr, 0);
            else
                column->insertData(bytes, key.width);
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
            places_.push_back(place);
            keys64_.push_back(values[i]);
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
            places_.push_back(place);
            keys64_.push_back(packed);
        }
        return place;
    }
    auto & cell = map64_->findOrInsert(packed);
    if (!cell.mapped)
    {
        cell.mapped = createPlace();
        places_.push_back(cell.mapped);
        keys64_.push_back(packed);
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
        std::fill(places.begin(), places.end(), places_[0]);
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
                places_.push_back(place);
                keys64_.push_back(packed[i]);
            }
            places[i] = place;
        }
        return;
    }
    case Method::Packed64:
    {
        std::vector<UInt64> packed;
        packKeys(key_columns, rows, packed);
        for (size_t i = 0; i < rows; ++i)
        {
            auto & cell = map64_->findOrInsert(packed[i]);
            if (!cell.mapped)
            {
                cell.mapped = createPlace();
                places_.push_back(cell.mapped);
                keys64_.push_back(packed[i]);
            }
            places[i] = cell.mapped;
        }
        return;
    }
    case Method::Packed128:
    {
        std::vector<UInt128> packed;
        packKeys(key_columns, rows, packed);
        for (size_t i = 0; i < rows; ++i)
        {
            auto & cell = map128_->findOrInsert(packed[i]);
            if (!cell.mapped)
            {
                cell.mapped = createPlace();
                places_.push_back(cell.mapped);
                keys128_.push_back(packed[i]);
            }
            places[i] = cell.mapped;
        }
        return;
    }
    case Method::String:
    {
        ColumnPtr full = materialize(key_columns[0]);
        const auto & column = assertColumnCast<ColumnString>(*full);
        const char * chars = column.getChars().data();
        const auto & offsets = column.getOffsets();
        std::vector<std::string_view> keys(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            size_t begin = i == 0 ? 0 : offsets[i - 1];
            keys[i] = std::string_view(chars + begin, offsets[i] - begin);
        }
        findPlacesByBytes(keys, rows, places, nullptr);
        return;
    }
    case Method::Serialized:
    {
        std::vector<std::string_view> serialized;
        serializeKeys(key_columns, rows, serialized);
        findPlacesByBytes(serialized, rows, places, &key_columns);
        return;
    }
    }
}

void Aggregator::findPlacesByBytes(const std::vector<std::string_view> & keys, size_t rows, std::vector<AggregateDataPtr> & places,
                                   const Columns * key_columns)
{
    /// Rows repeating the previous row's key (tables sorted by the key) form one run, looked up
    /// once. The runs' keys are hashed first, then probed with the cell of a later run prefetched:
    /// with many groups the table is larger than the cache and each probe would otherwise wait
    /// for memory.
    constexpr size_t prefetch_distance = 16;
    run_starts_.clear();
    hashes_.clear();
    for (size_t i = 0; i < rows; ++i)
    {
        if (i > 0 && keys[i].size() == keys[i - 1].size() && aggregationBytesEqual(keys[i].data(), keys[i - 1].data(), keys[i].size()))
            continue;
        run_starts_.push_back(i);
        hashes_.push_back(aggregationHashBytes(keys[i].data(), keys[i].size()));
    }
    size_t runs = run_starts_.size();
    run_starts_.push_back(rows);
    bool prefetch = string_map_->size() > 32768;
    for (size_t r = 0; r < runs; ++r)
    {
        if (prefetch && r + prefetch_distance < runs)
            string_map_->prefetch(hashes_[r + prefetch_distance]);
        size_t i = run_starts_[r];
        std::string_view key = keys[i];
        auto & cell = string_map_->findOrInsert(key, hashes_[r]);
        if (!cell.mapped)
        {
            cell.data = key.empty() ? "" : arena_->insert(key.data(), key.size());
            cell.mapped = createPlace();
            places_.push_back(cell.mapped);
            string_keys_.push_back(cell.key());
            string_hashes_.push_back(hashes_[r]);
            if (key_columns)
                for (size_t k = 0; k < key_columns->size(); ++k)
                    key_columns_[k]->insertFrom(*(*key_columns)[k], i);
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
            functions_[a]->addBatchSinglePlace(rows, places_[0] + state_offsets_[a], columns, arena_, nullptr);
        else
            functions_[a]->addBatch(rows, places.data(), state_offsets_[a], columns, arena_);
    }
}

void Aggregator::merge(Aggregator & other)
{
    CHECK(other.method_ == method_ && other.functions_.size() == functions_.size());
    /// Pairs (ours, theirs) for groups present in both; groups only in `other` adopt its place.
    std::vector<AggregateDataPtr> destinations;
    std::vector<AggregateDataPtr> sources;
    auto adopt_or_pair = [&](AggregateDataPtr & mapped, AggregateDataPtr other_place)
    {
        if (!mapped)
        {
            mapped = other_place;
            places_.push_back(other_place);
            return true;
        }
        destinations.push_back(mapped);
        sources.push_back(other_place);
        return false;
    };

    size_t other_groups = other.places_.size();
    switch (method_)
    {
    case Method::NoKeys:
        destinations.push_back(places_[0]);
        sources.push_back(other.places_[0]);
        break;
    case Method::Packed8:
    case Method::Packed16:
        for (size_t g = 0; g < other_groups; ++g)
            if (adopt_or_pair(direct_[other.keys64_[g]], other.places_[g]))
                keys64_.push_back(other.keys64_[g]);
        break;
    case Method::Packed64:
        for (size_t g = 0; g < other_groups; ++g)
            if (adopt_or_pair(map64_->findOrInsert(other.keys64_[g]).mapped, other.places_[g]))
                keys64_.push_back(other.keys64_[g]);
        break;
    case Method::Packed128:
        for (size_t g = 0; g < other_groups; ++g)
            if (adopt_or_pair(map128_->findOrInsert(other.keys128_[g]).mapped, other.places_[g]))
                keys128_.push_back(other.keys128_[g]);
        break;
    case Method::LowCardinality:
    {
        /// Other's ids translated into ours, per key.
        std::vector<std::vector<UInt64>> ids(key_types_.size());
        for (size_t k = 0; k < key_types_.size(); ++k)
        {
            const auto & theirs = assertColumnCast<ColumnLowCardinality>(*other.lc_values_[k]).getDictionary();
            auto & ours = assertColumnCast<ColumnLowCardinality>(*lc_values_[k]);
            for (size_t row = 0; row < theirs.size(); ++row)
                ids[k].push_back(ours.insertDictionaryValueFrom(theirs, row));
        }
        for (size_t g = 0; g < other_groups; ++g)
        {
            UInt64 packed = other.keys64_[g];
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
                mapped = &map64_->findOrInsert(translated).mapped;
            if (adopt_or_pair(*mapped, other.places_[g]))
                keys64_.push_back(translated);
        }
        break;
    }
    case Method::String:
    case Method::Serialized:
        for (size_t g = 0; g < other_groups; ++g)
        {
            std::string_view key = other.string_keys_[g];
            UInt64 hash = other.string_hashes_[g];
            if (g + 16 < other_groups)
                string_map_->prefetch(other.string_hashes_[g + 16]);
            /// The key bytes stay in other's arena, which this aggregator adopts below.
            if (adopt_or_pair(string_map_->findOrInsert(key, hash).mapped, other.places_[g]))
            {
                string_keys_.push_back(key);
                string_hashes_.push_back(hash);
                if (method_ == Method::Serialized)
                    for (size_t k = 0; k < key_columns_.size(); ++k)
                        key_columns_[k]->insertFrom(*other.key_columns_[k], g);
            }
        }
        break;
    }

    for (size_t a = 0; a < functions_.size(); ++a)
        functions_[a]->mergeBatch(destinations.size(), destinations.data(), state_offsets_[a], sources.data(), arena_);
    for (size_t a = 0; a < functions_.size(); ++a)
        functions_[a]->destroyBatch(sources.size(), sources.data(), state_offsets_[a]);

    other.places_.clear();
    for (auto & arena : other.arenas_)
        arenas_.push_back(std::move(arena));
    other.arenas_.clear();
}

Block Aggregator::finish() const
{
    MutableColumns key_columns;
    switch (method_)
    {
    case Method::NoKeys:
        break;
    case Method::Packed8:
    case Method::Packed16:
    case Method::Packed64:
        unpackKeys(keys64_, key_columns);
        break;
    case Method::Packed128:
        unpackKeys(keys128_, key_columns);
        break;
    case Method::String:
    {
        /// String or LowCardinality(String).
        auto column = key_types_[0]->createColumn();
        column->reserve(string_keys_.size());
        if (auto * strings = dynamic_cast<ColumnString *>(column.get()))
        {
            size_t bytes = 0;
            for (const auto & key : string_keys_)
                bytes += key.size();
            strings->getChars().reserve(bytes);
        }
        for (const auto & key : string_keys_)
            column->insertData(key.data(), key.size());
        key_columns.push_back(std::move(column));
        break;
    }
    case Method::Serialized:
        for (const auto & column : key_columns_)
            key_columns.push_back(column->cloneMutable());
        break;
    case Method::LowCardinality:
        for (size_t k = 0; k < key_types_.size(); ++k)
        {
            const auto & values = assertColumnCast<ColumnLowCardinality>(*lc_values_[k]).getDictionary();
            auto column = key_types_[k]->createColumn();
            column->reserve(keys64_.size());
            for (UInt64 packed : keys64_)
                column->insertFrom(values, k == 0 ? (packed & 0xFFFFFFFFu) : (packed >> 32));
            key_columns.push_back(std::move(column));
        }
        break;
    }

    Block res;
    for (size_t k = 0; k < keys_.size(); ++k)
        res.insert({std::move(key_columns[k]), key_types_[k], keys_[k]});
    for (size_t a = 0; a < functions_.size(); ++a)
    {
        auto column = aggregates_[a].result_type->createColumn();
        functions_[a]->insertResultIntoBatch(places_.size(), const_cast<AggregateDataPtr *>(places_.data()), state_offsets_[a], *column,
                                             arena_);
        res.insert({std::move(column), aggregates_[a].result_type, aggregates_[a].column_name});
    }
    return res;
}

} // namespace pipit
