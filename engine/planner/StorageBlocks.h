#pragma once

#include "engine/storage/IStorage.h"

namespace pipit
{

/// A read-only table over already computed blocks: the result of a subquery in FROM or of a
/// WITH name AS (SELECT ...) common table expression. Reads split the blocks across streams.
class StorageBlocks final : public IStorage
{
public:
    StorageBlocks(ColumnsDescription columns, std::vector<Block> blocks);

    std::string getEngineName() const override { return "Subquery"; }
    const ColumnsDescription & getColumns() const override { return columns_; }
    void insert(const Block & block, bool durable) override;
    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override;
    std::optional<size_t> totalRows() const override;
    void truncate() override;
    void drop() override {}
    void deleteWhere(const IStorageExpression & predicate) override;

private:
    ColumnsDescription columns_;
    std::vector<Block> blocks_;
};

} // namespace pipit
