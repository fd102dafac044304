#pragma once

#include "engine/base/BasicTypes.h"

#include <string>
#include <string_view>
#include <vector>

/// File system operations with durable-write helpers. Every failure throws an Exception whose message names the
/// path and the errno text (CANNOT_CREATE_DIRECTORY, FILE_DOESNT_EXIST, CANNOT_OPEN_FILE, CANNOT_FSYNC, ...).
namespace pipit
{

/// mkdir -p. Existing directories are fine; an existing non-directory throws CANNOT_CREATE_DIRECTORY.
void createDirectories(const std::string & path);
/// rm -rf. A missing path is fine.
void removeRecursive(const std::string & path);
/// Names (not paths) of the entries of a directory, sorted, without "." and "..".
std::vector<std::string> listDirectory(const std::string & path);
/// Size of a regular file (FILE_DOESNT_EXIST if missing).
UInt64 fileSize(const std::string & path);
bool exists(const std::string & path);
/// Replaces `path` with `content` atomically and durably: writes `path`.tmp, fsyncs it, renames it over `path`
/// and fsyncs the directory. Readers see the old or the new content, never a mix, also after a crash.
void atomicWriteFile(const std::string & path, std::string_view content);
/// Reads a whole file.
std::string readFile(const std::string & path);
/// fsync of a directory: makes creations, renames and removals of its entries durable.
void fsyncDirectory(const std::string & path);
/// rename(2): atomically replaces `to` if it exists. Does not fsync (call fsyncDirectory for durability).
void renameAtomic(const std::string & from, const std::string & to);
/// Directory part of a path ("a/b/c" -> "a/b", "c" -> ".").
std::string parentDirectory(const std::string & path);

} // namespace pipit
