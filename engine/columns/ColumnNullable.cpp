#include "engine/columns/ColumnNullable.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"

#include <algorithm>

namespace pipit
{

ColumnNullable::ColumnNullable(MutableColumnPtr nested, MutableColumnPtr null_map)
    : nested_(std::move(nested))
    , null_map_(std::dynamic_pointer_cast<ColumnUInt8>(null_map))
{
    CHECK(nested_ != nullptr);
    CHECK(null_map_ != nullptr);
    CHECK(!nested_->isNullable() && !nested_->isConst());
    CHECK(nested_->size() == null_map_->size());
}

std::shared_ptr<ColumnNullable> ColumnNullable::create(MutableColumnPtr nested)
{
    auto null_map = ColumnUInt8::create();
    null_map->getData().resize(nested->size(), 0);
    return create(std::move(nested), std::move(null_map));
}

Field ColumnNullable::operator[](size_t n) const
{
    if (isNullAt(n))
        return Field(Null {});
    return (*nested_)[n];
}

MutableColumnPtr ColumnNullable::cloneEmpty() const
{
    return create(nested_->cloneEmpty(), ColumnUInt8::create());
}

MutableColumnPtr ColumnNullable::cloneMutable() const
{
    return create(nested_->cloneMutable(), null_map_->cloneMutable());
}

void ColumnNullable::insert(const Field & value)
{
    if (value.isNull())
    {
        insertDefault();
        return;
    }
    nested_->insert(value);
    null_map_->insertValue(0);
}

void ColumnNullable::insertFrom(const IColumn & src, size_t n)
{
    const auto & src_col = static_cast<const ColumnNullable &>(src);
    nested_->insertFrom(*src_col.nested_, n);
    null_map_->insertValue(src_col.null_map_->getData()[n]);
}

void ColumnNullable::insertRangeFrom(const IColumn & src, size_t start, size_t length)
{
    const auto & src_col = assertColumnCast<ColumnNullable>(src);
    nested_->insertRangeFrom(*src_col.nested_, start, length);
    null_map_->insertRangeFrom(*src_col.null_map_, start, length);
}

void ColumnNullable::insertDefault()
{
    nested_->insertDefault();
    null_map_->insertValue(1);
}

void ColumnNullable::insertManyDefaults(size_t count)
{
    nested_->insertManyDefaults(count);
    null_map_->getData().resize(null_map_->size() + count, 1);
}

void ColumnNullable::insertData(const char * data, size_t size)
{
    if (data == nullptr)
    {
        insertDefault();
        return;
    }
    nested_->insertData(data, size);
    null_map_->insertValue(0);
}

void ColumnNullable::popBack(size_t count)
{
    nested_->popBack(count);
    null_map_->popBack(count);
}

void ColumnNullable::reserve(size_t count)
{
    nested_->reserve(count);
    null_map_->reserve(count);
}

ColumnPtr ColumnNullable::filter(const Filter & filter, size_t result_size_hint) const
{
    return create(assumeMutable(nested_->filter(filter, result_size_hint)), assumeMutable(null_map_->filter(filter, result_size_hint)));
}

ColumnPtr ColumnNullable::permute(const Permutation & perm, size_t limit) const
{
    return create(assumeMutable(nested_->permute(perm, limit)), assumeMutable(null_map_->permute(perm, limit)));
}

ColumnPtr ColumnNullable::cut(size_t start, size_t length) const
{
    return create(assumeMutable(nested_->cut(start, length)), assumeMutable(null_map_->cut(start, length)));
}

ColumnPtr ColumnNullable::replicate(const Offsets & offsets) const
{
    return create(assumeMutable(nested_->replicate(offsets)), assumeMutable(null_map_->replicate(offsets)));
}

int ColumnNullable::compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const
{
    const auto & rhs_col = static_cast<const ColumnNullable &>(rhs);
    const bool lhs_null = isNullAt(n);
    const bool rhs_null = rhs_col.isNullAt(m);
    if (lhs_null || rhs_null) [[unlikely]]
    {
        if (lhs_null && rhs_null)
            return 0;
        return lhs_null ? nan_direction_hint : -nan_direction_hint;
    }
    return nested_->compareAt(n, m, *rhs_col.nested_, nan_direction_hint);
}

void ColumnNullable::getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const
{
    const size_t n = size();
    if (limit >= n)
        limit = 0;
    const UInt8 * null_map = null_map_->getData().data();
    size_t null_count = 0;
    for (size_t i = 0; i < n; ++i)
        null_count += null_map[i] != 0;

    /// The nested order restricted to non-NULL rows is the order of the non-NULL rows; the first
    /// limit + null_count nested positions hold at least `limit` of them.
    const size_t nested_limit = limit == 0 || limit + null_count >= n ? 0 : limit + null_count;
    nested_->getPermutation(reverse, nested_limit, nan_direction_hint, perm);
    if (null_count == 0)
        return;

    const size_t examined = nested_limit == 0 ? n : nested_limit;
    Permutation values;
    values.reserve(n - null_count);
    for (size_t i = 0; i < examined; ++i)
        if (!null_map[perm[i]])
            values.push_back(perm[i]);

    const bool nulls_last = (nan_direction_hint > 0) != reverse;
    perm.resize(n);
    size_t pos = 0;
    auto put_nulls = [&]
    {
        for (size_t i = 0; i < n; ++i)
            if (null_map[i])
                perm[pos++] = i;
    };
    if (!nulls_last)
        put_nulls();
    for (size_t i = 0; i < values.size() && pos < n; ++i)
        perm[pos++] = values[i];
    if (nulls_last)
    {
        if (pos + null_count <= n)
            put_nulls();
    }
    /// Rows past the limit are unspecified but must still form a permutation of all rows.
    if (pos < n)
    {
        std::vector<bool> used(n, false);
        for (size_t i = 0; i < pos; ++i)
            used[perm[i]] = true;
        for (size_t i = 0; i < n; ++i)
            if (!used[i])
                perm[pos++] = i;
    }
}

void ColumnNullable::updateHashWithValue(size_t n, UInt64 & hash) const
{
    if (isNullAt(n))
        hashCombine(hash, 0x4E554C4CULL);
    else
        nested_->updateHashWithValue(n, hash);
}

} // namespace pipit
