#include "engine/execution/BlockOperations.h"

#include "engine/functions/FunctionArguments.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace pipit
{

Filter BlockOperations::filterMask(const ColumnPtr & column, const DataTypePtr & type, size_t rows)
{
    Filter mask(rows);
    if (type->getTypeId() == TypeIndex::Nothing || isNothing(*type))
    {
        std::fill(mask.begin(), mask.end(), 0);
        return mask;
    }
    const IColumn * values = column.get();
    bool is_const = false;
    if (const auto * c = dynamic_cast<const ColumnConst *>(values))
    {
        values = &c->getDataColumn();
        is_const = true;
    }
    const PODArray<UInt8> * null_map = nullptr;
    if (const auto * n = dynamic_cast<const ColumnNullable *>(values))
    {
        null_map = &n->getNullMapData();
        values = &n->getNestedColumn();
    }
    auto nested_type = removeNullableType(removeLowCardinalityType(type));
    bool done = dispatchNativeNumber(nested_type->getTypeId(),
                                     [&](auto tag)
                                     {
                                         using T = typename decltype(tag)::Type;
                                         const auto & data = assertColumnCast<ColumnVector<T>>(*values).getData();
                                         if (is_const)
                                         {
                                             UInt8 keep = data[0] != 0 && !(null_map && (*null_map)[0]);
                                             std::fill(mask.begin(), mask.end(), keep);
                                             return;
                                         }
                                         UInt8 * __restrict out = mask.data();
                                         const T * __restrict in = data.data();
                                         for (size_t i = 0; i < rows; ++i)
                                             out[i] = in[i] != 0;
                                         if (null_map)
                                             for (size_t i = 0; i < rows; ++i)
                                                 out[i] &= !(*null_map)[i];
                                     });
    if (!done)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT,
                        "Illegal type " + type->getName() + " of column for filter. Must be UInt8 or Nullable(UInt8).");
    return mask;
}

size_t BlockOperations::filterBlock(Block & block, const Filter & mask)
{
    size_t rows = block.rows();
    size_t kept = 0;
    for (auto v : mask)
        kept += v != 0;
    if (kept == rows)
        return kept;
    for (auto & column : block)
        if (column.column)
            column.column = column.column->filter(mask, kept);
    return kept;
}

void BlockOperations::materialize(Block & block)
{
    for (auto & column : block)
        if (column.column)
            column.column = convertToFullColumnIfConst(column.column);
}

Block BlockOperations::concatenate(const std::vector<Block> & blocks, const Block & header)
{
    Block res;
    if (blocks.empty())
    {
        for (const auto & c : header)
            res.insert({c.type->createColumn(), c.type, c.name});
        return res;
    }
    if (blocks.size() == 1)
    {
        res = blocks[0];
        materialize(res);
        return res;
    }
    size_t total = 0;
    for (const auto & b : blocks)
        total += b.rows();
    for (size_t i = 0; i < blocks[0].columns(); ++i)
    {
        const auto & first = blocks[0].getByPosition(i);
        auto column = convertToFullColumnIfConst(first.column)->cloneEmpty();
        column->reserve(total);
        for (const auto & b : blocks)
        {
            auto part = convertToFullColumnIfConst(b.getByPosition(i).column);
            column->insertRangeFrom(*part, 0, part->size());
        }
        res.insert({std::move(column), first.type, first.name});
    }
    return res;
}

void BlockOperations::sortBlock(Block & block, const SortDescription & description, size_t limit)
{
    size_t rows = block.rows();
    if (rows == 0 || description.empty())
    {
        if (limit && limit < rows)
            block = cutBlock(block, 0, limit);
        return;
    }
    materialize(block);
    Permutation perm;
    if (description.size() == 1)
    {
        const auto & column = block.getByName(description[0].column_name).column;
        column->getPermutation(description[0].direction < 0, limit, description[0].nulls_direction, perm);
    }
    else
    {
        std::vector<const IColumn *> columns;
        for (const auto & d : description)
            columns.push_back(block.getByName(d.column_name).column.get());
        perm.resize(rows);
        std::iota(perm.begin(), perm.end(), size_t {0});
        auto less = [&](size_t a, size_t b)
        {
            for (size_t k = 0; k < columns.size(); ++k)
            {
                int c = columns[k]->compareAt(a, b, *columns[k], description[k].nulls_direction);
                if (c != 0)
                    return description[k].direction < 0 ? c > 0 : c < 0;
            }
            return false;
        };
        if (limit && limit < rows)
        {
            std::partial_sort(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(limit), perm.end(),
                              [&](size_t a, size_t b) { return less(a, b) || (!less(b, a) && a < b); });
        }
        else
            std::stable_sort(perm.begin(), perm.end(), less);
    }
    size_t result_rows = limit && limit < rows ? limit : rows;
    for (auto & column : block)
        column.column = column.column->permute(perm, result_rows);
}

Block BlockOperations::cutBlock(const Block & block, size_t offset, size_t length)
{
    Block res;
    size_t rows = block.rows();
    size_t start = std::min(offset, rows);
    size_t count = std::min(length, rows - start);
    for (const auto & column : block)
        res.insert({column.column->cut(start, count), column.type, column.name});
    return res;
}

void BlockOperations::distinctBlock(Block & block, size_t columns)
{
    size_t rows = block.rows();
    std::unordered_set<std::string> seen;
    Filter mask(rows, 0);
    std::string key;
    materialize(block);
    for (size_t i = 0; i < rows; ++i)
    {
        key.clear();
        for (size_t c = 0; c < columns && c < block.columns(); ++c)
        {
            const auto & column = *block.getByPosition(c).column;
            Field value = column[i];
            std::string text = value.dump();
            key += std::to_string(text.size()) + ":" + text;
        }
        mask[i] = seen.insert(key).second;
    }
    filterBlock(block, mask);
}

void BlockOperations::limitByBlock(Block & block, const std::vector<std::string> & key_columns, UInt64 length, UInt64 offset)
{
    size_t rows = block.rows();
    std::unordered_map<std::string, UInt64> seen;
    Filter mask(rows, 0);
    std::string key;
    materialize(block);
    std::vector<const IColumn *> columns;
    for (const auto & name : key_columns)
        columns.push_back(block.getByName(name).column.get());
    UInt64 end = length > UINT64_MAX - offset ? UINT64_MAX : offset + length;
    for (size_t i = 0; i < rows; ++i)
    {
        key.clear();
        for (const auto * column : columns)
        {
            std::string text = (*column)[i].dump();
            key += std::to_string(text.size()) + ":" + text;
        }
        UInt64 position = seen[key]++;
        mask[i] = position >= offset && position < end;
    }
    filterBlock(block, mask);
}

} // namespace pipit
