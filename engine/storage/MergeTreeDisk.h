#pragma once

#include "engine/base/BasicTypes.h"

#include <string>
#include <string_view>

namespace pipit
{

/// File operations of the MergeTree engine not covered by engine/io/FileSystem.h: writes with
/// optional fsync, checksums, non-throwing removal. Errors throw Exception with path and strerror.
class MergeTreeDisk
{
public:
    /// Creates/truncates `path` with `content`; fsyncs it if `sync`.
    static void writeFile(const std::string & path, std::string_view content, bool sync);
    /// Removes a file or directory tree, never throws (for destructors); false on failure.
    static bool tryRemoveRecursive(const std::string & path) noexcept;
    /// xxh64 (seed 0) of the whole file.
    static UInt64 fileChecksum(const std::string & path);
    static UInt64 checksum(std::string_view data);
    /// Makes everything written to the file system holding `path` durable (syncfs(2)): one call
    /// instead of an fsync per file of a batch of new parts.
    static void syncFileSystem(const std::string & path);
};

} // namespace pipit
