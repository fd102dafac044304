#include "engine/types/DataTypeLowCardinality.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeNumber.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include <emmintrin.h>
#include <unordered_map>

namespace pipit
{

DataTypeLowCardinality::DataTypeLowCardinality(DataTypePtr dictionary_type)
    : dictionary_type_(std::move(dictionary_type))
{
    TypeIndex id = dictionary_type_->getTypeId();
    if (id == TypeIndex::Array || id == TypeIndex::Tuple || id == TypeIndex::Map || id == TypeIndex::LowCardinality ||
        id == TypeIndex::Nothing)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "LowCardinality is not supported for type " + dictionary_type_->getName());
}

#define PIPIT_LC_SERIALIZE(METHOD)                                                                                                         \
    void DataTypeLowCardinality::METHOD(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const      \
    {                                                                                                                                      \
        const auto & col = assertColumnCast<ColumnLowCardinality>(column);                                                                 \
        dictionary_type_->METHOD(col.getDictionary(), col.getIndexes()[row], out, settings);                                               \
    }
PIPIT_LC_SERIALIZE(serializeText)
PIPIT_LC_SERIALIZE(serializeTextEscaped)
PIPIT_LC_SERIALIZE(serializeTextQuoted)
PIPIT_LC_SERIALIZE(serializeTextCSV)
PIPIT_LC_SERIALIZE(serializeTextJSON)
#undef PIPIT_LC_SERIALIZE

template <typename F>
void DataTypeLowCardinality::insertParsed(IColumn & column, F && parse) const
{
    auto & col = assertColumnCast<ColumnLowCardinality>(column);
    auto scratch = dictionary_type_->createColumn();
    parse(*scratch);
    size_t index = col.insertDictionaryValueFrom(*scratch, 0);
    col.getIndexes().push_back(static_cast<UInt32>(index));
}

void DataTypeLowCardinality::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    insertParsed(column, [&](IColumn & c) { dictionary_type_->deserializeWholeText(c, in, settings); });
}

void DataTypeLowCardinality::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    insertParsed(column, [&](IColumn & c) { dictionary_type_->deserializeTextEscaped(c, in, settings); });
}

void DataTypeLowCardinality::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    insertParsed(column, [&](IColumn & c) { dictionary_type_->deserializeTextQuoted(c, in, settings); });
}

void DataTypeLowCardinality::deserializeTextCSV(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    insertParsed(column, [&](IColumn & c) { dictionary_type_->deserializeTextCSV(c, in, settings); });
}

void DataTypeLowCardinality::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    insertParsed(column, [&](IColumn & c) { dictionary_type_->deserializeTextJSON(c, in, settings); });
}

namespace
{

template <typename Width>
void writeIndexes(const UInt32 * indexes, size_t count, WriteBuffer & out)
{
    PODArray<Width> narrow(count);
    for (size_t i = 0; i < count; ++i)
        narrow[i] = static_cast<Width>(indexes[i]);
    out.write(reinterpret_cast<const char *>(narrow.data()), narrow.size() * sizeof(Width));
}

template <typename Width>
void writeIndexes(const std::vector<UInt32> & indexes, WriteBuffer & out)
{
    writeIndexes<Width>(indexes.data(), indexes.size(), out);
}

template <typename Width>
void readIndexes(ReadBuffer & in, size_t limit, const std::vector<UInt32> & remap, PODArray<UInt32> & to)
{
    PODArray<Width> narrow(limit);
    readExact(reinterpret_cast<char *>(narrow.data()), limit * sizeof(Width), in);
    size_t old = to.size();
    to.resize(old + limit);
    for (size_t i = 0; i < limit; ++i)
    {
        if (narrow[i] >= remap.size())
        {
            to.resize(old);
            throw Exception(ErrorCode::CORRUPTED_DATA, "LowCardinality index " + std::to_string(narrow[i]) + " is out of its dictionary");
        }
        to[old + i] = remap[narrow[i]];
    }
}

/// Widens `count` indexes of width `Width` from `in` (any alignment) to `out`; false if one is > `max_index`.
template <typename Width>
bool widenIndexes(const char * in, size_t count, UInt32 max_index, UInt32 * __restrict out)
{
    size_t i = 0;
    bool ok = true;
    if constexpr (sizeof(Width) < sizeof(UInt32))
    {
        /// 16 bytes at a time: unsigned saturating subtraction of the largest valid index is nonzero only for an index
        /// past it.
        const __m128i zero = _mm_setzero_si128();
        const UInt32 clamped = std::min<UInt32>(max_index, std::numeric_limits<Width>::max());
        __m128i excess = zero;
        constexpr size_t per_vector = 16 / sizeof(Width);
        if constexpr (sizeof(Width) == 1)
        {
            const __m128i limit = _mm_set1_epi8(static_cast<char>(clamped));
            for (; i + per_vector <= count; i += per_vector)
            {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in + i));
                excess = _mm_or_si128(excess, _mm_subs_epu8(v, limit));
                const __m128i lo = _mm_unpacklo_epi8(v, zero);
                const __m128i hi = _mm_unpackhi_epi8(v, zero);
                _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), _mm_unpacklo_epi16(lo, zero));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i + 4), _mm_unpackhi_epi16(lo, zero));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i + 8), _mm_unpacklo_epi16(hi, zero));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i + 12), _mm_unpackhi_epi16(hi, zero));
            }
        }
        else
        {
            const __m128i limit = _mm_set1_epi16(static_cast<short>(clamped));
            for (; i + per_vector <= count; i += per_vector)
            {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in + i * 2));
                excess = _mm_or_si128(excess, _mm_subs_epu16(v, limit));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), _mm_unpacklo_epi16(v, zero));
                _mm_storeu_si128(reinterpret_cast<__m128i *>(out + i + 4), _mm_unpackhi_epi16(v, zero));
            }
        }
        ok = _mm_movemask_epi8(_mm_cmpeq_epi8(excess, zero)) == 0xFFFF;
    }
    if constexpr (sizeof(Width) == sizeof(UInt32))
    {
        std::memcpy(out, in, count * sizeof(UInt32));
        UInt32 largest = 0;
        for (size_t k = 0; k < count; ++k)
            largest = std::max(largest, out[k]);
        return largest <= max_index;
    }
    for (; i < count; ++i)
    {
        Width value;
        std::memcpy(&value, in + i * sizeof(Width), sizeof(Width));
        out[i] = value;
        ok &= value <= max_index;
    }
    return ok;
}

