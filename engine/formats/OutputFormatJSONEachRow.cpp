#include "engine/formats/OutputFormatJSONEachRow.h"

#include "engine/io/WriteHelpers.h"

namespace pipit
{

OutputFormatJSONEachRow::OutputFormatJSONEachRow(WriteBuffer & out, const Block & header, const FormatSettings & settings, bool compact)
    : IOutputFormat(out, header, settings)
    , compact_(compact)
{
    for (const auto & column : header_)
    {
        WriteBufferFromString name;
        writeJSONString(column.name, name, settings_.json_escape_forward_slashes);
        name.write(':');
        rendered_names_.push_back(name.release());
    }
}

void OutputFormatJSONEachRow::write(const Block & block)
{
    Columns columns = materialize(block);
    size_t rows = block.rows();
    size_t num_columns = columns.size();
    for (size_t row = 0; row < rows; ++row)
    {
        out_.write(compact_ ? '[' : '{');
        for (size_t c = 0; c < num_columns; ++c)
        {
            if (c > 0)
                out_.write(compact_ ? std::string_view(", ") : std::string_view(","));
            if (!compact_)
                out_.write(rendered_names_[c]);
            header_.getByPosition(c).type->serializeTextJSON(*columns[c], row, out_, settings_);
        }
        out_.write(compact_ ? "]\n" : "}\n");
    }
    rows_written_ += rows;
}

} // namespace pipit
