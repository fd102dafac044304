#pragma once

#include "engine/base/BasicTypes.h"
#include "engine/base/Exception.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"

#include <cstring>
#include <string>

namespace pipit
{

/// Fixed-width little-endian primitives of the storage files (docs/storage_format.md).
/// Readers throw `error` (CORRUPTED_DATA by default) on short input.
class MergeTreeBinaryIO
{
public:
    static void writeUInt64(UInt64 value, WriteBuffer & out) { out.write(reinterpret_cast<const char *>(&value), sizeof(value)); }
    static void writeUInt64(UInt64 value, std::string & out) { out.append(reinterpret_cast<const char *>(&value), sizeof(value)); }
    static void writeString(std::string_view s, WriteBuffer & out)
    {
        writeUInt64(s.size(), out);
        out.write(s.data(), s.size());
    }

    static UInt64 readUInt64(ReadBuffer & in, ErrorCode error = ErrorCode::CORRUPTED_DATA)
    {
        UInt64 value = 0;
        if (in.read(reinterpret_cast<char *>(&value), sizeof(value)) != sizeof(value))
            throw Exception(error, "Unexpected end of data reading a 64-bit integer");
        return value;
    }
    static UInt8 readUInt8(ReadBuffer & in, ErrorCode error = ErrorCode::CORRUPTED_DATA)
    {
        if (in.eof())
            throw Exception(error, "Unexpected end of data reading a byte");
        return static_cast<UInt8>(in.get());
    }
    /// Reads a length-prefixed string of at most `max_size` bytes.
    static std::string readString(ReadBuffer & in, size_t max_size = 1 << 20, ErrorCode error = ErrorCode::CORRUPTED_DATA)
    {
        UInt64 size = readUInt64(in, error);
        if (size > max_size)
            throw Exception(error, "String length " + std::to_string(size) + " exceeds the limit " + std::to_string(max_size));
        std::string s(size, '\0');
        if (in.read(s.data(), size) != size)
            throw Exception(error, "Unexpected end of data reading a string");
        return s;
    }
};

} // namespace pipit
