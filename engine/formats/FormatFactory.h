#pragma once

#include "engine/formats/IInputFormat.h"
#include "engine/formats/IOutputFormat.h"

#include <memory>
#include <string_view>
#include <vector>

namespace pipit
{

/// The registry of input and output formats: one explicit list (FormatFactory.cpp), names
/// case-sensitive as in ClickHouse. Unknown names throw UNKNOWN_FORMAT.
class FormatFactory
{
public:
    struct FormatInfo
    {
        std::string_view name;
        bool is_input;
        bool is_output;
    };

    /// Every format name, aliases included, in registration order (for system.formats).
    static const std::vector<FormatInfo> & formats();

    static bool isInputFormat(std::string_view name);
    static bool isOutputFormat(std::string_view name);
};

std::unique_ptr<IInputFormat> createInputFormat(std::string_view name, ReadBuffer & in, const Block & header,
                                                const FormatSettings & settings);
std::unique_ptr<IOutputFormat> createOutputFormat(std::string_view name, WriteBuffer & out, const Block & header,
                                                  const FormatSettings & settings);

bool isInputFormat(std::string_view name);
bool isOutputFormat(std::string_view name);

} // namespace pipit
