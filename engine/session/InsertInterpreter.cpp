#include "engine/session/InsertInterpreter.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"
#include "engine/formats/FormatFactory.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/planner/StorageExpressionCompiled.h"
#include "engine/session/SelectInterpreter.h"
#include "engine/session/TableFactory.h"
#include "engine/sql/Parser.h"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace pipit
{

namespace
{

/// Adds the table's columns that the input did not provide: DEFAULT and MATERIALIZED columns get
/// their expression evaluated over the block (an expression may use other defaulted columns, so
/// they are computed in dependency order), the rest the type's default value.
Block completeInsertBlock(Block block, const ColumnsDescription & columns)
{
    size_t rows = block.rows();
    std::vector<const ColumnDescription *> pending;
    for (const auto & column : columns)
    {
        if (column.default_kind == "ALIAS" || block.has(column.name))
            continue;
        if (column.default_expression.empty())
        {
            auto defaults = column.type->createColumn();
            defaults->insertManyDefaults(rows);
            block.insert({std::move(defaults), column.type, column.name});
        }
        else
            pending.push_back(&column);
    }
    while (!pending.empty())
    {
        bool progress = false;
        for (auto it = pending.begin(); it != pending.end();)
        {
            ASTPtr ast = parseExpression((*it)->default_expression);
            StorageExpressionPtr expression;
            try
            {
                expression = std::make_shared<StorageExpressionCompiled>(ast, block);
            }
            catch (const Exception & e)
            {
                if (e.code() != ErrorCode::UNKNOWN_IDENTIFIER)
                    throw;
                ++it; // needs a column that is computed later
                continue;
            }
            ColumnPtr value = castColumn({expression->evaluate(block), expression->resultType(), (*it)->name}, (*it)->type);
            block.insert({value, (*it)->type, (*it)->name});
            it = pending.erase(it);
            progress = true;
        }
        if (!progress)
        {
            // Cyclic or unknown references: compile once more to raise the binder's error.
            std::make_shared<StorageExpressionCompiled>(parseExpression(pending.front()->default_expression), block);
            throw Exception(ErrorCode::LOGICAL_ERROR, "DEFAULT expressions could not be ordered");
        }
    }
    Block result;
    for (const auto & column : columns)
        if (column.default_kind != "ALIAS")
            result.insert(block.getByName(column.name));
    return result;
}

/// Rows parsed but not inserted yet; appends without copying what is already there.
class PendingRows
{
public:
    size_t rows() const { return columns_.empty() ? 0 : columns_.front()->size(); }

    void append(const Block & block)
    {
        if (columns_.empty())
        {
            header_ = block.cloneEmptyHeader();
            for (const auto & column : block)
                columns_.push_back(column.column->cloneMutable());
            return;
        }
        for (size_t i = 0; i < block.columns(); ++i)
            columns_[i]->insertRangeFrom(*block.getByPosition(i).column, 0, block.rows());
    }

    Block take()
    {
        Block block = header_;
        for (size_t i = 0; i < columns_.size(); ++i)
            block.getByPosition(i).column = std::move(columns_[i]);
        columns_.clear();
        return block;
    }

private:
    Block header_;
    MutableColumns columns_;
};

/// For input columns with a DEFAULT expression: cells the input lacked (missing JSON field, empty
/// CSV field) get the expression's value for their row instead of the type default.
IInputFormat::DefaultsFiller makeInsertDefaultsFiller(const Block & header, const ColumnsDescription & columns)
{
    std::vector<std::pair<size_t, StorageExpressionPtr>> defaults; // header position, expression
    std::vector<DataTypePtr> types;
    for (size_t i = 0; i < header.columns(); ++i)
    {
        const auto & name = header.getByPosition(i).name;
        auto it = std::find_if(columns.begin(), columns.end(), [&](const ColumnDescription & c) { return c.name == name; });
        if (it != columns.end() && it->default_kind == "DEFAULT" && !it->default_expression.empty())
            defaults.emplace_back(i, std::make_shared<StorageExpressionCompiled>(parseExpression(it->default_expression), header));
    }
    if (defaults.empty())
        return {};
    return [defaults, header](Block & block, const InputMissingValues & missing)
    {
        for (const auto & [position, expression] : defaults)
        {
            if (position >= missing.rows_per_column.size() || missing.rows_per_column[position].empty())
                continue;
            auto & target = block.getByPosition(position);
            ColumnPtr computed = castColumn({expression->evaluate(block), expression->resultType(), target.name}, target.type);
            auto merged = target.column->cloneEmpty();
            merged->reserve(block.rows());
            const auto & rows = missing.rows_per_column[position];
            size_t next_missing = 0;
            for (size_t row = 0; row < block.rows(); ++row)
            {
                bool use_default = next_missing < rows.size() && rows[next_missing] == row;
                if (use_default)
                    ++next_missing;
                merged->insertFrom(use_default ? *computed : *target.column, row);
            }
            target.column = std::move(merged);
        }
    };
}

/// A Values value that is not a literal: the constant expression `text` evaluated on one row and
/// CAST to the column type, as ClickHouse's Values format does (`1 + 1`, `now()`, `[1, 'x']` ->
/// NO_COMMON_TYPE). Identifiers are errors (UNKNOWN_IDENTIFIER): there are no columns to read.
Field evaluateValuesExpression(std::string_view text, const DataTypePtr & type)
{
    Block one_row;
    auto row = ColumnUInt8::create(1);
    row->getData()[0] = 0;
    one_row.insert({std::move(row), parseDataType("UInt8"), "__values_row"});
    StorageExpressionCompiled expression(parseExpression(text), one_row);
    ColumnPtr value = expression.evaluate(one_row);
    ColumnPtr converted = castColumn({value, expression.resultType(), "value"}, type);
    /// As ClickHouse's convertFieldToType: an integer column that cannot hold the number (2 * 200 into UInt8,
    /// 1.5 into Int32) is an error, not a wrapped or truncated value.
    const TypeIndex target = type->getTypeId();
    if (isNativeNumber(expression.resultType()->getTypeId()) && isNativeNumber(target) && target != TypeIndex::Float32 &&
        target != TypeIndex::Float64)
    {
        ColumnPtr back = castColumn({converted, type, "value"}, expression.resultType());
        if (!((*back)[0] == (*value)[0]))
            throw Exception(ErrorCode::TYPE_MISMATCH, "Value " + (*value)[0].dump() + " of expression " + std::string(text) +
                                                          " cannot be represented as " + type->getName());
    }
    return (*converted)[0];
}

/// Hands completed blocks to storage on a second thread, so that parsing the next block overlaps
/// with sorting, compressing and writing the previous one. At most one block waits.
class BackgroundInserter
{
public:
    BackgroundInserter(IStorage & storage, bool durable)
        : storage_(storage)
        , durable_(durable)
        , thread_([this] { run(); })
    {
    }

    ~BackgroundInserter()
    {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        changed_.notify_all();
        if (thread_.joinable())
            thread_.join();
    }

    void push(Block block)
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !pending_ || error_; });
        if (error_)
            std::rethrow_exception(error_);
        pending_ = std::move(block);
        changed_.notify_all();
    }

    /// Waits until every pushed block is inserted; rethrows the first insert error.
    void finish()
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return (!pending_ && !busy_) || error_; });
        if (error_)
            std::rethrow_exception(error_);
    }

