#include "engine/planner/StorageArrayJoin.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnConst.h"

#include <algorithm>

namespace pipit
{

namespace
{

[[noreturn]] void throwReadOnly()
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, "The result of ARRAY JOIN cannot be modified");
}

class SourceArrayJoin final : public ISource
{
public:
    SourceArrayJoin(SourcePtr input, ExpressionActionsPtr actions, const std::vector<StorageArrayJoin::Element> & elements, bool left,
                    std::vector<std::string> columns, size_t max_block_size)
        : input_(std::move(input))
        , actions_(std::move(actions))
        , elements_(elements)
        , left_(left)
        , columns_(std::move(columns))
        , max_block_size_(std::max<size_t>(1, max_block_size))
    {
    }

    Block read() override
    {
        while (true)
        {
            if (position_ < block_.rows())
                return next();
            Block block = input_->read();
            if (block.columns() == 0)
                return {};
            if (block.rows() == 0)
                continue;
            start(std::move(block));
        }
    }

private:
    void start(Block block)
    {
        Block arrays_block = actions_->execute(block);
        arrays_.clear();
        size_t rows = block.rows();
        for (size_t k = 0; k < elements_.size(); ++k)
        {
            ColumnPtr column = convertToFullColumnIfConst(arrays_block.getByPosition(k).column);
            const auto * array = dynamic_cast<const ColumnArray *>(column.get());
            if (!array)
                throw Exception(ErrorCode::TYPE_MISMATCH, "ARRAY JOIN requires an array argument, got " +
                                                              arrays_block.getByPosition(k).type->getName());
            if (k > 0)
            {
                const auto & first = static_cast<const ColumnArray &>(*arrays_[0]).getOffsets();
                const auto & offsets = array->getOffsets();
                for (size_t i = 0; i < rows; ++i)
                    if (first[i] != offsets[i])
                        throw Exception(ErrorCode::SIZES_OF_COLUMNS_DOESNT_MATCH, "Sizes of ARRAY-JOINed arrays do not match");
            }
            arrays_.push_back(std::move(column));
        }
        block_ = std::move(block);
        position_ = 0;
    }

    /// Output rows for source rows [position_, end), at least one source row.
    Block next()
    {
        const auto & offsets = static_cast<const ColumnArray &>(*arrays_[0]).getOffsets();
        size_t rows = block_.rows();
        size_t begin = position_;
        size_t end = begin;
        size_t produced = 0;
        auto count = [&](size_t i)
        {
            size_t n = offsets[i] - (i == 0 ? 0 : offsets[i - 1]);
            return left_ ? std::max<size_t>(n, 1) : n;
        };
        while (end < rows && (end == begin || produced + count(end) <= max_block_size_))
        {
            produced += count(end);
            ++end;
        }
        position_ = end;
        size_t length = end - begin;
        Offsets replicate_offsets(length);
        size_t total = 0;
        bool has_empty = false;
        for (size_t i = 0; i < length; ++i)
        {
            total += count(begin + i);
            replicate_offsets[i] = total;
            has_empty = has_empty || offsets[begin + i] == (begin + i == 0 ? 0 : offsets[begin + i - 1]);
        }
        Block out;
        for (const auto & name : columns_)
        {
            bool is_element = false;
            for (size_t k = 0; k < elements_.size(); ++k)
            {
                if (elements_[k].name != name)
                    continue;
                is_element = true;
                const auto & array = static_cast<const ColumnArray &>(*arrays_[k]);
                size_t data_begin = begin == 0 ? 0 : offsets[begin - 1];
                size_t data_end = offsets[end - 1];
                ColumnPtr values;
                if (left_ && has_empty)
                {
                    auto result = array.getData().cloneEmpty();
                    for (size_t i = begin; i < end; ++i)
                    {
                        size_t from = i == 0 ? 0 : offsets[i - 1];
                        if (offsets[i] == from)
                            result->insertDefault();
                        else
                            result->insertRangeFrom(array.getData(), from, offsets[i] - from);
                    }
                    values = std::move(result);
                }
                else
                    values = array.getData().cut(data_begin, data_end - data_begin);
                out.insert({std::move(values), elements_[k].element_type, name});
                break;
            }
            if (is_element)
                continue;
            const auto & column = block_.getByName(name);
            ColumnPtr part = convertToFullColumnIfConst(column.column)->cut(begin, length);
            out.insert({part->replicate(replicate_offsets), column.type, name});
        }
        return out;
    }

    SourcePtr input_;
    ExpressionActionsPtr actions_;
    const std::vector<StorageArrayJoin::Element> & elements_;
    bool left_;
    std::vector<std::string> columns_;
    size_t max_block_size_;
    Block block_;
    Columns arrays_;
    size_t position_ = 0;
};

} // namespace

StorageArrayJoin::StorageArrayJoin(StoragePtr source, bool final, ExpressionActionsPtr actions, std::vector<Element> elements, bool left,
                                   ColumnsDescription columns)
    : source_(std::move(source))
    , final_(final)
    , actions_(std::move(actions))
    , elements_(std::move(elements))
    , left_(left)
    , columns_(std::move(columns))
{
}

void StorageArrayJoin::insert(const Block &, bool)
{
    throwReadOnly();
}

void StorageArrayJoin::truncate()
{
    throwReadOnly();
}

void StorageArrayJoin::deleteWhere(const IStorageExpression &)
{
    throwReadOnly();
}

std::vector<SourcePtr> StorageArrayJoin::read(const ReadRequest & request, ReadStatistics * statistics)
{
    std::vector<std::string> source_columns;
    auto add = [&](const std::string & name)
    {
        if (std::find(source_columns.begin(), source_columns.end(), name) == source_columns.end())
            source_columns.push_back(name);
    };
    for (const auto & name : request.column_names)
    {
        bool is_element = false;
        for (const auto & element : elements_)
            is_element = is_element || element.name == name;
        if (!is_element)
            add(name);
    }
    for (const auto & name : actions_->getRequiredInputs())
        add(name);
    if (source_columns.empty() && !source_->getColumns().empty())
        source_columns.push_back(source_->getColumns()[0].name);
    ReadRequest source_request = request;
    source_request.column_names = source_columns;
    source_request.key_condition = nullptr;
    source_request.final = final_;
    auto inputs = source_->read(source_request, statistics);
    std::vector<SourcePtr> sources;
    for (auto & input : inputs)
        sources.push_back(std::make_unique<SourceArrayJoin>(std::move(input), actions_, elements_, left_, request.column_names,
                                                            request.max_block_size));
    return sources;
}

} // namespace pipit
