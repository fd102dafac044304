#include "engine/planner/StorageHashJoin.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnConst.h"
#include "engine/columns/ColumnNullable.h"
#include "engine/columns/ColumnVector.h"
#include "engine/functions/FunctionCast.h"

#include <algorithm>

namespace pipit
{

namespace
{

[[noreturn]] void throwReadOnly()
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, "The result of a JOIN cannot be modified");
}

class SourceEmpty final : public ISource
{
public:
    Block read() override { return {}; }
};

/// One stream: left blocks -> (filter) -> keys -> probe -> output blocks; then, in the stream that
/// ends last, the right rows never matched.
class SourceHashJoin final : public ISource
{
public:
    SourceHashJoin(SourcePtr input, const StorageHashJoin::Left & left, HashJoinPtr join, std::vector<std::string> columns,
                   size_t max_block_size, std::shared_ptr<std::atomic<size_t>> active)
        : input_(std::move(input))
        , left_(left)
        , join_(std::move(join))
        , columns_(std::move(columns))
        , max_block_size_(std::max<size_t>(1, max_block_size))
        , active_(std::move(active))
    {
    }

    Block read() override
    {
        while (true)
        {
            if (has_block_)
            {
                left_indices_.clear();
                right_indices_.clear();
                bool done = join_->probe(keys_, mask_, block_.rows(), state_, max_block_size_, left_indices_, right_indices_);
                if (done)
                    has_block_ = false;
                if (!left_indices_.empty())
                    return join_->makeBlock(block_, left_indices_, right_indices_, columns_);
                continue;
            }
            if (!left_finished_)
            {
                Block block = input_->read();
                if (block.columns() == 0)
                {
                    left_finished_ = true;
                    last_ = active_->fetch_sub(1, std::memory_order_acq_rel) == 1;
                    continue;
                }
                if (block.rows() == 0)
                    continue;
                startBlock(std::move(block));
                continue;
            }
            if (last_)
            {
                Block block = join_->nonJoinedBlock(non_joined_state_, max_block_size_, columns_);
                if (block.rows() != 0)
                    return block;
            }
            return {};
        }
    }

private:
    void startBlock(Block block)
    {
        if (left_.filter_actions)
        {
            Block filter = left_.filter_actions->execute(block);
            Filter keep = StorageHashJoin::toMask(filter.getByPosition(0).column, block.rows());
            size_t kept = 0;
            for (auto k : keep)
                kept += k != 0;
            if (kept == 0)
                return;
            if (kept != block.rows())
            {
                Block filtered;
                for (const auto & column : block)
                    filtered.insert({convertToFullColumnIfConst(column.column)->filter(keep, kept), column.type, column.name});
                block = std::move(filtered);
            }
        }
        Columns keys;
        if (left_.key_actions)
        {
            Block key_block = left_.key_actions->execute(block);
            for (size_t k = 0; k < key_block.columns(); ++k)
            {
                const auto & key = key_block.getByPosition(k);
                ColumnPtr column = convertToFullColumnIfConst(key.column);
                if (!key.type->equals(*left_.key_types[k]))
                    column = castColumn({column, key.type, key.name}, left_.key_types[k]);
                keys.push_back(std::move(column));
            }
        }
        keys_ = join_->prepareKeys(keys, block.rows());
        mask_.clear();
        if (left_.mask_actions)
            mask_ = StorageHashJoin::toMask(left_.mask_actions->execute(block).getByPosition(0).column, block.rows());
        block_ = std::move(block);
        state_ = {};
        has_block_ = true;
    }

    SourcePtr input_;
    const StorageHashJoin::Left & left_;
    HashJoinPtr join_;
    std::vector<std::string> columns_;
    size_t max_block_size_;
    std::shared_ptr<std::atomic<size_t>> active_;

    Block block_;
    HashJoin::ProbeKeys keys_;
    Filter mask_;
    HashJoin::ProbeState state_;
    bool has_block_ = false;
    bool left_finished_ = false;
    bool last_ = false;
    HashJoin::ProbeState non_joined_state_;
    Permutation left_indices_;
    Permutation right_indices_;
};

} // namespace

StorageHashJoin::StorageHashJoin(Left left, ColumnsDescription columns, HashJoinPtr join)
    : left_(std::move(left))
    , columns_(std::move(columns))
    , join_(std::move(join))
{
}

Filter StorageHashJoin::toMask(const ColumnPtr & column, size_t rows)
{
    Filter mask(rows, static_cast<UInt8>(0));
    if (const auto * constant = dynamic_cast<const ColumnConst *>(column.get()))
    {
        Field value = (*constant)[0];
        bool keep = !value.isNull() && value.toUInt64() != 0;
        if (keep)
            std::fill(mask.begin(), mask.end(), static_cast<UInt8>(1));
        return mask;
    }
    const IColumn * values = column.get();
    const PODArray<UInt8> * null_map = nullptr;
    if (const auto * nullable = dynamic_cast<const ColumnNullable *>(values))
    {
        values = &nullable->getNestedColumn();
        null_map = &nullable->getNullMapData();
    }
    const auto * data = dynamic_cast<const ColumnUInt8 *>(values);
    if (!data)
        throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, std::string("Illegal column ") + values->getFamilyName() + " of JOIN condition");
    for (size_t i = 0; i < rows; ++i)
        mask[i] = data->getData()[i] != 0 && !(null_map && (*null_map)[i]);
    return mask;
}