private:
    void run()
    {
        while (true)
        {
            Block block;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return pending_.has_value() || done_; });
                if (!pending_)
                    return;
                block = std::move(*pending_);
                pending_.reset();
                busy_ = true;
                changed_.notify_all();
            }
            std::exception_ptr error;
            try
            {
                storage_.insert(block, durable_);
            }
            catch (...)
            {
                error = std::current_exception();
            }
            std::lock_guard lock(mutex_);
            busy_ = false;
            if (error && !error_)
                error_ = error;
            changed_.notify_all();
        }
    }

    IStorage & storage_;
    bool durable_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<Block> pending_;
    bool busy_ = false;
    bool done_ = false;
    std::exception_ptr error_;
    std::thread thread_;
};

/// The columns an INSERT provides, in order: the listed ones, or every column without MATERIALIZED/ALIAS.
Block insertHeader(const ASTInsertQuery & insert, const CatalogTable & table)
{
    const ColumnsDescription & columns = table.storage->getColumns();
    Block header;
    if (insert.columns.empty())
    {
        for (const auto & column : columns)
            if (column.default_kind.empty() || column.default_kind == "DEFAULT")
                header.insert({nullptr, column.type, column.name});
        return header;
    }
    std::set<std::string> seen;
    for (const auto & name : insert.columns)
    {
        auto it = std::find_if(columns.begin(), columns.end(), [&](const ColumnDescription & c) { return c.name == name; });
        if (it == columns.end())
            throw Exception(ErrorCode::NO_SUCH_COLUMN_IN_TABLE, "No column " + name + " in table " + table.database + "." + table.name);
        if (it->default_kind == "MATERIALIZED" || it->default_kind == "ALIAS")
            throw Exception(ErrorCode::ILLEGAL_COLUMN, "Cannot insert into " + it->default_kind + " column " + name);
        if (!seen.insert(name).second)
            throw Exception(ErrorCode::DUPLICATE_COLUMN, "Column " + name + " is listed twice in INSERT");
        header.insert({nullptr, it->type, it->name});
    }
    return header;
}

