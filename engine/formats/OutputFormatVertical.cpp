#include "engine/formats/OutputFormatVertical.h"

#include "engine/columns/ColumnNullable.h"

namespace pipit
{

namespace
{

size_t displayWidth(std::string_view s)
{
    size_t width = 0;
    for (char c : s)
        width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return width;
}

} // namespace

OutputFormatVertical::OutputFormatVertical(WriteBuffer & out, const Block & header, const FormatSettings & settings)
    : IOutputFormat(out, header, settings)
{
    size_t max_width = 0;
    for (const auto & column : header_)
        max_width = std::max(max_width, displayWidth(column.name));
    for (const auto & column : header_)
        rendered_names_.push_back(column.name + ":" + std::string(max_width - displayWidth(column.name) + 1, ' '));
}

void OutputFormatVertical::write(const Block & block)
{
    Columns columns = materialize(block);
    size_t rows = block.rows();
    for (size_t row = 0; row < rows; ++row)
    {
        if (rows_written_ > 0)
            out_.write('\n');
        ++rows_written_;
        std::string title = "Row " + std::to_string(rows_written_) + ":";
        out_.write(title);
        out_.write('\n');
        for (size_t i = 0; i < title.size(); ++i)
            out_.write("─");
        out_.write('\n');
        for (size_t c = 0; c < columns.size(); ++c)
        {
            out_.write(rendered_names_[c]);
            const auto * nullable = dynamic_cast<const ColumnNullable *>(columns[c].get());
            if (nullable && nullable->isNullAt(row))
                out_.write("ᴺᵁᴸᴸ");
            else
                header_.getByPosition(c).type->serializeText(*columns[c], row, out_, settings_);
            out_.write('\n');
        }
    }
}

} // namespace pipit
