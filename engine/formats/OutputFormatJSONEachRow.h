#pragma once

#include "engine/formats/IOutputFormat.h"

namespace pipit
{

/// JSONEachRow: one object per line, `{"a":1,"b":"x"}`. JSONCompactEachRow (compact): one array
/// per line, `[1, "x"]`.
class OutputFormatJSONEachRow final : public IOutputFormat
{
public:
    OutputFormatJSONEachRow(WriteBuffer & out, const Block & header, const FormatSettings & settings, bool compact);

    void write(const Block & block) override;
    std::string contentType() const override { return "application/x-ndjson; charset=UTF-8"; }

private:
    bool compact_;
    /// `"name":` per column, JSON-escaped.
    std::vector<std::string> rendered_names_;
};

} // namespace pipit