/// A SELECT result column as the target column's type; NULLs into a non-Nullable target become its default.
ColumnPtr toInsertColumn(const ColumnWithTypeAndName & source, const DataTypePtr & target)
{
    ColumnPtr column = convertToFullColumnIfConst(source.column);
    DataTypePtr type = source.type;
    if (type->isNullable() && !target->isNullable() && removeLowCardinalityType(target)->getTypeId() != TypeIndex::Nullable)
    {
        const auto & nullable = assertColumnCast<ColumnNullable>(*column);
        const auto & null_map = nullable.getNullMapData();
        const IColumn & nested = nullable.getNestedColumn();
        auto filled = nested.cloneEmpty();
        filled->reserve(nested.size());
        for (size_t row = 0; row < nested.size(); ++row)
        {
            if (null_map[row])
                filled->insertDefault();
            else
                filled->insertFrom(nested, row);
        }
        column = std::move(filled);
        type = removeNullableType(type);
    }
    if (type->getTypeId() == TypeIndex::Nothing)
    {
        auto defaults = target->createColumn();
        defaults->insertManyDefaults(column->size());
        return defaults;
    }
    return castColumn({column, type, source.name}, target);
}

} // namespace

size_t InsertInterpreter::executeSelect(const ASTInsertQuery & insert, const CatalogTable & table, Catalog & catalog,
                                        const StatementOptions & options)
{
    if (insert.table_function)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "INSERT INTO FUNCTION is not supported");
    const ColumnsDescription & columns = table.storage->getColumns();
    const Block header = insertHeader(insert, table);
    size_t inserted = 0;
    PendingRows pending;
    BackgroundInserter inserter(*table.storage, options.durable_inserts);
    auto flush = [&]
    {
        Block complete = completeInsertBlock(pending.take(), columns);
        inserted += complete.rows();
        inserter.push(std::move(complete));
    };
    SelectInterpreter::executeToBlocks(
        insert.select, catalog, options,
        [&](const Block & select_header)
        {
            if (select_header.columns() != header.columns())
                throw Exception(ErrorCode::NUMBER_OF_COLUMNS_DOESNT_MATCH,
                                "Number of columns doesn't match: INSERT into " + table.database + "." + table.name + " expects " +
                                    std::to_string(header.columns()) + ", the SELECT returns " + std::to_string(select_header.columns()));
        },
        [&](const Block & block)
        {
            if (block.rows() == 0)
                return;
            Block converted;
            for (size_t i = 0; i < header.columns(); ++i)
            {
                const auto & target = header.getByPosition(i);
                converted.insert({toInsertColumn(block.getByPosition(i), target.type), target.type, target.name});
            }
            pending.append(converted);
            if (pending.rows() >= max_insert_block_size)
                flush();
        });
    if (pending.rows() > 0)
        flush();
    inserter.finish(); /// the statement returns only once every block is acknowledged
    return inserted;
}

