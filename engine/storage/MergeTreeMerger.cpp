#include "engine/storage/MergeTreeMerger.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnVector.h"
#include "engine/storage/MergeTreePartReader.h"
#include "engine/storage/MergeTreeSorter.h"

#include <algorithm>

namespace pipit
{

MergeTreeMerger::MergeTreeMerger(const MergeTreeDefinition & definition, MergeTreeMergeStrategyPtr strategy)
    : definition_(definition)
    , strategy_(std::move(strategy))
{
}

MergeTreeDataParts MergeTreeMerger::selectPartsToMerge(const MergeTreeDataParts & parts, bool aggressive) const
{
    const auto & settings = definition_.settings;
    const size_t min_parts = aggressive ? 2 : std::max<size_t>(2, settings.merge_min_parts);
    const size_t max_parts = std::max(min_parts, settings.merge_max_parts);

    MergeTreeDataParts best;
    UInt64 best_bytes = UINT64_MAX;
    size_t begin = 0;
    while (begin < parts.size())
    {
        /// [begin, end): one partition, adjacent in block order.
        size_t end = begin + 1;
        while (end < parts.size() && parts[end]->info.partition_id == parts[begin]->info.partition_id)
            ++end;
        for (size_t first = begin; first < end; ++first)
        {
            UInt64 total = 0;
            UInt64 total_rows = 0;
            UInt64 smallest = UINT64_MAX;
            UInt64 largest = 0;
            for (size_t last = first; last < end && last - first < max_parts; ++last)
            {
                UInt64 bytes = std::max<UInt64>(1, parts[last]->bytes_on_disk);
                total += bytes;
                total_rows += parts[last]->rows;
                smallest = std::min(smallest, bytes);
                largest = std::max(largest, bytes);
                if (!aggressive && (total > settings.max_bytes_to_merge || total_rows > settings.max_rows_to_merge))
                    break;
                if (!aggressive && static_cast<double>(largest) > settings.merge_size_ratio * static_cast<double>(smallest))
                    break;
                size_t count = last - first + 1;
                if (count >= min_parts && total < best_bytes)
                {
                    best.assign(parts.begin() + static_cast<ptrdiff_t>(first), parts.begin() + static_cast<ptrdiff_t>(last) + 1);
                    best_bytes = total;
                }
            }
        }
        begin = end;
    }
    return best;
}

Block MergeTreeMerger::concatenate(const Blocks & blocks)
{
    if (blocks.empty())
        return {};
    if (blocks.size() == 1)
        return blocks[0];
    size_t rows = 0;
    for (const auto & block : blocks)
        rows += block.rows();
    Block result;
    for (size_t i = 0; i < blocks[0].columns(); ++i)
    {
        const auto & first = blocks[0].getByPosition(i);
        auto column = first.column->cloneEmpty();
        column->reserve(rows);
        for (const auto & block : blocks)
        {
            ColumnPtr source = convertToFullColumnIfConst(block.getByName(first.name).column);
            column->insertRangeFrom(*source, 0, source->size());
        }
        result.insert({std::move(column), first.type, first.name});
    }
    return result;
}

Block MergeTreeMerger::filterBlock(const Block & block, const Filter & filter, size_t count)
{
    Block result;
    for (const auto & column : block)
        result.insert({column.column->filter(filter, count), column.type, column.name});
    return result;
}

Columns MergeTreeMerger::evaluateSortKey(const Block & block) const
{
    Columns keys;
    for (const auto & expression : definition_.sort_key)
    {
        ColumnPtr column = convertToFullColumnIfConst(expression->evaluate(block));
        CHECK(column->size() == block.rows());
        keys.push_back(std::move(column));
    }
    return keys;
}

Columns MergeTreeMerger::evaluatePrimaryKey(const Block & block, DataTypes & types) const
{
    Columns keys;
    types.clear();
    for (size_t i = 0; i < definition_.primaryKeySize(); ++i)
    {
        ColumnPtr column = convertToFullColumnIfConst(definition_.sort_key[i]->evaluate(block));
        CHECK(column->size() == block.rows());
        keys.push_back(std::move(column));
        types.push_back(definition_.sort_key[i]->resultType());
    }
    return keys;
}

Block MergeTreeMerger::sortBlock(const Block & block) const
{
    if (definition_.sort_key.empty() || block.rows() < 2)
        return block;
    Permutation perm = MergeTreeSorter::sortPermutation(evaluateSortKey(block), block.rows());
    bool identity = true;
    for (size_t i = 0; i < perm.size() && identity; ++i)
        identity = perm[i] == i;
    if (identity)
        return block;
    Block result;
    for (const auto & column : block)
        result.insert({column.column->permute(perm, 0), column.type, column.name});
    return result;
}

std::vector<Int64> MergeTreeMerger::ttlSeconds(const Block & block) const
{
    if (!definition_.ttl)
        return std::vector<Int64>(block.rows());
    return expressionSeconds(*definition_.ttl, block);
}

std::vector<Int64> MergeTreeMerger::expressionSeconds(const IStorageExpression & expression, const Block & block)
{
    const size_t rows = block.rows();
    std::vector<Int64> seconds(rows);
    if (rows == 0)
        return seconds;
    ColumnPtr values = convertToFullColumnIfConst(expression.evaluate(block));
    CHECK(values->size() == rows);
    const auto type_id = expression.resultType()->getTypeId();
    auto fill = [&](auto seconds_of)
    {
        for (size_t i = 0; i < rows; ++i)
            seconds[i] = seconds_of(i);
    };
    if (const auto * date = dynamic_cast<const ColumnUInt16 *>(values.get()); date && type_id == TypeIndex::Date)
        fill([&](size_t i) { return static_cast<Int64>(date->getData()[i]) * 86400; });
    else if (const auto * date32 = dynamic_cast<const ColumnInt32 *>(values.get()); date32 && type_id == TypeIndex::Date32)
        fill([&](size_t i) { return static_cast<Int64>(date32->getData()[i]) * 86400; });
    else if (const auto * datetime = dynamic_cast<const ColumnUInt32 *>(values.get()); datetime && type_id == TypeIndex::DateTime)
        fill([&](size_t i) { return static_cast<Int64>(datetime->getData()[i]); });
    else if (const auto * dt64 = dynamic_cast<const ColumnInt64 *>(values.get()); dt64 && type_id == TypeIndex::DateTime64)
    {
        /// Scale is the first argument of the type name: DateTime64(3[, 'tz']).
        std::string name = expression.resultType()->getName();
        size_t open = name.find('(');
        int scale = open == std::string::npos ? 3 : std::atoi(name.c_str() + open + 1);
        Int64 divisor = 1;
        for (int s = 0; s < scale && s < 18; ++s)
            divisor *= 10;
        fill(
            [&](size_t i)
            {
                Int64 v = dt64->getData()[i];
                return v >= 0 ? v / divisor : -((-v + divisor - 1) / divisor);
            });
    }
    else
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "TTL expression " + expression.text() +
                                                                 " must return Date, Date32, DateTime or DateTime64, got " +
                                                                 expression.resultType()->getName());
    return seconds;
}

