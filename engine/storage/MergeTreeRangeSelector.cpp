#include "engine/storage/MergeTreeRangeSelector.h"

#include "engine/base/Exception.h"

namespace pipit
{

namespace
{

/// Wider ranges are split into this many pieces at each step.
constexpr size_t coarse_split = 8;

} // namespace

bool MergeTreeRangeSelector::partMayMatch(const MergeTreeDataPart & part, const IKeyCondition * condition)
{
    if (!condition || part.minmax.columns() == 0)
        return true;
    return condition->mayBeTrueInPartition(part.minmax);
}

std::vector<MergeTreeMarkRange> MergeTreeRangeSelector::selectRanges(const MergeTreeDataPart & part, const IKeyCondition * condition)
{
    std::vector<MergeTreeMarkRange> result;
    if (part.granules == 0)
        return result;
    if (!condition || part.index_columns.empty())
    {
        result.push_back({0, part.granules});
        return result;
    }

    auto add = [&](size_t begin, size_t end)
    {
        if (!result.empty() && result.back().end == begin)
            result.back().end = end;
        else
            result.push_back({begin, end});
    };

    /// Index row g is the first key of granule g; row `granules` is the last key of the part.
    const auto checker = condition->prepareRanges(part.index_columns);
    /// Depth-first, left to right, so results come out ordered.
    std::vector<MergeTreeMarkRange> stack;
    stack.reserve(64);
    stack.push_back({0, part.granules});
    while (!stack.empty())
    {
        MergeTreeMarkRange range = stack.back();
        stack.pop_back();
        if (!checker->mayBeTrueInRange(range.begin, range.end))
            continue;
        size_t size = range.end - range.begin;
        if (size == 1)
        {
            add(range.begin, range.end);
            continue;
        }
        /// The pieces, pushed last first.
        const size_t step = (size + coarse_split - 1) / coarse_split;
        const size_t pieces = (size + step - 1) / step;
        for (size_t i = pieces; i-- > 0;)
        {
            const size_t begin = range.begin + i * step;
            stack.push_back({begin, std::min(range.end, begin + step)});
        }
    }
    return result;
}

} // namespace pipit
