#pragma once

#include "engine/types/Block.h"

#include <string>
#include <string_view>

namespace pipit
{

/// Payload of one WAL record: an inserted block (docs/storage_format.md, "Table directory").
class MergeTreeWalRecord
{
public:
    static std::string serialize(const Block & block);
    /// Throws CORRUPTED_DATA on malformed payloads.
    static Block deserialize(std::string_view payload);
};

} // namespace pipit
