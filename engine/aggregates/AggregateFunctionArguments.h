#pragma once

#include "engine/base/Exception.h"
#include "engine/columns/Field.h"
#include "engine/types/IDataType.h"

#include <string>

namespace pipit
{

/// Throws NUMBER_OF_ARGUMENTS_DOESNT_MATCH unless there are exactly `count` arguments, and
/// BAD_ARGUMENTS if the function was given parameters (it takes none).
inline void checkAggregateArguments(const std::string & name, const DataTypes & argument_types, const FieldVector & parameters,
                                    size_t count)
{
    if (argument_types.size() != count)
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                        "Aggregate function " + name + " requires " + std::to_string(count) + " argument" + (count == 1 ? "" : "s"));
    if (!parameters.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Aggregate function " + name + " takes no parameters");
}

} // namespace pipit
