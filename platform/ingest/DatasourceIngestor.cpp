#include "platform/ingest/DatasourceIngestor.h"

#include "engine/base/Exception.h"
#include "engine/columns/IColumn.h"
#include "engine/formats/InputColumnWriter.h"
#include "engine/io/WriteBuffer.h"
#include "engine/planner/StorageExpressionCompiled.h"
#include "engine/session/Database.h"
#include "engine/session/InsertInterpreter.h"
#include "engine/session/TableFactory.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/ASTFunction.h"
#include "engine/sql/Parser.h"
#include "platform/ingest/IngestCsvReader.h"
#include "platform/ingest/IngestJsonPath.h"
#include "platform/ingest/IngestUrlReader.h"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <unordered_map>

namespace pipit
{

namespace
{

/// Good rows are inserted in blocks of at most this many rows (one atomic block per call below it).
constexpr size_t max_block_rows = 1'048'576;
/// Largest body a url= import downloads.
constexpr size_t max_url_import_bytes = 4ull << 30;

std::string quoteIdentifier(std::string_view name)
{
    std::string out = "`";
    for (char c : name)
    {
        if (c == '`' || c == '\\')
            out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('`');
    return out;
}

std::string qualifiedName(const std::string & database, const std::string & table)
{
    return quoteIdentifier(database) + "." + quoteIdentifier(table);
}

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimJson(std::string_view s)
{
    while (!s.empty() && isJsonSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isJsonSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

/// One row for `<table>_quarantine`: the source values as text (nullopt: NULL) and the reasons.
struct QuarantineRow
{
    std::vector<std::optional<std::string>> values;
    std::vector<std::string> error_columns;
    std::vector<std::string> errors;
};

/// A column of the data source fed by the input.
struct SourceColumn
{
    std::string name;
    DataTypePtr type;
    IngestJsonPath path;
};

/// Per-thread parsing state of one prepared table (pooled: never shared by two calls at once).
struct RowParser
{
    simdjson::dom::parser parser;
    std::vector<InputColumnWriter> writers;
    char number_buffer[64];
};

/// What one (table, jsonpaths) needs for parsing, built once and cached.
struct IngestPreparedTable
{
    CatalogTablePtr table;
    std::vector<SourceColumn> columns;
    /// Names and types of `columns` (no data).
    Block header;
    IInputFormat::DefaultsFiller defaults;
    std::unordered_map<std::string, size_t> position_by_name;

    std::mutex pool_mutex;
    std::vector<std::unique_ptr<RowParser>> pool;

    std::unique_ptr<RowParser> takeParser()
    {
        {
            std::lock_guard lock(pool_mutex);
            if (!pool.empty())
            {
                auto parser = std::move(pool.back());
                pool.pop_back();
                return parser;
            }
        }
        auto parser = std::make_unique<RowParser>();
        FormatSettings settings;
        parser->writers.reserve(columns.size());
        for (const auto & column : columns)
            parser->writers.emplace_back(column.type, settings);
        return parser;
    }

    void returnParser(std::unique_ptr<RowParser> parser)
    {
        std::lock_guard lock(pool_mutex);
        if (pool.size() < 64)
            pool.push_back(std::move(parser));
    }
};

} // namespace

struct DatasourceIngestor::Impl
{
    explicit Impl(Database & database_)
        : database(database_)
    {
    }

    Database & database;
    std::mutex cache_mutex;
    std::unordered_map<std::string, std::shared_ptr<IngestPreparedTable>> cache;
    IngestLocalFilePolicy local_files;

    std::shared_ptr<IngestPreparedTable> prepare(const IngestTarget & target);
};

std::shared_ptr<IngestPreparedTable> DatasourceIngestor::Impl::prepare(const IngestTarget & target)
{
    const std::string & database_name = target.database.empty() ? std::string("default") : target.database;
    CatalogTablePtr table = database.catalog().getTable(database_name, target.table);
    std::string key = database_name;
    key.push_back('\x1f');
    key += target.table;
    for (const auto & path : target.json_paths)
    {
        key.push_back('\x1f');
        key += path.column;
        key.push_back('=');
        key += path.jsonpath;
    }
    {
        std::lock_guard lock(cache_mutex);
        auto it = cache.find(key);
        if (it != cache.end() && it->second->table == table)
            return it->second;
    }

    auto prepared = std::make_shared<IngestPreparedTable>();
    prepared->table = table;
    const ColumnsDescription & columns = table->storage->getColumns();
    for (const auto & path : target.json_paths)
    {
        bool known = std::any_of(columns.begin(), columns.end(), [&](const ColumnDescription & c) { return c.name == path.column; });
        if (!known)
            throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE, "jsonpath for unknown column '" + path.column + "' of " + target.table);
    }
    for (const auto & column : columns)
    {
        if (!column.default_kind.empty() && column.default_kind != "DEFAULT")
            continue; // MATERIALIZED / ALIAS: never from the input
        auto it = std::find_if(target.json_paths.begin(), target.json_paths.end(),
                               [&](const IngestColumnPath & p) { return p.column == column.name; });
        SourceColumn source {column.name, column.type,
                             it != target.json_paths.end() && !it->jsonpath.empty() ? IngestJsonPath::parse(it->jsonpath)
                                                                                    : IngestJsonPath::topLevel(column.name)};
        prepared->position_by_name.emplace(column.name, prepared->columns.size());
        prepared->header.insert({nullptr, column.type, column.name});
        prepared->columns.push_back(std::move(source));
    }
    prepared->defaults = InsertInterpreter::makeDefaultsFiller(prepared->header, columns);

    std::lock_guard lock(cache_mutex);
    if (cache.size() > 4096)
        cache.clear();
    cache[key] = prepared;
    return prepared;
}

namespace
{

/// Rows of one call being built: the good rows' columns (bound to the parser's writers), the
/// defaulted cells, the quarantined rows, and the finished blocks.
class IngestBatch
{
public:
    IngestBatch(IngestPreparedTable & table, RowParser & parser, size_t expected_rows, bool keep_blocks)
        : table_(table)
        , parser_(parser)
        , expected_rows_(expected_rows)
        , keep_blocks_(keep_blocks)
    {
        startBlock();
    }

    ~IngestBatch()
    {
        for (auto & writer : parser_.writers)
            writer.unbind();
    }

    size_t rows() const { return rows_; }
    size_t successfulRows() const { return successful_rows_; }
    std::vector<QuarantineRow> & quarantine() { return quarantine_; }
    std::vector<Block> & blocks() { return blocks_; }

    /// The row's values were appended to every writer; commit it.
    void commitRow()
    {
        ++rows_;
        if (rows_ >= max_block_rows)
            finishBlock();
    }

    /// A value failed: undo the partial row (writers and defaulted cells) and quarantine it.
    void rejectRow(QuarantineRow row)
    {
        for (auto & writer : parser_.writers)
            writer.truncate(rows_);
        for (auto & rows : missing_.rows_per_column)
            while (!rows.empty() && rows.back() >= rows_)
                rows.pop_back();
        quarantine_.push_back(std::move(row));
    }

    void markMissing(size_t column) { missing_.rows_per_column[column].push_back(rows_); }

    /// Completes the current block. Without keep_blocks the block is handed to `sink` right away.
    void finishBlock()
    {
        if (rows_ == 0)
            return;
        for (auto & writer : parser_.writers)
            writer.unbind();
        Block block;
        for (size_t i = 0; i < columns_.size(); ++i)
        {
            const auto & header = table_.header.getByPosition(i);
            block.insert({std::move(columns_[i]), header.type, header.name});
        }
        if (table_.defaults && !missing_.empty())
            table_.defaults(block, missing_);
        Block complete = InsertInterpreter::completeBlock(std::move(block), table_.table->storage->getColumns());
        successful_rows_ += rows_;
        blocks_.push_back(std::move(complete));
        if (!keep_blocks_ && sink_)
        {
            sink_(blocks_.back());
            blocks_.clear();
        }
        startBlock();
    }

    void setSink(std::function<void(const Block &)> sink) { sink_ = std::move(sink); }

private:
    void startBlock()
    {
        rows_ = 0;
        columns_.clear();
        missing_.rows_per_column.assign(table_.columns.size(), {});
        size_t reserve = std::min(expected_rows_, max_block_rows);
        for (size_t i = 0; i < table_.columns.size(); ++i)
        {
            columns_.push_back(table_.columns[i].type->createColumn());
            parser_.writers[i].bind(*columns_.back(), reserve);
        }
    }

    IngestPreparedTable & table_;
    RowParser & parser_;
    size_t expected_rows_;
    bool keep_blocks_;
    MutableColumns columns_;
    InputMissingValues missing_;
    size_t rows_ = 0;
    size_t successful_rows_ = 0;
    std::vector<QuarantineRow> quarantine_;
    std::vector<Block> blocks_;
    std::function<void(const Block &)> sink_;
};

std::string_view formatJsonNumber(simdjson::dom::element value, char * buffer, size_t size)
{
    char * end = buffer + size;
    std::to_chars_result res {};
    if (value.type() == simdjson::dom::element_type::UINT64)
        res = std::to_chars(buffer, end, value.get_uint64().value_unsafe());
    else if (value.type() == simdjson::dom::element_type::INT64)
        res = std::to_chars(buffer, end, value.get_int64().value_unsafe());
    else
        res = std::to_chars(buffer, end, value.get_double().value_unsafe());
    return std::string_view(buffer, static_cast<size_t>(res.ptr - buffer));
}

/// The value as quarantine text: strings unquoted, everything else as compact JSON, null -> NULL.
std::optional<std::string> quarantineText(simdjson::dom::element value)
{
    switch (value.type())
    {
    case simdjson::dom::element_type::STRING:
        return std::string(value.get_string().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE:
        return std::nullopt;
    default:
        return simdjson::minify(value);
    }
}

/// Appends one JSON value to a column writer (one row) or throws.
void insertJsonValue(InputColumnWriter & writer, simdjson::dom::element value, RowParser & parser, bool & defaulted)
{
    using Kind = InputColumnWriter::Kind;
    switch (value.type())
    {
    case simdjson::dom::element_type::STRING:
        writer.insertText(value.get_string().value_unsafe());
        return;
    case simdjson::dom::element_type::UINT64:
        if (writer.isNumberKind())
            writer.insertUnsigned(value.get_uint64().value_unsafe(), {});
        else
            writer.insertNumberAsText(formatJsonNumber(value, parser.number_buffer, sizeof(parser.number_buffer)));
        return;
    case simdjson::dom::element_type::INT64:
        if (writer.isNumberKind())
            writer.insertSigned(value.get_int64().value_unsafe(), {});
        else
            writer.insertNumberAsText(formatJsonNumber(value, parser.number_buffer, sizeof(parser.number_buffer)));
        return;
    case simdjson::dom::element_type::DOUBLE:
        if (writer.isNumberKind())
            writer.insertFloat(value.get_double().value_unsafe(), {});
        else
            writer.insertNumberAsText(formatJsonNumber(value, parser.number_buffer, sizeof(parser.number_buffer)));
        return;
    case simdjson::dom::element_type::BOOL:
    {
        bool b = value.get_bool().value_unsafe();
        if (writer.isNumberKind())
            writer.insertUnsigned(b ? 1 : 0, b ? "true" : "false");
        else if (writer.isStringKind())
            writer.insertText(b ? "true" : "false");
        else
            writer.insertWithType(b ? "true" : "false", InputColumnWriter::Syntax::JSON);
        return;
    }
    case simdjson::dom::element_type::NULL_VALUE:
        defaulted = !writer.insertNull();
        return;
    case simdjson::dom::element_type::ARRAY:
    case simdjson::dom::element_type::OBJECT:
    {
        std::string text = simdjson::minify(value);
        if (writer.isStringKind())
            writer.insertText(text);
        else if (writer.kind() == Kind::Other)
            writer.insertWithType(text, InputColumnWriter::Syntax::JSON);
        else
            InputColumnWriter::throwCannotParse(text, writer.type().getName(), "expected a number");
        return;
    }
    }
}

std::string valueError(std::string_view text, const std::string & column, const IDataType & type)
{
    return "value '" + std::string(text) + "' on column '" + column + "' is not " + type.getName();
}

/// Parses one NDJSON row into the batch (or its quarantine).
void ingestJsonRow(IngestPreparedTable & table, RowParser & parser, IngestBatch & batch, std::string_view row, bool padded)
{
    simdjson::dom::element root;
    auto error = parser.parser.parse(row.data(), row.size(), !padded).get(root);
    if (!error && root.type() != simdjson::dom::element_type::OBJECT)
        error = simdjson::INCORRECT_TYPE;
    if (error)
    {
        QuarantineRow bad;
        bad.values.assign(table.columns.size(), std::nullopt);
        bad.errors.push_back(error == simdjson::INCORRECT_TYPE
                                 ? "the row is not a JSON object: " + std::string(row)
                                 : std::string("malformed JSON (") + simdjson::error_message(error) + "): " + std::string(row));
        batch.rejectRow(std::move(bad));
        return;
    }
    std::vector<std::pair<size_t, std::string>> failures;
    for (size_t i = 0; i < table.columns.size(); ++i)
    {
        const SourceColumn & column = table.columns[i];
        InputColumnWriter & writer = parser.writers[i];
        try
        {
            if (column.path.isWholeRow())
            {
                if (writer.isStringKind())
                    writer.insertText(row);
                else
                    writer.insertWithType(row, InputColumnWriter::Syntax::JSON);
                continue;
            }
            auto value = column.path.find(root);
            if (!value)
            {
                writer.insertDefault();
                batch.markMissing(i);
                continue;
            }
            bool defaulted = false;
            insertJsonValue(writer, *value, parser, defaulted);
            if (defaulted)
                batch.markMissing(i);
        }
        catch (const Exception & e)
        {
            auto value = column.path.isWholeRow() ? std::optional<simdjson::dom::element>() : column.path.find(root);
            std::string text = value ? quarantineText(*value).value_or("null") : std::string(row);
            failures.emplace_back(i, valueError(text, column.name, *column.type));
        }
    }
    if (failures.empty())
    {
        batch.commitRow();
        return;
    }
    QuarantineRow bad;
    bad.values.reserve(table.columns.size());
    for (const auto & column : table.columns)
    {
        if (column.path.isWholeRow())
        {
            bad.values.emplace_back(std::string(row));
            continue;
        }
        auto value = column.path.find(root);
        bad.values.push_back(value ? quarantineText(*value) : std::nullopt);
    }
    for (auto & [position, message] : failures)
    {
        bad.error_columns.push_back(table.columns[position].name);
        bad.errors.push_back(std::move(message));
    }
    batch.rejectRow(std::move(bad));
}

void ingestNdjson(IngestPreparedTable & table, RowParser & parser, IngestBatch & batch, std::string_view body)
{
    std::string_view trimmed = trimJson(body);
    if (trimmed.empty())
        return;
    const char * body_end = body.data() + body.size();
    /// A JSON array of objects, or one object spread over several lines: parse the body whole.
    bool whole = trimmed.front() == '[';
    if (!whole && trimmed.front() == '{' && trimmed.find('\n') != std::string_view::npos)
    {
        size_t newline = trimmed.find('\n');
        simdjson::dom::element first;
        if (parser.parser.parse(trimmed.data(), newline, true).get(first))
        {
            simdjson::dom::element all;
            if (!parser.parser.parse(trimmed.data(), trimmed.size(), true).get(all) && all.type() == simdjson::dom::element_type::OBJECT)
                whole = true;
        }
    }
    if (whole)
    {
        simdjson::dom::parser document_parser;
        simdjson::dom::element all;
        if (!document_parser.parse(trimmed.data(), trimmed.size(), true).get(all))
        {
            if (all.type() == simdjson::dom::element_type::OBJECT)
            {
                std::string text = simdjson::minify(all);
                ingestJsonRow(table, parser, batch, text, false);
                return;
            }
            simdjson::dom::array array;
            if (!all.get_array().get(array))
            {
                std::string text;
                for (auto element : array)
                {
                    text = simdjson::minify(element);
                    ingestJsonRow(table, parser, batch, text, false);
                }
                return;
            }
        }
        /// Not one valid document: fall back to lines (each bad line is quarantined on its own).
    }
    size_t pos = 0;
    while (pos < body.size())
    {
        const char * start = body.data() + pos;
        const void * newline = std::memchr(start, '\n', body.size() - pos);
        size_t length = newline ? static_cast<size_t>(static_cast<const char *>(newline) - start) : body.size() - pos;
        pos += length + 1;
        std::string_view row = trimJson(std::string_view(start, length));
        if (!row.empty() && row.back() == ',')
            row = trimJson(row.substr(0, row.size() - 1));
        if (row.empty() || row == "[" || row == "]")
            continue;
        bool padded = row.data() + row.size() + simdjson::SIMDJSON_PADDING <= body_end;
        ingestJsonRow(table, parser, batch, row, padded);
    }
}

bool isNullText(std::string_view text)
{
    return text == "\\N";
}

void ingestCsv(IngestPreparedTable & table, RowParser & parser, IngestBatch & batch, std::string_view body, const IngestOptions & options)
{
    IngestCsvReader reader(body, options.csv_delimiter, options.csv_new_line, options.csv_escapechar);
    std::vector<IngestCsvField> fields;
    std::string_view raw;
    std::string error;
    const size_t column_count = table.columns.size();
    /// field_of_column[c]: index of the CSV field feeding column c, or -1 (default).
    std::vector<ssize_t> field_of_column(column_count);
    for (size_t i = 0; i < column_count; ++i)
        field_of_column[i] = static_cast<ssize_t>(i);
    size_t expected_fields = column_count;
    bool first = true;
    while (reader.next(fields, raw, error))
    {
        if (first)
        {
            first = false;
            bool all_names = !fields.empty() && error.empty();
            for (const auto & field : fields)
                all_names = all_names && table.position_by_name.contains(std::string(field.value));
            bool header = options.csv_header == IngestCsvHeader::Present || (options.csv_header == IngestCsvHeader::Auto && all_names);
            if (header)
            {
                std::fill(field_of_column.begin(), field_of_column.end(), -1);
                for (size_t f = 0; f < fields.size(); ++f)
                {
                    auto it = table.position_by_name.find(std::string(fields[f].value));
                    if (it != table.position_by_name.end())
                        field_of_column[it->second] = static_cast<ssize_t>(f);
                }
                expected_fields = fields.size();
                continue;
            }
        }
        std::vector<std::pair<size_t, std::string>> failures;
        std::string row_error = error;
        if (row_error.empty() && fields.size() > expected_fields)
            row_error = "the row has " + std::to_string(fields.size()) + " fields, expected " + std::to_string(expected_fields);
        if (row_error.empty())
        {
            for (size_t i = 0; i < column_count; ++i)
            {
                InputColumnWriter & writer = parser.writers[i];
                ssize_t f = field_of_column[i];
                if (f < 0 || static_cast<size_t>(f) >= fields.size() || (!fields[f].quoted && fields[f].value.empty()))
                {
                    if (!writer.insertNull())
                        batch.markMissing(i);
                    continue;
                }
                const IngestCsvField & field = fields[f];
                try
                {
                    if (!field.quoted && isNullText(field.value) && writer.isNullable())
                        writer.insertNull();
                    else
                        writer.insertText(field.value);
                }
                catch (const Exception &)
                {
                    failures.emplace_back(i, valueError(field.value, table.columns[i].name, *table.columns[i].type));
                }
            }
            if (failures.empty())
            {
                batch.commitRow();
                continue;
            }
        }
        QuarantineRow bad;
        bad.values.reserve(column_count);
        for (size_t i = 0; i < column_count; ++i)
        {
            ssize_t f = field_of_column[i];
            if (f < 0 || static_cast<size_t>(f) >= fields.size() || (!fields[f].quoted && fields[f].value.empty()))
                bad.values.emplace_back(std::nullopt);
            else
                bad.values.emplace_back(std::string(fields[f].value));
        }
        if (!row_error.empty())
            bad.errors.push_back(row_error + " at line " + std::to_string(reader.rowLine()) + ": " + std::string(raw.substr(0, 1024)));
        for (auto & [position, message] : failures)
        {
            bad.error_columns.push_back(table.columns[position].name);
            bad.errors.push_back(std::move(message));
        }
        batch.rejectRow(std::move(bad));
    }
}

} // namespace

DatasourceIngestor::DatasourceIngestor(Database & database)
    : impl_(std::make_unique<Impl>(database))
{
}

DatasourceIngestor::~DatasourceIngestor() = default;

namespace
{

/// Parses `body` into `batch` (NDJSON or CSV), decompressing gzip first.
void ingestBody(IngestPreparedTable & table, RowParser & parser, IngestBatch & batch, std::string_view body, const IngestOptions & options)
{
    if (options.format == IngestFormat::CSV)
        ingestCsv(table, parser, batch, body, options);
    else
        ingestNdjson(table, parser, batch, body);
    batch.finishBlock();
}

size_t expectedRows(std::string_view body)
{
    return static_cast<size_t>(std::count(body.begin(), body.end(), '\n')) + 1;
}

} // namespace

namespace
{

/// Inserts quarantined rows into `<table>_quarantine` (created if absent).
void writeQuarantine(Database & database, DatasourceIngestor & ingestor, const std::string & database_name, const std::string & table,
                     const IngestPreparedTable & prepared, std::vector<QuarantineRow> & rows, const std::string & import_id, bool durable)
{
    if (rows.empty())
        return;
    ingestor.ensureQuarantineTable(database_name, table);
    CatalogTablePtr quarantine = database.catalog().getTable(database_name, table + "_quarantine");
    const UInt64 now =
        static_cast<UInt64>(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    Block block;
    for (const auto & column : quarantine->storage->getColumns())
    {
        if (!column.default_kind.empty() && column.default_kind != "DEFAULT")
            continue;
        auto data = column.type->createColumn();
        data->reserve(rows.size());
        auto source = prepared.position_by_name.find(column.name);
        for (const auto & row : rows)
        {
            if (column.name == "c__error_column" || column.name == "c__error")
            {
                FieldArray array;
                for (const auto & text : column.name == "c__error" ? row.errors : row.error_columns)
                    array.values.emplace_back(text);
                data->insert(Field(std::move(array)));
            }
            else if (column.name == "c__import_id")
                data->insert(Field(import_id));
            else if (column.name == "insertion_date")
                data->insert(Field(now));
            else if (source != prepared.position_by_name.end() && source->second < row.values.size() && row.values[source->second])
                data->insert(Field(*row.values[source->second]));
            else
                data->insertDefault();
        }
        block.insert({std::move(data), column.type, column.name});
    }
    quarantine->storage->insert(InsertInterpreter::completeBlock(std::move(block), quarantine->storage->getColumns()), durable);
}

} // namespace

IngestResult DatasourceIngestor::append(const IngestTarget & target, std::string_view body, const IngestOptions & options)
{
    if (isGzip(body))
    {
        std::string decompressed = gunzip(body);
        return append(target, decompressed, options);
    }
    auto prepared = impl_->prepare(target);
    IngestResult result;
    result.import_id = options.import_id.empty() ? newImportId() : options.import_id;
    std::vector<QuarantineRow> quarantine;
    {
        auto parser = prepared->takeParser();
        {
            IngestBatch batch(*prepared, *parser, expectedRows(body), false);
            const bool durable = options.durable;
            IStorage & storage = *prepared->table->storage;
            batch.setSink([&](const Block & block) { storage.insert(block, durable); });
            ingestBody(*prepared, *parser, batch, body, options);
            result.successful_rows = batch.successfulRows();
            quarantine = std::move(batch.quarantine());
        }
        prepared->returnParser(std::move(parser));
    }
    result.quarantined_rows = quarantine.size();
    for (size_t i = 0; i < quarantine.size() && result.errors.size() < max_reported_errors; ++i)
        for (const auto & error : quarantine[i].errors)
            if (result.errors.size() < max_reported_errors)
                result.errors.push_back(error);
    const std::string & database_name = target.database.empty() ? std::string("default") : target.database;
    writeQuarantine(impl_->database, *this, database_name, target.table, *prepared, quarantine, result.import_id, options.durable);
    return result;
}

IngestResult DatasourceIngestor::replace(const IngestTarget & target, std::string_view body, const IngestOptions & options,
                                         const std::string & replace_condition)
{
    if (isGzip(body))
    {
        std::string decompressed = gunzip(body);
        return replace(target, decompressed, options, replace_condition);
    }
    auto prepared = impl_->prepare(target);
    IngestResult result;
    result.import_id = options.import_id.empty() ? newImportId() : options.import_id;
    std::vector<QuarantineRow> quarantine;
    std::vector<Block> blocks;
    {
        auto parser = prepared->takeParser();
        {
            IngestBatch batch(*prepared, *parser, expectedRows(body), true);
            ingestBody(*prepared, *parser, batch, body, options);
            quarantine = std::move(batch.quarantine());
            blocks = std::move(batch.blocks());
        }
        prepared->returnParser(std::move(parser));
    }
    const std::string & database_name = target.database.empty() ? std::string("default") : target.database;
    IStorage & storage = *prepared->table->storage;
    /// One atomic swap (IStorage::replaceRows): readers see the old rows or the new ones, and a failure keeps the old.
    std::unique_ptr<StorageExpressionCompiled> predicate;
    if (!replace_condition.empty())
    {
        predicate = std::make_unique<StorageExpressionCompiled>(parseExpression(replace_condition), headerOf(storage.getColumns()));
        for (auto & block : blocks)
            block = InsertInterpreter::filterBlock(block, replace_condition);
    }
    storage.replaceRows(blocks, predicate.get(), options.durable);
    for (const auto & block : blocks)
        result.successful_rows += block.rows();
    result.quarantined_rows = quarantine.size();
    for (size_t i = 0; i < quarantine.size() && result.errors.size() < max_reported_errors; ++i)
        for (const auto & error : quarantine[i].errors)
            if (result.errors.size() < max_reported_errors)
                result.errors.push_back(error);
    writeQuarantine(impl_->database, *this, database_name, target.table, *prepared, quarantine, result.import_id, options.durable);
    return result;
}

void DatasourceIngestor::ensureQuarantineTable(const std::string & database, const std::string & table)
{
    const std::string & database_name = database.empty() ? std::string("default") : database;
    const std::string quarantine_name = table + "_quarantine";
    if (impl_->database.catalog().tryGetTable(database_name, quarantine_name))
        return;
    CatalogTablePtr source = impl_->database.catalog().getTable(database_name, table);
    std::string statement = "CREATE TABLE IF NOT EXISTS " + qualifiedName(database_name, quarantine_name) +
                            " (`c__error_column` Array(String), `c__error` Array(String), `c__import_id` Nullable(String), "
                            "`insertion_date` DateTime";
    for (const auto & column : source->storage->getColumns())
    {
        if (column.default_kind == "ALIAS" || column.default_kind == "MATERIALIZED")
            continue;
        if (column.name == "c__error_column" || column.name == "c__error" || column.name == "c__import_id" ||
            column.name == "insertion_date")
            continue;
        statement += ", " + quoteIdentifier(column.name) + " Nullable(String)";
    }
    statement += ") ENGINE = MergeTree ORDER BY insertion_date";
    WriteBufferFromString output;
    impl_->database.execute(statement, nullptr, output, StatementOptions {});
}

namespace
{

/// A delete condition is an expression over the table's own rows: one expression (nothing after it), no
/// subquery, no `IN <table>`: those would read other tables (other workspaces', system.*) through a
/// token that may only write this one. Returns it formatted back, the only text that reaches SQL.
std::string checkedRowCondition(const std::string & condition)
{
    ASTPtr expression;
    try
    {
        expression = parseExpression(condition);
    }
    catch (const Exception & e)
    {
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Invalid condition '" + condition + "': " + e.message());
    }
    std::function<void(const ASTPtr &)> check = [&](const ASTPtr & node)
    {
        if (node->kind == ASTKind::Subquery || node->kind == ASTKind::SelectQuery || node->kind == ASTKind::SelectWithUnionQuery)
            throw Exception(ErrorCode::BAD_ARGUMENTS,
                            "Invalid condition '" + condition + "': subqueries are not allowed, only the data source's columns");
        if (const auto * function = node->as<ASTFunction>())
        {
            static const std::set<std::string, std::less<>> membership = {"in", "notIn", "globalIn", "globalNotIn", "nullIn", "notNullIn"};
            if (membership.contains(function->name) && function->arguments.size() == 2 && function->arguments[1] &&
                function->arguments[1]->kind == ASTKind::Identifier)
                throw Exception(ErrorCode::BAD_ARGUMENTS,
                                "Invalid condition '" + condition + "': IN <table> is not allowed, only the data source's columns");
            if (function->name.starts_with("joinGet") || function->name.starts_with("dictGet"))
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Invalid condition '" + condition + "': " + function->name + " is not allowed");
        }
        node->forEachChild(check);
    };
    check(expression);
    return formatAST(*expression);
}

} // namespace

size_t DatasourceIngestor::countWhere(const std::string & database, const std::string & table, const std::string & condition)
{
    const std::string & database_name = database.empty() ? std::string("default") : database;
    impl_->database.catalog().getTable(database_name, table); // UNKNOWN_TABLE before parsing the condition
    std::string checked = checkedRowCondition(condition);
    WriteBufferFromString output;
    StatementOptions options;
    options.default_format = "TSV";
    impl_->database.execute("SELECT count() FROM " + qualifiedName(database_name, table) + " WHERE " + checked + " FORMAT TSV", nullptr,
                            output, options);
    std::string text = output.release();
    size_t count = 0;
    auto trimmed = trimJson(text);
    auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), count);
    if (ec != std::errc() || ptr != trimmed.data() + trimmed.size())
        throw Exception(ErrorCode::LOGICAL_ERROR, "Unexpected count() result: " + text);
    return count;
}

size_t DatasourceIngestor::deleteWhere(const std::string & database, const std::string & table, const std::string & condition)
{
    const std::string & database_name = database.empty() ? std::string("default") : database;
    size_t rows = countWhere(database_name, table, condition);
    if (rows == 0)
        return 0;
    WriteBufferFromString output;
    impl_->database.execute("ALTER TABLE " + qualifiedName(database_name, table) + " DELETE WHERE " + checkedRowCondition(condition),
                            nullptr, output, StatementOptions {});
    return rows;
}

void DatasourceIngestor::truncate(const std::string & database, const std::string & table)
{
    const std::string & database_name = database.empty() ? std::string("default") : database;
    impl_->database.catalog().getTable(database_name, table)->storage->truncate();
}

Job DatasourceIngestor::submitUrlImport(JobQueue & jobs, const IngestTarget & target, const std::string & url,
                                        const IngestOptions & options, bool replace, const std::string & replace_condition)
{
    impl_->prepare(target); // unknown table or bad jsonpath fail the request, not the job
    IngestLocalFilePolicy local_files = impl_->local_files;
    IngestUrlReader::checkUrl(url, local_files); // a refused path fails the request, not the job
    IngestOptions job_options = options;
    if (job_options.import_id.empty())
        job_options.import_id = newImportId();
    std::string extra = "\"import_id\": " + JobQueue::quoteJson(job_options.import_id) + ", \"url\": " + JobQueue::quoteJson(url) +
                        ", \"mode\": " + JobQueue::quoteJson(replace ? "replace" : "append");
    return jobs.submit(
        JobKind::Import, target.database, target.table,
        [this, target, url, job_options, replace, replace_condition, local_files](JobContext & context)
        {
            std::string body = IngestUrlReader::fetch(url, max_url_import_bytes, local_files);
            size_t bytes = body.size();
            if (isGzip(body))
                body = gunzip(body, max_url_import_bytes);
            IngestResult result = replace ? this->replace(target, body, job_options, replace_condition) : append(target, body, job_options);
            context.setStatistics(JobStatistics {result.successful_rows, bytes, result.quarantined_rows});
            std::string members = "\"successful_rows\": " + std::to_string(result.successful_rows) +
                                  ", \"quarantined_rows\": " + std::to_string(result.quarantined_rows);
            context.setResultJson(std::move(members));
        },
        std::move(extra));
}

Job DatasourceIngestor::submitDelete(JobQueue & jobs, const std::string & database, const std::string & table,
                                     const std::string & condition)
{
    impl_->database.catalog().getTable(database.empty() ? std::string("default") : database, table);
    {
        // A condition that does not parse or names unknown columns fails the request (400), not the job; LIMIT 0 plans
        // the query without reading the table.
        const std::string & database_name = database.empty() ? std::string("default") : database;
        WriteBufferFromString output;
        impl_->database.execute("SELECT 1 FROM " + qualifiedName(database_name, table) + " WHERE " + checkedRowCondition(condition) +
                                    " LIMIT 0 FORMAT TSV",
                                nullptr, output, StatementOptions {});
    }
    std::string delete_id = newImportId();
    std::string extra = "\"delete_id\": " + JobQueue::quoteJson(delete_id) + ", \"delete_condition\": " + JobQueue::quoteJson(condition);
    return jobs.submit(
        JobKind::DeleteData, database, table,
        [this, database, table, condition](JobContext & context)
        {
            size_t rows = deleteWhere(database, table, condition);
            context.setStatistics(JobStatistics {rows, 0, 0});
            context.setResultJson("\"rows_affected\": " + std::to_string(rows));
        },
        std::move(extra));
}

void DatasourceIngestor::setAllowLocalFileUrls(bool allow)
{
    impl_->local_files.allowed = allow;
}

void DatasourceIngestor::setLocalFileRoots(std::vector<std::string> roots)
{
    impl_->local_files.roots = std::move(roots);
}

bool DatasourceIngestor::isGzip(std::string_view body)
{
    return body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f && static_cast<unsigned char>(body[1]) == 0x8b;
}

std::string DatasourceIngestor::gunzip(std::string_view body, size_t max_bytes)
{
    z_stream stream {};
    if (inflateInit2(&stream, 15 + 32) != Z_OK) // 32: detect gzip or zlib headers
        throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot initialise zlib");
    std::string out;
    out.resize(std::min<size_t>(std::max<size_t>(body.size() * 4, 4096), max_bytes == 0 ? 4096 : std::max<size_t>(max_bytes, 1)));
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.data()));
    size_t remaining_in = body.size();
    size_t produced = 0;
    int ret = Z_OK;
    while (true)
    {
        if (produced == out.size())
        {
            if (out.size() >= max_bytes)
            {
                inflateEnd(&stream);
                throw Exception(ErrorCode::PAYLOAD_TOO_LARGE, "Decompressed body is larger than " + std::to_string(max_bytes) + " bytes");
            }
            out.resize(std::min(out.size() * 2, max_bytes));
        }
        uInt in_chunk = static_cast<uInt>(std::min<size_t>(remaining_in, 1u << 30));
        uInt out_chunk = static_cast<uInt>(std::min<size_t>(out.size() - produced, 1u << 30));
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.data() + (body.size() - remaining_in)));
        stream.avail_in = in_chunk;
        stream.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        stream.avail_out = out_chunk;
        ret = inflate(&stream, Z_NO_FLUSH);
        remaining_in -= in_chunk - stream.avail_in;
        produced += out_chunk - stream.avail_out;
        if (ret == Z_STREAM_END)
        {
            /// Concatenated gzip members continue the stream.
            if (remaining_in == 0)
                break;
            if (inflateReset(&stream) != Z_OK)
                break;
            continue;
        }
        if (ret == Z_BUF_ERROR && stream.avail_out != 0)
        {
            inflateEnd(&stream);
            throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Truncated gzip body");
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR)
        {
            std::string message = stream.msg ? stream.msg : "corrupt data";
            inflateEnd(&stream);
            throw Exception(ErrorCode::CANNOT_DECOMPRESS, "Cannot decompress gzip body: " + message);
        }
    }
    inflateEnd(&stream);
    out.resize(produced);
    return out;
}

std::string DatasourceIngestor::newImportId()
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    thread_local std::mt19937_64 generator(std::random_device {}() ^
                                           static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
    uint64_t millis = static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    std::string id(26, '0');
    for (int i = 9; i >= 0; --i)
    {
        id[static_cast<size_t>(i)] = alphabet[millis & 31];
        millis >>= 5;
    }
    uint64_t random_high = generator();
    uint64_t random_low = generator();
    for (size_t i = 10; i < 26; ++i)
    {
        uint64_t & source = i < 18 ? random_high : random_low;
        id[i] = alphabet[source & 31];
        source >>= 5;
    }
    return id;
}

} // namespace pipit
