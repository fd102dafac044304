#include "engine/storage/MergeTreeManifest.h"

#include "engine/base/Exception.h"
#include "engine/io/FileSystem.h"
#include "engine/storage/MergeTreeDisk.h"

#include <charconv>
#include <cstdio>

namespace pipit
{

namespace
{

constexpr std::string_view manifest_header = "pipit manifest 1";

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

} // namespace

std::string MergeTreeManifest::serialize() const
{
    std::string out(manifest_header);
    out += "\n";
    out += "flushed_wal_segment\t" + std::to_string(flushed_wal_segment) + "\n";
    out += "next_block_number\t" + std::to_string(next_block_number) + "\n";
    for (const auto & part : parts)
        out += "part\t" + part + "\n";
    out += "checksum\t" + toHex(MergeTreeDisk::checksum(out)) + "\n";
    return out;
}

MergeTreeManifest MergeTreeManifest::parse(const std::string & text, const std::string & source)
{
    auto corrupted = [&](const std::string & what)
    {
        return Exception(ErrorCode::CORRUPTED_DATA, "Manifest " + source + " is corrupted: " + what);
    };
    size_t checksum_pos = text.rfind("checksum\t");
    if (checksum_pos == std::string::npos || (checksum_pos != 0 && text[checksum_pos - 1] != '\n'))
        throw corrupted("no checksum line");
    std::string_view tail(text.data() + checksum_pos + 9, text.size() - checksum_pos - 9);
    if (tail.empty() || tail.back() != '\n')
        throw corrupted("checksum line is not terminated");
    tail.remove_suffix(1);
    UInt64 expected = 0;
    if (!parseUInt(tail, expected, 16))
        throw corrupted("checksum line is malformed");
    std::string_view body(text.data(), checksum_pos);
    if (MergeTreeDisk::checksum(body) != expected)
        throw Exception(ErrorCode::CHECKSUM_DOESNT_MATCH, "Checksum doesn't match for manifest " + source);

    MergeTreeManifest manifest;
    bool header_seen = false;
    bool flushed_seen = false;
    bool block_seen = false;
    size_t start = 0;
    while (start < body.size())
    {
        size_t end = body.find('\n', start);
        if (end == std::string_view::npos)
            throw corrupted("line is not terminated");
        std::string_view line = body.substr(start, end - start);
        start = end + 1;
        if (!header_seen)
        {
            if (line != manifest_header)
                throw corrupted("unknown header '" + std::string(line) + "'");
            header_seen = true;
            continue;
        }
        size_t tab = line.find('\t');
        if (tab == std::string_view::npos)
            throw corrupted("malformed line '" + std::string(line) + "'");
        std::string_view key = line.substr(0, tab);
        std::string_view value = line.substr(tab + 1);
        if (key == "flushed_wal_segment" && parseUInt(value, manifest.flushed_wal_segment))
            flushed_seen = true;
        else if (key == "next_block_number" && parseUInt(value, manifest.next_block_number))
            block_seen = true;
        else if (key == "part" && !value.empty())
            manifest.parts.emplace_back(value);
        else
            throw corrupted("unexpected line '" + std::string(line) + "'");
    }
    if (!header_seen || !flushed_seen || !block_seen)
        throw corrupted("missing header, flushed_wal_segment or next_block_number");
    return manifest;
}

std::optional<MergeTreeManifest> MergeTreeManifest::load(const std::string & path)
{
    if (!exists(path))
        return std::nullopt;
    return parse(readFile(path), path);
}

void MergeTreeManifest::commit(const std::string & path, bool sync) const
{
    (void)sync;
    atomicWriteFile(path, serialize());
}

} // namespace pipit
