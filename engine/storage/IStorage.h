#pragma once

#include "engine/types/Block.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pipit
{

/// A column of a table as declared in CREATE TABLE.
struct ColumnDescription
{
    std::string name;
    DataTypePtr type;
    /// SQL text of DEFAULT/MATERIALIZED/ALIAS expression, empty if none.
    std::string default_kind;       /// "", "DEFAULT", "MATERIALIZED", "ALIAS"
    std::string default_expression; /// SQL text
    /// Codec chain as written, e.g. "Delta(4), ZSTD(1)"; empty means the table default (LZ4).
    std::string codec;
    /// SQL text of the column's TTL (values expire to the column default), empty if none.
    std::string ttl_expression;
};
using ColumnsDescription = std::vector<ColumnDescription>;

/// An expression over table columns that storage evaluates without knowing SQL: sort key
/// elements, the partition key, TTL. The session layer compiles them from the AST and hands them
/// to storage (dependency inversion: storage sits below the planner, DESIGN.md §1).
class IStorageExpression
{
public:
    virtual ~IStorageExpression() = default;
    /// Table columns the expression reads.
    virtual std::vector<std::string> requiredColumns() const = 0;
    virtual DataTypePtr resultType() const = 0;
    /// Evaluates over `block` (which contains at least requiredColumns()); returns block.rows() values.
    virtual ColumnPtr evaluate(const Block & block) const = 0;
    /// SQL text, for messages and metadata.
    virtual std::string text() const = 0;
    /// True if `f(x)` is monotonically non-decreasing in its single input column over any range
    /// (identity, toDate, toStartOfHour, ...). Used to prune by key through functions.
    virtual bool isMonotonic() const { return false; }
};
using StorageExpressionPtr = std::shared_ptr<const IStorageExpression>;

/// IKeyCondition::mayBeTrueInRange over key values stored as rows of one set of key columns (a part's primary index,
/// or the sorted key values of a part's rows), prepared once for those columns so a check neither copies values nor
/// allocates. Keeps the columns alive and refers to its condition (which must outlive it); one thread at a time.
class IKeyRangeChecker
{
public:
    virtual ~IKeyRangeChecker() = default;
    /// mayBeTrueInRange(keys at row left_row, keys at row right_row) of the columns.
    virtual bool mayBeTrueInRange(size_t left_row, size_t right_row) const = 0;
};

/// Tells storage which granules can contain matching rows. Built by the planner from WHERE.
/// Storage calls it with the key values (one Field per key column, Null for unbounded) at the
/// start and end of a granule range; `false` means no row in that range can match.
class IKeyCondition
{
public:
    virtual ~IKeyCondition() = default;
    virtual bool mayBeTrueInRange(const std::vector<Field> & left_keys, const std::vector<Field> & right_keys) const = 0;
    /// Same question for the partition key given the part's min/max of each partition-key column.
    virtual bool mayBeTrueInPartition(const Block & /*minmax_of_part*/) const { return true; }
    /// A checker of ranges whose bounds are rows of `key_columns` (one column per key element, same rows each); the
    /// same answers as mayBeTrueInRange. The default materialises the rows as Fields.
    virtual std::unique_ptr<IKeyRangeChecker> prepareRanges(const Columns & key_columns) const;
};

/// One stream of blocks produced by a read; several run in parallel.
class ISource
{
public:
    virtual ~ISource() = default;
    /// Next block with the requested columns in the requested order; an empty Block at the end.
    virtual Block read() = 0;
    /// Rows the source passed over without returning or filtering them (a MergeTree read narrowed to the rows its
    /// key condition allows); they count as rows read, like the rows of the granules they belong to.
    virtual size_t rowsSkipped() const { return 0; }
};
using SourcePtr = std::unique_ptr<ISource>;

struct ReadRequest
{
    std::vector<std::string> column_names;
    std::shared_ptr<const IKeyCondition> key_condition; /// null: read everything
    size_t max_block_size = 65536;
    size_t num_streams = 1;
    /// Read with merge-on-read semantics of the engine (FINAL).
    bool final = false;
    /// ORDER BY `order_column` (DESC when order_descending) LIMIT order_limit over every row read (no WHERE): the
    /// storage may skip whole parts none of whose rows can rank within the first order_limit rows by that column.
    /// A hint only: the caller still sorts and limits. Empty order_column: no hint.
    std::string order_column;
    bool order_descending = false;
    size_t order_limit = 0;
    /// Optional UInt8 keep-mask over some of column_names (a deterministic WHERE): the storage may drop rows where it
    /// is 0, reading its columns first and the other columns only for granules with a kept row. The caller still
    /// applies its full WHERE. Ignored with `final` (rows must be merged before they are filtered).
    StorageExpressionPtr prewhere;
};

/// Counts reported by EXPLAIN and system.parts-like introspection.
struct ReadStatistics
{
    size_t parts_total = 0;
    size_t parts_selected = 0;
    size_t granules_total = 0;
    size_t granules_selected = 0;
    /// Rows and uncompressed bytes the sources produced (for FORMAT JSON "statistics").
    size_t rows_read = 0;
    size_t bytes_read = 0;
    /// Rows of the parts skipped by the ORDER BY ... LIMIT hint (ReadRequest::order_column): they still count towards
    /// rows_before_limit_at_least.
    size_t rows_skipped_by_order_limit = 0;
};

/// A table engine instance. Thread-safe: inserts, reads, merges and DDL may run concurrently;
/// reads see a consistent snapshot taken when read() is called.
class IStorage
{
public:
    virtual ~IStorage() = default;

    virtual std::string getEngineName() const = 0;
    virtual const ColumnsDescription & getColumns() const = 0;

    /// Appends a block holding every physical column of the table (any order, by name).
    /// Returns once the rows are acknowledged: written to the WAL (and fsync'd if `durable`).
    virtual void insert(const Block & block, bool durable) = 0;

    virtual std::vector<SourcePtr> read(const ReadRequest & request, ReadStatistics * statistics) = 0;

    /// Total rows if cheaply known (for count() without WHERE).
    virtual std::optional<size_t> totalRows() const { return std::nullopt; }

    /// OPTIMIZE TABLE [FINAL]: merge parts now; FINAL merges each partition into one part.
    virtual void optimize(bool /*final*/) {}
    virtual void truncate() = 0;
    /// Removes all data files; the object is unusable afterwards.
    virtual void drop() = 0;
    /// ALTER TABLE DELETE WHERE: `predicate` returns a UInt8 column (1 = delete) for a block of
    /// the columns it names.
    virtual void deleteWhere(const IStorageExpression & predicate) = 0;

    /// Atomically replaces rows of the table with the rows of `blocks` (each holding every physical column, any
    /// order, by name). Without `predicate` every row is replaced; with it, only the rows the predicate matches
    /// (the caller passes blocks whose rows match it). Readers see the old rows or the new rows, never an empty
    /// or partial table; when it throws, the old rows are intact. Rows inserted concurrently are kept unless the
    /// whole table is replaced. Engines without it throw NOT_IMPLEMENTED.
    virtual void replaceRows(const std::vector<Block> & blocks, const IStorageExpression * predicate, bool durable);

    /// Flushes buffers and stops background work (called before close/shutdown).
    virtual void shutdown() {}
};
using StoragePtr = std::shared_ptr<IStorage>;

} // namespace pipit
