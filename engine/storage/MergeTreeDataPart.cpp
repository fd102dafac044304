#include "engine/storage/MergeTreeDataPart.h"

#include "engine/base/Check.h"
#include "engine/io/FileSystem.h"
#include "engine/io/ReadBuffer.h"
#include "engine/storage/MergeTreeBinaryIO.h"
#include "engine/storage/MergeTreeDisk.h"
#include "engine/io/CompressedReadBuffer.h"
#include "engine/types/DataTypeLowCardinality.h"

#include <charconv>
#include <cstdio>

namespace pipit
{

namespace
{

constexpr std::string_view meta_header_prefix = "pipit part ";

std::string escapeMetaField(const std::string & s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s)
    {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string unescapeMetaField(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i)
    {
        if (s[i] == '\\' && i + 1 < s.size())
        {
            ++i;
            out += s[i] == 't' ? '\t' : (s[i] == 'n' ? '\n' : s[i]);
        }
        else
            out += s[i];
    }
    return out;
}

std::vector<std::string_view> splitTabs(std::string_view line)
{
    std::vector<std::string_view> fields;
    size_t start = 0;
    while (true)
    {
        size_t pos = line.find('\t', start);
        fields.push_back(line.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos)
            break;
        start = pos + 1;
    }
    return fields;
}

std::string toHex(UInt64 value)
{
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(value));
    return buf;
}

bool parseUInt(std::string_view s, UInt64 & out, int base = 10)
{
    if (s.empty())
        return false;
    auto res = std::from_chars(s.data(), s.data() + s.size(), out, base);
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

[[noreturn]] void throwCorrupted(const std::string & path, const std::string & what)
{
    throw Exception(ErrorCode::CORRUPTED_DATA, "Part " + path + " is corrupted: " + what);
}

/// Reads a small file of the part and verifies it against the checksum listed in meta.
std::string readVerified(const MergeTreeDataPart & part, const std::string & file_name)
{
    auto it = part.checksums.find(file_name);
    if (it == part.checksums.end())
        throwCorrupted(part.path, "file " + file_name + " is not listed in meta");
    std::string content = readFile(part.path + "/" + file_name);
    if (content.size() != it->second.size || MergeTreeDisk::checksum(content) != it->second.hash)
        throw Exception(ErrorCode::CHECKSUM_DOESNT_MATCH, "Checksum doesn't match for file " + part.path + "/" + file_name +
                                                              ": expected size " + std::to_string(it->second.size) + " xxh64 " +
                                                              toHex(it->second.hash) + ", got size " + std::to_string(content.size()) +
                                                              " xxh64 " + toHex(MergeTreeDisk::checksum(content)));
    return content;
}

} // namespace

MergeTreeDataPart::~MergeTreeDataPart()
{
    if (obsolete_.load() && !path.empty())
        MergeTreeDisk::tryRemoveRecursive(path);
}

ptrdiff_t MergeTreeDataPart::columnPosition(const std::string & column_name) const
{
    auto it = column_positions.find(column_name);
    return it == column_positions.end() ? -1 : static_cast<ptrdiff_t>(it->second);
}

std::shared_ptr<IColumn> MergeTreeDataPart::lowCardinalityDictionary(size_t column_position) const
{
    CHECK(column_position < columns.size() && has_part_dictionary[column_position]);
    std::lock_guard lock(dictionaries_mutex_);
    if (auto dictionary = dictionaries_[column_position].lock())
        return dictionary;
    const auto & [column_name, type] = columns[column_position];
    const std::string file_name = dictionaryFileName(column_name);
    const std::string file_path = path + "/" + file_name;
    const auto & sum = checksums.at(file_name);
    std::shared_ptr<IColumn> dictionary;
    try
    {
        if (fileSize(file_path) != sum.size)
            throw Exception(ErrorCode::CHECKSUM_DOESNT_MATCH, "Size doesn't match for file " + file_path + ": expected " +
                                                                  std::to_string(sum.size) + ", got " + std::to_string(fileSize(file_path)));
        CompressedReadBuffer in(file_path, 0);
        /// A part dictionary holds each value its rows use once, plus NULL for a Nullable dictionary.
        dictionary = static_cast<const DataTypeLowCardinality &>(*type).deserializeDictionary(in, rows + 1);
        if (!in.eof())
            throwCorrupted(path, "file " + file_name + " has data after the dictionary");
    }
    catch (Exception & e)
    {
        if (e.code() == ErrorCode::CANNOT_READ_ALL_DATA)
            throwCorrupted(path, "file " + file_name + " is truncated: " + e.message());
        e.addContext("while reading the dictionary of column " + column_name + " of part " + path);
        throw;
    }
    dictionaries_[column_position] = dictionary;
    return dictionary;
}

std::string MergeTreeDataPart::escapeFileName(const std::string & column_name)
{
    static const char * hex = "0123456789ABCDEF";
    std::string out;
    for (char ch : column_name)
    {
        auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
            out += ch;
        else
        {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string MergeTreeDataPart::serializeMeta(size_t rows, size_t granules, const MergeTreeColumns & columns,
                                             const std::map<std::string, MergeTreeFileChecksum> & checksums,
                                             const std::optional<std::pair<Int64, Int64>> & ttl, UInt64 format_version)
{
    std::string out = std::string(meta_header_prefix) + std::to_string(format_version) + "\n";
    out += "rows\t" + std::to_string(rows) + "\n";
    out += "granules\t" + std::to_string(granules) + "\n";
    if (ttl)
        out += "ttl\t" + std::to_string(ttl->first) + "\t" + std::to_string(ttl->second) + "\n";
    for (const auto & [name, type] : columns)
        out += "column\t" + escapeMetaField(name) + "\t" + escapeMetaField(type->getName()) + "\n";
    for (const auto & [file, sum] : checksums)
        out += "file\t" + escapeMetaField(file) + "\t" + std::to_string(sum.size) + "\t" + toHex(sum.hash) + "\n";
    out += "checksum\t" + toHex(MergeTreeDisk::checksum(out)) + "\n";
    return out;
}

std::shared_ptr<MergeTreeDataPart> MergeTreeDataPart::load(const std::string & path, const MergeTreePartInfo & info)
{
    auto part = std::make_shared<MergeTreeDataPart>();
    part->info = info;
    part->name = info.getName();
    part->path = path;

    try
    {
        /// meta
        std::string meta = readFile(path + "/meta");
        size_t checksum_pos = meta.rfind("checksum\t");
        if (checksum_pos == std::string::npos || (checksum_pos != 0 && meta[checksum_pos - 1] != '\n'))
            throwCorrupted(path, "meta has no checksum line");
        {
            std::string_view line(meta.data() + checksum_pos + 9, meta.size() - checksum_pos - 9);
            if (!line.empty() && line.back() == '\n')
                line.remove_suffix(1);
            UInt64 expected = 0;
            if (!parseUInt(line, expected, 16))
                throwCorrupted(path, "meta checksum line is malformed");
            if (MergeTreeDisk::checksum(std::string_view(meta.data(), checksum_pos)) != expected)
                throw Exception(ErrorCode::CHECKSUM_DOESNT_MATCH, "Checksum doesn't match for file " + path + "/meta");
        }
        std::string_view body(meta.data(), checksum_pos);
        bool header_seen = false;
        bool rows_seen = false;
        bool granules_seen = false;
        size_t start = 0;
        while (start < body.size())
        {
            size_t end = body.find('\n', start);
            if (end == std::string_view::npos)
                throwCorrupted(path, "meta line is not terminated");
            std::string_view line = body.substr(start, end - start);
            start = end + 1;
            if (!header_seen)
            {
                UInt64 version = 0;
                if (!line.starts_with(meta_header_prefix) || !parseUInt(line.substr(meta_header_prefix.size()), version) ||
                    version < 1 || version > current_format_version)
                    throwCorrupted(path, "unknown meta header '" + std::string(line) + "'");
                part->format_version = version;
                header_seen = true;
                continue;
            }
            auto fields = splitTabs(line);
            UInt64 value = 0;
            if (fields[0] == "rows" && fields.size() == 2 && parseUInt(fields[1], value))
            {
                part->rows = value;
                rows_seen = true;
            }
            else if (fields[0] == "granules" && fields.size() == 2 && parseUInt(fields[1], value))
            {
                part->granules = value;
                granules_seen = true;
            }
            else if (fields[0] == "ttl" && fields.size() == 3)
            {
                auto parse_signed = [&](std::string_view text, Int64 & out)
                {
                    auto res = std::from_chars(text.data(), text.data() + text.size(), out);
                    if (res.ec != std::errc() || res.ptr != text.data() + text.size())
                        throwCorrupted(path, "bad ttl line in meta");
                };
                parse_signed(fields[1], part->ttl_min);
                parse_signed(fields[2], part->ttl_max);
                part->has_ttl = true;
            }
            else if (fields[0] == "column" && fields.size() == 3)
            {
                std::string column_name = unescapeMetaField(fields[1]);
                part->column_positions[column_name] = part->columns.size();
                part->columns.emplace_back(column_name, parseDataType(unescapeMetaField(fields[2])));
            }
            else if (fields[0] == "file" && fields.size() == 4)
            {
                MergeTreeFileChecksum sum;
                if (!parseUInt(fields[2], sum.size) || !parseUInt(fields[3], sum.hash, 16))
                    throwCorrupted(path, "bad file line in meta");
                part->checksums[unescapeMetaField(fields[1])] = sum;
            }
            else
                throwCorrupted(path, "unexpected meta line '" + std::string(line) + "'");
        }
        if (!header_seen || !rows_seen || !granules_seen)
            throwCorrupted(path, "meta misses rows or granules");
        part->has_part_dictionary.assign(part->columns.size(), false);
        if (part->format_version >= 2)
            for (size_t i = 0; i < part->columns.size(); ++i)
                part->has_part_dictionary[i] = dynamic_cast<const DataTypeLowCardinality *>(part->columns[i].second.get()) &&
                                               part->checksums.contains(dictionaryFileName(part->columns[i].first));
        part->dictionaries_.resize(part->columns.size());
        part->bytes_on_disk = meta.size();
        for (const auto & [file, sum] : part->checksums)
            part->bytes_on_disk += sum.size;

        /// marks
        part->mark_offsets.resize(part->columns.size());
        for (size_t i = 0; i < part->columns.size(); ++i)
        {
            std::string marks = readVerified(*part, escapeFileName(part->columns[i].first) + ".mrk");
            if (marks.size() != part->granules * 16)
                throwCorrupted(path, "marks of column " + part->columns[i].first + " have the wrong size");
            auto & offsets = part->mark_offsets[i];
            offsets.resize(part->granules);
            std::vector<UInt64> rows(part->granules);
            for (size_t g = 0; g < part->granules; ++g)
            {
                std::memcpy(&offsets[g], marks.data() + g * 16, 8);
                std::memcpy(&rows[g], marks.data() + g * 16 + 8, 8);
            }
            if (i == 0)
                part->granule_rows = std::move(rows);
            else if (rows != part->granule_rows)
                throwCorrupted(path, "marks of column " + part->columns[i].first + " disagree on granule sizes");
        }
        part->granule_start_rows.resize(part->granules + 1);
        part->granule_start_rows[0] = 0;
        for (size_t g = 0; g < part->granules; ++g)
            part->granule_start_rows[g + 1] = part->granule_start_rows[g] + (part->columns.empty() ? 0 : part->granule_rows[g]);
        if (!part->columns.empty() && part->granule_start_rows.back() != part->rows)
            throwCorrupted(path, "marks do not add up to the row count");

        /// primary index
        {
            std::string idx = readVerified(*part, "primary.idx");
            ReadBufferFromMemory in(idx);
            UInt64 key_count = MergeTreeBinaryIO::readUInt64(in);
            if (key_count > 1000)
                throwCorrupted(path, "primary.idx has too many key columns");
            for (size_t k = 0; k < key_count; ++k)
                part->index_types.push_back(parseDataType(MergeTreeBinaryIO::readString(in)));
            for (size_t k = 0; k < key_count; ++k)
            {
                auto column = part->index_types[k]->createColumn();
                part->index_types[k]->deserializeBinaryBulk(*column, in, part->granules + 1);
                part->index_columns.push_back(std::move(column));
            }
        }

        /// partition
        {
            std::string data = readVerified(*part, "partition.dat");
            ReadBufferFromMemory in(data);
            if (MergeTreeBinaryIO::readUInt8(in) == 1)
            {
                part->partition_type = parseDataType(MergeTreeBinaryIO::readString(in));
                auto value = part->partition_type->createColumn();
                part->partition_type->deserializeBinaryBulk(*value, in, 1);
                part->partition_value = std::move(value);
                UInt64 count = MergeTreeBinaryIO::readUInt64(in);
                if (count > 1000)
                    throwCorrupted(path, "partition.dat has too many columns");
                for (size_t i = 0; i < count; ++i)
                {
                    std::string column_name = MergeTreeBinaryIO::readString(in);
                    DataTypePtr type = parseDataType(MergeTreeBinaryIO::readString(in));
                    auto column = type->createColumn();
                    type->deserializeBinaryBulk(*column, in, 2);
                    part->minmax.insert({std::move(column), type, column_name});
                }
            }
        }
    }
    catch (Exception & e)
    {
        if (e.code() == ErrorCode::CANNOT_READ_ALL_DATA)
            throw Exception(ErrorCode::CORRUPTED_DATA, "Part " + path + " is corrupted: " + e.message());
        e.addContext("while loading part " + path);
        throw;
    }
    return part;
}

} // namespace pipit