/// Appends `limit` indexes of width `Width`, each checked against `dictionary_size`. Reads them in place when the
/// buffer holds them all (a granule is one compressed block, so it usually does).
template <typename Width>
void readCheckedIndexes(ReadBuffer & in, size_t limit, size_t dictionary_size, PODArray<UInt32> & to)
{
    const size_t bytes = limit * sizeof(Width);
    PODArray<Width> copy;
    const char * source = nullptr;
    const bool in_place = !in.eof() && in.available() >= bytes;
    if (in_place)
        source = in.position();
    else
    {
        copy.resize(limit);
        readExact(reinterpret_cast<char *>(copy.data()), bytes, in);
        source = reinterpret_cast<const char *>(copy.data());
    }
    const size_t old = to.size();
    to.resize(old + limit);
    const UInt32 max_index = dictionary_size == 0 ? 0 : static_cast<UInt32>(std::min<size_t>(dictionary_size - 1, ~UInt32(0)));
    if (!widenIndexes<Width>(source, limit, max_index, to.data() + old) || dictionary_size == 0)
    {
        const UInt32 largest = *std::max_element(to.begin() + static_cast<ptrdiff_t>(old), to.end());
        to.resize(old);
        throw Exception(ErrorCode::CORRUPTED_DATA, "LowCardinality index " + std::to_string(largest) + " is out of its dictionary of " +
                                                       std::to_string(dictionary_size) + " values");
    }
    if (in_place)
        in.advance(bytes);
}

} // namespace

void DataTypeLowCardinality::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnLowCardinality>(column);
    const auto & indexes = col.getIndexes();
    size_t end = bulkRangeEnd(indexes.size(), offset, limit);
    if (end == offset)
        return; // zero rows: zero bytes, so containers may skip empty ranges
    const IColumn & dictionary = col.getDictionary();

    // Renumber the dictionary indexes used by the rows in order of first use. A dense table when the
    // dictionary is small relative to the range, a hash map otherwise (granules of a column with a
    // huge dictionary must not pay for the whole dictionary).
    std::vector<UInt32> local(end - offset);
    auto used = dictionary.cloneEmpty();
    UInt32 count = 0;
    if (dictionary.size() <= 4 * (end - offset) + 1024)
    {
        constexpr UInt32 unused = std::numeric_limits<UInt32>::max();
        std::vector<UInt32> remap(dictionary.size(), unused);
        for (size_t i = offset; i < end; ++i)
        {
            UInt32 idx = indexes[i];
            if (remap[idx] == unused)
            {
                remap[idx] = count++;
                used->insertFrom(dictionary, idx);
            }
            local[i - offset] = remap[idx];
        }
    }
    else
    {
        std::unordered_map<UInt32, UInt32> remap;
        remap.reserve(end - offset);
        for (size_t i = offset; i < end; ++i)
        {
            UInt32 idx = indexes[i];
            auto [it, inserted] = remap.try_emplace(idx, count);
            if (inserted)
            {
                ++count;
                used->insertFrom(dictionary, idx);
            }
            local[i - offset] = it->second;
        }
    }
    writeVarUInt(count, out);
    dictionary_type_->serializeBinaryBulk(*used, out, 0, count);
    UInt8 width = count <= 0x100 ? 1 : (count <= 0x10000 ? 2 : 4);
    out.write(static_cast<char>(width));
    if (width == 1)
        writeIndexes<UInt8>(local, out);
    else if (width == 2)
        writeIndexes<UInt16>(local, out);
    else
        writeIndexes<UInt32>(local, out);
}