bool MergeTreeMerger::ttlRange(const Block & block, Int64 & min_seconds, Int64 & max_seconds) const
{
    if (!definition_.ttl || block.rows() == 0)
        return false;
    auto seconds = ttlSeconds(block);
    auto [min_it, max_it] = std::minmax_element(seconds.begin(), seconds.end());
    min_seconds = *min_it;
    max_seconds = *max_it;
    return true;
}

Filter MergeTreeMerger::ttlExpired(const Block & block, time_t now, size_t & expired) const
{
    const size_t rows = block.rows();
    Filter keep(rows, 1);
    expired = 0;
    if (!definition_.ttl || rows == 0)
        return keep;
    auto seconds = ttlSeconds(block);
    const Int64 now_seconds = static_cast<Int64>(now);
    for (size_t i = 0; i < rows; ++i)
    {
        bool is_expired = seconds[i] <= now_seconds;
        keep[i] = !is_expired;
        expired += is_expired;
    }
    return keep;
}

Block MergeTreeMerger::applyTtl(const Block & block, time_t now, size_t * removed) const
{
    size_t expired = 0;
    Filter keep = ttlExpired(block, now, expired);
    if (removed)
        *removed = expired;
    Block result = expired == 0 ? block : filterBlock(block, keep, block.rows() - expired);
    return applyColumnTtl(std::move(result), now);
}

