#include "engine/execution/AggregationHash.h"

#include <xxhash.h>

namespace pipit
{

UInt64 aggregationHashBytes(const char * data, size_t size)
{
    return XXH3_64bits(data, size);
}

} // namespace pipit
