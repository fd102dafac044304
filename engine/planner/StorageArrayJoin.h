#pragma once

#include "engine/planner/ExpressionActions.h"
#include "engine/storage/IStorage.h"

namespace pipit
{

/// `source ARRAY JOIN e1 AS a1, e2 AS a2 ...` as a read-only table: each source row is repeated
/// once per array element, the array expressions (all of the same length per row) turn into
/// their elements. With LEFT ARRAY JOIN a row with empty arrays yields one row of default
/// elements instead of none. Streams follow the source's; blocks keep to max_block_size rows
/// except when one row alone has a longer array.
class StorageArrayJoin final : public IStorage
{
public:
    struct Element
    {
        /// Output name of the elements (the alias, or the joined column's own name).
        std::string name;
        DataTypePtr element_type;
    };

    /// `actions`: over the source's columns, one output per element (in order), the arrays.
    /// `columns`: the source columns the result keeps, then the elements.
    StorageArrayJoin(StoragePtr source, bool final, ExpressionActionsPtr actions, std::vector<Element> elements, bool left,
                     ColumnsDescription columns);

    std::string getEngineName() const override { return "ArrayJoin"; }
    const ColumnsDescription & getColumns() const override { return columns_; }
    void insert(const Block & block, bool durable) override;
    std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) override;
    void truncate() override;
    void drop() override {}
    void deleteWhere(const IStorageExpression & predicate) override;

private:
    StoragePtr source_;
    bool final_;
    ExpressionActionsPtr actions_;
    std::vector<Element> elements_;
    bool left_;
    ColumnsDescription columns_;
};

} // namespace pipit
