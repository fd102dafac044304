#include "engine/storage/MergeTreeRangeSelector.h"

#include "engine/base/Exception.h"

namespace pipit
{

namespace
{

/// Wider ranges are split into this many pieces at each step.
constexpr size_t coarse_split = 8;

std::vector<Field> keyAt(const MergeTreeDataPart & part, size_t index_row)
{
    std::vector<Field> keys;
    keys.reserve(part.index_columns.size());
    for (const auto & column : part.index_columns)
        keys.push_back((*column)[index_row]);
    return keys;
}

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

    /// Depth-first, left to right, so results come out ordered.
    std::vector<MergeTreeMarkRange> stack;
    stack.push_back({0, part.granules});
    while (!stack.empty())
    {
        MergeTreeMarkRange range = stack.back();
        stack.pop_back();
        if (!condition->mayBeTrueInRange(keyAt(part, range.begin), keyAt(part, range.end)))
            continue;
        size_t size = range.end - range.begin;
        if (size == 1)
        {
            add(range.begin, range.end);
            continue;
        }
        size_t step = (size + coarse_split - 1) / coarse_split;
        std::vector<MergeTreeMarkRange> pieces;
        for (size_t begin = range.begin; begin < range.end; begin += step)
            pieces.push_back({begin, std::min(range.end, begin + step)});
        for (auto it = pieces.rbegin(); it != pieces.rend(); ++it)
            stack.push_back(*it);
    }
    return result;
}

} // namespace pipit
