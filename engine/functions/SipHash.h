#pragma once

#include "engine/base/BasicTypes.h"

#include <cstddef>

namespace pipit
{

/// SipHash-2-4 with the all-zero key, as ClickHouse's sipHash64.
class SipHash
{
public:
    static UInt64 hash64(const char * data, size_t size);
};

} // namespace pipit
