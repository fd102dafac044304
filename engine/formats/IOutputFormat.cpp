#include "engine/formats/IOutputFormat.h"

#include "engine/base/Check.h"
#include "engine/columns/ColumnConst.h"

namespace pipit
{

IOutputFormat::IOutputFormat(WriteBuffer & out, const Block & header, const FormatSettings & settings)
    : out_(out)
    , header_(header.cloneEmptyHeader())
    , settings_(settings)
{
}

Columns IOutputFormat::materialize(const Block & block) const
{
    CHECK(block.columns() == header_.columns());
    Columns columns;
    columns.reserve(block.columns());
    for (const auto & column : block)
        columns.push_back(convertToFullColumnIfConst(column.column));
    return columns;
}

} // namespace pipit