void StorageHashJoin::insert(const Block &, bool)
{
    throwReadOnly();
}

void StorageHashJoin::truncate()
{
    throwReadOnly();
}

void StorageHashJoin::deleteWhere(const IStorageExpression &)
{
    throwReadOnly();
}

std::vector<SourcePtr> StorageHashJoin::read(const ReadRequest & request, ReadStatistics * statistics)
{
    std::vector<std::string> left_columns;
    auto add = [&](const std::string & name)
    {
        if (std::find(left_columns.begin(), left_columns.end(), name) == left_columns.end())
            left_columns.push_back(name);
    };
    for (const auto & name : request.column_names)
        if (!join_->isRightColumn(name))
            add(name);
    for (const auto & actions : {left_.key_actions, left_.mask_actions, left_.filter_actions})
        if (actions)
            for (const auto & name : actions->getRequiredInputs())
                add(name);
    if (left_columns.empty() && !left_.storage->getColumns().empty())
        left_columns.push_back(left_.storage->getColumns()[0].name);

    ReadRequest left_request;
    left_request.column_names = left_columns;
    left_request.key_condition = left_.key_condition;
    left_request.max_block_size = request.max_block_size;
    left_request.num_streams = request.num_streams;
    left_request.final = left_.final;
    auto inputs = left_.storage->read(left_request, statistics);
    if (inputs.empty())
        inputs.push_back(std::make_unique<SourceEmpty>());
    auto active = std::make_shared<std::atomic<size_t>>(inputs.size());
    std::vector<SourcePtr> sources;
    for (auto & input : inputs)
        sources.push_back(std::make_unique<SourceHashJoin>(std::move(input), left_, join_, request.column_names, request.max_block_size, active));
    return sources;
}

std::vector<std::pair<size_t, std::string>> StorageHashJoin::explainLines(const std::vector<std::string> & read_columns,
                                                                           const ReadStatistics * left_statistics) const
{
    std::vector<std::pair<size_t, std::string>> lines;
    auto add_statistics = [&](size_t indent, const ReadStatistics & statistics)
    {
        lines.emplace_back(indent, "Parts: " + std::to_string(statistics.parts_selected) + "/" + std::to_string(statistics.parts_total));
        lines.emplace_back(indent,
                           "Granules: " + std::to_string(statistics.granules_selected) + "/" + std::to_string(statistics.granules_total));
    };
    auto add_key_condition = [&](size_t indent, const std::string & text)
    {
        size_t start = 0;
        while (start < text.size())
        {
            size_t end = text.find('\n', start);
            if (end == std::string::npos)
                end = text.size();
            lines.emplace_back(indent, "Key condition: " + text.substr(start, end - start));
            start = end + 1;
        }
    };
    auto join_columns = [](const std::vector<std::string> & names)
    {
        std::string text;
        for (const auto & name : names)
            text += (text.empty() ? "" : ", ") + name;
        return text;
    };
    lines.emplace_back(0, "Join (" + explain_.join + (explain_.keys.empty() ? "" : "; keys: " + explain_.keys) + ")");

    /// Left: the columns of the read that are left columns, plus what the keys and filters read.
    std::vector<std::string> left_columns;
    auto add_left = [&](const std::string & name)
    {
        if (std::find(left_columns.begin(), left_columns.end(), name) == left_columns.end())
            left_columns.push_back(name);
    };
    for (const auto & name : read_columns)
        if (!join_->isRightColumn(name))
            add_left(name);
    for (const auto & actions : {left_.key_actions, left_.mask_actions, left_.filter_actions})
        if (actions)
            for (const auto & name : actions->getRequiredInputs())
                add_left(name);
    if (const auto * nested = dynamic_cast<const StorageHashJoin *>(left_.storage.get()))
    {
        for (const auto & [indent, text] : nested->explainLines(left_columns, left_statistics))
            lines.emplace_back(indent + 1, text);
    }
    else
    {
        bool subquery = left_.storage->getEngineName() == "Subquery";
        lines.emplace_back(1, std::string(subquery ? "ReadFromSubquery (" : "ReadFromStorage (") + explain_.left_table +
                                  (left_.final ? " FINAL" : "") + "; columns: " + join_columns(left_columns) + ")");
        if (left_.filter_actions)
            lines.emplace_back(2, "Filter (WHERE pushed down)");
        add_key_condition(2, explain_.left_key_condition);
        if (left_statistics && !subquery)
            add_statistics(2, *left_statistics);
    }

    if (explain_.right_read_from_storage)
    {
        lines.emplace_back(1, "ReadFromStorage (" + explain_.right_table + "; columns: " + join_columns(explain_.right_columns) + ")");
        if (explain_.right_filtered)
            lines.emplace_back(2, "Filter (WHERE pushed down)");
        add_key_condition(2, explain_.right_key_condition);
        add_statistics(2, explain_.right_statistics);
    }
    else
        lines.emplace_back(1, "ReadFromSubquery (" + explain_.right_table + "; rows: " + std::to_string(explain_.right_rows) + ")");
    return lines;
}

} // namespace pipit
