#include "engine/planner/StorageBlocks.h"

#include "engine/base/Exception.h"

namespace pipit
{

namespace
{

class SourceBlocks final : public ISource
{
public:
    explicit SourceBlocks(std::vector<Block> blocks)
        : blocks_(std::move(blocks))
    {
    }
    Block read() override { return next_ < blocks_.size() ? std::move(blocks_[next_++]) : Block(); }

private:
    std::vector<Block> blocks_;
    size_t next_ = 0;
};

[[noreturn]] void throwReadOnly()
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, "The result of a subquery cannot be modified");
}

} // namespace

StorageBlocks::StorageBlocks(ColumnsDescription columns, std::vector<Block> blocks)
    : columns_(std::move(columns))
    , blocks_(std::move(blocks))
{
}

void StorageBlocks::insert(const Block &, bool)
{
    throwReadOnly();
}

void StorageBlocks::truncate()
{
    throwReadOnly();
}

void StorageBlocks::deleteWhere(const IStorageExpression &)
{
    throwReadOnly();
}

std::optional<size_t> StorageBlocks::totalRows() const
{
    size_t rows = 0;
    for (const auto & b : blocks_)
        rows += b.rows();
    return rows;
}

std::vector<SourcePtr> StorageBlocks::read(const ReadRequest & request, ReadStatistics *)
{
    size_t streams = std::max<size_t>(1, std::min(request.num_streams, blocks_.size()));
    std::vector<std::vector<Block>> per_stream(streams);
    for (size_t i = 0; i < blocks_.size(); ++i)
    {
        Block projected;
        for (const auto & name : request.column_names)
            projected.insert(blocks_[i].getByName(name));
        per_stream[i % streams].push_back(std::move(projected));
    }
    std::vector<SourcePtr> sources;
    for (auto & blocks : per_stream)
        sources.push_back(std::make_unique<SourceBlocks>(std::move(blocks)));
    return sources;
}

} // namespace pipit
