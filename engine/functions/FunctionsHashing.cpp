#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnFixedString.h"
#include "engine/columns/ColumnTuple.h"
#include "engine/functions/CityHash102.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/functions/MurmurHash3.h"
#include "engine/functions/SipHash.h"

#include <xxhash.h>

#include <cstring>
#include <vector>

/// Non-cryptographic hashes with ClickHouse-identical values: strings hash their bytes; numbers and
/// dates either go through intHash64 of their zero-extended bits (cityHash64, as ClickHouse's
/// use_int_hash_for_pods) or hash their little-endian bytes; tuples and several arguments combine the
/// hashes of their parts left to right with the function's combine step.

namespace pipit
{

namespace
{

/// ClickHouse's intHash64 (the MurmurHash3 finaliser); IntHash64Impl applies it to x ^ a fixed salt.
inline UInt64 intHash64(UInt64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

inline UInt64 saltedIntHash64(UInt64 x)
{
    return intHash64(x ^ 0x4CF2D2BAAE6DA887ULL);
}

/// ClickHouse's intHash32 with the salt of IntHash32Impl.
inline UInt32 saltedIntHash32(UInt64 key)
{
    key ^= 0x75D9543DE018BF45ULL;
    key = (~key) + (key << 18);
    key = key ^ ((key >> 31) | (key << 33));
    key = key * 21;
    key = key ^ ((key >> 11) | (key << 53));
    key = key + (key << 6);
    key = key ^ ((key >> 22) | (key << 42));
    return static_cast<UInt32>(key);
}

struct CityHash64Impl
{
    using Result = UInt64;
    static constexpr const char * name = "cityHash64";
    static constexpr bool int_hash_for_numbers = true;
    static Result bytes(const char * p, size_t n) { return CityHash102::hash64(p, n); }
    static Result number(UInt64 bits) { return saltedIntHash64(bits); }
    static Result combine(Result h1, Result h2) { return CityHash102::hash128to64(h1, h2); }
};

/// Hash of the 16 bytes h1, h2 (little-endian): the combine step of sipHash64 and xxHash64.
template <typename Result, Result (*Bytes)(const char *, size_t)>
Result combineByBytes(Result h1, Result h2)
{
    Result both[2] = {h1, h2};
    char buffer[sizeof(both)];
    std::memcpy(buffer, both, sizeof(both));
    return Bytes(buffer, sizeof(buffer));
}

struct SipHash64Impl
{
    using Result = UInt64;
    static constexpr const char * name = "sipHash64";
    static constexpr bool int_hash_for_numbers = false;
    static Result bytes(const char * p, size_t n) { return SipHash::hash64(p, n); }
    static Result number(UInt64) { return 0; }
    static Result combine(Result h1, Result h2) { return combineByBytes<UInt64, &SipHash64Impl::bytes>(h1, h2); }
};

struct XXHash64Impl
{
    using Result = UInt64;
    static constexpr const char * name = "xxHash64";
    static constexpr bool int_hash_for_numbers = false;
    static Result bytes(const char * p, size_t n) { return XXH64(p, n, 0); }
    static Result number(UInt64) { return 0; }
    static Result combine(Result h1, Result h2) { return combineByBytes<UInt64, &XXHash64Impl::bytes>(h1, h2); }
};

struct XXHash32Impl
{
    using Result = UInt32;
    static constexpr const char * name = "xxHash32";
    static constexpr bool int_hash_for_numbers = false;
    static Result bytes(const char * p, size_t n) { return XXH32(p, n, 0); }
    static Result number(UInt64) { return 0; }
    static Result combine(Result h1, Result h2) { return combineByBytes<UInt32, &XXHash32Impl::bytes>(h1, h2); }
};

struct MurmurHash3_32Impl
{
    using Result = UInt32;
    static constexpr const char * name = "murmurHash3_32";
    static constexpr bool int_hash_for_numbers = false;
    static Result bytes(const char * p, size_t n) { return MurmurHash3::hash32(p, n); }
    static Result number(UInt64) { return 0; }
    static Result combine(Result h1, Result h2) { return saltedIntHash32(h1) ^ h2; }
};

struct MurmurHash3_64Impl
{
    using Result = UInt64;
    static constexpr const char * name = "murmurHash3_64";
    static constexpr bool int_hash_for_numbers = false;
    static Result bytes(const char * p, size_t n)
    {
        UInt64 h1 = 0;
        UInt64 h2 = 0;
        MurmurHash3::hash128(p, n, h1, h2);
        return h1 ^ h2;
    }
    static Result number(UInt64) { return 0; }
    static Result combine(Result h1, Result h2) { return saltedIntHash64(h1) ^ h2; }
};

bool isHashable(const DataTypePtr & type)
{
    const auto t = type->getTypeId();
    if (t == TypeIndex::Tuple)
    {
        for (const auto & e : tupleElementTypes(type))
            if (!isHashable(e))
                return false;
        return true;
    }
    if (t == TypeIndex::Array)
        return isHashable(arrayNestedType(type));
    return isNativeNumber(t) || isStringOrFixedString(t) || t == TypeIndex::Date || t == TypeIndex::Date32 || t == TypeIndex::DateTime
        || t == TypeIndex::DateTime64;
}

template <typename Impl>
class FunctionHash final : public IFunction
{
public:
    using Result = typename Impl::Result;

    std::string getName() const override { return Impl::name; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty())
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            std::string("Number of arguments for function ") + Impl::name + " doesn't match: passed 0, should be at least 1");
        for (size_t i = 0; i < arguments.size(); ++i)
            if (!isHashable(arguments[i].type))
                throwIllegalType(arguments, i);
        return numberType(false, false, sizeof(Result));
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto res = ColumnVector<Result>::create(rows);
        Result * out = res->getData().data();
        bool first = true;
        for (const auto & arg : arguments)
            hashColumn(*arg.column, arg.type, rows, out, first);
        return res;
    }

private:
    static void store(Result * out, size_t i, Result h, bool first) { out[i] = first ? h : Impl::combine(out[i], h); }

