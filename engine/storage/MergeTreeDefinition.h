#pragma once

#include "engine/storage/IStorage.h"
#include "engine/storage/MergeTreeSettings.h"

#include <memory>
#include <vector>

namespace pipit
{

/// Everything that defines a MergeTree table besides its directory: built by the catalog from
/// CREATE TABLE (expressions compiled by the session layer).
struct MergeTreeDefinition
{
    ColumnsDescription columns;
    /// ORDER BY elements; empty = ORDER BY tuple() (no sort).
    std::vector<StorageExpressionPtr> sort_key;
    /// Length of the PRIMARY KEY prefix of sort_key stored in primary.idx; SIZE_MAX = all of it.
    size_t primary_key_size = SIZE_MAX;
    /// PARTITION BY; null = one partition "all".
    StorageExpressionPtr partition_key;
    /// TTL expression returning Date/Date32/DateTime/DateTime64; null = no TTL.
    StorageExpressionPtr ttl;
    /// Column TTLs: (column, expression returning Date/Date32/DateTime/DateTime64). A merge resets
    /// a column's value to the type default in rows whose expression value is <= now.
    std::vector<std::pair<std::string, StorageExpressionPtr>> column_ttl;
    MergeTreeSettings settings;

    size_t primaryKeySize() const { return primary_key_size > sort_key.size() ? sort_key.size() : primary_key_size; }
};

} // namespace pipit
