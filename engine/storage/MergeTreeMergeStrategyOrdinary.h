#pragma once

#include "engine/storage/IMergeTreeMergeStrategy.h"

namespace pipit
{

/// Plain MergeTree: a merge keeps every row.
class MergeTreeMergeStrategyOrdinary : public IMergeTreeMergeStrategy
{
public:
    std::string engineName() const override { return "MergeTree"; }
    Block merge(Block block, const Columns & /*sort_key*/) const override { return block; }
};

} // namespace pipit
