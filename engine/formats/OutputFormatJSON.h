#pragma once

#include "engine/formats/IOutputFormat.h"

namespace pipit
{

/// FORMAT JSON and JSONCompact: {"meta": [...], "data": [...], "rows": N,
/// "rows_before_limit_at_least": N (when known), "statistics": {...}} with ClickHouse's exact
/// layout (tab indentation, blank lines between sections). JSON writes each row as an object,
/// JSONCompact as an array of values.
class OutputFormatJSON final : public IOutputFormat
{
public:
    OutputFormatJSON(WriteBuffer & out, const Block & header, const FormatSettings & settings, bool compact);

    void writePrefix() override;
    void write(const Block & block) override;
    void writeTotals(const Block & totals) override;
    void writeSuffix() override;
    std::string contentType() const override { return "application/json; charset=UTF-8"; }

private:
    bool compact_;
    /// Column names pre-rendered as `"name": ` (with the JSON escaping).
    std::vector<std::string> rendered_names_;
    /// WITH TOTALS: written by writeSuffix() as "totals", after "data".
    std::optional<Block> totals_;
};

} // namespace pipit
