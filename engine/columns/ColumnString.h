#pragma once

#include "engine/columns/IColumn.h"

namespace pipit
{

/// Variable-length byte strings: one chars buffer + END offsets, no terminating zero byte.
/// Row i is chars[offsets[i-1], offsets[i]) with offsets[-1] = 0.
class ColumnString final : public IColumn
{
public:
    using Chars = PODArray<char>;

    ColumnString() = default;
    static std::shared_ptr<ColumnString> create() { return std::make_shared<ColumnString>(); }
    static std::shared_ptr<ColumnString> create(std::initializer_list<std::string_view> values);

    Chars & getChars() { return chars_; }
    const Chars & getChars() const { return chars_; }
    Offsets & getOffsets() { return offsets_; }
    const Offsets & getOffsets() const { return offsets_; }

    /// Start offset of row n in chars.
    size_t offsetAt(size_t n) const { return n == 0 ? 0 : offsets_[n - 1]; }
    size_t sizeAt(size_t n) const { return offsets_[n] - offsetAt(n); }

    const char * getFamilyName() const override { return "String"; }
    size_t size() const override { return offsets_.size(); }
    Field operator[](size_t n) const override { return Field(getDataAt(n)); }
    std::string_view getDataAt(size_t n) const override
    {
        const size_t start = offsetAt(n);
        return {chars_.data() + start, offsets_[n] - start};
    }

    MutableColumnPtr cloneEmpty() const override { return create(); }
    MutableColumnPtr cloneMutable() const override;

    void insert(const Field & value) override;
    void insertFrom(const IColumn & src, size_t n) override
    {
        const auto view = static_cast<const ColumnString &>(src).getDataAt(n);
        insertData(view.data(), view.size());
    }
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override;
    void insertDefault() override { offsets_.push_back(chars_.size()); }
    void insertManyDefaults(size_t count) override { offsets_.resize(offsets_.size() + count, chars_.size()); }
    void insertData(const char * data, size_t size) override
    {
        chars_.insert(chars_.end(), data, data + size);
        offsets_.push_back(chars_.size());
    }
    void insertValue(std::string_view value) { insertData(value.data(), value.size()); }
    void popBack(size_t count) override;
    /// Room for `count` rows in all; with rows already present, the characters are reserved at their average length
    /// too, so a column filled granule by granule grows once instead of doubling (and copying) its characters.
    void reserve(size_t count) override
    {
        offsets_.reserve(count);
        if (!offsets_.empty() && count > offsets_.size())
            chars_.reserve(chars_.size() + (count - offsets_.size()) * (chars_.size() / offsets_.size() + 1));
    }

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr cut(size_t start, size_t length) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;

    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override;

    void updateHashWithValue(size_t n, UInt64 & hash) const override
    {
        const auto view = getDataAt(n);
        hashCombine(hash, hashBytes(view.data(), view.size()));
    }
    size_t byteSize() const override { return chars_.size() + offsets_.size() * sizeof(offsets_[0]); }

private:
    Chars chars_;
    Offsets offsets_;
};

/// Byte-wise comparison: memcmp of the common prefix, then the shorter string first.
inline int compareStrings(std::string_view a, std::string_view b)
{
    const size_t common = a.size() < b.size() ? a.size() : b.size();
    if (common != 0)
        if (int c = __builtin_memcmp(a.data(), b.data(), common))
            return c < 0 ? -1 : 1;
    return (a.size() > b.size()) - (a.size() < b.size());
}

} // namespace pipit
