#pragma once

#include "engine/columns/IColumn.h"

namespace pipit
{

/// FixedString(N): size() * N bytes, row i is chars[i * N, (i + 1) * N). Shorter inserted values
/// are padded with zero bytes; longer ones are rejected (TOO_LARGE_STRING_SIZE).
class ColumnFixedString final : public IColumn
{
public:
    using Chars = PODArray<char>;

    explicit ColumnFixedString(size_t n);
    static std::shared_ptr<ColumnFixedString> create(size_t n) { return std::make_shared<ColumnFixedString>(n); }

    size_t getN() const { return n_; }
    Chars & getChars() { return chars_; }
    const Chars & getChars() const { return chars_; }

    const char * getFamilyName() const override { return "FixedString"; }
    size_t size() const override { return chars_.size() / n_; }
    Field operator[](size_t n) const override { return Field(getDataAt(n)); }
    std::string_view getDataAt(size_t n) const override { return {chars_.data() + n * n_, n_}; }

    MutableColumnPtr cloneEmpty() const override { return create(n_); }
    MutableColumnPtr cloneMutable() const override;

    void insert(const Field & value) override;
    void insertFrom(const IColumn & src, size_t n) override
    {
        const char * p = static_cast<const ColumnFixedString &>(src).chars_.data() + n * n_;
        chars_.insert(chars_.end(), p, p + n_);
    }
    void insertRangeFrom(const IColumn & src, size_t start, size_t length) override;
    void insertDefault() override { chars_.resize(chars_.size() + n_, 0); }
    void insertManyDefaults(size_t count) override { chars_.resize(chars_.size() + count * n_, 0); }
    void insertData(const char * data, size_t size) override;
    void popBack(size_t count) override;
    void reserve(size_t count) override { chars_.reserve(count * n_); }

    ColumnPtr filter(const Filter & filter, size_t result_size_hint) const override;
    ColumnPtr permute(const Permutation & perm, size_t limit) const override;
    ColumnPtr cut(size_t start, size_t length) const override;
    ColumnPtr replicate(const Offsets & offsets) const override;

    int compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const override;
    void getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const override;

    void updateHashWithValue(size_t n, UInt64 & hash) const override { hashCombine(hash, hashBytes(chars_.data() + n * n_, n_)); }
    size_t byteSize() const override { return chars_.size(); }

    bool isFixedWidth() const override { return true; }
    size_t sizeOfValueIfFixed() const override { return n_; }

private:
    size_t n_;
    Chars chars_;
};

} // namespace pipit
