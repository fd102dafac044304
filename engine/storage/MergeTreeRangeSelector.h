#pragma once

#include "engine/storage/IStorage.h"
#include "engine/storage/MergeTreeDataPart.h"

#include <utility>
#include <vector>

namespace pipit
{

/// A half-open range of granules [begin, end) of one part.
struct MergeTreeMarkRange
{
    size_t begin = 0;
    size_t end = 0;
};

/// Chooses the granules of a part that may hold rows matching a key condition, by recursive
/// bisection over primary.idx like ClickHouse's KeyCondition (docs/storage_format.md, "Marks and
/// primary index").
class MergeTreeRangeSelector
{
public:
    /// Coalesced, ordered ranges of `part` that may match; all granules when `condition` is null.
    static std::vector<MergeTreeMarkRange> selectRanges(const MergeTreeDataPart & part, const IKeyCondition * condition);
    /// False if the part's partition min/max rules it out.
    static bool partMayMatch(const MergeTreeDataPart & part, const IKeyCondition * condition);
};

} // namespace pipit
