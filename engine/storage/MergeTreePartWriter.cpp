#include "engine/storage/MergeTreePartWriter.h"

#include "engine/base/Check.h"
#include "engine/io/CompressedWriteBuffer.h"
#include "engine/io/FileBuffers.h"
#include "engine/io/FileSystem.h"
#include "engine/storage/MergeTreeBinaryIO.h"
#include "engine/storage/MergeTreeDisk.h"
#include "engine/types/DataTypeLowCardinality.h"

namespace pipit
{

MergeTreePartWriter::MergeTreePartWriter(std::vector<std::string> codec_columns, std::vector<CompressionCodecPtr> codecs,
                                         size_t index_granularity, bool sync)
    : codec_columns_(std::move(codec_columns))
    , codecs_(std::move(codecs))
    , index_granularity_(index_granularity == 0 ? 8192 : index_granularity)
    , sync_(sync)
{
    CHECK(codec_columns_.size() == codecs_.size());
}

void MergeTreePartWriter::setFormatVersion(UInt64 format_version)
{
    CHECK(format_version >= 1 && format_version <= MergeTreeDataPart::current_format_version);
    format_version_ = format_version;
}

CompressionCodecPtr MergeTreePartWriter::explicitCodec(const std::string & column_name) const
{
    for (size_t i = 0; i < codec_columns_.size(); ++i)
        if (codec_columns_[i] == column_name && codecs_[i])
            return codecs_[i];
    return nullptr;
}

std::vector<CompressionCodecPtr> MergeTreePartWriter::adaptiveCodecs(const IDataType & type) const
{
    switch (type.getTypeId())
    {
    case TypeIndex::UInt16:
    case TypeIndex::UInt32:
    case TypeIndex::UInt64:
    case TypeIndex::Int16:
    case TypeIndex::Int32:
    case TypeIndex::Int64:
    case TypeIndex::Date:
    case TypeIndex::Date32:
    case TypeIndex::DateTime:
    case TypeIndex::DateTime64:
    case TypeIndex::Decimal32:
    case TypeIndex::Decimal64:
    {
        size_t width = type.createColumn()->sizeOfValueIfFixed();
        if (width == 2 || width == 4 || width == 8)
        {
            static const CompressionCodecPtr t64_2 = parseCodecChain("T64, LZ4", 2);
            static const CompressionCodecPtr t64_4 = parseCodecChain("T64, LZ4", 4);
            static const CompressionCodecPtr t64_8 = parseCodecChain("T64, LZ4", 8);
            return {defaultCodec(), width == 2 ? t64_2 : (width == 4 ? t64_4 : t64_8)};
        }
        break;
    }
    default:
        break;
    }
    return {defaultCodec()};
}

void MergeTreePartWriter::write(const std::string & path, const MergeTreePartContents & contents) const
{
    const Block & block = contents.block;
    const size_t rows = block.rows();
    const size_t granules = (rows + index_granularity_ - 1) / index_granularity_;
    CHECK(contents.key_columns.size() == contents.key_types.size());

    createDirectories(path);
    std::map<std::string, MergeTreeFileChecksum> checksums;
    MergeTreeColumns columns;

    auto write_small_file = [&](const std::string & file_name, const std::string & content)
    {
        MergeTreeDisk::writeFile(path + "/" + file_name, content, sync_);
        checksums[file_name] = MergeTreeFileChecksum {content.size(), MergeTreeDisk::checksum(content)};
    };

    for (const auto & column : block)
    {
        CHECK(column.column && column.column->size() == rows);
        columns.emplace_back(column.name, column.type);
        const std::string file_base = MergeTreeDataPart::escapeFileName(column.name);
        const std::string bin_name = file_base + ".bin";
        std::string marks;
        marks.reserve(granules * 16);
        CompressionCodecPtr codec = explicitCodec(column.name);
        /// Format 2 LowCardinality: the part dictionary in <column>.dict.bin, granules of indexes into it in .bin.
        const auto * lc_type = dynamic_cast<const DataTypeLowCardinality *>(column.type.get());
        std::shared_ptr<const ColumnLowCardinality> lc_column;
        if (lc_type && format_version_ >= 2)
            lc_column = assertColumnCast<ColumnLowCardinality>(*column.column).compacted();
        if (lc_column && lc_column->getDictionary().size() > max_part_dictionary_size)
            lc_column.reset();
        if (lc_column)
        {
            const std::string dictionary_name = MergeTreeDataPart::dictionaryFileName(column.name);
            auto file = WriteBufferFromFD::create(path + "/" + dictionary_name);
            CompressedWriteBuffer compressed(*file, codec ? codec : defaultCodec());
            lc_type->serializeDictionary(lc_column->getDictionary(), compressed);
            compressed.finalize();
            file->finalize();
            if (sync_)
                file->sync();
            checksums[dictionary_name] = MergeTreeFileChecksum {fileSize(path + "/" + dictionary_name),
                                                                MergeTreeDisk::fileChecksum(path + "/" + dictionary_name)};
        }
        {
            auto file = WriteBufferFromFD::create(path + "/" + bin_name);
            std::vector<CompressionCodecPtr> candidates = codec ? std::vector<CompressionCodecPtr> {} : adaptiveCodecs(*column.type);
            if (lc_column)
            {
                CompressedWriteBuffer compressed(*file, codec ? codec : defaultCodec());
                const UInt32 * indexes = lc_column->getIndexes().data();
                for (size_t g = 0; g < granules; ++g)
                {
                    size_t start = g * index_granularity_;
                    size_t count = std::min(index_granularity_, rows - start);
                    MergeTreeBinaryIO::writeUInt64(compressed.compressedOffset(), marks);
                    MergeTreeBinaryIO::writeUInt64(count, marks);
                    DataTypeLowCardinality::serializeIndexes(indexes + start, count, compressed);
                    compressed.finishBlock();
                }
                compressed.finalize();
            }
            else if (candidates.size() > 1)
            {
                /// Each granule is compressed by every candidate in memory; the smallest block is written.
                for (size_t g = 0; g < granules; ++g)
                {
                    size_t start = g * index_granularity_;
                    size_t count = std::min(index_granularity_, rows - start);
                    MergeTreeBinaryIO::writeUInt64(file->count(), marks);
                    MergeTreeBinaryIO::writeUInt64(count, marks);
                    WriteBufferFromString raw;
                    column.type->serializeBinaryBulk(*column.column, raw, start, count);
                    const std::string & uncompressed = raw.str();
                    std::string best;
                    for (const auto & candidate : candidates)
                    {
                        WriteBufferFromString out;
                        CompressedWriteBuffer compressed(out, candidate);
                        compressed.write(uncompressed.data(), uncompressed.size());
                        compressed.finalize();
                        if (best.empty() || out.str().size() < best.size())
                            best = out.release();
                    }
                    file->write(best.data(), best.size());
                }
            }
            else
            {
                CompressedWriteBuffer compressed(*file, codec ? codec : defaultCodec());
                for (size_t g = 0; g < granules; ++g)
                {
                    size_t start = g * index_granularity_;
                    size_t count = std::min(index_granularity_, rows - start);
                    MergeTreeBinaryIO::writeUInt64(compressed.compressedOffset(), marks);
                    MergeTreeBinaryIO::writeUInt64(count, marks);
                    column.type->serializeBinaryBulk(*column.column, compressed, start, count);
                    compressed.finishBlock();
                }
                compressed.finalize();
            }
            file->finalize();
            if (sync_)
                file->sync();
        }
        checksums[bin_name] = MergeTreeFileChecksum {fileSize(path + "/" + bin_name), MergeTreeDisk::fileChecksum(path + "/" + bin_name)};
        write_small_file(file_base + ".mrk", marks);
    }

    /// primary.idx: key values at each granule start plus the last row.
    {
        WriteBufferFromString out;
        MergeTreeBinaryIO::writeUInt64(contents.key_columns.size(), out);
        for (const auto & type : contents.key_types)
            MergeTreeBinaryIO::writeString(type->getName(), out);
        for (size_t k = 0; k < contents.key_columns.size(); ++k)
        {
            const auto & key = *contents.key_columns[k];
            CHECK(key.size() == rows);
            auto sample = key.cloneEmpty();
            sample->reserve(granules + 1);
            for (size_t g = 0; g < granules; ++g)
                sample->insertFrom(key, g * index_granularity_);
            if (rows > 0)
                sample->insertFrom(key, rows - 1);
            else
                sample->insertDefault();
            contents.key_types[k]->serializeBinaryBulk(*sample, out, 0, sample->size());
        }
        write_small_file("primary.idx", out.release());
    }

    /// partition.dat
    {
        WriteBufferFromString out;
        if (contents.partition_value)
        {
            out.write(char(1));
            MergeTreeBinaryIO::writeString(contents.partition_type->getName(), out);
            contents.partition_type->serializeBinaryBulk(*contents.partition_value, out, 0, 1);
            MergeTreeBinaryIO::writeUInt64(contents.minmax.columns(), out);
            for (const auto & column : contents.minmax)
            {
                CHECK(column.column && column.column->size() == 2);
                MergeTreeBinaryIO::writeString(column.name, out);
                MergeTreeBinaryIO::writeString(column.type->getName(), out);
                column.type->serializeBinaryBulk(*column.column, out, 0, 2);
            }
        }
        else
            out.write(char(0));
        write_small_file("partition.dat", out.release());
    }

    MergeTreeDisk::writeFile(path + "/meta", MergeTreeDataPart::serializeMeta(rows, granules, columns, checksums, contents.ttl, format_version_),
                             sync_);
    if (sync_)
        fsyncDirectory(path);
}

} // namespace pipit
