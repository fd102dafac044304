#include "engine/aggregates/DataTypeAggregateFunction.h"

#include "engine/aggregates/ColumnAggregateFunction.h"
#include "engine/io/ReadHelpers.h"

namespace pipit
{

std::string DataTypeAggregateFunction::getName() const
{
    std::string res = "AggregateFunction(" + function_->getNameWithParameters();
    for (const auto & type : function_->getArgumentTypes())
        res += ", " + type->getName();
    return res + ")";
}

MutableColumnPtr DataTypeAggregateFunction::createColumn() const
{
    return ColumnAggregateFunction::create(function_);
}

Field DataTypeAggregateFunction::getDefault() const
{
    auto column = ColumnAggregateFunction::create(function_);
    column->insertDefault();
    return (*column)[0];
}

void DataTypeAggregateFunction::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    const auto & col = assertColumnCast<ColumnAggregateFunction>(column);
    function_->serialize(col.getData()[row], out);
}

void DataTypeAggregateFunction::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string s;
    readWholeRest(s, in);
    column.insert(Field(std::move(s)));
}

void DataTypeAggregateFunction::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnAggregateFunction>(column);
    size_t end = offset >= col.size() ? offset : offset + std::min(limit, col.size() - offset);
    for (size_t i = offset; i < end; ++i)
        function_->serialize(col.getData()[i], out);
}

void DataTypeAggregateFunction::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & col = assertColumnCast<ColumnAggregateFunction>(column);
    size_t initial = col.size();
    try
    {
        for (size_t i = 0; i < limit; ++i)
            col.insertDeserialized(in);
    }
    catch (...)
    {
        col.popBack(col.size() - initial);
        throw;
    }
}

} // namespace pipit
