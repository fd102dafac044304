#pragma once

#include "engine/formats/IOutputFormat.h"

namespace pipit
{

/// The Pretty family, byte-compatible with ClickHouse without colours: each block is one table
/// sized to its widest values (widths in Unicode code points); numbers are right-aligned, NULL
/// prints as ᴺᵁᴸᴸ. At most max_rows rows are printed in total; reaching
/// that limit adds "Showed first N." (as ClickHouse does, also when exactly N rows came).
///   Pretty:        ┏━┳━┓ header ┡━╇━┩, rows separated by ├─┼─┤, └─┴─┘
///   PrettyCompact: ┌─name─┬─┐ header line, rows, └─┴─┘
///   PrettySpace:   columns separated by three spaces, a blank line after the header
/// With FormatSettings::pretty_row_numbers (the default) each row starts with "N. " right-aligned to
/// the widest number of its block, the other lines are indented by that width, and numbering goes on
/// across blocks.
class OutputFormatPretty final : public IOutputFormat
{
public:
    enum class Style
    {
        Pretty,
        Compact,
        Space,
    };

    static constexpr size_t max_rows = 10000;

    OutputFormatPretty(WriteBuffer & out, const Block & header, const FormatSettings & settings, Style style);

    void write(const Block & block) override;
    void writeTotals(const Block & totals) override;
    void writeSuffix() override;

private:
    Style style_;
    std::vector<bool> align_right_;
    size_t total_rows_ = 0;
};

} // namespace pipit
