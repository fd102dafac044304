#include "engine/columns/ColumnLowCardinality.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnString.h"
#include "engine/columns/ColumnVector.h"

#include <limits>

namespace pipit
{

namespace
{

UInt64 hashRow(const IColumn & column, size_t n)
{
    UInt64 hash = 0;
    column.updateHashWithValue(n, hash);
    return hash;
}

constexpr UInt32 no_index = std::numeric_limits<UInt32>::max();

} // namespace

ColumnLowCardinality::ColumnLowCardinality(MutableColumnPtr dictionary, Indexes indexes)
    : dictionary_(std::move(dictionary))
    , indexes_(std::move(indexes))
{
    CHECK(dictionary_ != nullptr);
    CHECK(!dictionary_->isConst());
    CHECK(dynamic_cast<const ColumnLowCardinality *>(dictionary_.get()) == nullptr);
    if (dictionary_->isNullable() && dictionary_->empty())
        dictionary_->insertDefault(); /// row 0 is NULL
    const size_t dictionary_size = dictionary_->size();
    for (UInt32 index : indexes_)
        if (index >= dictionary_size)
            throw Exception(ErrorCode::INCORRECT_DATA, "LowCardinality index " + std::to_string(index) + " is out of dictionary of " +
                                                           std::to_string(dictionary_size) + " values");
}

ColumnLowCardinality::ColumnLowCardinality(std::shared_ptr<IColumn> dictionary, std::shared_ptr<ValueIndex> value_index, Indexes indexes,
                                           bool dictionary_shared)
    : dictionary_(std::move(dictionary))
    , value_index_(std::move(value_index))
    , indexes_(std::move(indexes))
    , dictionary_shared_(dictionary_shared)
{
}

std::shared_ptr<ColumnLowCardinality> ColumnLowCardinality::create(MutableColumnPtr dictionary, Indexes indexes)
{
    return std::make_shared<ColumnLowCardinality>(std::move(dictionary), std::move(indexes));
}

std::shared_ptr<ColumnLowCardinality> ColumnLowCardinality::createWithSharedDictionary(std::shared_ptr<IColumn> dictionary, Indexes indexes)
{
    CHECK(dictionary != nullptr);
    CHECK(!dictionary->isConst());
    CHECK(dynamic_cast<const ColumnLowCardinality *>(dictionary.get()) == nullptr);
    CHECK(!dictionary->isNullable() || !dictionary->empty());
    return std::shared_ptr<ColumnLowCardinality>(new ColumnLowCardinality(std::move(dictionary), nullptr, std::move(indexes), true));
}

std::shared_ptr<ColumnLowCardinality> ColumnLowCardinality::withIndexes(Indexes indexes) const
{
    return std::shared_ptr<ColumnLowCardinality>(new ColumnLowCardinality(dictionary_, value_index_, std::move(indexes), dictionary_shared_));
}

std::shared_ptr<ColumnLowCardinality> ColumnLowCardinality::compacted() const
{
    const size_t dictionary_size = dictionary_->size();
    const size_t rows = indexes_.size();
    std::vector<UInt32> remap(dictionary_size, no_index);
    Permutation used_rows;
    if (dictionary_->isNullable())
    {
        remap[0] = 0;
        used_rows.push_back(0);
    }
    Indexes indexes(rows);
    for (size_t i = 0; i < rows; ++i)
    {
        UInt32 & mapped = remap[indexes_[i]];
        if (mapped == no_index)
        {
            mapped = static_cast<UInt32>(used_rows.size());
            used_rows.push_back(indexes_[i]);
        }
        indexes[i] = mapped;
    }
    if (used_rows.size() == dictionary_size)
    {
        bool identity = true;
        for (size_t i = 0; i < dictionary_size && identity; ++i)
            identity = used_rows[i] == i;
        if (identity)
            return withIndexes(std::move(indexes));
    }
    std::shared_ptr<IColumn> dictionary = assumeMutable(dictionary_->permute(used_rows, 0));
    return std::shared_ptr<ColumnLowCardinality>(new ColumnLowCardinality(std::move(dictionary), nullptr, std::move(indexes), false));
}

MutableColumnPtr ColumnLowCardinality::cloneEmpty() const
{
    return withIndexes({});
}

MutableColumnPtr ColumnLowCardinality::cloneMutable() const
{
    return withIndexes(indexes_);
}

void ColumnLowCardinality::prepareForInsert()
{
    /// Another column (a filter/permute/clone result) may share the dictionary: copy before changing it.
    if (dictionary_shared_ || dictionary_.use_count() > 1)
    {
        dictionary_ = dictionary_->cloneMutable();
        dictionary_shared_ = false;
        if (value_index_)
            value_index_ = std::make_shared<ValueIndex>(*value_index_);
    }
    else if (value_index_ && value_index_.use_count() > 1)
        value_index_ = std::make_shared<ValueIndex>(*value_index_);
    if (!value_index_)
    {
        value_index_ = std::make_shared<ValueIndex>();
        const size_t n = dictionary_->size();
        value_index_->reserve(n);
        for (size_t i = 0; i < n; ++i)
            value_index_->add(hashRow(*dictionary_, i));
    }
}

size_t ColumnLowCardinality::findOrKeepLastDictionaryRow()
{
    const size_t last = dictionary_->size() - 1;
    const UInt64 hash = hashRow(*dictionary_, last);
    const UInt32 found = value_index_->find(hash, [&](UInt32 row) { return dictionary_->compareAt(row, last, *dictionary_, 1) == 0; });
    if (found != ValueIndex::no_row)
    {
        dictionary_->popBack(1);
        return found;
    }
    if (last >= no_index)
    {
        dictionary_->popBack(1);
        throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "LowCardinality dictionary is too large");
    }
    value_index_->add(hash);
    return last;
}

