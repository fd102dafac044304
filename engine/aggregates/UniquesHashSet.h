#pragma once

#include "engine/base/BasicTypes.h"
#include "engine/columns/PODArray.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"

#include <cstdint>

namespace pipit
{

/// ClickHouse's adaptive sampling set behind uniq(): an open-addressing set of 32-bit hashes.
/// Exact (up to 32-bit hash collisions) while it holds at most 65,536 hashes; beyond that it keeps
/// only hashes whose low `skip_degree` bits are zero, raising skip_degree each time the count
/// would exceed 65,536, and estimates the cardinality as count * 2^skip_degree with ClickHouse's
/// collision correction. Same rules and size formula as ClickHouse, so equal hashes give equal
/// results.
class UniquesHashSet
{
public:
    static constexpr UInt32 max_size_degree = 17;
    static constexpr size_t max_size = 1ULL << (max_size_degree - 1);
    static constexpr UInt32 bits_for_skip = 32 - max_size_degree;
    static constexpr UInt32 initial_size_degree = 4;

    UniquesHashSet();

    /// Inserts a value already hashed to 64 bits; the set hashes it again with intHash64 and
    /// keeps the low 32 bits (as ClickHouse's UniquesHashSet<DefaultHash<UInt64>>).
    void insert(UInt64 value) { insertHash(static_cast<UInt32>(intHash64(value))); }
    void merge(const UniquesHashSet & rhs);
    /// Estimated number of distinct values.
    size_t size() const;

    void write(WriteBuffer & out) const;
    /// Throws CORRUPTED_DATA on impossible sizes.
    void read(ReadBuffer & in);

    static UInt64 intHash64(UInt64 x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53ULL;
        x ^= x >> 33;
        return x;
    }

private:
    bool good(UInt32 hash) const { return (hash & ((1ULL << skip_degree_) - 1)) == 0; }
    size_t bufSize() const { return 1ULL << size_degree_; }
    size_t maxFill() const { return 1ULL << (size_degree_ - 1); }
    size_t place(UInt32 hash) const { return (hash >> bits_for_skip) & (bufSize() - 1); }
    void insertHash(UInt32 hash)
    {
        if (!good(hash))
            return;
        insertImpl(hash);
        shrinkIfNeed();
    }
    void insertImpl(UInt32 hash);
    void shrinkIfNeed();
    /// Rebuilds the table with `new_size_degree`, dropping hashes that are no longer good.
    void rebuild(UInt32 new_size_degree);

    PODArray<UInt32> buf_;
    size_t m_size_ = 0;
    UInt32 size_degree_ = initial_size_degree;
    UInt32 skip_degree_ = 0;
    bool has_zero_ = false;
};

} // namespace pipit
