#pragma once

#include "engine/columns/Field.h"

#include <string>
#include <vector>

namespace pipit
{

/// One `name = value` of a SETTINGS clause or SET statement. The value is a constant literal
/// (numbers may be negative; `true`/`false` are UInt64 1/0).
struct SettingChange
{
    std::string name;
    Field value;

    bool operator==(const SettingChange &) const = default;
};

using SettingsChanges = std::vector<SettingChange>;

} // namespace pipit
