#include "engine/storage/MergeTreePartReader.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnLowCardinality.h"
#include "engine/types/DataTypeLowCardinality.h"

namespace pipit
{

MergeTreePartReader::MergeTreePartReader(MergeTreeDataPartPtr part, MergeTreeColumns columns, MergeTreeReaderCache * cache)
    : part_(std::move(part))
    , columns_(std::move(columns))
    , cache_(cache)
{
    streams_.resize(columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i)
        streams_[i].part_position = part_->columnPosition(columns_[i].first);
}

void MergeTreePartReader::seekStream(ColumnStream & stream, const std::string & name, size_t granule)
{
    size_t offset = part_->mark_offsets[static_cast<size_t>(stream.part_position)][granule];
    if (!stream.in)
        stream.in = std::make_unique<CompressedReadBuffer>(part_->path + "/" + MergeTreeDataPart::escapeFileName(name) + ".bin", offset);
    else if (stream.next_granule != granule)
        stream.in->seek(offset);
}

MutableColumnPtr MergeTreePartReader::createColumn(ColumnStream & stream, const DataTypePtr & part_type)
{
    const size_t position = static_cast<size_t>(stream.part_position);
    if (!part_->has_part_dictionary[position])
        return part_type->createColumn();
    if (!stream.dictionary)
        stream.dictionary = part_->lowCardinalityDictionary(position);
    return ColumnLowCardinality::createWithSharedDictionary(stream.dictionary);
}

void MergeTreePartReader::decodeGranule(ColumnStream & stream, const DataTypePtr & part_type, IColumn & column, size_t rows)
{
    if (stream.dictionary)
    {
        auto & lc = assertColumnCast<ColumnLowCardinality>(column);
        DataTypeLowCardinality::deserializeIndexes(*stream.in, rows, stream.dictionary->size(), lc.getIndexes());
    }
    else
        part_type->deserializeBinaryBulk(column, *stream.in, rows);
}

ColumnPtr MergeTreePartReader::readCachedGranule(ColumnStream & stream, const std::string & name, const DataTypePtr & part_type,
                                                 size_t granule)
{
    const size_t position = static_cast<size_t>(stream.part_position);
    if (ColumnPtr cached = cache_->get(part_, position, granule))
        return cached;
    auto column = createColumn(stream, part_type);
    seekStream(stream, name, granule);
    column->reserve(part_->granule_rows[granule]);
    decodeGranule(stream, part_type, *column, part_->granule_rows[granule]);
    stream.next_granule = granule + 1;
    return cache_->put(part_, position, granule, std::move(column));
}

Block MergeTreePartReader::readGranules(size_t begin, size_t end)
{
    CHECK(begin <= end && end <= part_->granules);
    const size_t rows = part_->granule_start_rows[end] - part_->granule_start_rows[begin];
    Block block;
    for (size_t i = 0; i < columns_.size(); ++i)
    {
        const auto & [name, table_type] = columns_[i];
        auto & stream = streams_[i];
        if (stream.part_position < 0)
        {
            auto column = table_type->createColumn();
            column->insertManyDefaults(rows);
            block.insert({std::move(column), table_type, name});
            continue;
        }
        const auto & part_type = part_->columns[static_cast<size_t>(stream.part_position)].second;
        try
        {
            if (cache_ && end - begin == 1)
            {
                block.insert({readCachedGranule(stream, name, part_type, begin), part_type, name});
                continue;
            }
            auto column = createColumn(stream, part_type);
            column->reserve(rows);
            if (cache_)
            {
                for (size_t g = begin; g < end; ++g)
                {
                    ColumnPtr granule = readCachedGranule(stream, name, part_type, g);
                    column->insertRangeFrom(*granule, 0, granule->size());
                }
            }
            else if (begin < end)
            {
                seekStream(stream, name, begin);
                for (size_t g = begin; g < end; ++g)
                {
                    decodeGranule(stream, part_type, *column, part_->granule_rows[g]);
                    if (g == begin && end - begin > 1)
                        column->reserve(rows); /// variable-size columns extrapolate from the first granule
                }
                stream.next_granule = end;
            }
            block.insert({std::move(column), part_type, name});
        }
        catch (Exception & e)
        {
            stream.in.reset();
            stream.next_granule = SIZE_MAX;
            if (e.code() == ErrorCode::CANNOT_READ_ALL_DATA)
                throw Exception(ErrorCode::CORRUPTED_DATA, "Part " + part_->path + " column " + name + " is truncated: " + e.message());
            e.addContext("while reading column " + name + " of part " + part_->path);
            throw;
        }
    }
    return block;
}

} // namespace pipit