std::vector<UInt32> ColumnLowCardinality::insertDictionaryValuesFrom(const IColumn & src)
{
    prepareForInsert();
    const size_t count = src.size();
    std::vector<UInt32> result(count);
    value_index_->reserve(dictionary_->size() + count);
    auto * dictionary_strings = dynamic_cast<ColumnString *>(dictionary_.get());
    const auto * src_strings = dynamic_cast<const ColumnString *>(&src);
    if (dictionary_strings && src_strings)
    {
        /// The common LowCardinality(String) case without virtual calls per value; the same hash as hashRow().
        for (size_t n = 0; n < count; ++n)
        {
            const std::string_view value = src_strings->getDataAt(n);
            UInt64 hash = 0;
            hashCombine(hash, hashBytes(value.data(), value.size()));
            const UInt32 found = value_index_->find(hash, [&](UInt32 row) { return dictionary_strings->getDataAt(row) == value; });
            if (found != ValueIndex::no_row)
            {
                result[n] = found;
                continue;
            }
            const size_t row = dictionary_strings->size();
            if (row >= no_index)
                throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "LowCardinality dictionary is too large");
            dictionary_strings->insertData(value.data(), value.size());
            value_index_->add(hash);
            result[n] = static_cast<UInt32>(row);
        }
        return result;
    }
    for (size_t n = 0; n < count; ++n)
    {
        const UInt64 hash = hashRow(src, n);
        const UInt32 found = value_index_->find(hash, [&](UInt32 row) { return dictionary_->compareAt(row, n, src, 1) == 0; });
        if (found != ValueIndex::no_row)
        {
            result[n] = found;
            continue;
        }
        const size_t row = dictionary_->size();
        if (row >= no_index)
            throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "LowCardinality dictionary is too large");
        dictionary_->insertFrom(src, n);
        value_index_->add(hash);
        result[n] = static_cast<UInt32>(row);
    }
    return result;
}

size_t ColumnLowCardinality::insertDictionaryValue(std::string_view data)
{
    prepareForInsert();
    dictionary_->insertData(data.data(), data.size());
    return findOrKeepLastDictionaryRow();
}

size_t ColumnLowCardinality::insertDictionaryValue(const Field & value)
{
    prepareForInsert();
    dictionary_->insert(value);
    return findOrKeepLastDictionaryRow();
}

size_t ColumnLowCardinality::insertDictionaryValueFrom(const IColumn & src, size_t n)
{
    prepareForInsert();
    dictionary_->insertFrom(src, n);
    return findOrKeepLastDictionaryRow();
}

size_t ColumnLowCardinality::defaultIndex()
{
    if (dictionary_->isNullable())
        return 0;
    prepareForInsert();
    dictionary_->insertDefault();
    return findOrKeepLastDictionaryRow();
}

void ColumnLowCardinality::insertFrom(const IColumn & src, size_t n)
{
    if (const auto * src_lc = dynamic_cast<const ColumnLowCardinality *>(&src))
    {
        if (src_lc->dictionary_ == dictionary_)
            indexes_.push_back(src_lc->indexes_[n]);
        else
            indexes_.push_back(static_cast<UInt32>(insertDictionaryValueFrom(*src_lc->dictionary_, src_lc->indexes_[n])));
        return;
    }
    indexes_.push_back(static_cast<UInt32>(insertDictionaryValueFrom(src, n)));
}

