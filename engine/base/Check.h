#pragma once

#include "engine/base/Exception.h"

/// CHECK states an internal invariant. A failure is a bug in pipit, never a user error: it throws
/// LOGICAL_ERROR with the location so the query fails instead of the process.
#define CHECK(condition)                                                                                                                   \
    do                                                                                                                                     \
    {                                                                                                                                      \
        if (!(condition)) [[unlikely]]                                                                                                     \
            throw ::pipit::Exception(::pipit::ErrorCode::LOGICAL_ERROR, std::string("Logical error: check failed: " #condition " at ") +   \
                                                                            __FILE__ + ":" + std::to_string(__LINE__));                    \
    } while (false)
