#pragma once

#include "engine/storage/IStorage.h"

namespace pipit
{

/// Checks an inserted block against a table's physical (non-ALIAS) columns and returns it in table
/// order with full (non-const) columns. Missing column: THERE_IS_NO_COLUMN; unknown column:
/// NO_SUCH_COLUMN_IN_TABLE; different type: TYPE_MISMATCH; uneven sizes: SIZES_OF_COLUMNS_DOESNT_MATCH.
class StorageInsertNormalizer
{
public:
    static Block normalize(const ColumnsDescription & columns, const Block & block);
};

} // namespace pipit
