#include "engine/columns/ColumnVector.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <type_traits>

namespace pipit
{

namespace column_detail
{

size_t countBytesInFilter(const Filter & filter)
{
    size_t count = 0;
    const UInt8 * data = filter.data();
    size_t size = filter.size();
    for (size_t i = 0; i < size; ++i)
        count += data[i] != 0;
    return count;
}

size_t permuteLimit(const Permutation & perm, size_t limit)
{
    if (limit == 0)
        return perm.size();
    CHECK(limit <= perm.size());
    return limit;
}

void checkReplicateOffsets(const Offsets & offsets, size_t column_size)
{
    CHECK(offsets.size() == column_size);
}

void checkFilterSize(const Filter & filter, size_t column_size)
{
    CHECK(filter.size() == column_size);
}

void getPermutationByCompareAt(const IColumn & column, bool reverse, size_t limit, int nan_direction_hint, Permutation & perm)
{
    const size_t n = column.size();
    perm.resize(n);
    std::iota(perm.begin(), perm.end(), size_t {0});
    auto less = [&](size_t a, size_t b)
    {
        int c = column.compareAt(a, b, column, nan_direction_hint);
        if (reverse)
            c = -c;
        return c < 0 || (c == 0 && a < b);
    };
    if (limit != 0 && limit < n)
        std::partial_sort(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(limit), perm.end(), less);
    else
        std::sort(perm.begin(), perm.end(), less);
}

} // namespace column_detail

namespace
{

/// Numeric properties without relying on std::numeric_limits (not specialised for __int128 in strict C++20).
template <typename T>
struct NumberTraits
{
    static constexpr bool is_float = std::is_floating_point_v<T>;
    static constexpr bool is_signed = is_float || T(-1) < T(0);
    static constexpr int bits = static_cast<int>(sizeof(T) * 8);
    static constexpr T max()
    {
        if constexpr (is_float)
            return T {};
        else if constexpr (is_signed)
            return static_cast<T>((((T(1) << (bits - 2)) - 1) * 2) + 1);
        else
            return static_cast<T>(~T(0));
    }
    static constexpr T min()
    {
        if constexpr (is_signed && !is_float)
            return static_cast<T>(-max() - 1);
        else
            return T {};
    }
};

template <typename T>
constexpr const char * familyNameOf()
{
    if constexpr (std::is_same_v<T, UInt8>)
        return "UInt8";
    else if constexpr (std::is_same_v<T, UInt16>)
        return "UInt16";
    else if constexpr (std::is_same_v<T, UInt32>)
        return "UInt32";
    else if constexpr (std::is_same_v<T, UInt64>)
        return "UInt64";
    else if constexpr (std::is_same_v<T, Int8>)
        return "Int8";
    else if constexpr (std::is_same_v<T, Int16>)
        return "Int16";
    else if constexpr (std::is_same_v<T, Int32>)
        return "Int32";
    else if constexpr (std::is_same_v<T, Int64>)
        return "Int64";
    else if constexpr (std::is_same_v<T, Int128>)
        return "Int128";
    else if constexpr (std::is_same_v<T, UInt128>)
        return "UInt128";
    else if constexpr (std::is_same_v<T, Float32>)
        return "Float32";
    else
        return "Float64";
}

template <typename T>
bool fitsUnsigned(UInt128 value)
{
    return value <= static_cast<UInt128>(NumberTraits<T>::max());
}

template <typename T>
bool fitsSigned(Int128 value)
{
    using Tr = NumberTraits<T>;
    if (value < 0)
        return Tr::is_signed && value >= static_cast<Int128>(Tr::min());
    return fitsUnsigned<T>(static_cast<UInt128>(value));
}

[[noreturn]] void throwDoesNotFit(const Field & value, const char * family)
{
    throw Exception(ErrorCode::BAD_TYPE_OF_FIELD, "Value " + value.dump() + " cannot be inserted into a column " + family);
}

template <typename T>
T fieldToNumber(const Field & value)
{
    using Tr = NumberTraits<T>;
    using W = Field::Which;
    const W which = value.which();
    if constexpr (Tr::is_float)
    {
        switch (which)
        {
        case W::UInt64:
        case W::Int64:
        case W::Float64:
        case W::UInt128:
        case W::Int128:
        case W::Decimal:
            return static_cast<T>(value.toFloat64());
        default:
            throwDoesNotFit(value, familyNameOf<T>());
        }
    }
    else
    {
        switch (which)
        {
        case W::UInt64:
            if (fitsUnsigned<T>(value.get<UInt64>()))
                return static_cast<T>(value.get<UInt64>());
            break;
        case W::Int64:
            if (fitsSigned<T>(value.get<Int64>()))
                return static_cast<T>(value.get<Int64>());
            break;
        case W::UInt128:
            if (fitsUnsigned<T>(value.get<UInt128>()))
                return static_cast<T>(value.get<UInt128>());
            break;
        case W::Int128:
            if (fitsSigned<T>(value.get<Int128>()))
                return static_cast<T>(value.get<Int128>());
            break;
        case W::Decimal:
            /// Decimal columns store the scaled integer; the data type rescales before inserting.
            if (fitsSigned<T>(value.get<FieldDecimal>().value))
                return static_cast<T>(value.get<FieldDecimal>().value);
            break;
        case W::Float64:
        {
            Float64 f = value.get<Float64>();
            if (!std::isfinite(f) || std::trunc(f) != f)
                break;
            const Float64 lo = Tr::is_signed ? -std::ldexp(1.0, Tr::bits - 1) : 0.0;
            const Float64 hi = Tr::is_signed ? std::ldexp(1.0, Tr::bits - 1) : std::ldexp(1.0, Tr::bits);
            if (f < lo || f >= hi)
                break;
            if constexpr (Tr::is_signed)
                return static_cast<T>(static_cast<Int128>(f));
            else
                return static_cast<T>(static_cast<UInt128>(f));
        }
        default:
            break;
        }
        throwDoesNotFit(value, familyNameOf<T>());
    }
}

template <typename T>
inline int compareValues(T a, T b, int nan_direction_hint)
{
    if constexpr (std::is_floating_point_v<T>)
    {
        const bool a_nan = std::isnan(a);
        const bool b_nan = std::isnan(b);
        if (a_nan || b_nan) [[unlikely]]
        {
            if (a_nan && b_nan)
                return 0;
            return a_nan ? nan_direction_hint : -nan_direction_hint;
        }
    }
    return (a > b) - (a < b);
}

/// Unsigned key whose order is the value order (floats: -0.0 maps to +0.0; no NaN expected).
template <typename T>
inline auto radixKey(T value)
{
    if constexpr (std::is_same_v<T, Float32> || std::is_same_v<T, Float64>)
    {
        using U = std::conditional_t<sizeof(T) == 4, UInt32, UInt64>;
        constexpr U sign = U(1) << (sizeof(U) * 8 - 1);
        if (value == 0)
            value = 0;
        const U bits = std::bit_cast<U>(value);
        return (bits & sign) ? static_cast<U>(~bits) : static_cast<U>(bits | sign);
    }
    else
    {
        using U = std::conditional_t<sizeof(T) == 1, UInt8,
                                     std::conditional_t<sizeof(T) == 2, UInt16, std::conditional_t<sizeof(T) == 4, UInt32, UInt64>>>;
        constexpr U sign = NumberTraits<T>::is_signed ? static_cast<U>(U(1) << (sizeof(U) * 8 - 1)) : U(0);
        return static_cast<U>(static_cast<U>(value) ^ sign);
    }
}

/// Stable LSD radix sort of the indexes in [begin, end) by value, 8 bits per pass; passes where all
/// keys share the byte are skipped. Descending order sorts the complemented key, which keeps equal
/// values in index order.
template <typename T>
void radixSortIndexes(const T * data, size_t * begin, size_t n, bool reverse)
{
    using Key = decltype(radixKey(T {}));
    struct Element
    {
        Key key;
        size_t index;
    };
    PODArray<Element> buf(n);
    PODArray<Element> tmp(n);
    for (size_t i = 0; i < n; ++i)
    {
        const Key key = radixKey(data[begin[i]]);
        buf[i] = {reverse ? static_cast<Key>(~key) : key, begin[i]};
    }
    constexpr size_t passes = sizeof(Key);
    size_t counts[passes][256] = {};
    for (size_t i = 0; i < n; ++i)
        for (size_t pass = 0; pass < passes; ++pass)
            ++counts[pass][(buf[i].key >> (pass * 8)) & 0xFF];
    for (size_t pass = 0; pass < passes; ++pass)
    {
        size_t * count = counts[pass];
        if (count[(buf[0].key >> (pass * 8)) & 0xFF] == n)
            continue;
        size_t sum = 0;
        for (size_t b = 0; b < 256; ++b)
        {
            const size_t c = count[b];
            count[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; ++i)
            tmp[count[(buf[i].key >> (pass * 8)) & 0xFF]++] = buf[i];
        buf.swap(tmp);
    }
    for (size_t i = 0; i < n; ++i)
        begin[i] = buf[i].index;
}

/// Sorts [begin, end) of row indexes by value, ties by index (stable); only the first `limit` are
/// placed when 0 < limit < end - begin. Values must contain no NaN. [begin, end) must be ascending.
template <typename T>
void sortIndexes(const T * data, size_t * begin, size_t * end, size_t limit, bool reverse)
{
    const size_t n = static_cast<size_t>(end - begin);
    if constexpr (sizeof(T) <= 8)
    {
        if (n >= 256 && (limit == 0 || limit >= n / 16))
        {
            radixSortIndexes(data, begin, n, reverse);
            return;
        }
    }
    auto sort = [&](auto less)
    {
        if (limit != 0 && limit < n)
            std::partial_sort(begin, begin + limit, end, less);
        else
            std::sort(begin, end, less);
    };
    if (reverse)
        sort([data](size_t a, size_t b) { return data[a] > data[b] || (data[a] == data[b] && a < b); });
    else
        sort([data](size_t a, size_t b) { return data[a] < data[b] || (data[a] == data[b] && a < b); });
}

} // namespace

template <typename T>
const char * ColumnVector<T>::getFamilyName() const
{
    return familyNameOf<T>();
}

template <typename T>
Field ColumnVector<T>::operator[](size_t n) const
{
    return Field(data_[n]);
}

template <typename T>
MutableColumnPtr ColumnVector<T>::cloneMutable() const
{
    return std::make_shared<ColumnVector>(data_.data(), data_.data() + data_.size());
}

template <typename T>
void ColumnVector<T>::insert(const Field & value)
{
    data_.push_back(fieldToNumber<T>(value));
}

template <typename T>
void ColumnVector<T>::insertRangeFrom(const IColumn & src, size_t start, size_t length)
{
    const auto & src_data = assertColumnCast<ColumnVector>(src).data_;
    CHECK(start + length <= src_data.size());
    data_.insert(data_.end(), src_data.begin() + static_cast<std::ptrdiff_t>(start),
                 src_data.begin() + static_cast<std::ptrdiff_t>(start + length));
}

template <typename T>
void ColumnVector<T>::insertData(const char * data, size_t size)
{
    if (size != sizeof(T))
        throw Exception(ErrorCode::BAD_ARGUMENTS, std::string("insertData into ") + getFamilyName() + " expects " +
                                                      std::to_string(sizeof(T)) + " bytes, got " + std::to_string(size));
    T value;
    std::memcpy(&value, data, sizeof(T));
    data_.push_back(value);
}

template <typename T>
void ColumnVector<T>::popBack(size_t count)
{
    CHECK(count <= data_.size());
    data_.resize(data_.size() - count);
}

template <typename T>
ColumnPtr ColumnVector<T>::filter(const Filter & filter, size_t /*result_size_hint*/) const
{
    column_detail::checkFilterSize(filter, data_.size());
    auto res = create(data_.size());
    T * out = res->data_.data();
    T * const out_begin = out;
    const T * in = data_.data();
    const UInt8 * f = filter.data();
    const size_t n = data_.size();
    /// Branch-free: always write, advance only for kept rows.
    for (size_t i = 0; i < n; ++i)
    {
        *out = in[i];
        out += f[i] != 0;
    }
    res->data_.resize(static_cast<size_t>(out - out_begin));
    return res;
}

template <typename T>
ColumnPtr ColumnVector<T>::permute(const Permutation & perm, size_t limit) const
{
    const size_t n = column_detail::permuteLimit(perm, limit);
    auto res = create(n);
    T * out = res->data_.data();
    const T * in = data_.data();
    const size_t * p = perm.data();
    for (size_t i = 0; i < n; ++i)
        out[i] = in[p[i]];
    return res;
}

template <typename T>
ColumnPtr ColumnVector<T>::cut(size_t start, size_t length) const
{
    CHECK(start + length <= data_.size());
    return std::make_shared<ColumnVector>(data_.data() + start, data_.data() + start + length);
}

template <typename T>
ColumnPtr ColumnVector<T>::replicate(const Offsets & offsets) const
{
    column_detail::checkReplicateOffsets(offsets, data_.size());
    const size_t n = data_.size();
    auto res = create(n == 0 ? 0 : offsets.back());
    T * out = res->data_.data();
    UInt64 prev = 0;
    for (size_t i = 0; i < n; ++i)
    {
        const T value = data_[i];
        for (UInt64 j = prev; j < offsets[i]; ++j)
            *out++ = value;
        prev = offsets[i];
    }
    return res;
}

template <typename T>
int ColumnVector<T>::compareAt(size_t n, size_t m, const IColumn & rhs, int nan_direction_hint) const
{
    return compareValues(data_[n], static_cast<const ColumnVector &>(rhs).data_[m], nan_direction_hint);
}

template <typename T>
void ColumnVector<T>::getPermutation(bool reverse, size_t limit, int nan_direction_hint, Permutation & perm) const
{
    const size_t n = data_.size();
    perm.resize(n);
    if (limit >= n)
        limit = 0;
    const T * data = data_.data();
    if constexpr (std::is_floating_point_v<T>)
    {
        /// Non-NaN rows first in index order, NaN rows after; the NaN block then goes to the side
        /// the hint says (hint 1 = NaN greater than everything), flipped by `reverse`.
        size_t non_nan = 0;
        for (size_t i = 0; i < n; ++i)
            non_nan += !std::isnan(data[i]);
        if (non_nan != n)
        {
            const bool nan_last = (nan_direction_hint > 0) != reverse;
            size_t * nan_out = nan_last ? perm.data() + non_nan : perm.data();
            size_t * val_out = nan_last ? perm.data() : perm.data() + (n - non_nan);
            size_t * const val_begin = val_out;
            for (size_t i = 0; i < n; ++i)
            {
                if (std::isnan(data[i]))
                    *nan_out++ = i;
                else
                    *val_out++ = i;
            }
            size_t val_limit = 0;
            if (limit != 0)
            {
                if (!nan_last)
                {
                    if (limit <= n - non_nan)
                        return;
                    val_limit = limit - (n - non_nan);
                }
                else
                    val_limit = limit;
            }
            sortIndexes(data, val_begin, val_begin + non_nan, val_limit, reverse);
            return;
        }
    }
    std::iota(perm.begin(), perm.end(), size_t {0});
    sortIndexes(data, perm.data(), perm.data() + n, limit, reverse);
}

template <typename T>
void ColumnVector<T>::updateHashWithValue(size_t n, UInt64 & hash) const
{
    T value = data_[n];
    if constexpr (std::is_same_v<T, Float32>)
    {
        if (value == 0)
            value = 0; /// -0.0 and 0.0 are equal, so they hash equally.
        else if (std::isnan(value))
            value = std::numeric_limits<Float32>::quiet_NaN();
        hashCombine(hash, std::bit_cast<UInt32>(value));
    }
    else if constexpr (std::is_same_v<T, Float64>)
    {
        if (value == 0)
            value = 0;
        else if (std::isnan(value))
            value = std::numeric_limits<Float64>::quiet_NaN();
        hashCombine(hash, std::bit_cast<UInt64>(value));
    }
    else if constexpr (sizeof(T) == 16)
    {
        const auto u = static_cast<UInt128>(value);
        hashCombine(hash, static_cast<UInt64>(u));
        hashCombine(hash, static_cast<UInt64>(u >> 64));
    }
    else
        hashCombine(hash, static_cast<UInt64>(value));
}

template class ColumnVector<UInt8>;
template class ColumnVector<UInt16>;
template class ColumnVector<UInt32>;
template class ColumnVector<UInt64>;
template class ColumnVector<Int8>;
template class ColumnVector<Int16>;
template class ColumnVector<Int32>;
template class ColumnVector<Int64>;
template class ColumnVector<Int128>;
template class ColumnVector<UInt128>;
template class ColumnVector<Float32>;
template class ColumnVector<Float64>;

} // namespace pipit
