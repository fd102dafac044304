#include "engine/formats/OutputFormatPrometheus.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

#include <algorithm>

namespace pipit
{

namespace
{

std::string_view stripWrappers(std::string_view type_name)
{
    for (std::string_view wrapper : {std::string_view("Nullable("), std::string_view("LowCardinality(")})
        while (type_name.starts_with(wrapper) && type_name.ends_with(')'))
            type_name = type_name.substr(wrapper.size(), type_name.size() - wrapper.size() - 1);
    return type_name;
}

bool isStringType(std::string_view name)
{
    name = stripWrappers(name);
    return name == "String" || name.starts_with("FixedString(");
}

bool isNumberType(std::string_view name)
{
    name = stripWrappers(name);
    return name.starts_with("UInt") || name.starts_with("Int") || name.starts_with("Float") || name.starts_with("Decimal");
}

bool isLabelsType(std::string_view name)
{
    name = stripWrappers(name);
    constexpr std::string_view prefix = "Map(";
    if (!name.starts_with(prefix) || !name.ends_with(')'))
        return false;
    std::string_view inside = name.substr(prefix.size(), name.size() - prefix.size() - 1);
    size_t comma = inside.find(", ");
    return comma != std::string_view::npos && isStringType(inside.substr(0, comma)) && isStringType(inside.substr(comma + 2));
}

double labelNumber(const std::string & s)
{
    double value = 0;
    if (!tryParseFloat(s, value))
        return 0;
    return value;
}

} // namespace

OutputFormatPrometheus::OutputFormatPrometheus(WriteBuffer & out, const Block & header, const FormatSettings & settings)
    : IOutputFormat(out, header, settings)
{
    auto find = [&](const char * name, bool (*accepts)(std::string_view), bool required) -> std::optional<size_t>
    {
        const auto * column = header_.findByName(name);
        if (!column)
        {
            if (required)
                throw Exception(ErrorCode::BAD_ARGUMENTS, std::string("Column '") + name + "' is required for output format 'Prometheus'");
            return std::nullopt;
        }
        if (!accepts(column->type->getName()))
            throw Exception(ErrorCode::BAD_ARGUMENTS,
                            "Illegal type '" + column->type->getName() + "' of column '" + name + "' for output format 'Prometheus'");
        return header_.getPositionByName(name);
    };
    name_position_ = *find("name", isStringType, true);
    value_position_ = *find("value", isNumberType, true);
    help_position_ = find("help", isStringType, false);
    type_position_ = find("type", isStringType, false);
    timestamp_position_ = find("timestamp", isNumberType, false);
    labels_position_ = find("labels", isLabelsType, false);
}

std::string OutputFormatPrometheus::text(const IColumn & column, size_t position, size_t row) const
{
    WriteBufferFromString buffer;
    header_.getByPosition(position).type->serializeText(column, row, buffer, settings_);
    return buffer.release();
}

void OutputFormatPrometheus::write(const Block & block)
{
    Columns columns = materialize(block);
    size_t rows = block.rows();
    for (size_t row = 0; row < rows; ++row)
    {
        std::string name = text(*columns[name_position_], name_position_, row);
        if (name != metric_.name)
        {
            flushMetric();
            metric_.name = std::move(name);
        }
        if (help_position_ && metric_.help.empty() && !(*columns[*help_position_])[row].isNull())
        {
            metric_.help = text(*columns[*help_position_], *help_position_, row);
            std::replace(metric_.help.begin(), metric_.help.end(), '\n', ' ');
        }
        if (type_position_ && metric_.type.empty() && !(*columns[*type_position_])[row].isNull())
            metric_.type = text(*columns[*type_position_], *type_position_, row);

        Sample & sample = metric_.samples.emplace_back();
        sample.value = text(*columns[value_position_], value_position_, row);
        if (timestamp_position_)
        {
            Field timestamp = (*columns[*timestamp_position_])[row];
            if (!timestamp.isNull() && timestamp.toFloat64() != 0)
                sample.timestamp = text(*columns[*timestamp_position_], *timestamp_position_, row);
        }
        if (labels_position_)
        {
            Field labels = (*columns[*labels_position_])[row];
            if (const auto * map = labels.tryGet<FieldMap>())
            {
                for (const auto & entry : map->entries)
                {
                    const auto * pair = entry.tryGet<FieldTuple>();
                    if (!pair || pair->values.size() != 2)
                        continue;
                    const auto * key = pair->values[0].tryGet<std::string>();
                    const auto * value = pair->values[1].tryGet<std::string>();
                    if (key && value)
                        sample.labels.emplace(*key, *value);
                }
            }
        }
    }
    rows_written_ += rows;
}

void OutputFormatPrometheus::flushMetric()
{
    Metric metric = std::move(metric_);
    metric_ = Metric {};
    if (metric.name.empty() || metric.samples.empty())
        return;

    auto write_attribute = [&](std::string_view prefix, const std::string & value)
    {
        if (value.empty())
            return;
        out_.write(prefix);
        out_.write(metric.name);
        out_.write(' ');
        out_.write(value);
        out_.write('\n');
    };
    write_attribute("# HELP ", metric.help);
    write_attribute("# TYPE ", metric.type);

    const bool buckets = metric.type == "histogram" || metric.type == "summary";
    if (buckets)
    {
        // Buckets/quantiles in increasing order of their label, then _sum, then _count.
        const std::string bucket_label = metric.type == "histogram" ? "le" : "quantile";
        auto rank = [](const Sample & s)
        {
            return s.labels.contains("count") ? 2 : s.labels.contains("sum") ? 1 : 0;
        };
        std::stable_sort(metric.samples.begin(), metric.samples.end(),
                         [&](const Sample & lhs, const Sample & rhs)
                         {
                             int l = rank(lhs);
                             int r = rank(rhs);
                             if (l != r)
                                 return l < r;
                             auto lit = lhs.labels.find(bucket_label);
                             auto rit = rhs.labels.find(bucket_label);
                             if (lit != lhs.labels.end() && rit != rhs.labels.end())
                                 return labelNumber(lit->second) < labelNumber(rit->second);
                             return false;
                         });
        if (metric.type == "histogram")
        {
            // A histogram needs both {le="+Inf"} and _count (equal values): add the missing one.
            std::optional<Sample> inf_bucket;
            std::optional<Sample> count;
            for (const auto & sample : metric.samples)
            {
                if (sample.labels.contains("count"))
                {
                    inf_bucket = sample;
                    inf_bucket->labels = {{"le", "+Inf"}};
                }
                auto le = sample.labels.find("le");
                if (le != sample.labels.end() && le->second == "+Inf")
                {
                    count = sample;
                    count->labels = {{"count", ""}};
                }
            }
            if (inf_bucket && !count)
                metric.samples.push_back(*inf_bucket);
            if (!inf_bucket && count)
                metric.samples.push_back(*count);
        }
    }

    for (auto & sample : metric.samples)
    {
        out_.write(metric.name);
        if (buckets)
        {
            if (auto it = sample.labels.find("sum"); it != sample.labels.end())
            {
                out_.write("_sum");
                sample.labels.erase(it);
            }
            if (auto it = sample.labels.find("count"); it != sample.labels.end())
            {
                out_.write("_count");
                sample.labels.erase(it);
            }
            if (sample.labels.contains("le"))
                out_.write("_bucket");
        }
        if (!sample.labels.empty())
        {
            out_.write('{');
            bool first = true;
            for (const auto & [key, value] : sample.labels)
            {
                if (!first)
                    out_.write(',');
                first = false;
                out_.write(key);
                out_.write('=');
                writeDoubleQuotedString(value, out_);
            }
            out_.write('}');
        }
        out_.write(' ');
        if (sample.value == "nan")
            out_.write("NaN");
        else if (sample.value == "inf")
            out_.write("+Inf");
        else if (sample.value == "-inf")
            out_.write("-Inf");
        else
            out_.write(sample.value);
        if (!sample.timestamp.empty())
        {
            out_.write(' ');
            out_.write(sample.timestamp);
        }
        out_.write('\n');
    }
    out_.write('\n');
}

void OutputFormatPrometheus::writeSuffix()
{
    flushMetric();
}

} // namespace pipit