    static void hashColumn(const IColumn & column, const DataTypePtr & type, size_t rows, Result * out, bool & first)
    {
        if (const auto * c = dynamic_cast<const ColumnConst *>(&column))
        {
            /// Hash the single value, then spread it.
            Result value[1] = {};
            bool value_first = true;
            hashColumn(c->getDataColumn(), type, 1, value, value_first);
            for (size_t i = 0; i < rows; ++i)
                store(out, i, value[0], first);
            first = false;
            return;
        }
        const auto t = type->getTypeId();
        if (t == TypeIndex::Tuple)
        {
            const auto & tuple = assertColumnCast<ColumnTuple>(column);
            const auto elements = tupleElementTypes(type);
            for (size_t e = 0; e < elements.size(); ++e)
                hashColumn(tuple.getColumn(e), elements[e], rows, out, first);
            return;
        }
        if (t == TypeIndex::Array)
        {
            /// As ClickHouse: per row, the salted intHash of the length, then each element's hash combined in.
            const auto & array = assertColumnCast<ColumnArray>(column);
            const auto & offsets = array.getOffsets();
            const IColumn & nested = array.getData();
            std::vector<Result> element_hashes(nested.size());
            bool nested_first = true;
            hashColumn(nested, arrayNestedType(type), nested.size(), element_hashes.data(), nested_first);
            size_t begin = 0;
            for (size_t i = 0; i < rows; ++i)
            {
                size_t end = offsets[i];
                Result h;
                if constexpr (sizeof(Result) == 8)
                    h = saltedIntHash64(end - begin);
                else
                    h = saltedIntHash32(end - begin);
                store(out, i, h, first);
                for (size_t j = begin; j < end; ++j)
                    out[i] = Impl::combine(out[i], element_hashes[j]);
                begin = end;
            }
            first = false;
            return;
        }
        if (t == TypeIndex::String)
        {
            const auto & s = assertColumnCast<ColumnString>(column);
            for (size_t i = 0; i < rows; ++i)
            {
                auto v = s.getDataAt(i);
                store(out, i, Impl::bytes(v.data(), v.size()), first);
            }
            first = false;
            return;
        }
        if (t == TypeIndex::FixedString)
        {
            for (size_t i = 0; i < rows; ++i)
            {
                auto v = column.getDataAt(i);
                store(out, i, Impl::bytes(v.data(), v.size()), first);
            }
            first = false;
            return;
        }
        dispatchPhysicalNumber(t,
                               [&](auto tag)
                               {
                                   using T = typename decltype(tag)::Type;
                                   const T * data = assertColumnCast<ColumnVector<T>>(column).getData().data();
                                   for (size_t i = 0; i < rows; ++i)
                                   {
                                       Result h;
                                       if constexpr (Impl::int_hash_for_numbers)
                                       {
                                           UInt64 bits = 0;
                                           std::memcpy(&bits, &data[i], sizeof(T));
                                           h = Impl::number(bits);
                                       }
                                       else
                                           h = Impl::bytes(reinterpret_cast<const char *>(&data[i]), sizeof(T));
                                       store(out, i, h, first);
                                   }
                               });
        first = false;
    }
};

template <typename Impl>
void addHash(FunctionRegistry & registry, const char * description)
{
    registry.add({Impl::name, [] { return std::make_shared<FunctionHash<Impl>>(); }, description,
                  std::string("SELECT ") + Impl::name + "('hello', 1)", false, ""});
}

} // namespace

void registerFunctionsHashing(FunctionRegistry & registry)
{
    addHash<CityHash64Impl>(registry, "CityHash64 (v1.0.2, as ClickHouse) of the arguments; numbers through intHash64");
    addHash<SipHash64Impl>(registry, "SipHash-2-4 of the arguments' bytes");
    addHash<XXHash64Impl>(registry, "xxHash64 of the arguments' bytes");
    addHash<XXHash32Impl>(registry, "xxHash32 of the arguments' bytes");
    addHash<MurmurHash3_32Impl>(registry, "MurmurHash3 x86_32 of the arguments' bytes");
    addHash<MurmurHash3_64Impl>(registry, "MurmurHash3 x64_128 of the arguments' bytes, halves XORed");
}

} // namespace pipit
