#include "engine/aggregates/UniquesHashSet.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

#include <cmath>

namespace pipit
{

namespace
{

/// _mm_crc32_u64(~0ULL, x) (CRC-32C without final xor) in software: ClickHouse's intHashCRC32.
UInt64 intHashCRC32(UInt64 x)
{
    UInt32 crc = 0xFFFFFFFFu;
    for (int i = 0; i < 8; ++i)
    {
        crc ^= static_cast<UInt8>(x >> (8 * i));
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return crc;
}

} // namespace

UniquesHashSet::UniquesHashSet()
    : buf_(1ULL << initial_size_degree, 0)
{
}

void UniquesHashSet::insertImpl(UInt32 hash)
{
    if (hash == 0)
    {
        if (!has_zero_)
        {
            has_zero_ = true;
            ++m_size_;
        }
        return;
    }
    size_t mask = bufSize() - 1;
    size_t pos = place(hash);
    while (buf_[pos] && buf_[pos] != hash)
        pos = (pos + 1) & mask;
    if (buf_[pos] == hash)
        return;
    buf_[pos] = hash;
    ++m_size_;
}

void UniquesHashSet::rebuild(UInt32 new_size_degree)
{
    PODArray<UInt32> old;
    old.swap(buf_);
    size_degree_ = new_size_degree;
    buf_.assign(bufSize(), 0);
    m_size_ = 0;
    bool had_zero = has_zero_;
    has_zero_ = false;
    if (had_zero && good(0))
        insertImpl(0);
    for (UInt32 hash : old)
        if (hash && good(hash))
            insertImpl(hash);
}

void UniquesHashSet::shrinkIfNeed()
{
    if (m_size_ <= maxFill())
        return;
    if (m_size_ > max_size)
    {
        while (m_size_ > max_size)
        {
            ++skip_degree_;
            rebuild(size_degree_);
        }
    }
    else
        rebuild(size_degree_ + 1);
}

void UniquesHashSet::merge(const UniquesHashSet & rhs)
{
    if (rhs.skip_degree_ > skip_degree_)
    {
        skip_degree_ = rhs.skip_degree_;
        rebuild(size_degree_);
    }
    if (!has_zero_ && rhs.has_zero_)
    {
        has_zero_ = true;
        ++m_size_;
        shrinkIfNeed();
    }
    for (UInt32 hash : rhs.buf_)
    {
        if (hash && good(hash))
        {
            insertImpl(hash);
            shrinkIfNeed();
        }
    }
}

size_t UniquesHashSet::size() const
{
    if (skip_degree_ == 0)
        return m_size_;
    size_t res = m_size_ * (1ULL << skip_degree_);
    /// Pseudo-random remainder, so that the result does not look like a multiple of a power of two.
    res += intHashCRC32(m_size_) & ((1ULL << skip_degree_) - 1);
    /// Correction of the systematic error of collisions of 32-bit hashes.
    const double p32 = 4294967296.0;
    if (static_cast<double>(res) >= p32)
        return res;
    return static_cast<size_t>(std::round(p32 * (std::log(p32) - std::log(p32 - static_cast<double>(res)))));
}

void UniquesHashSet::write(WriteBuffer & out) const
{
    out.write(static_cast<char>(skip_degree_));
    writeVarUInt(m_size_, out);
    if (has_zero_)
        writePODBinary(UInt32(0), out);
    for (UInt32 hash : buf_)
        if (hash)
            writePODBinary(hash, out);
}

void UniquesHashSet::read(ReadBuffer & in)
{
    UInt8 skip = 0;
    readPODBinary(skip, in);
    if (skip > 32)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Bad skip degree in the state of uniq");
    UInt64 size = readVarUInt(in);
    if (size > max_size)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Too large size (" + std::to_string(size) + ") in the state of uniq");
    skip_degree_ = skip;
    UInt32 degree = initial_size_degree;
    while ((1ULL << (degree - 1)) < size)
        ++degree;
    has_zero_ = false;
    m_size_ = 0;
    size_degree_ = degree;
    buf_.assign(bufSize(), 0);
    for (UInt64 i = 0; i < size; ++i)
    {
        UInt32 hash = 0;
        readPODBinary(hash, in);
        if (!good(hash))
            throw Exception(ErrorCode::CORRUPTED_DATA, "Hash not matching the skip degree in the state of uniq");
        insertImpl(hash);
    }
    if (m_size_ != size)
        throw Exception(ErrorCode::CORRUPTED_DATA, "Duplicate hashes in the state of uniq");
}

} // namespace pipit
