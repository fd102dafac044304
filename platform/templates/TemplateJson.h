#pragma once

#include "platform/templates/TemplateValue.h"

#include <string>
#include <string_view>

namespace pipit
{

/// JSON <-> TemplateValue with Python `json` semantics: objects keep key order, integers stay integers
/// (beyond int64 -> big int), NaN/Infinity accepted, and parse errors carry Python's texts
/// ("Expecting value: line 1 column 1 (char 0)") because templates surface them (`JSON(x)`).
class TemplateJson
{
public:
    /// Throws std::invalid_argument with the Python-style message.
    static TemplateValue parse(std::string_view text);
    /// Compact JSON (strings escaped, None -> null, tuples as arrays, Sql/Placeholder as strings).
    static std::string serialize(const TemplateValue & value);
};

} // namespace pipit