void ColumnLowCardinality::insertRangeFrom(const IColumn & src, size_t start, size_t length)
{
    CHECK(start + length <= src.size());
    indexes_.reserve(indexes_.size() + length);
    if (const auto * src_lc = dynamic_cast<const ColumnLowCardinality *>(&src))
    {
        if (src_lc->dictionary_ == dictionary_)
        {
            indexes_.insert(indexes_.end(), src_lc->indexes_.begin() + static_cast<std::ptrdiff_t>(start),
                            src_lc->indexes_.begin() + static_cast<std::ptrdiff_t>(start + length));
            return;
        }
        /// Each source dictionary value is looked up once.
        const IColumn & src_dictionary = *src_lc->dictionary_;
        std::vector<UInt32> remap(src_dictionary.size(), no_index);
        for (size_t i = start; i < start + length; ++i)
        {
            UInt32 & mapped = remap[src_lc->indexes_[i]];
            if (mapped == no_index)
                mapped = static_cast<UInt32>(insertDictionaryValueFrom(src_dictionary, src_lc->indexes_[i]));
            indexes_.push_back(mapped);
        }
        return;
    }
    for (size_t i = start; i < start + length; ++i)
        indexes_.push_back(static_cast<UInt32>(insertDictionaryValueFrom(src, i)));
}

void ColumnLowCardinality::popBack(size_t count)
{
    CHECK(count <= indexes_.size());
    indexes_.resize(indexes_.size() - count);
}

ColumnPtr ColumnLowCardinality::filter(const Filter & filter, size_t) const
{
    const size_t n = indexes_.size();
    column_detail::checkFilterSize(filter, n);
    Indexes res(n);
    UInt32 * out = res.data();
    UInt32 * const out_begin = out;
    for (size_t i = 0; i < n; ++i)
    {
        *out = indexes_[i];
        out += filter[i] != 0;
    }
    res.resize(static_cast<size_t>(out - out_begin));
    return withIndexes(std::move(res));
}

ColumnPtr ColumnLowCardinality::permute(const Permutation & perm, size_t limit) const
{
    const size_t n = column_detail::permuteLimit(perm, limit);
    Indexes res(n);
    for (size_t i = 0; i < n; ++i)
        res[i] = indexes_[perm[i]];
    return withIndexes(std::move(res));
}

ColumnPtr ColumnLowCardinality::cut(size_t start, size_t length) const
{
    CHECK(start + length <= indexes_.size());
    return withIndexes(
        Indexes(indexes_.begin() + static_cast<std::ptrdiff_t>(start), indexes_.begin() + static_cast<std::ptrdiff_t>(start + length)));
}

ColumnPtr ColumnLowCardinality::replicate(const Offsets & offsets) const
{
    const size_t n = indexes_.size();
    column_detail::checkReplicateOffsets(offsets, n);
    Indexes res(n == 0 ? 0 : offsets.back());
    size_t pos = 0;
    UInt64 prev = 0;
    for (size_t i = 0; i < n; ++i)
    {
        for (UInt64 j = prev; j < offsets[i]; ++j)
            res[pos++] = indexes_[i];
        prev = offsets[i];
    }
    return withIndexes(std::move(res));
}

int ColumnLowCardinality::compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const
{
    const auto & rhs_col = static_cast<const ColumnLowCardinality &>(rhs);
    return dictionary_->compareAt(indexes_[n], rhs_col.indexes_[m], *rhs_col.dictionary_, nan_direction_hint);
}

void ColumnLowCardinality::getPermutation(bool reverse, size_t, int nan_direction_hint, Permutation & perm) const
{
    const size_t dictionary_size = dictionary_->size();
    Permutation dictionary_perm;
    dictionary_->getPermutation(reverse, 0, nan_direction_hint, dictionary_perm);
    /// Equal dictionary values (possible only in a deserialised dictionary) share the first rank.
    std::vector<UInt32> rank(dictionary_size);
    UInt32 current = 0;
    for (size_t i = 0; i < dictionary_size; ++i)
    {
        if (i > 0 && dictionary_->compareAt(dictionary_perm[i - 1], dictionary_perm[i], *dictionary_, nan_direction_hint) != 0)
            current = static_cast<UInt32>(i);
        rank[dictionary_perm[i]] = current;
    }
    /// Counting sort by rank keeps equal values in row order.
    std::vector<size_t> start(dictionary_size + 1, 0);
    const size_t n = indexes_.size();
    for (size_t i = 0; i < n; ++i)
        ++start[rank[indexes_[i]] + 1];
    for (size_t r = 1; r <= dictionary_size; ++r)
        start[r] += start[r - 1];
    perm.resize(n);
    for (size_t i = 0; i < n; ++i)
        perm[start[rank[indexes_[i]]]++] = i;
}

ColumnPtr ColumnLowCardinality::convertToFull() const
{
    Permutation perm(indexes_.begin(), indexes_.end());
    return dictionary_->permute(perm, 0);
}

ColumnPtr convertToFullColumnIfLowCardinality(const ColumnPtr & column)
{
    if (const auto * lc = dynamic_cast<const ColumnLowCardinality *>(column.get()))
        return lc->convertToFull();
    return column;
}

} // namespace pipit
