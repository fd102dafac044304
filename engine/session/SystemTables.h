#pragma once

#include "engine/catalog/Catalog.h"
#include "engine/planner/ITableResolver.h"

#include <optional>
#include <string>

namespace pipit
{

/// The introspection tables of the `system` database, built from the catalog, the storages and
/// the function registries at the moment a query reads them (a snapshot, like ClickHouse's):
///   system.one        one row, column dummy UInt8 = 0
///   system.databases  name, engine
///   system.tables     database, name, engine, create_table_query, partition_key, sorting_key,
///                     total_rows, total_bytes
///   system.columns    database, table, name, type, position, default_kind, default_expression,
///                     compression_codec, is_in_partition_key, is_in_sorting_key
///   system.parts      database, table, partition, partition_id, name, active, rows,
///                     bytes_on_disk, marks, level, min_block_number, max_block_number
///   system.functions  name, is_aggregate, case_insensitive, alias_to, description, example
/// system.numbers is not here: the planner reads it as a generated source.
/// Returns nullopt for names that are not system tables (the caller reports UNKNOWN_TABLE).
std::optional<ResolvedTable> resolveSystemTable(const Catalog & catalog, const std::string & table);

} // namespace pipit