size_t InsertInterpreter::execute(const ASTInsertQuery & insert, const CatalogTable & table, std::string_view inline_data,
                                  ReadBuffer * input, const FormatSettings & settings, bool durable)
{
    if (insert.kind == ASTInsertQuery::Kind::Select)
        throw Exception(ErrorCode::LOGICAL_ERROR, "INSERT ... SELECT goes through InsertInterpreter::executeSelect");
    if (insert.table_function)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "INSERT INTO FUNCTION is not supported");

    const ColumnsDescription & columns = table.storage->getColumns();
    Block header = insertHeader(insert, table);

    std::unique_ptr<ReadBufferFromMemory> inline_buffer;
    ReadBuffer * data = input;
    if (!inline_data.empty() || !input)
    {
        inline_buffer = std::make_unique<ReadBufferFromMemory>(inline_data);
        data = inline_buffer.get();
    }
    auto format = createInputFormat(insert.format, *data, header, settings);
    format->setDefaultsFiller(makeInsertDefaultsFiller(header, columns));
    format->setExpressionEvaluator(evaluateValuesExpression);

    size_t inserted = 0;
    PendingRows pending;
    BackgroundInserter inserter(*table.storage, durable);
    std::vector<InputRowError> bad_rows;
    while (true)
    {
        Block good;
        bad_rows.clear();
        bool more = format->read(good, bad_rows, 65536);
        if (!bad_rows.empty())
        {
            const InputRowError & e = bad_rows.front();
            throw Exception(
                e.code, "Cannot insert into " + table.database + "." + table.name + ": row " + std::to_string(e.row_number) +
                            (e.column.empty() ? "" : ", column " + e.column) + ": " + e.reason +
                            (bad_rows.size() > 1 ? " (and " + std::to_string(bad_rows.size() - 1) + " more bad rows in this batch)" : ""));
        }
        if (good.rows() > 0)
            pending.append(good);
        if (pending.rows() >= max_insert_block_size || (!more && pending.rows() > 0))
        {
            Block complete = completeInsertBlock(pending.take(), columns);
            inserted += complete.rows();
            inserter.push(std::move(complete));
        }
        if (!more)
            break;
    }
    inserter.finish(); /// the statement returns only once every block is acknowledged
    return inserted;
}

IInputFormat::DefaultsFiller InsertInterpreter::makeDefaultsFiller(const Block & header, const ColumnsDescription & columns)
{
    return makeInsertDefaultsFiller(header, columns);
}

Block InsertInterpreter::completeBlock(Block block, const ColumnsDescription & columns)
{
    return completeInsertBlock(std::move(block), columns);
}

Block InsertInterpreter::filterBlock(const Block & block, std::string_view condition)
{
    StorageExpressionCompiled expression(parseExpression(condition), block);
    ColumnPtr result = expression.evaluate(block);
    const size_t rows = block.rows();
    Filter mask(rows, 0);
    for (size_t row = 0; row < rows; ++row)
    {
        Field value = (*result)[row];
        mask[row] = !value.isNull() && !(value == Field(UInt64(0))) && !(value == Field(Int64(0)));
    }
    Block filtered;
    for (const auto & column : block)
        filtered.insert({column.column->filter(mask, rows), column.type, column.name});
    return filtered;
}

} // namespace pipit
