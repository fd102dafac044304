#pragma once

#include "engine/catalog/Catalog.h"
#include "engine/formats/IInputFormat.h"
#include "engine/io/ReadBuffer.h"
#include "engine/session/Database.h"
#include "engine/sql/ASTInsertQuery.h"
#include "engine/types/FormatSettings.h"

#include <string_view>

namespace pipit
{

/// INSERT INTO t [(cols)] VALUES ... | FORMAT X <data>: parses the data with the input format into
/// blocks of up to `max_insert_block_size` rows, completes missing columns with their DEFAULT
/// expressions (or type defaults) and MATERIALIZED columns, and inserts each block. A row that does
/// not fit its column fails the statement naming the row, column and reason; like ClickHouse,
/// blocks already inserted by a multi-million-row statement stay (each block is atomic).
class InsertInterpreter
{
public:
    static constexpr size_t max_insert_block_size = 1'048'576;

    /// `inline_data` is the statement's data if it has any (VALUES tuples or text after FORMAT X);
    /// otherwise `input` supplies it (null: no data). Returns rows inserted.
    static size_t execute(const ASTInsertQuery & insert, const CatalogTable & table, std::string_view inline_data, ReadBuffer * input,
                          const FormatSettings & settings, bool durable);

    /// INSERT INTO t [(cols)] SELECT ...: the SELECT's columns go to the listed (or all insertable) columns by
    /// position, cast to their types (NULL into a non-Nullable column becomes the type's default, as
    /// ClickHouse's insert_null_as_default); blocks of up to `max_insert_block_size` rows. Returns rows inserted.
    static size_t executeSelect(const ASTInsertQuery & insert, const CatalogTable & table, Catalog & catalog,
                                const StatementOptions & options);

    /// For callers that parse rows themselves (platform ingest). A filler that overwrites the cells
    /// listed in InputMissingValues with the column's DEFAULT expression (empty function when no
    /// column of `header` has one). Compiled once; reusable for every block of that header.
    static IInputFormat::DefaultsFiller makeDefaultsFiller(const Block & header, const ColumnsDescription & columns);
    /// Adds the table's columns missing from `block` (DEFAULT / MATERIALIZED expressions, type
    /// defaults) and orders them as the table; the result can go to IStorage::insert.
    static Block completeBlock(Block block, const ColumnsDescription & columns);
    /// Rows of `block` for which the SQL boolean `condition` over its columns holds (NULL: no).
    static Block filterBlock(const Block & block, std::string_view condition);
};

} // namespace pipit
