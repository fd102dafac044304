#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace pipit
{

/// Identity of a part, encoded in its directory name
/// `<partition_id>_<min_block>_<max_block>_<level>[_<mutation>]` (docs/storage_format.md, "Part").
struct MergeTreePartInfo
{
    std::string partition_id;
    uint64_t min_block = 0;
    uint64_t max_block = 0;
    uint32_t level = 0;
    uint64_t mutation = 0; /// 0 = never mutated

    std::string getName() const;
    /// nullopt if `name` is not a part name (e.g. a tmp_ directory).
    static std::optional<MergeTreePartInfo> tryParse(const std::string & name);

    /// Order of parts within a table: by partition, then block range.
    bool operator<(const MergeTreePartInfo & rhs) const
    {
        if (partition_id != rhs.partition_id)
            return partition_id < rhs.partition_id;
        if (min_block != rhs.min_block)
            return min_block < rhs.min_block;
        if (max_block != rhs.max_block)
            return max_block < rhs.max_block;
        if (level != rhs.level)
            return level < rhs.level;
        return mutation < rhs.mutation;
    }
};

} // namespace pipit
