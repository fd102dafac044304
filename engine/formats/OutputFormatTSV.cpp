#include "engine/formats/OutputFormatTSV.h"

#include "engine/io/WriteHelpers.h"

namespace pipit
{

OutputFormatTSV::OutputFormatTSV(WriteBuffer & out, const Block & header, const FormatSettings & settings, bool with_names, bool with_types,
                                 bool raw)
    : IOutputFormat(out, header, settings)
    , with_names_(with_names)
    , with_types_(with_types)
    , raw_(raw)
{
}

void OutputFormatTSV::writePrefix()
{
    auto write_row = [&](auto && get)
    {
        for (size_t i = 0; i < header_.columns(); ++i)
        {
            if (i > 0)
                out_.write('\t');
            writeEscapedString(get(header_.getByPosition(i)), out_);
        }
        out_.write('\n');
    };
    if (with_names_)
        write_row([](const ColumnWithTypeAndName & c) { return c.name; });
    if (with_types_)
        write_row([](const ColumnWithTypeAndName & c) { return c.type->getName(); });
}

void OutputFormatTSV::writeTotals(const Block & totals)
{
    /// As ClickHouse: an empty line, then the totals row.
    size_t rows_written = rows_written_;
    out_.write('\n');
    write(totals);
    rows_written_ = rows_written;
}

void OutputFormatTSV::write(const Block & block)
{
    Columns columns = materialize(block);
    size_t rows = block.rows();
    size_t num_columns = columns.size();
    for (size_t row = 0; row < rows; ++row)
    {
        for (size_t c = 0; c < num_columns; ++c)
        {
            if (c > 0)
                out_.write('\t');
            if (raw_)
                header_.getByPosition(c).type->serializeText(*columns[c], row, out_, settings_);
            else
                header_.getByPosition(c).type->serializeTextEscaped(*columns[c], row, out_, settings_);
        }
        out_.write('\n');
    }
    rows_written_ += rows;
}

} // namespace pipit
