#include "engine/planner/HashJoin.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnString.h"
#include "engine/functions/FunctionCast.h"
#include "engine/types/DataTypeNullable.h"

#include <xxhash.h>

#include <cstring>

namespace pipit
{

namespace
{

inline UInt64 mixHash(UInt64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/// The type a join output column gets with join_use_nulls on its null-extended side.
DataTypePtr nullableIfPossible(const DataTypePtr & type)
{
    if (type->isNullable() || !type->canBeInsideNullable())
        return type;
    return makeNullable(type);
}

ColumnPtr castIfNeeded(const ColumnPtr & column, const DataTypePtr & from, const DataTypePtr & to)
{
    if (from->equals(*to))
        return column;
    return castColumn({column, from, ""}, to);
}

/// Number of right rows: `right` may have no columns when the query needs only the keys (USING).
size_t rightRowCount(const Block & right, const Columns & right_keys, const std::vector<std::pair<std::string, ColumnPtr>> & using_columns)
{
    if (right.columns() > 0)
        return right.rows();
    if (!right_keys.empty())
        return right_keys.front()->size();
    if (!using_columns.empty())
        return using_columns.front().second->size();
    return 0;
}

} // namespace

struct HashJoinKeys;

HashJoin::HashJoin(Kind kind, Strictness strictness, bool use_nulls, const Block & right, const Columns & right_keys, const Filter & right_mask,
                   const Block & left_header, std::vector<std::pair<std::string, ColumnPtr>> using_columns)
    : kind_(kind)
    , strictness_(strictness)
    , use_nulls_(use_nulls)
    , right_rows_(rightRowCount(right, right_keys, using_columns))
    , left_header_(left_header)
    , using_columns_(std::move(using_columns))
{
    if (right_rows_ >= npos - 1)
        throw Exception(ErrorCode::SET_SIZE_LIMIT_EXCEEDED, "Too many rows in the right side of JOIN");
    bool left_nullable = use_nulls_ && (kind_ == Kind::Right || kind_ == Kind::Full);
    bool right_nullable = use_nulls_ && (kind_ == Kind::Left || kind_ == Kind::Full);
    for (const auto & column : left_header_)
        output_header_.insert({nullptr, left_nullable ? nullableIfPossible(column.type) : column.type, column.name});
    for (const auto & column : right)
    {
        DataTypePtr type = right_nullable ? nullableIfPossible(column.type) : column.type;
        auto extended = castIfNeeded(convertToFullColumnIfConst(column.column), column.type, type)->cloneMutable();
        extended->insertDefault();
        right_extended_.insert({std::move(extended), type, column.name});
        output_header_.insert({nullptr, type, column.name});
    }
    if (left_nullable)
        for (auto & [name, values] : using_columns_)
        {
            const auto & type = left_header_.getByName(name).type;
            values = castIfNeeded(values, type, nullableIfPossible(type));
        }

    if (emitsNonJoined())
    {
        used_ = std::make_unique<std::atomic<UInt8>[]>(right_rows_);
        for (size_t i = 0; i < right_rows_; ++i)
            used_[i].store(0, std::memory_order_relaxed);
    }

    if (right_keys.empty())
        return;

    /// Key mode from the right key columns (the left ones have the same types).
    size_t total_width = 0;
    bool all_fixed = true;
    Columns probe_nested;
    for (const auto & key : right_keys)
    {
        ColumnPtr column = convertToFullColumnIfConst(key);
        if (const auto * nullable = dynamic_cast<const ColumnNullable *>(column.get()))
            probe_nested.push_back(nullable->getNestedColumnPtr());
        else
            probe_nested.push_back(column);
        const auto & nested = *probe_nested.back();
        if (nested.isFixedWidth() && nested.sizeOfValueIfFixed() <= 8)
            total_width += nested.sizeOfValueIfFixed();
        else
            all_fixed = false;
    }
    if (all_fixed && total_width <= 8)
        key_mode_ = KeyMode::Packed;
    else if (right_keys.size() == 1 && dynamic_cast<const ColumnString *>(probe_nested[0].get()))
        key_mode_ = KeyMode::String;
    else
        key_mode_ = KeyMode::Generic;

    ProbeKeys keys = prepareKeys(right_keys, right_rows_);
    right_nested_ = keys.nested;
    right_packed_ = keys.packed;

    size_t buckets = 16;
    while (buckets < right_rows_ * 2)
        buckets *= 2;
    buckets_.assign(buckets, npos);
    bucket_mask_ = buckets - 1;
    row_next_.assign(right_rows_, npos);
    std::vector<UInt32> group_tail;
    for (size_t r = 0; r < right_rows_; ++r)
    {
        if (!keys.valid[r] || (!right_mask.empty() && !right_mask[r]))
            continue;
        UInt64 hash = keys.hashes[r];
        UInt32 group = findGroup(keys, hash, r);
        if (group == npos)
        {
            group = static_cast<UInt32>(group_first_.size());
            group_first_.push_back(static_cast<UInt32>(r));
            group_hash_.push_back(hash);
            group_tail.push_back(static_cast<UInt32>(r));
            UInt64 bucket = hash & bucket_mask_;
            group_next_.push_back(buckets_[bucket]);
            buckets_[bucket] = group;
        }
        else
        {
            row_next_[group_tail[group]] = static_cast<UInt32>(r);
            group_tail[group] = static_cast<UInt32>(r);
        }
    }
}

HashJoin::ProbeKeys HashJoin::prepareKeys(const Columns & key_columns, size_t rows) const
{
    ProbeKeys keys;
    keys.valid.assign(rows, static_cast<UInt8>(1));
    keys.hashes.resize(rows);
    for (const auto & key : key_columns)
    {
        ColumnPtr column = convertToFullColumnIfConst(key);
        if (const auto * nullable = dynamic_cast<const ColumnNullable *>(column.get()))
        {
            const auto & null_map = nullable->getNullMapData();
            for (size_t i = 0; i < rows; ++i)
                keys.valid[i] &= !null_map[i];
            keys.nested.push_back(nullable->getNestedColumnPtr());
        }
        else
            keys.nested.push_back(column);
    }
    UInt64 * hashes = keys.hashes.data();
    switch (key_mode_)
    {
    case KeyMode::None:
        break;
    case KeyMode::Packed:
    {
        keys.packed.assign(rows, UInt64(0));
        UInt64 * packed = keys.packed.data();
        size_t shift = 0;
        for (const auto & nested : keys.nested)
        {
            size_t width = nested->sizeOfValueIfFixed();
            if (rows == 0)
                break;
            const char * base = nested->getDataAt(0).data();
            switch (width)
            {
            case 1:
                for (size_t i = 0; i < rows; ++i)
                    packed[i] |= UInt64(reinterpret_cast<const UInt8 *>(base)[i]) << shift;
                break;
            case 2:
                for (size_t i = 0; i < rows; ++i)
                {
                    UInt16 v;
                    std::memcpy(&v, base + 2 * i, 2);
                    packed[i] |= UInt64(v) << shift;
                }
                break;
            case 4:
                for (size_t i = 0; i < rows; ++i)
                {
                    UInt32 v;
                    std::memcpy(&v, base + 4 * i, 4);
                    packed[i] |= UInt64(v) << shift;
                }
                break;
            case 8:
                for (size_t i = 0; i < rows; ++i)
                {
                    UInt64 v;
                    std::memcpy(&v, base + 8 * i, 8);
                    packed[i] |= v;
                }
                break;
            default:
                for (size_t i = 0; i < rows; ++i)
                {
                    UInt64 v = 0;
                    std::memcpy(&v, base + width * i, width);
                    packed[i] |= v << shift;
                }
                break;
            }
            shift += width * 8;
        }
        for (size_t i = 0; i < rows; ++i)
            hashes[i] = mixHash(packed[i]);
        break;
    }
    case KeyMode::String:
    {
        const auto & column = static_cast<const ColumnString &>(*keys.nested[0]);
        const auto & chars = column.getChars();
        const auto & offsets = column.getOffsets();
        size_t previous = 0;
        for (size_t i = 0; i < rows; ++i)
        {
            hashes[i] = XXH3_64bits(chars.data() + previous, offsets[i] - previous);
            previous = offsets[i];
        }
        break;
    }
    case KeyMode::Generic:
        for (size_t i = 0; i < rows; ++i)
        {
            UInt64 hash = 0;
            for (const auto & nested : keys.nested)
                nested->updateHashWithValue(i, hash);
            hashes[i] = mixHash(hash);
        }
        break;
    }
    return keys;
}

bool HashJoin::equalRight(const ProbeKeys & keys, size_t row, UInt32 right_row) const
{
    switch (key_mode_)
    {
    case KeyMode::None:
        return true;
    case KeyMode::Packed:
        return keys.packed[row] == right_packed_[right_row];
    case KeyMode::String:
    {
        const auto & left = static_cast<const ColumnString &>(*keys.nested[0]);
        const auto & right = static_cast<const ColumnString &>(*right_nested_[0]);
        size_t size = left.sizeAt(row);
        return size == right.sizeAt(right_row) &&
               std::memcmp(left.getChars().data() + left.offsetAt(row), right.getChars().data() + right.offsetAt(right_row), size) == 0;
    }
    case KeyMode::Generic:
        for (size_t k = 0; k < keys.nested.size(); ++k)
            if (keys.nested[k]->compareAt(row, right_row, *right_nested_[k], 1) != 0)
                return false;
        return true;
    }
    return false;
}

UInt32 HashJoin::findGroup(const ProbeKeys & keys, UInt64 hash, size_t row) const
{
    UInt32 group = buckets_[hash & bucket_mask_];
    while (group != npos)
    {
        if (group_hash_[group] == hash && equalRight(keys, row, group_first_[group]))
            return group;
        group = group_next_[group];
    }
    return npos;
}

bool HashJoin::probe(const ProbeKeys & keys, const Filter & left_mask, size_t rows, ProbeState & state, size_t max_rows,
                     Permutation & left_indices, Permutation & right_indices) const
{
    const bool keep_unmatched_left = kind_ == Kind::Left || kind_ == Kind::Full;
    const bool mark = emitsNonJoined();
    const UInt32 no_match = static_cast<UInt32>(right_rows_);
    auto emit = [&](size_t left_row, UInt32 right_row)
    {
        left_indices.push_back(left_row);
        right_indices.push_back(right_row);
        if (mark && right_row != no_match && !used_[right_row].load(std::memory_order_relaxed))
            used_[right_row].store(1, std::memory_order_relaxed);
    };
    auto next = [&](UInt32 right_row) -> UInt32
    {
        if (key_mode_ == KeyMode::None)
            return right_row + 1 < right_rows_ ? right_row + 1 : npos;
        return row_next_[right_row];
    };
    while (state.row < rows)
    {
        if (left_indices.size() >= max_rows)
            return false;
        size_t i = state.row;
        if (!state.in_row)
        {
            UInt32 first = npos;
            if (left_mask.empty() || left_mask[i])
            {
                if (key_mode_ == KeyMode::None)
                    first = right_rows_ ? 0 : npos;
                else if (keys.valid[i] && !buckets_.empty())
                {
                    UInt32 group = findGroup(keys, keys.hashes[i], i);
                    first = group == npos ? npos : group_first_[group];
                }
            }
            if (strictness_ == Strictness::Anti)
            {
                if (first == npos)
                    emit(i, no_match);
                ++state.row;
                continue;
            }
            if (first == npos)
            {
                if (keep_unmatched_left)
                    emit(i, no_match);
                ++state.row;
                continue;
            }
            if (strictness_ != Strictness::All)
            {
                emit(i, first);
                ++state.row;
                continue;
            }
            state.match = first;
            state.in_row = true;
        }
        while (state.match != npos)
        {
            if (left_indices.size() >= max_rows)
                return false;
            emit(i, state.match);
            state.match = next(state.match);
        }
        state.in_row = false;
        ++state.row;
    }
    return true;
}

Block HashJoin::makeBlock(const Block & left, const Permutation & left_indices, const Permutation & right_indices,
                          const std::vector<std::string> & names) const
{
    Block out;
    bool left_nullable = use_nulls_ && (kind_ == Kind::Right || kind_ == Kind::Full);
    for (const auto & name : names)
    {
        if (right_extended_.has(name))
        {
            const auto & column = right_extended_.getByName(name);
            out.insert({column.column->permute(right_indices, 0), column.type, column.name});
            continue;
        }
        const auto & column = left.getByName(name);
        ColumnPtr permuted = convertToFullColumnIfConst(column.column)->permute(left_indices, 0);
        const auto & type = output_header_.getByName(name).type;
        if (left_nullable)
            permuted = castIfNeeded(permuted, column.type, type);
        out.insert({std::move(permuted), type, name});
    }
    return out;
}

Block HashJoin::nonJoinedBlock(ProbeState & state, size_t max_rows, const std::vector<std::string> & names) const
{
    if (!emitsNonJoined())
        return {};
    Permutation right_indices;
    while (state.row < right_rows_ && right_indices.size() < max_rows)
    {
        if (!used_[state.row].load(std::memory_order_relaxed))
            right_indices.push_back(state.row);
        ++state.row;
    }
    if (right_indices.empty())
        return {};
    size_t rows = right_indices.size();
    Block out;
    for (const auto & name : names)
    {
        if (right_extended_.has(name))
        {
            const auto & column = right_extended_.getByName(name);
            out.insert({column.column->permute(right_indices, 0), column.type, column.name});
            continue;
        }
        const auto & column = output_header_.getByName(name);
        ColumnPtr values;
        for (const auto & [using_name, right_values] : using_columns_)
            if (using_name == name)
                values = right_values->permute(right_indices, 0);
        if (!values)
        {
            auto defaults = column.type->createColumn();
            defaults->insertManyDefaults(rows);
            values = std::move(defaults);
        }
        out.insert({std::move(values), column.type, name});
    }
    return out;
}

} // namespace pipit
