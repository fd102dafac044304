#include "engine/storage/StorageMemory.h"

#include "engine/base/Exception.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnVector.h"
#include "engine/storage/StorageInsertNormalizer.h"

namespace pipit
{

namespace
{

/// Returns the requested columns of a share of the snapshot's blocks.
class MemorySource : public ISource
{
public:
    MemorySource(std::shared_ptr<const Blocks> blocks, std::vector<size_t> block_indexes, std::vector<std::string> columns,
                 size_t max_block_size)
        : blocks_(std::move(blocks))
        , block_indexes_(std::move(block_indexes))
        , columns_(std::move(columns))
        , max_block_size_(max_block_size == 0 ? 65536 : max_block_size)
    {
    }

    Block read() override
    {
        while (position_ < block_indexes_.size())
        {
            const Block & source = (*blocks_)[block_indexes_[position_]];
            const size_t rows = source.rows();
            if (row_ >= rows)
            {
                ++position_;
                row_ = 0;
                continue;
            }
            const size_t count = std::min(max_block_size_, rows - row_);
            Block block;
            for (const auto & name : columns_)
            {
                const auto & column = source.getByName(name);
                block.insert({(row_ == 0 && count == rows) ? column.column : column.column->cut(row_, count), column.type, name});
            }
            row_ += count;
            return block;
        }
        return {};
    }

private:
    std::shared_ptr<const Blocks> blocks_;
    std::vector<size_t> block_indexes_;
    std::vector<std::string> columns_;
    size_t max_block_size_;
    size_t position_ = 0;
    size_t row_ = 0;
};

} // namespace

StorageMemory::StorageMemory(ColumnsDescription columns)
    : columns_(std::move(columns))
    , blocks_(std::make_shared<Blocks>())
{
    if (columns_.empty())
        throw Exception(ErrorCode::EMPTY_LIST_OF_COLUMNS_PASSED, "Memory table needs at least one column");
}

void StorageMemory::insert(const Block & block, bool /*durable*/)
{
    Block normalized = StorageInsertNormalizer::normalize(columns_, block);
    if (normalized.rows() == 0)
        return;
    std::lock_guard lock(mutex_);
    auto next = std::make_shared<Blocks>(*blocks_);
    rows_ += normalized.rows();
    next->push_back(std::move(normalized));
    blocks_ = std::move(next);
}

std::vector<SourcePtr> StorageMemory::read(const ReadRequest & request, ReadStatistics * statistics)
{
    std::vector<std::string> names = request.column_names;
    for (const auto & name : names)
    {
        bool found = false;
        for (const auto & column : columns_)
            found |= column.name == name && column.default_kind != "ALIAS";
        if (!found)
            throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE, "There is no column " + name + " in table");
    }
    if (names.empty())
        for (const auto & column : columns_)
            if (column.default_kind != "ALIAS")
            {
                names.push_back(column.name);
                break;
            }
    BlocksPtr snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot = blocks_;
    }
    if (statistics)
        *statistics = ReadStatistics {};
    const size_t num_streams = std::max<size_t>(1, std::min(request.num_streams, std::max<size_t>(1, snapshot->size())));
    std::vector<std::vector<size_t>> shares(num_streams);
    for (size_t i = 0; i < snapshot->size(); ++i)
        shares[i % num_streams].push_back(i);
    std::vector<SourcePtr> sources;
    for (auto & share : shares)
        sources.push_back(std::make_unique<MemorySource>(snapshot, std::move(share), names, request.max_block_size));
    return sources;
}

std::optional<size_t> StorageMemory::totalRows() const
{
    std::lock_guard lock(mutex_);
    return rows_;
}

void StorageMemory::truncate()
{
    std::lock_guard lock(mutex_);
    blocks_ = std::make_shared<Blocks>();
    rows_ = 0;
}

void StorageMemory::drop()
{
    truncate();
}

void StorageMemory::replaceRows(const std::vector<Block> & blocks, const IStorageExpression * predicate, bool /*durable*/)
{
    Blocks normalized;
    size_t new_rows = 0;
    for (const auto & block : blocks)
    {
        Block rows = StorageInsertNormalizer::normalize(columns_, block);
        new_rows += rows.rows();
        if (rows.rows() > 0)
            normalized.push_back(std::move(rows));
    }
    std::lock_guard lock(mutex_);
    size_t rows = 0;
    std::shared_ptr<Blocks> next = predicate ? withoutMatchingRows(*predicate, rows) : std::make_shared<Blocks>();
    next->insert(next->end(), std::make_move_iterator(normalized.begin()), std::make_move_iterator(normalized.end()));
    blocks_ = std::move(next);
    rows_ = rows + new_rows;
}

void StorageMemory::deleteWhere(const IStorageExpression & predicate)
{
    std::lock_guard lock(mutex_);
    size_t rows = 0;
    blocks_ = withoutMatchingRows(predicate, rows);
    rows_ = rows;
}

std::shared_ptr<Blocks> StorageMemory::withoutMatchingRows(const IStorageExpression & predicate, size_t & rows) const
{
    auto next = std::make_shared<Blocks>();
    for (const auto & block : *blocks_)
    {
        ColumnPtr result = convertToFullColumnIfConst(predicate.evaluate(block));
        CHECK(result->size() == block.rows());
        Filter keep(block.rows());
        size_t kept = 0;
        for (size_t i = 0; i < block.rows(); ++i)
        {
            bool matches = false;
            if (const auto * flags = dynamic_cast<const ColumnUInt8 *>(result.get()))
                matches = flags->getData()[i] != 0;
            else
            {
                Field value = (*result)[i];
                matches = !value.isNull() && value.toUInt64() != 0;
            }
            keep[i] = !matches;
            kept += !matches;
        }
        if (kept == 0)
            continue;
        if (kept == block.rows())
        {
            next->push_back(block);
            rows += kept;
            continue;
        }
        Block filtered;
        for (const auto & column : block)
            filtered.insert({column.column->filter(keep, kept), column.type, column.name});
        next->push_back(std::move(filtered));
        rows += kept;
    }
    return next;
}

} // namespace pipit
