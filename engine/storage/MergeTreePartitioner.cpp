#include "engine/storage/MergeTreePartitioner.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnConst.h"
#include "engine/storage/MergeTreeDisk.h"

#include <cstdio>
#include <unordered_map>

namespace pipit
{

namespace
{

/// Howard Hinnant's days -> civil date.
void civilFromDays(Int64 z, Int64 & y, unsigned & m, unsigned & d)
{
    z += 719468;
    const Int64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<Int64>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += (m <= 2);
}

}

MergeTreePartitioner::MergeTreePartitioner(StorageExpressionPtr partition_key) : partition_key_(std::move(partition_key))
{
}

std::string MergeTreePartitioner::partitionId(const IColumn & value, const IDataType & type)
{
    CHECK(value.size() == 1);
    switch (type.getTypeId())
    {
        case TypeIndex::UInt8:
        case TypeIndex::UInt16:
        case TypeIndex::UInt32:
        case TypeIndex::UInt64:
        case TypeIndex::Int8:
        case TypeIndex::Int16:
        case TypeIndex::Int32:
        case TypeIndex::Int64:
        case TypeIndex::Date32:
        case TypeIndex::DateTime:
        case TypeIndex::Bool:
        {
            Field field = value[0];
            if (field.which() == Field::Which::UInt64)
                return std::to_string(field.get<UInt64>());
            if (field.which() == Field::Which::Int64)
                return std::to_string(field.get<Int64>());
            break;
        }
        case TypeIndex::Date:
        {
            Field field = value[0];
            Int64 y = 0;
            unsigned m = 0;
            unsigned d = 0;
            civilFromDays(static_cast<Int64>(field.toUInt64()), y, m, d);
            char buf[32];
            std::snprintf(buf, sizeof(buf), "%04lld%02u%02u", static_cast<long long>(y), m, d);
            return buf;
        }
        default:
            break;
    }
    WriteBufferFromString out;
    type.serializeBinaryBulk(value, out, 0, 1);
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(MergeTreeDisk::checksum(out.str())));
    return buf;
}

Block MergeTreePartitioner::computeMinMax(const Block & block) const
{
    Block result;
    if (!partition_key_)
        return result;
    for (const auto & name : partition_key_->requiredColumns())
    {
        const auto & source = block.getByName(name);
        ColumnPtr column = convertToFullColumnIfConst(source.column);
        size_t rows = column->size();
        auto minmax = column->cloneEmpty();
        if (rows == 0)
        {
            minmax->insertDefault();
            minmax->insertDefault();
        }
        else
        {
            size_t min_row = 0;
            size_t max_row = 0;
            for (size_t i = 1; i < rows; ++i)
            {
                if (column->compareAt(i, min_row, *column, 1) < 0)
                    min_row = i;
                if (column->compareAt(i, max_row, *column, -1) > 0)
                    max_row = i;
            }
            minmax->insertFrom(*column, min_row);
            minmax->insertFrom(*column, max_row);
        }
        result.insert({std::move(minmax), source.type, name});
    }
    return result;
}

std::vector<MergeTreePartitionChunk> MergeTreePartitioner::split(const Block & block) const
{
    std::vector<MergeTreePartitionChunk> chunks;
    const size_t rows = block.rows();
    if (!partition_key_)
    {
        chunks.push_back(MergeTreePartitionChunk{"all", block, nullptr, {}});
        return chunks;
    }
    ColumnPtr values = convertToFullColumnIfConst(partition_key_->evaluate(block));
    CHECK(values->size() == rows);
    DataTypePtr type = partition_key_->resultType();

    /// Group rows by value: hash buckets, confirmed by compareAt against each group's first row.
    std::vector<size_t> group_of_row(rows);
    std::vector<size_t> group_first_row;
    std::unordered_multimap<UInt64, size_t> groups_by_hash;
    size_t last_group = SIZE_MAX;
    for (size_t i = 0; i < rows; ++i)
    {
        if (last_group != SIZE_MAX && values->compareAt(i, group_first_row[last_group], *values, 1) == 0)
        {
            group_of_row[i] = last_group;
            continue;
        }
        UInt64 hash = 0;
        values->updateHashWithValue(i, hash);
        size_t found = SIZE_MAX;
        auto range = groups_by_hash.equal_range(hash);
        for (auto it = range.first; it != range.second; ++it)
            if (values->compareAt(i, group_first_row[it->second], *values, 1) == 0)
            {
                found = it->second;
                break;
            }
        if (found == SIZE_MAX)
        {
            found = group_first_row.size();
            group_first_row.push_back(i);
            groups_by_hash.emplace(hash, found);
        }
        group_of_row[i] = found;
        last_group = found;
    }

    for (size_t g = 0; g < group_first_row.size(); ++g)
    {
        MergeTreePartitionChunk chunk;
        if (group_first_row.size() == 1)
            chunk.block = block;
        else
        {
            Filter filter(rows);
            size_t count = 0;
            for (size_t i = 0; i < rows; ++i)
            {
                filter[i] = group_of_row[i] == g;
                count += filter[i];
            }
            for (const auto & column : block)
                chunk.block.insert({column.column->filter(filter, count), column.type, column.name});
        }
        auto value = values->cloneEmpty();
        value->insertFrom(*values, group_first_row[g]);
        chunk.partition_id = partitionId(*value, *type);
        chunk.partition_value = std::move(value);
        chunk.minmax = computeMinMax(chunk.block);
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

} // namespace pipit
