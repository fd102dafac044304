#include "engine/storage/MergeTreeWalRecord.h"

#include "engine/storage/MergeTreeBinaryIO.h"

namespace pipit
{

std::string MergeTreeWalRecord::serialize(const Block & block)
{
    WriteBufferFromString out;
    const size_t rows = block.rows();
    MergeTreeBinaryIO::writeUInt64(rows, out);
    MergeTreeBinaryIO::writeUInt64(block.columns(), out);
    for (const auto & column : block)
    {
        MergeTreeBinaryIO::writeString(column.name, out);
        MergeTreeBinaryIO::writeString(column.type->getName(), out);
        column.type->serializeBinaryBulk(*column.column, out, 0, rows);
    }
    return out.release();
}

Block MergeTreeWalRecord::deserialize(std::string_view payload)
{
    try
    {
        ReadBufferFromMemory in(payload);
        UInt64 rows = MergeTreeBinaryIO::readUInt64(in);
        UInt64 count = MergeTreeBinaryIO::readUInt64(in);
        if (count > 100000)
            throw Exception(ErrorCode::CORRUPTED_DATA, "too many columns");
        Block block;
        for (UInt64 i = 0; i < count; ++i)
        {
            std::string name = MergeTreeBinaryIO::readString(in);
            DataTypePtr type = parseDataType(MergeTreeBinaryIO::readString(in));
            auto column = type->createColumn();
            type->deserializeBinaryBulk(*column, in, rows);
            block.insert({std::move(column), type, std::move(name)});
        }
        if (!in.eof())
            throw Exception(ErrorCode::CORRUPTED_DATA, "trailing bytes");
        return block;
    }
    catch (Exception & e)
    {
        throw Exception(ErrorCode::CORRUPTED_DATA, "Malformed WAL record: " + e.message());
    }
}

} // namespace pipit
