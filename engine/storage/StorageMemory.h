#pragma once

#include "engine/storage/IStorage.h"

#include <memory>
#include <mutex>

namespace pipit
{

/// ENGINE = Memory: inserted blocks kept in memory (lost on restart). Reads take a snapshot of
/// the block list, split across streams.
class StorageMemory : public IStorage
{
public:
    explicit StorageMemory(ColumnsDescription columns);

    std::string getEngineName() const override { return "Memory"; }
    const ColumnsDescription & getColumns() const override { return columns_; }
    void insert(const Block & block, bool durable) override;
    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override;
    std::optional<size_t> totalRows() const override;
    void truncate() override;
    void drop() override;
    void deleteWhere(const IStorageExpression & predicate) override;
    void replaceRows(const std::vector<Block> & blocks, const IStorageExpression * predicate, bool durable) override;

private:
    using BlocksPtr = std::shared_ptr<const Blocks>;

    /// The rows of blocks_ where `predicate` is false or NULL, and their count in `rows`. mutex_ held.
    std::shared_ptr<Blocks> withoutMatchingRows(const IStorageExpression & predicate, size_t & rows) const;

    ColumnsDescription columns_;
    mutable std::mutex mutex_;
    BlocksPtr blocks_;
    size_t rows_ = 0;
};

} // namespace pipit
