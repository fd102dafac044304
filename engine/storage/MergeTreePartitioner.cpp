#include "engine/storage/MergeTreePartitioner.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnVector.h"
#include "engine/storage/MergeTreeDisk.h"
#include "engine/storage/MergeTreeSorter.h"

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

} // namespace

MergeTreePartitioner::MergeTreePartitioner(StorageExpressionPtr partition_key)
    : partition_key_(std::move(partition_key))
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

std::vector<MergeTreePartitionChunk> MergeTreePartitioner::sortAndSplit(const Block & block, const Columns & sort_keys) const
{
    const size_t rows = block.rows();
    ColumnPtr values;
    DataTypePtr type;
    std::vector<size_t> group_first_row {0};
    auto group_ids = ColumnUInt32::create();
    if (partition_key_)
    {
        values = convertToFullColumnIfConst(partition_key_->evaluate(block));
        CHECK(values->size() == rows);
        type = partition_key_->resultType();

        /// Group rows by value: hash buckets, confirmed by compareAt against each group's first row.
        group_first_row.clear();
        group_ids->getData().resize(rows);
        auto & group_of_row = group_ids->getData();
        std::unordered_multimap<UInt64, size_t> groups_by_hash;
        size_t last_group = SIZE_MAX;
        for (size_t i = 0; i < rows; ++i)
        {
            if (last_group != SIZE_MAX && values->compareAt(i, group_first_row[last_group], *values, 1) == 0)
            {
                group_of_row[i] = static_cast<UInt32>(last_group);
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
            group_of_row[i] = static_cast<UInt32>(found);
            last_group = found;
        }
    }
    const size_t groups = group_first_row.size();

    Columns keys;
    if (groups > 1)
        keys.push_back(group_ids);
    keys.insert(keys.end(), sort_keys.begin(), sort_keys.end());
    Permutation perm = MergeTreeSorter::sortPermutation(keys, rows);
    bool identity = true;
    for (size_t i = 0; i < rows && identity; ++i)
        identity = perm[i] == i;
    Block sorted;
    if (identity)
        sorted = block;
    else
        for (const auto & column : block)
            sorted.insert({column.column->permute(perm, 0), column.type, column.name});

    std::vector<MergeTreePartitionChunk> chunks;
    size_t start = 0;
    for (size_t g = 0; g < groups; ++g)
    {
        /// Groups are contiguous in `sorted`, in group id order.
        size_t end = start;
        if (groups == 1)
            end = rows;
        else
        {
            const auto & ids = group_ids->getData();
            while (end < rows && ids[perm[end]] == g)
                ++end;
        }
        MergeTreePartitionChunk chunk;
        if (start == 0 && end == rows)
            chunk.block = sorted;
        else
            for (const auto & column : sorted)
                chunk.block.insert({column.column->cut(start, end - start), column.type, column.name});
        if (partition_key_)
        {
            auto value = values->cloneEmpty();
            value->insertFrom(*values, group_first_row[g]);
            chunk.partition_id = partitionId(*value, *type);
            chunk.partition_value = std::move(value);
            chunk.minmax = computeMinMax(chunk.block);
        }
        else
            chunk.partition_id = "all";
        chunks.push_back(std::move(chunk));
        start = end;
    }
    return chunks;
}

} // namespace pipit
