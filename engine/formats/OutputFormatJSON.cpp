#include "engine/formats/OutputFormatJSON.h"

#include "engine/io/WriteHelpers.h"

#include <charconv>

namespace pipit
{

namespace
{

void writeUnsigned(WriteBuffer & out, UInt64 value)
{
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof(buf), value);
    out.write(buf, static_cast<size_t>(res.ptr - buf));
}

} // namespace

OutputFormatJSON::OutputFormatJSON(WriteBuffer & out, const Block & header, const FormatSettings & settings, bool compact)
    : IOutputFormat(out, header, settings)
    , compact_(compact)
{
    for (const auto & column : header_)
    {
        WriteBufferFromString name;
        writeJSONString(column.name, name, settings_.json_escape_forward_slashes);
        name.write(": ");
        rendered_names_.push_back(name.release());
    }
}

void OutputFormatJSON::writePrefix()
{
    out_.write("{\n\t\"meta\":\n\t[\n");
    for (size_t i = 0; i < header_.columns(); ++i)
    {
        const auto & column = header_.getByPosition(i);
        out_.write("\t\t{\n\t\t\t\"name\": ");
        writeJSONString(column.name, out_, settings_.json_escape_forward_slashes);
        out_.write(",\n\t\t\t\"type\": ");
        writeJSONString(column.type->getName(), out_, settings_.json_escape_forward_slashes);
        out_.write(i + 1 < header_.columns() ? "\n\t\t},\n" : "\n\t\t}\n");
    }
    out_.write("\t],\n\n\t\"data\":\n\t[\n");
}

void OutputFormatJSON::write(const Block & block)
{
    Columns columns = materialize(block);
    size_t rows = block.rows();
    size_t num_columns = columns.size();
    for (size_t row = 0; row < rows; ++row)
    {
        if (rows_written_ > 0)
            out_.write(",\n");
        if (compact_)
        {
            out_.write("\t\t[");
            for (size_t c = 0; c < num_columns; ++c)
            {
                if (c > 0)
                    out_.write(", ");
                header_.getByPosition(c).type->serializeTextJSON(*columns[c], row, out_, settings_);
            }
            out_.write(']');
        }
        else
        {
            out_.write("\t\t{\n");
            for (size_t c = 0; c < num_columns; ++c)
            {
                out_.write("\t\t\t");
                out_.write(rendered_names_[c]);
                header_.getByPosition(c).type->serializeTextJSON(*columns[c], row, out_, settings_);
                out_.write(c + 1 < num_columns ? ",\n" : "\n");
            }
            out_.write("\t\t}");
        }
        ++rows_written_;
    }
}

void OutputFormatJSON::writeTotals(const Block & totals)
{
    totals_ = totals;
}

void OutputFormatJSON::writeSuffix()
{
    out_.write("\n\t],\n\n");
    if (totals_ && totals_->rows() > 0)
    {
        Columns columns = materialize(*totals_);
        size_t num_columns = columns.size();
        if (compact_)
        {
            out_.write("\t\"totals\": [");
            for (size_t c = 0; c < num_columns; ++c)
            {
                if (c > 0)
                    out_.write(", ");
                header_.getByPosition(c).type->serializeTextJSON(*columns[c], 0, out_, settings_);
            }
            out_.write("],\n\n");
        }
        else
        {
            out_.write("\t\"totals\":\n\t{\n");
            for (size_t c = 0; c < num_columns; ++c)
            {
                out_.write("\t\t");
                out_.write(rendered_names_[c]);
                header_.getByPosition(c).type->serializeTextJSON(*columns[c], 0, out_, settings_);
                out_.write(c + 1 < num_columns ? ",\n" : "\n");
            }
            out_.write("\t},\n\n");
        }
    }
    out_.write("\t\"rows\": ");
    writeUnsigned(out_, rows_written_);
    out_.write(",\n\n");
    if (statistics_.rows_before_limit_at_least)
    {
        out_.write("\t\"rows_before_limit_at_least\": ");
        writeUnsigned(out_, *statistics_.rows_before_limit_at_least);
        out_.write(",\n\n");
    }
    out_.write("\t\"statistics\":\n\t{\n\t\t\"elapsed\": ");
    writeFloatText(statistics_.elapsed_seconds, out_);
    out_.write(",\n\t\t\"rows_read\": ");
    writeUnsigned(out_, statistics_.rows_read);
    out_.write(",\n\t\t\"bytes_read\": ");
    writeUnsigned(out_, statistics_.bytes_read);
    out_.write("\n\t}\n}\n");
}

} // namespace pipit
