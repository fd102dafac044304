#pragma once

#include "engine/storage/IStorage.h"

namespace pipit
{

/// ENGINE = Null: inserts are discarded (materialized views still see them upstream), reads
/// return nothing.
class StorageNull : public IStorage
{
public:
    explicit StorageNull(ColumnsDescription columns);

    std::string getEngineName() const override { return "Null"; }
    const ColumnsDescription & getColumns() const override { return columns_; }
    void insert(const Block & block, bool durable) override;
    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override;
    std::optional<size_t> totalRows() const override { return 0; }
    void truncate() override {}
    void drop() override {}
    void deleteWhere(const IStorageExpression & /*predicate*/) override {}

private:
    ColumnsDescription columns_;
};

} // namespace pipit
