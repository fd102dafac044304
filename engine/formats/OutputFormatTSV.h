#pragma once

#include "engine/formats/IOutputFormat.h"

namespace pipit
{

/// TabSeparated: values through serializeTextEscaped (TSVRaw: serializeText, no escaping), '\t'
/// between them, "\n" after each row. WithNames / WithNamesAndTypes add header rows of escaped
/// names (and type names).
class OutputFormatTSV final : public IOutputFormat
{
public:
    OutputFormatTSV(WriteBuffer & out, const Block & header, const FormatSettings & settings, bool with_names, bool with_types, bool raw);

    void writePrefix() override;
    void write(const Block & block) override;
    void writeTotals(const Block & totals) override;
    std::string contentType() const override { return "text/tab-separated-values; charset=UTF-8"; }

private:
    bool with_names_;
    bool with_types_;
    bool raw_;
};

} // namespace pipit
