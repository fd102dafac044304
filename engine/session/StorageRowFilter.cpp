#include "engine/session/StorageRowFilter.h"

#include "engine/base/Check.h"
#include "engine/base/Exception.h"
#include "engine/columns/ColumnConst.h"
#include "engine/execution/BlockOperations.h"
#include "engine/planner/StorageExpressionCompiled.h"
#include "engine/session/TableFactory.h"
#include "engine/sql/Parser.h"

#include <algorithm>

namespace pipit
{

namespace
{

/// Reads the nested source (requested + condition columns), keeps the matching rows and returns the requested
/// columns in the requested order. Never returns an empty block before the end.
class SourceRowFilter final : public ISource
{
public:
    SourceRowFilter(SourcePtr nested, std::vector<std::shared_ptr<const IStorageExpression>> conditions,
                    std::vector<std::string> column_names)
        : nested_(std::move(nested))
        , conditions_(std::move(conditions))
        , column_names_(std::move(column_names))
    {
    }

    Block read() override
    {
        while (true)
        {
            Block block = nested_->read();
            if (block.empty())
                return block;
            size_t rows = block.rows();
            if (rows == 0)
                continue;
            Filter mask;
            for (const auto & condition : conditions_)
            {
                ColumnPtr result = convertToFullColumnIfConst(condition->evaluate(block));
                Filter keep = BlockOperations::filterMask(result, condition->resultType(), rows);
                if (mask.empty())
                    mask = std::move(keep);
                else
                    for (size_t i = 0; i < rows; ++i)
                        mask[i] = mask[i] != 0 && keep[i] != 0;
            }
            size_t kept = BlockOperations::filterBlock(block, mask);
            if (kept == 0)
                continue;
            if (column_names_.empty())
                return block;
            Block projected;
            for (const auto & name : column_names_)
                projected.insert(block.getByName(name));
            return projected;
        }
    }

private:
    SourcePtr nested_;
    std::vector<std::shared_ptr<const IStorageExpression>> conditions_;
    std::vector<std::string> column_names_;
};

[[noreturn]] void throwReadOnly()
{
    throw Exception(ErrorCode::ACCESS_DENIED, "A table read through a row filter cannot be written");
}

} // namespace

StorageRowFilter::StorageRowFilter(StoragePtr nested, const std::vector<std::string> & conditions)
    : nested_(std::move(nested))
{
    CHECK(!conditions.empty());
    Block header = headerOf(nested_->getColumns());
    for (const auto & condition : conditions)
        conditions_.push_back(std::make_shared<StorageExpressionCompiled>(parseExpression(condition), header));
}

std::vector<SourcePtr> StorageRowFilter::read(const ReadRequest & request, ReadStatistics * statistics)
{
    ReadRequest nested_request = request;
    nested_request.order_column.clear();
    nested_request.order_descending = false;
    nested_request.order_limit = 0;
    /// The caller's WHERE must never run on rows outside the filter (an error it throws would reveal them).
    nested_request.prewhere = nullptr;
    for (const auto & condition : conditions_)
        for (const auto & name : condition->requiredColumns())
            if (std::find(nested_request.column_names.begin(), nested_request.column_names.end(), name) ==
                nested_request.column_names.end())
                nested_request.column_names.push_back(name);
    std::vector<SourcePtr> sources = nested_->read(nested_request, statistics);
    std::vector<SourcePtr> filtered;
    filtered.reserve(sources.size());
    for (auto & source : sources)
        filtered.push_back(std::make_unique<SourceRowFilter>(std::move(source), conditions_, request.column_names));
    return filtered;
}

void StorageRowFilter::insert(const Block &, bool)
{
    throwReadOnly();
}

void StorageRowFilter::truncate()
{
    throwReadOnly();
}

void StorageRowFilter::drop()
{
    throwReadOnly();
}

void StorageRowFilter::deleteWhere(const IStorageExpression &)
{
    throwReadOnly();
}

} // namespace pipit
