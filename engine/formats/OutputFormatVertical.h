#pragma once

#include "engine/formats/IOutputFormat.h"

namespace pipit
{

/// Vertical: each row as "Row N:", a ─ rule as wide as that title, then one "name: value" line
/// per column with values aligned after the longest name; rows separated by an empty line.
/// NULL prints as ᴺᵁᴸᴸ. Byte-compatible with ClickHouse.
class OutputFormatVertical final : public IOutputFormat
{
public:
    OutputFormatVertical(WriteBuffer & out, const Block & header, const FormatSettings & settings);

    void write(const Block & block) override;

private:
    /// "name:" followed by spaces up to the common value column.
    std::vector<std::string> rendered_names_;
};

} // namespace pipit