void DataTypeLowCardinality::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & col = assertColumnCast<ColumnLowCardinality>(column);
    if (limit == 0)
        return;
    UInt64 count = readVarUInt(in);
    if (count > limit || count > std::numeric_limits<UInt32>::max())
        throw Exception(ErrorCode::CORRUPTED_DATA,
                        "LowCardinality dictionary of " + std::to_string(count) + " values for " + std::to_string(limit) + " rows");
    auto dictionary = dictionary_type_->createColumn();
    dictionary_type_->deserializeBinaryBulk(*dictionary, in, count);
    UInt8 width;
    readPODBinary(width, in);
    const std::vector<UInt32> remap = col.insertDictionaryValuesFrom(*dictionary);
    if (width == 1)
        readIndexes<UInt8>(in, limit, remap, col.getIndexes());
    else if (width == 2)
        readIndexes<UInt16>(in, limit, remap, col.getIndexes());
    else if (width == 4)
        readIndexes<UInt32>(in, limit, remap, col.getIndexes());
    else
        throw Exception(ErrorCode::CORRUPTED_DATA, "Invalid LowCardinality index width " + std::to_string(width));
}

void DataTypeLowCardinality::serializeDictionary(const IColumn & dictionary, WriteBuffer & out) const
{
    writeVarUInt(dictionary.size(), out);
    dictionary_type_->serializeBinaryBulk(dictionary, out, 0, dictionary.size());
}

MutableColumnPtr DataTypeLowCardinality::deserializeDictionary(ReadBuffer & in, size_t max_values) const
{
    const UInt64 count = readVarUInt(in);
    if (count > max_values || count > std::numeric_limits<UInt32>::max())
        throw Exception(ErrorCode::CORRUPTED_DATA, "LowCardinality dictionary of " + std::to_string(count) + " values, at most " +
                                                       std::to_string(max_values) + " expected");
    auto dictionary = dictionary_type_->createColumn();
    dictionary->reserve(count);
    dictionary_type_->deserializeBinaryBulk(*dictionary, in, count);
    if (dictionary->size() != count)
        throw Exception(ErrorCode::CORRUPTED_DATA, "LowCardinality dictionary is truncated");
    if (dictionary->isNullable() && (count == 0 || !(*dictionary)[0].isNull()))
        throw Exception(ErrorCode::CORRUPTED_DATA, "LowCardinality(Nullable) dictionary does not start with NULL");
    return dictionary;
}

void DataTypeLowCardinality::serializeIndexes(const UInt32 * indexes, size_t count, WriteBuffer & out)
{
    if (count == 0)
        return;
    UInt32 max_index = 0;
    for (size_t i = 0; i < count; ++i)
        max_index = std::max(max_index, indexes[i]);
    const UInt8 width = max_index < 0x100 ? 1 : (max_index < 0x10000 ? 2 : 4);
    out.write(static_cast<char>(width));
    if (width == 1)
        writeIndexes<UInt8>(indexes, count, out);
    else if (width == 2)
        writeIndexes<UInt16>(indexes, count, out);
    else
        out.write(reinterpret_cast<const char *>(indexes), count * sizeof(UInt32));
}

void DataTypeLowCardinality::deserializeIndexes(ReadBuffer & in, size_t limit, size_t dictionary_size, PODArray<UInt32> & to)
{
    if (limit == 0)
        return;
    UInt8 width;
    readPODBinary(width, in);
    if (width == 1)
        readCheckedIndexes<UInt8>(in, limit, dictionary_size, to);
    else if (width == 2)
        readCheckedIndexes<UInt16>(in, limit, dictionary_size, to);
    else if (width == 4)
        readCheckedIndexes<UInt32>(in, limit, dictionary_size, to);
    else
        throw Exception(ErrorCode::CORRUPTED_DATA, "Invalid LowCardinality index width " + std::to_string(width));
}

DataTypePtr removeLowCardinality(const DataTypePtr & type)
{
    if (const auto * lc = dynamic_cast<const DataTypeLowCardinality *>(type.get()))
        return lc->getDictionaryType();
    return type;
}

} // namespace pipit
