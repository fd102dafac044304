#pragma once

#include "engine/base/BasicTypes.h"

#include <optional>
#include <string>
#include <vector>

namespace pipit
{

/// The committed state of a MergeTree table (docs/storage_format.md, "Manifest"): live parts, the
/// WAL high-water mark already in parts, and the next block number.
struct MergeTreeManifest
{
    UInt64 flushed_wal_segment = 0;
    UInt64 next_block_number = 1;
    std::vector<std::string> parts;

    std::string serialize() const;
    /// Throws CORRUPTED_DATA / CHECKSUM_DOESNT_MATCH naming `source`.
    static MergeTreeManifest parse(const std::string & text, const std::string & source);

    /// Reads `path`; nullopt if it does not exist.
    static std::optional<MergeTreeManifest> load(const std::string & path);
    /// Replaces `path` atomically (tmp + fsync + rename + fsync dir when `sync`).
    void commit(const std::string & path, bool sync) const;
};

} // namespace pipit
