#pragma once

#include "engine/storage/IStorage.h"

#include <memory>
#include <string>
#include <vector>

namespace pipit
{

/// A read-only view of a table that returns only the rows satisfying a condition: what a row-level access
/// filter (a JWT scope's `filter`, StatementOptions::row_filters) turns a table into when a statement
/// resolves it. Every read of the table in that statement, under any alias, in subqueries, CTEs, JOINs or
/// UNION branches, goes through this object, so no SQL around the read can see other rows.
///
/// Invariants: the condition is bound once over the table's physical columns (UNKNOWN_IDENTIFIER etc. when it
/// does not fit); reads add the condition's columns, drop rows where it is 0 or NULL, and return exactly the
/// requested columns. totalRows() is unknown (count() must scan); the ORDER BY/LIMIT part-skipping hint is not
/// forwarded (it assumes every row of a part is returned), nor the caller's PREWHERE (the caller's expressions
/// only ever see rows inside the filter, so their errors cannot reveal other rows). Writes throw ACCESS_DENIED.
class StorageRowFilter final : public IStorage
{
public:
    /// Each condition is SQL expression text, parsed on its own as one expression (trailing text is a syntax
    /// error, so one condition cannot change how another is combined); a row is kept when all are true.
    StorageRowFilter(StoragePtr nested, const std::vector<std::string> & conditions);

    std::string getEngineName() const override { return nested_->getEngineName(); }
    const ColumnsDescription & getColumns() const override { return nested_->getColumns(); }

    void insert(const Block & block, bool durable) override;
    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override;
    std::optional<size_t> totalRows() const override { return std::nullopt; }
    void truncate() override;
    void drop() override;
    void deleteWhere(const IStorageExpression & predicate) override;

private:
    StoragePtr nested_;
    std::vector<std::shared_ptr<const IStorageExpression>> conditions_;
};

} // namespace pipit
