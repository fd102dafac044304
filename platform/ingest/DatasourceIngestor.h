#pragma once

#include "platform/jobs/JobQueue.h"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

class Database;

/// One column fed from a JSON path of each NDJSON row (tinybird.md §1.2): "$.a", "$.a.b.c",
/// "$.arr[0]" (one element), "$.arr[:]" (the whole array), "$" (the whole row as text).
/// Keys may be quoted: "$['a b'].c".
struct IngestColumnPath
{
    std::string column;
    std::string jsonpath;
};

/// Where rows go. Columns without a path (or every column when json_paths is empty) are read
/// from the top-level key named like the column.
struct IngestTarget
{
    std::string database = "default";
    std::string table;
    std::vector<IngestColumnPath> json_paths;
};

enum class IngestFormat
{
    NDJSON,
    CSV,
};

enum class IngestCsvHeader
{
    /// The first row is a header when every field of it names a column of the table.
    Auto,
    Present,
    Absent,
};

struct IngestOptions
{
    IngestFormat format = IngestFormat::NDJSON;
    /// Return only once the rows are fsync'd (Events API wait=true).
    bool durable = false;
    /// CSV dialect (dialect_delimiter, dialect_new_line, dialect_escapechar).
    char csv_delimiter = ',';
    /// Row terminator: "\n" (also accepts "\r\n") or any other 1-2 character sequence.
    std::string csv_new_line = "\n";
    /// Escape character inside quoted fields besides the doubled quote; 0 = none.
    char csv_escapechar = 0;
    IngestCsvHeader csv_header = IngestCsvHeader::Auto;
    /// Stored in c__import_id of quarantined rows; empty: a fresh id per call.
    std::string import_id;
};

struct IngestResult
{
    size_t successful_rows = 0;
    size_t quarantined_rows = 0;
    /// The import id used for quarantined rows.
    std::string import_id;
    /// The first few reasons rows were quarantined ("column 'x': value 'a' is not Int32").
    std::vector<std::string> errors;
};

/// Writes NDJSON / CSV bodies into data source tables (Events API, Data Sources API, local loads).
/// Rows that do not fit the schema go to `<table>_quarantine` (created on first use) with the
/// reason; they are never dropped and never fail the call. Thread-safe; per-table prepared state
/// (columns, paths, parsers) is cached between calls and rebuilt when the table is recreated.
class DatasourceIngestor
{
public:
    /// Largest number of quarantine reasons kept in IngestResult::errors.
    static constexpr size_t max_reported_errors = 10;

    explicit DatasourceIngestor(Database & database);
    ~DatasourceIngestor();

    DatasourceIngestor(const DatasourceIngestor &) = delete;
    DatasourceIngestor & operator=(const DatasourceIngestor &) = delete;

    /// Appends every row of `body`. All good rows of one call are inserted as one atomic block and
    /// acknowledged together (bodies over 1M rows are inserted in blocks of 1M rows). Throws
    /// UNKNOWN_TABLE / UNKNOWN_DATABASE, BAD_ARGUMENTS for an invalid jsonpath or CSV dialect.
    IngestResult append(const IngestTarget & target, std::string_view body, const IngestOptions & options);

    /// Replaces the table's data with the good rows of `body`. With a `replace_condition` (SQL
    /// boolean expression over the table's columns) only rows matching it are deleted and only
    /// new rows matching it are inserted; the rest of the new rows are discarded (not counted).
    /// The body is parsed completely before anything is deleted.
    IngestResult replace(const IngestTarget & target, std::string_view body, const IngestOptions & options,
                         const std::string & replace_condition);

    /// Creates `<table>_quarantine` if absent (tinybird.md §4): c__error_column Array(String),
    /// c__error Array(String), c__import_id Nullable(String), insertion_date DateTime, then every
    /// source column as Nullable(String).
    void ensureQuarantineTable(const std::string & database, const std::string & table);

    /// Rows of the table for which the SQL condition holds (delete dry run).
    size_t countWhere(const std::string & database, const std::string & table, const std::string & condition);
    /// Deletes the rows for which the SQL condition holds; returns how many there were.
    size_t deleteWhere(const std::string & database, const std::string & table, const std::string & condition);
    /// Removes every row of the table.
    void truncate(const std::string & database, const std::string & table);

    /// Queues an import job: downloads `url` (http, https, file:// or a plain path) and appends
    /// (or replaces, when `replace` is set) its rows. A `.gz` body is decompressed.
    Job submitUrlImport(JobQueue & jobs, const IngestTarget & target, const std::string & url, const IngestOptions & options, bool replace,
                        const std::string & replace_condition);
    /// Queues a delete_data job deleting the rows matching `condition`.
    Job submitDelete(JobQueue & jobs, const std::string & database, const std::string & table, const std::string & condition);

    /// Decompresses a gzip (or zlib) body; throws CANNOT_DECOMPRESS on corrupt data and
    /// PAYLOAD_TOO_LARGE when the result exceeds `max_bytes`.
    static std::string gunzip(std::string_view body, size_t max_bytes = static_cast<size_t>(-1));
    /// True when `body` starts with the gzip magic bytes.
    static bool isGzip(std::string_view body);

    /// A fresh ULID-like id (26 characters, time ordered) for imports and jobs.
    static std::string newImportId();

    /// url= imports may read file:// URLs and plain paths of the server (default true).
    void setAllowLocalFileUrls(bool allow);
    /// Directories local url= imports must resolve into (IngestLocalFilePolicy::roots); empty (the
    /// default): anywhere. Call before serving requests.
    void setLocalFileRoots(std::vector<std::string> roots);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace pipit
