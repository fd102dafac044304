#pragma once

#include "engine/catalog/Catalog.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"
#include "engine/types/FormatSettings.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

struct DatabaseOptions
{
    /// Root of the data directory: metadata/ and data/ (see Catalog).
    std::string data_path = "./pipit-data";
};

/// Row-level access filter of a SELECT: every read of `database`.`table` in the statement sees only the rows where
/// `condition` (SQL expression over the table's columns) is true (see StorageRowFilter).
struct TableRowFilter
{
    std::string database;
    std::string table;
    std::string condition;
};

struct StatementOptions
{
    /// Output format of a result when the statement has no FORMAT clause.
    std::string default_format = "TSV";
    FormatSettings format_settings;
    /// INSERT returns only once its WAL record is fsync'd.
    bool durable_inserts = false;
    /// Threads per query (0: all cores).
    size_t max_threads = 0;
    /// Database of unqualified table names; empty means "default".
    std::string current_database;
    /// A SELECT still running after this many seconds stops with TIMEOUT_EXCEEDED (0: no limit).
    double max_execution_seconds = 0;
    /// Heap bytes a SELECT may use before it stops with MEMORY_LIMIT_EXCEEDED (0: defaultMaxMemoryUsage(), 10 GiB
    /// or 80% of RAM; a query's SETTINGS max_memory_usage can only lower it).
    Int64 max_memory_usage = 0;
    /// Row filters applied to table reads of SELECT/EXPLAIN (several for one table are ANDed). When non-empty,
    /// system tables other than system.one/system.numbers cannot be read (ACCESS_DENIED): they describe tables
    /// without the filters.
    std::vector<TableRowFilter> row_filters;
    /// Reads only tables of current_database (plus system.one and system.numbers): a table of another database or
    /// another system table is ACCESS_DENIED. The HTTP API sets it so that no SQL text a caller influences (template
    /// parameters such as table(), pipes read from /v0/sql) reaches another workspace's data or the catalog.
    bool only_current_database = false;
};

/// The embedding API of the engine: opens a data directory and executes SQL statements against it.
/// Thread-safe; statements may run concurrently.
class Database
{
public:
    explicit Database(DatabaseOptions options);
    /// Flushes buffered inserts and stops background work.
    ~Database();

    /// Executes one statement. INSERT ... FORMAT reads its data from the text after the format
    /// name in `statement` if there is any, else from `input` (which may be null: then the data is
    /// empty). Results of SELECT, SHOW, DESCRIBE and EXPLAIN are written to `output` in the
    /// statement's FORMAT or options.default_format. Throws Exception on any error; a failed
    /// INSERT inserts nothing.
    void execute(std::string_view statement, ReadBuffer * input, WriteBuffer & output, const StatementOptions & options);

    Catalog & catalog() { return *catalog_; }

private:
    DatabaseOptions options_;
    std::unique_ptr<Catalog> catalog_;
};

} // namespace pipit
