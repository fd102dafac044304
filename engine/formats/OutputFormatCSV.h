#pragma once

#include "engine/formats/IOutputFormat.h"

namespace pipit
{

/// CSV: values through serializeTextCSV, FormatSettings::csv_delimiter between them, "\n" after
/// each row. CSVWithNames / CSVWithNamesAndTypes start with a row of quoted names (and types).
class OutputFormatCSV final : public IOutputFormat
{
public:
    OutputFormatCSV(WriteBuffer & out, const Block & header, const FormatSettings & settings, bool with_names, bool with_types);

    void writePrefix() override;
    void write(const Block & block) override;
    void writeTotals(const Block & totals) override;
    std::string contentType() const override { return "text/csv; charset=UTF-8; header=absent"; }

private:
    bool with_names_;
    bool with_types_;
};

} // namespace pipit
