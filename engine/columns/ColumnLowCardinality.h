#pragma once

#include "engine/columns/IColumn.h"
#include "engine/columns/LowCardinalityValueIndex.h"

namespace pipit
{

/// LowCardinality(T): a dictionary column holding each distinct value once + one UInt32 index per
/// row. The dictionary is of the plain inner class; for LowCardinality(Nullable(T)) it is a
/// ColumnNullable whose row 0 is NULL. filter/permute/cut/replicate work on the indexes and share
/// the dictionary; a column that shares its dictionary copies it before adding a value (copy on write).
/// A column may also be built over a dictionary owned elsewhere (a MergeTree part's dictionary, shared by every
/// column read from that part): such a dictionary is never changed in place, whatever its reference count.
class ColumnLowCardinality final : public IColumn
{
public:
    using Indexes = PODArray<UInt32>;

    /// `dictionary` must hold distinct values (usually empty); `indexes` must point into it.
    ColumnLowCardinality(MutableColumnPtr dictionary, Indexes indexes);

    static std::shared_ptr<ColumnLowCardinality> create(MutableColumnPtr empty_dictionary_column)
    {
        return std::make_shared<ColumnLowCardinality>(std::move(empty_dictionary_column), Indexes {});
    }
    /// From a deserialised dictionary of distinct values and indexes into it (validated: out of
    /// range indexes throw INCORRECT_DATA).
    static std::shared_ptr<ColumnLowCardinality> create(MutableColumnPtr dictionary, Indexes indexes);
    /// Over `dictionary` shared with other columns (distinct values; for a Nullable dictionary row 0 is NULL) and
    /// indexes into it (NOT validated: the caller checked them). The dictionary is copied before any value is added,
    /// so it stays unchanged; columns over the same dictionary object concatenate by copying indexes.
    static std::shared_ptr<ColumnLowCardinality> createWithSharedDictionary(std::shared_ptr<IColumn> dictionary, Indexes indexes = {});

    /// The same rows over a new dictionary of only the values they use, in order of first use (for a Nullable
    /// dictionary NULL stays row 0 whether used or not).
    std::shared_ptr<ColumnLowCardinality> compacted() const;

    Indexes & getIndexes() { return indexes_; }
    const Indexes & getIndexes() const { return indexes_; }
    const IColumn & getDictionary() const { return *dictionary_; }
    ColumnPtr getDictionaryPtr() const { return dictionary_; }
    bool isDictionaryNullable() const { return dictionary_->isNullable(); }

    /// Finds or adds the value in the dictionary and returns its index; appends no row (push the
    /// index to getIndexes() for that).
    size_t insertDictionaryValue(std::string_view data);
    size_t insertDictionaryValue(const Field & value);
    /// Same for row n of a column of the dictionary's class.
    size_t insertDictionaryValueFrom(const IColumn & src, size_t n);
    /// Same for every row of `src` (a column of the dictionary's class): the dictionary index of each.
    std::vector<UInt32> insertDictionaryValuesFrom(const IColumn & src);

    /// The rows as a column of the dictionary's class.
    ColumnPtr convertToFull() const;

    const char * getFamilyName() const override { return "LowCardinality"; }
    size_t size() const override { return indexes_.size(); }
    Field operator[](size_t n) const override { return (*dictionary_)[indexes_[n]]; }
    std::string_view getDataAt(size_t n) const override { return dictionary_->getDataAt(indexes_[n]); }

    MutableColumnPtr cloneEmpty() const override;
    MutableColumnPtr cloneMutable() const override;

    void insert(const Field & value) override { indexes_.push_back(static_cast<UInt32>(insertDictionaryValue(value))); }
    /// `src` is a ColumnLowCardinality or a plain column of the dictionary's class.
    void insertFrom(const IColumn & src, size_t n) override;
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override;
    void insertDefault() override { indexes_.push_back(static_cast<UInt32>(defaultIndex())); }
    void insertManyDefaults(size_t count) override
    {
        if (count)
            indexes_.resize(indexes_.size() + count, static_cast<UInt32>(defaultIndex()));
    }
    void insertData(const char * data, size_t size) override
    {
        indexes_.push_back(static_cast<UInt32>(insertDictionaryValue(std::string_view(data, size))));
    }
    void popBack(size_t count) override;
    void reserve(size_t count) override { indexes_.reserve(count); }

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr cut(size_t start, size_t length) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;

    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    /// Sorts the dictionary once, then counting-sorts the rows by dictionary rank (stable).
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override;

    void updateHashWithValue(size_t n, UInt64 & hash) const override { dictionary_->updateHashWithValue(indexes_[n], hash); }
    size_t byteSize() const override { return dictionary_->byteSize() + indexes_.size() * sizeof(UInt32); }

private:
    using ValueIndex = LowCardinalityValueIndex;

    ColumnLowCardinality(std::shared_ptr<IColumn> dictionary, std::shared_ptr<ValueIndex> value_index, Indexes indexes,
                         bool dictionary_shared);
    std::shared_ptr<ColumnLowCardinality> withIndexes(Indexes indexes) const;

    /// Makes the dictionary and its index exclusively owned (copy on write) and builds the index.
    void prepareForInsert();
    /// Dedups the value just appended as the dictionary's last row; returns its index.
    size_t findOrKeepLastDictionaryRow();
    size_t defaultIndex();

    std::shared_ptr<IColumn> dictionary_;
    std::shared_ptr<ValueIndex> value_index_;
    Indexes indexes_;
    /// The dictionary is owned elsewhere (createWithSharedDictionary): copy it before any change.
    bool dictionary_shared_ = false;
};

/// The argument unchanged unless it is a ColumnLowCardinality, which is converted to its plain column.
ColumnPtr convertToFullColumnIfLowCardinality(const ColumnPtr & column);

} // namespace pipit
