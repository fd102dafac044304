#include "engine/formats/OutputFormatPretty.h"

#include "engine/columns/ColumnNullable.h"

#include <string>

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

/// ClickHouse right-aligns numbers (and Nullable/LowCardinality of numbers), not dates.
bool alignsRight(std::string_view type_name)
{
    for (std::string_view wrapper : {std::string_view("Nullable("), std::string_view("LowCardinality(")})
        while (type_name.starts_with(wrapper))
            type_name.remove_prefix(wrapper.size());
    return type_name.starts_with("UInt") || type_name.starts_with("Int") || type_name.starts_with("Float") ||
           type_name.starts_with("Decimal");
}

void writeRepeated(WriteBuffer & out, std::string_view s, size_t count)
{
    for (size_t i = 0; i < count; ++i)
        out.write(s);
}

void writeAligned(WriteBuffer & out, std::string_view value, size_t value_width, size_t width, bool right, std::string_view pad = " ")
{
    if (right)
        writeRepeated(out, pad, width - value_width);
    out.write(value);
    if (!right)
        writeRepeated(out, pad, width - value_width);
}

} // namespace

OutputFormatPretty::OutputFormatPretty(WriteBuffer & out, const Block & header, const FormatSettings & settings, Style style)
    : IOutputFormat(out, header, settings)
    , style_(style)
{
    for (const auto & column : header_)
        align_right_.push_back(alignsRight(column.type->getName()));
}

void OutputFormatPretty::write(const Block & block)
{
    size_t rows = block.rows();
    if (total_rows_ >= max_rows)
    {
        total_rows_ += rows;
        return;
    }
    size_t shown = std::min(rows, max_rows - total_rows_);
    const size_t first_row_number = total_rows_ + 1;
    total_rows_ += rows;
    rows_written_ += shown;
    if (shown == 0)
        return;

    Columns columns = materialize(block);
    size_t num_columns = columns.size();

    // Render every cell once: widths need the whole block.
    std::vector<std::vector<std::string>> cells(num_columns);
    std::vector<std::vector<size_t>> cell_widths(num_columns);
    std::vector<size_t> widths(num_columns);
    std::vector<size_t> name_widths(num_columns);
    WriteBufferFromString buffer;
    for (size_t c = 0; c < num_columns; ++c)
    {
        const auto & type = *header_.getByPosition(c).type;
        const IColumn & column = *columns[c];
        const auto * nullable = dynamic_cast<const ColumnNullable *>(&column);
        name_widths[c] = displayWidth(header_.getByPosition(c).name);
        widths[c] = name_widths[c];
        cells[c].reserve(shown);
        for (size_t row = 0; row < shown; ++row)
        {
            if (nullable && nullable->isNullAt(row))
                cells[c].emplace_back("ᴺᵁᴸᴸ");
            else
            {
                type.serializeText(column, row, buffer, settings_);
                cells[c].push_back(buffer.release());
            }
            size_t w = displayWidth(cells[c].back());
            cell_widths[c].push_back(w);
            widths[c] = std::max(widths[c], w);
        }
    }

    // Row numbers are right-aligned to the widest one of this block ("N. "); every other line of
    // the table is indented by the same width.
    const size_t row_number_width = settings_.pretty_row_numbers ? std::to_string(first_row_number + shown - 1).size() + 2 : 0;
    auto write_indent = [&]
    {
        writeRepeated(out_, " ", row_number_width);
    };
    auto write_row_number = [&](size_t row)
    {
        if (!settings_.pretty_row_numbers)
            return;
        std::string number = std::to_string(first_row_number + row) + ". ";
        writeRepeated(out_, " ", row_number_width - number.size());
        out_.write(number);
    };
    auto write_line = [&](std::string_view left, std::string_view fill, std::string_view middle, std::string_view right)
    {
        write_indent();
        out_.write(left);
        for (size_t c = 0; c < num_columns; ++c)
        {
            if (c > 0)
                out_.write(middle);
            writeRepeated(out_, fill, widths[c] + 2);
        }
        out_.write(right);
        out_.write('\n');
    };
    auto write_row = [&](size_t row, std::string_view border)
    {
        write_row_number(row);
        for (size_t c = 0; c < num_columns; ++c)
        {
            out_.write(border);
            out_.write(' ');
            writeAligned(out_, cells[c][row], cell_widths[c][row], widths[c], align_right_[c]);
            out_.write(' ');
        }
        out_.write(border);
        out_.write('\n');
    };

    switch (style_)
    {
    case Style::Compact:
    {
        write_indent();
        out_.write("┌");
        for (size_t c = 0; c < num_columns; ++c)
        {
            if (c > 0)
                out_.write("┬");
            out_.write("─");
            writeAligned(out_, header_.getByPosition(c).name, name_widths[c], widths[c], align_right_[c], "─");
            out_.write("─");
        }
        out_.write("┐\n");
        for (size_t row = 0; row < shown; ++row)
            write_row(row, "│");
        write_line("└", "─", "┴", "┘");
        break;
    }
    case Style::Pretty:
    {
        write_line("┏", "━", "┳", "┓");
        write_indent();
        for (size_t c = 0; c < num_columns; ++c)
        {
            out_.write("┃ ");
            writeAligned(out_, header_.getByPosition(c).name, name_widths[c], widths[c], align_right_[c]);
            out_.write(' ');
        }
        out_.write("┃\n");
        write_line("┡", "━", "╇", "┩");
        for (size_t row = 0; row < shown; ++row)
        {
            if (row > 0)
                write_line("├", "─", "┼", "┤");
            write_row(row, "│");
        }
        write_line("└", "─", "┴", "┘");
        break;
    }
    case Style::Space:
    {
        write_indent();
        for (size_t c = 0; c < num_columns; ++c)
        {
            if (c > 0)
                out_.write("   ");
            writeAligned(out_, header_.getByPosition(c).name, name_widths[c], widths[c], align_right_[c]);
        }
        out_.write("\n\n");
        for (size_t row = 0; row < shown; ++row)
        {
            write_row_number(row);
            for (size_t c = 0; c < num_columns; ++c)
            {
                if (c > 0)
                    out_.write("   ");
                writeAligned(out_, cells[c][row], cell_widths[c][row], widths[c], align_right_[c]);
            }
            out_.write('\n');
        }
        break;
    }
    }
}

void OutputFormatPretty::writeTotals(const Block & totals)
{
    /// As ClickHouse: "Totals:" and the row as a table of its own, not counted in the rows shown.
    out_.write("\nTotals:\n");
    size_t total_rows = total_rows_;
    size_t rows_written = rows_written_;
    total_rows_ = 0;
    write(totals);
    total_rows_ = total_rows;
    rows_written_ = rows_written;
}

void OutputFormatPretty::writeSuffix()
{
    if (total_rows_ >= max_rows)
        out_.write((style_ == Style::Space ? "\nShowed first " : "  Showed first ") + std::to_string(max_rows) + ".\n");
}

} // namespace pipit
