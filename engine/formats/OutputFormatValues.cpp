#include "engine/formats/OutputFormatValues.h"

namespace pipit
{

void OutputFormatValues::write(const Block & block)
{
    Columns columns = materialize(block);
    size_t rows = block.rows();
    for (size_t row = 0; row < rows; ++row)
    {
        if (rows_written_ > 0)
            out_.write(',');
        out_.write('(');
        for (size_t c = 0; c < columns.size(); ++c)
        {
            if (c > 0)
                out_.write(',');
            header_.getByPosition(c).type->serializeTextQuoted(*columns[c], row, out_, settings_);
        }
        out_.write(')');
        ++rows_written_;
    }
}

} // namespace pipit
