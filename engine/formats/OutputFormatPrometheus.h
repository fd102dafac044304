#pragma once

#include "engine/formats/IOutputFormat.h"

#include <map>
#include <optional>

namespace pipit
{

/// Prometheus text exposition (ClickHouse FORMAT Prometheus, Tinybird `.prometheus` endpoints).
/// Columns: `name` (String) and `value` (number) required; optional `help`, `type` (String),
/// `timestamp` (number, written when non-zero) and `labels` (Map(String, String)). Consecutive
/// rows with the same name form one metric: "# HELP"/"# TYPE" lines (first non-empty values),
/// one line per row `name{label="value",...} value [timestamp]` with labels sorted by key, then
/// an empty line. For histogram/summary, rows are ordered by the le/quantile label, rows with
/// labels {'sum':''} / {'count':''} become name_sum / name_count, `le` rows name_bucket, and a
/// histogram gets the missing one of {le="+Inf"} / _count. Values nan/inf/-inf print as
/// NaN/+Inf/-Inf. A missing or ill-typed required column throws BAD_ARGUMENTS.
class OutputFormatPrometheus final : public IOutputFormat
{
public:
    OutputFormatPrometheus(WriteBuffer & out, const Block & header, const FormatSettings & settings);

    void write(const Block & block) override;
    void writeSuffix() override;
    std::string contentType() const override { return "text/plain; version=0.0.4; charset=UTF-8"; }

private:
    struct Sample
    {
        std::map<std::string, std::string> labels;
        std::string value;
        std::string timestamp;
    };
    struct Metric
    {
        std::string name;
        std::string help;
        std::string type;
        std::vector<Sample> samples;
    };

    void flushMetric();
    std::string text(const IColumn & column, size_t position, size_t row) const;

    size_t name_position_ = 0;
    size_t value_position_ = 0;
    std::optional<size_t> help_position_;
    std::optional<size_t> type_position_;
    std::optional<size_t> timestamp_position_;
    std::optional<size_t> labels_position_;
    Metric metric_;
};

} // namespace pipit
