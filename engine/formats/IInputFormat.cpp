#include "engine/formats/IInputFormat.h"

namespace pipit
{

IInputFormat::IInputFormat(ReadBuffer & in, Block header, const FormatSettings & settings)
    : in_(in)
    , header_(header.cloneEmptyHeader())
    , settings_(settings)
{
    missing_.rows_per_column.resize(header_.columns());
}

void IInputFormat::finishBlock(Block & good_rows, MutableColumns & columns)
{
    Block block;
    for (size_t i = 0; i < header_.columns(); ++i)
    {
        const auto & h = header_.getByPosition(i);
        block.insert({std::move(columns[i]), h.type, h.name});
    }
    good_rows = std::move(block);
    if (defaults_filler_ && good_rows.rows() > 0 && !missing_.empty())
        defaults_filler_(good_rows, missing_);
}

std::string IInputFormat::truncateRaw(std::string_view raw)
{
    return std::string(raw.substr(0, std::min(raw.size(), max_raw_row_bytes)));
}

} // namespace pipit
