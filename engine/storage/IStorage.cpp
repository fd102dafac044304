#include "engine/storage/IStorage.h"

#include "engine/base/Exception.h"

namespace pipit
{

void IStorage::replaceRows(const std::vector<Block> & /*blocks*/, const IStorageExpression * /*predicate*/, bool /*durable*/)
{
    throw Exception(ErrorCode::NOT_IMPLEMENTED, "Atomic replace is not supported yet by the " + getEngineName() + " engine");
}

} // namespace pipit