Block MergeTreeMerger::applyColumnTtl(Block block, time_t now) const
{
    for (const auto & [name, expression] : definition_.column_ttl)
    {
        if (!block.has(name) || block.rows() == 0)
            continue;
        auto seconds = expressionSeconds(*expression, block);
        const Int64 now_seconds = static_cast<Int64>(now);
        if (std::none_of(seconds.begin(), seconds.end(), [&](Int64 s) { return s <= now_seconds; }))
            continue;
        auto & target = block.getByName(name);
        auto reset = target.column->cloneEmpty();
        reset->reserve(block.rows());
        for (size_t i = 0; i < block.rows(); ++i)
        {
            if (seconds[i] <= now_seconds)
                reset->insertDefault();
            else
                reset->insertFrom(*target.column, i);
        }
        target.column = std::move(reset);
    }
    return block;
}

bool MergeTreeMerger::hasExpiredColumnValues(const MergeTreeDataPartPtr & part, time_t now) const
{
    for (const auto & [name, expression] : definition_.column_ttl)
    {
        MergeTreeColumns columns;
        std::vector<std::string> needed = expression->requiredColumns();
        needed.push_back(name);
        for (const auto & description : definition_.columns)
            if (std::find(needed.begin(), needed.end(), description.name) != needed.end())
                columns.emplace_back(description.name, description.type);
        MergeTreePartReader reader(part, columns);
        Block block = reader.readGranules(0, part->granules);
        auto seconds = expressionSeconds(*expression, block);
        const auto & column = *block.getByName(name).column;
        auto default_value = block.getByName(name).type->getDefault();
        for (size_t i = 0; i < block.rows(); ++i)
            if (seconds[i] <= static_cast<Int64>(now) && column[i] != default_value)
                return true;
    }
    return false;
}

bool MergeTreeMerger::hasExpiredRows(const MergeTreeDataPartPtr & part, time_t now) const
{
    if (hasExpiredColumnValues(part, now))
        return true;
    if (!definition_.ttl)
        return false;
    if (part->has_ttl)
        return part->ttl_min <= static_cast<Int64>(now);
    MergeTreeColumns columns;
    for (const auto & name : definition_.ttl->requiredColumns())
        for (const auto & description : definition_.columns)
            if (description.name == name)
                columns.emplace_back(name, description.type);
    MergeTreePartReader reader(part, columns);
    Block block = reader.readGranules(0, part->granules);
    size_t expired = 0;
    ttlExpired(block, now, expired);
    return expired > 0;
}

Block MergeTreeMerger::mergeParts(const MergeTreeDataParts & parts, time_t now) const
{
    MergeTreeColumns columns;
    for (const auto & description : definition_.columns)
        if (description.default_kind != "ALIAS")
            columns.emplace_back(description.name, description.type);
    Blocks blocks;
    for (const auto & part : parts)
    {
        MergeTreePartReader reader(part, columns);
        blocks.push_back(reader.readGranules(0, part->granules));
    }
    Block merged = concatenate(blocks);
    blocks.clear();
    merged = sortBlock(merged);
    Columns keys = definition_.sort_key.empty() ? Columns {} : evaluateSortKey(merged);
    merged = strategy_->merge(std::move(merged), keys);
    return applyTtl(merged, now);
}

} // namespace pipit
