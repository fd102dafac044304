#include "engine/storage/MergeTreePartReader.h"

#include "engine/base/Check.h"

namespace pipit
{

MergeTreePartReader::MergeTreePartReader(MergeTreeDataPartPtr part, MergeTreeColumns columns)
    : part_(std::move(part))
    , columns_(std::move(columns))
{
    streams_.resize(columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i)
        streams_[i].part_position = part_->columnPosition(columns_[i].first);
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
        auto column = part_type->createColumn();
        column->reserve(rows);
        try
        {
            if (begin < end)
            {
                size_t offset = part_->mark_offsets[static_cast<size_t>(stream.part_position)][begin];
                if (!stream.in)
                    stream.in = std::make_unique<CompressedReadBuffer>(part_->path + "/" + MergeTreeDataPart::escapeFileName(name) + ".bin",
                                                                       offset);
                else if (stream.next_granule != begin)
                    stream.in->seek(offset);
                for (size_t g = begin; g < end; ++g)
                    part_type->deserializeBinaryBulk(*column, *stream.in, part_->granule_rows[g]);
                stream.next_granule = end;
            }
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
        block.insert({std::move(column), part_type, name});
    }
    return block;
}

} // namespace pipit
