#include "engine/formats/FormatFactory.h"

#include "engine/base/Exception.h"
#include "engine/formats/InputFormatDelimited.h"
#include "engine/formats/InputFormatJSONEachRow.h"
#include "engine/formats/InputFormatValues.h"
#include "engine/formats/OutputFormatCSV.h"
#include "engine/formats/OutputFormatJSON.h"
#include "engine/formats/OutputFormatJSONEachRow.h"
#include "engine/formats/OutputFormatNull.h"
#include "engine/formats/OutputFormatPretty.h"
#include "engine/formats/OutputFormatPrometheus.h"
#include "engine/formats/OutputFormatTSV.h"
#include "engine/formats/OutputFormatValues.h"
#include "engine/formats/OutputFormatVertical.h"

#include <functional>

namespace pipit
{

namespace
{

using InputCreator = std::function<std::unique_ptr<IInputFormat>(ReadBuffer &, const Block &, const FormatSettings &)>;
using OutputCreator = std::function<std::unique_ptr<IOutputFormat>(WriteBuffer &, const Block &, const FormatSettings &)>;

struct FormatEntry
{
    std::string_view name;
    InputCreator input;
    OutputCreator output;
};

template <typename F, typename... Args>
InputCreator input(Args... args)
{
    return [=](ReadBuffer & in, const Block & header, const FormatSettings & settings) -> std::unique_ptr<IInputFormat>
    {
        return std::make_unique<F>(in, header, settings, args...);
    };
}

template <typename F, typename... Args>
OutputCreator output(Args... args)
{
    return [=](WriteBuffer & out, const Block & header, const FormatSettings & settings) -> std::unique_ptr<IOutputFormat>
    {
        return std::make_unique<F>(out, header, settings, args...);
    };
}

/// The registration list.
const std::vector<FormatEntry> & entries()
{
    using Pretty = OutputFormatPretty::Style;
    using Delimited = InputFormatDelimited::Dialect;
    static const std::vector<FormatEntry> list = {
        {"JSONEachRow", input<InputFormatJSONEachRow>(), output<OutputFormatJSONEachRow>(false)},
        {"NDJSON", input<InputFormatJSONEachRow>(), output<OutputFormatJSONEachRow>(false)},
        {"JSONLines", input<InputFormatJSONEachRow>(), output<OutputFormatJSONEachRow>(false)},
        {"JSONCompactEachRow", nullptr, output<OutputFormatJSONEachRow>(true)},
        {"JSON", nullptr, output<OutputFormatJSON>(false)},
        {"JSONCompact", nullptr, output<OutputFormatJSON>(true)},
        {"CSV", input<InputFormatDelimited>(Delimited::CSV, false), output<OutputFormatCSV>(false, false)},
        {"CSVWithNames", input<InputFormatDelimited>(Delimited::CSV, true), output<OutputFormatCSV>(true, false)},
        {"CSVWithNamesAndTypes", input<InputFormatDelimited>(Delimited::CSV, true, true), output<OutputFormatCSV>(true, true)},
        {"TabSeparated", input<InputFormatDelimited>(Delimited::TSV, false), output<OutputFormatTSV>(false, false, false)},
        {"TSV", input<InputFormatDelimited>(Delimited::TSV, false), output<OutputFormatTSV>(false, false, false)},
        {"TabSeparatedWithNames", input<InputFormatDelimited>(Delimited::TSV, true), output<OutputFormatTSV>(true, false, false)},
        {"TSVWithNames", input<InputFormatDelimited>(Delimited::TSV, true), output<OutputFormatTSV>(true, false, false)},
        {"TabSeparatedWithNamesAndTypes", input<InputFormatDelimited>(Delimited::TSV, true, true),
         output<OutputFormatTSV>(true, true, false)},
        {"TSVWithNamesAndTypes", input<InputFormatDelimited>(Delimited::TSV, true, true), output<OutputFormatTSV>(true, true, false)},
        {"TabSeparatedRaw", nullptr, output<OutputFormatTSV>(false, false, true)},
        {"TSVRaw", nullptr, output<OutputFormatTSV>(false, false, true)},
        {"Values", input<InputFormatValues>(), output<OutputFormatValues>()},
        {"Pretty", nullptr, output<OutputFormatPretty>(Pretty::Pretty)},
        {"PrettyCompact", nullptr, output<OutputFormatPretty>(Pretty::Compact)},
        {"PrettySpace", nullptr, output<OutputFormatPretty>(Pretty::Space)},
        {"Vertical", nullptr, output<OutputFormatVertical>()},
        {"Prometheus", nullptr, output<OutputFormatPrometheus>()},
        {"Null", nullptr, output<OutputFormatNull>()},
    };
    return list;
}

const FormatEntry * findEntry(std::string_view name)
{
    for (const auto & entry : entries())
        if (entry.name == name)
            return &entry;
    return nullptr;
}

[[noreturn]] void throwUnknownFormat(std::string_view name, const char * direction)
{
    if (findEntry(name))
        throw Exception(ErrorCode::UNKNOWN_FORMAT, "Format " + std::string(name) + " is not suitable for " + direction);
    throw Exception(ErrorCode::UNKNOWN_FORMAT, "Unknown format " + std::string(name));
}

} // namespace

const std::vector<FormatFactory::FormatInfo> & FormatFactory::formats()
{
    static const std::vector<FormatInfo> infos = []
    {
        std::vector<FormatInfo> res;
        for (const auto & entry : entries())
            res.push_back({entry.name, entry.input != nullptr, entry.output != nullptr});
        return res;
    }();
    return infos;
}

bool FormatFactory::isInputFormat(std::string_view name)
{
    const auto * entry = findEntry(name);
    return entry && entry->input;
}

bool FormatFactory::isOutputFormat(std::string_view name)
{
    const auto * entry = findEntry(name);
    return entry && entry->output;
}

bool isInputFormat(std::string_view name)
{
    return FormatFactory::isInputFormat(name);
}

bool isOutputFormat(std::string_view name)
{
    return FormatFactory::isOutputFormat(name);
}

std::unique_ptr<IInputFormat> createInputFormat(std::string_view name, ReadBuffer & in, const Block & header,
                                                const FormatSettings & settings)
{
    const auto * entry = findEntry(name);
    if (!entry || !entry->input)
        throwUnknownFormat(name, "input");
    return entry->input(in, header, settings);
}

std::unique_ptr<IOutputFormat> createOutputFormat(std::string_view name, WriteBuffer & out, const Block & header,
                                                  const FormatSettings & settings)
{
    const auto * entry = findEntry(name);
    if (!entry || !entry->output)
        throwUnknownFormat(name, "output");
    return entry->output(out, header, settings);
}

} // namespace pipit
