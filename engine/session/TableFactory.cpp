#include "engine/session/TableFactory.h"

#include "engine/base/Exception.h"
#include "engine/io/CompressionCodec.h"
#include "engine/planner/StorageExpressionCompiled.h"
#include "engine/sql/ASTFormatter.h"
#include "engine/sql/ASTFunction.h"
#include "engine/sql/ASTStorage.h"
#include "engine/sql/ASTTTLElement.h"
#include "engine/sql/Parser.h"
#include "engine/storage/StorageMemory.h"
#include "engine/storage/StorageMergeTree.h"
#include "engine/storage/StorageNull.h"
#include "engine/types/DataTypeNullable.h"

#include <set>

namespace pipit
{

namespace
{

UInt64 settingAsUInt(const SettingChange & setting)
{
    if (setting.value.which() != Field::Which::UInt64)
        throw Exception(ErrorCode::BAD_ARGUMENTS,
                        "Setting " + setting.name + " expects a non-negative integer, got " + setting.value.dump());
    return setting.value.get<UInt64>();
}

MergeTreeSettings mergeTreeSettingsFromAST(const SettingsChanges & changes)
{
    MergeTreeSettings settings;
    for (const auto & change : changes)
    {
        const std::string & name = change.name;
        if (name == "index_granularity")
        {
            settings.index_granularity = settingAsUInt(change);
            if (settings.index_granularity == 0 || settings.index_granularity > (1u << 24))
                throw Exception(ErrorCode::BAD_ARGUMENTS, "index_granularity must be between 1 and 16777216");
        }
        else if (name == "buffer_flush_rows")
            settings.buffer_flush_rows = std::max<UInt64>(1, settingAsUInt(change));
        else if (name == "buffer_flush_bytes")
            settings.buffer_flush_bytes = std::max<UInt64>(1, settingAsUInt(change));
        else if (name == "buffer_flush_interval_ms")
            settings.buffer_flush_interval_ms = settingAsUInt(change);
        else if (name == "direct_insert_min_rows")
            settings.direct_insert_min_rows = std::max<UInt64>(1, settingAsUInt(change));
        else if (name == "merge_min_parts")
            settings.merge_min_parts = std::max<UInt64>(2, settingAsUInt(change));
        else if (name == "merge_max_parts")
            settings.merge_max_parts = std::max<UInt64>(2, settingAsUInt(change));
        else if (name == "max_bytes_to_merge")
            settings.max_bytes_to_merge = settingAsUInt(change);
        else if (name == "background_merges")
            settings.background_merges = settingAsUInt(change) != 0;
        else if (name == "fsync_parts")
            settings.fsync_parts = settingAsUInt(change) != 0;
        else if (name == "index_granularity_bytes" || name == "min_bytes_for_wide_part" || name == "storage_policy" ||
                 name == "ttl_only_drop_parts" || name == "merge_with_ttl_timeout" || name == "allow_nullable_key")
            continue; // ClickHouse settings that Tinybird projects set and that do not change results here
        else
            throw Exception(ErrorCode::UNKNOWN_SETTING, "Unknown MergeTree setting '" + name + "'");
    }
    return settings;
}

/// ORDER BY / PRIMARY KEY `(a, b)` is tuple(a, b); `tuple()` is empty; a single expression is itself.
ASTs keyElements(const ASTPtr & key)
{
    if (!key)
        return {};
    if (const auto * function = key->as<ASTFunction>(); function && function->name == "tuple" && key->alias.empty())
        return function->arguments;
    return {key};
}

/// A TTL expression must return a point in time.
StorageExpressionPtr compileTtl(const ASTPtr & ast, const Block & header)
{
    auto ttl = std::make_shared<StorageExpressionCompiled>(ast, header);
    TypeIndex type = ttl->resultType()->getTypeId();
    if (type != TypeIndex::Date && type != TypeIndex::Date32 && type != TypeIndex::DateTime && type != TypeIndex::DateTime64)
        throw Exception(ErrorCode::BAD_TTL_EXPRESSION, "TTL expression " + ttl->text() +
                                                           " must return Date, Date32, DateTime or DateTime64, got " +
                                                           ttl->resultType()->getName());
    return ttl;
}

} // namespace

Block headerOf(const ColumnsDescription & columns)
{
    Block header;
    for (const auto & column : columns)
        if (column.default_kind != "ALIAS")
            header.insert({nullptr, column.type, column.name});
    return header;
}

ColumnsDescription TableFactory::columnsFromAST(const ASTCreateTableQuery & create)
{
    if (create.columns.empty())
        throw Exception(ErrorCode::EMPTY_LIST_OF_COLUMNS_PASSED, "Table " + create.table + " must have at least one column");
    ColumnsDescription columns;
    std::set<std::string> names;
    for (const auto & declaration : create.columns)
    {
        if (!names.insert(declaration->name).second)
            throw Exception(ErrorCode::DUPLICATE_COLUMN, "Column " + declaration->name + " is declared twice");
        ColumnDescription column;
        column.name = declaration->name;
        if (!declaration->type.empty())
            column.type = parseDataType(declaration->type);
        else if (declaration->default_expression)
        {
            // `x DEFAULT expr` without a type takes the expression's type (over the columns declared with types).
            Block typed;
            for (const auto & other : create.columns)
                if (!other->type.empty())
                    typed.insert({nullptr, parseDataType(other->type), other->name});
            column.type = std::make_shared<StorageExpressionCompiled>(declaration->default_expression, typed)->resultType();
        }
        else
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Column " + declaration->name + " needs a type or a DEFAULT expression");
        if (declaration->null_modifier.value_or(false) && !column.type->isNullable())
            column.type = makeNullable(column.type);
        switch (declaration->default_kind)
        {
        case ASTColumnDeclaration::DefaultKind::None:
            break;
        case ASTColumnDeclaration::DefaultKind::Default:
            column.default_kind = "DEFAULT";
            break;
        case ASTColumnDeclaration::DefaultKind::Materialized:
            column.default_kind = "MATERIALIZED";
            break;
        case ASTColumnDeclaration::DefaultKind::Alias:
            column.default_kind = "ALIAS";
            break;
        case ASTColumnDeclaration::DefaultKind::Ephemeral:
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "EPHEMERAL columns are not supported yet");
        }
        if (declaration->default_expression)
            column.default_expression = formatAST(*declaration->default_expression);
        if (!declaration->codec.empty())
        {
            // Validates the chain for this type and stores it canonically, parameters filled in
            // (`Delta, LZ4` on UInt64 -> `Delta(8), LZ4`), as DESCRIBE shows it.
            auto sample = column.type->createColumn();
            column.codec = parseCodecChain(declaration->codec, sample->sizeOfValueIfFixed())->name();
        }
        if (declaration->ttl)
            column.ttl_expression = formatAST(*declaration->ttl);
        columns.push_back(std::move(column));
    }
    // DEFAULT / MATERIALIZED / ALIAS expressions must compile over the table's columns.
    Block header;
    for (const auto & column : columns)
        header.insert({nullptr, column.type, column.name});
    for (size_t i = 0; i < columns.size(); ++i)
        if (create.columns[i]->default_expression)
            std::make_shared<StorageExpressionCompiled>(create.columns[i]->default_expression, header);
    return columns;
}

void TableFactory::validate(const ASTCreateTableQuery & create)
{
    // Building the storage definition checks everything; MergeTree's constructor is only called by create().
    ColumnsDescription columns = columnsFromAST(create);
    (void)columns;
}

StoragePtr TableFactory::create(const ASTCreateTableQuery & create, const std::string & data_path)
{
    if (create.is_view || create.is_materialized_view)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "Views and materialized views are not supported yet");
    if (create.select || !create.as_table.empty() || create.as_table_function)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "CREATE TABLE ... AS is not supported yet");
    if (!create.storage || !create.storage->engine)
        throw Exception(ErrorCode::INCORRECT_QUERY, "Table " + create.table + " needs an ENGINE (e.g. ENGINE = MergeTree ORDER BY ...)");

    ColumnsDescription columns = columnsFromAST(create);
    const ASTStorage & storage = *create.storage;
    const std::string & engine = storage.engine->name;

    if (engine == "Memory" || engine == "Null")
    {
        if (!storage.engine->arguments.empty())
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Engine " + engine + " takes no arguments");
        if (storage.order_by || storage.partition_by || storage.primary_key || !storage.ttl.empty())
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Engine " + engine + " does not support PARTITION BY, ORDER BY, PRIMARY KEY or TTL");
        if (engine == "Memory")
            return std::make_shared<StorageMemory>(columns);
        return std::make_shared<StorageNull>(columns);
    }
    if (engine != "MergeTree")
    {
        static const std::set<std::string> later = {"ReplacingMergeTree", "SummingMergeTree", "AggregatingMergeTree", "CollapsingMergeTree",
                                                    "VersionedCollapsingMergeTree"};
        if (later.contains(engine))
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "Engine " + engine + " is not supported yet (MergeTree, Memory and Null are)");
        throw Exception(ErrorCode::UNKNOWN_STORAGE, "Unknown table engine " + engine);
    }
    if (!storage.engine->arguments.empty())
        throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                        "Engine MergeTree takes no arguments; use ORDER BY / PARTITION BY clauses");
    if (!storage.order_by && !storage.primary_key)
        throw Exception(ErrorCode::BAD_ARGUMENTS,
                        "MergeTree table " + create.table + " needs ORDER BY or PRIMARY KEY (ORDER BY tuple() for no sorting)");
    if (storage.sample_by)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "SAMPLE BY is not supported yet");

    Block header = headerOf(columns);
    MergeTreeDefinition definition;
    definition.columns = columns;
    ASTs order_by = keyElements(storage.order_by ? storage.order_by : storage.primary_key);
    for (const auto & element : order_by)
        definition.sort_key.push_back(std::make_shared<StorageExpressionCompiled>(element, header));
    if (storage.primary_key && storage.order_by)
    {
        ASTs primary_key = keyElements(storage.primary_key);
        if (primary_key.size() > order_by.size())
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Primary key must be a prefix of the sorting key");
        for (size_t i = 0; i < primary_key.size(); ++i)
            if (formatAST(*primary_key[i]) != formatAST(*order_by[i]))
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Primary key must be a prefix of the sorting key, but its element " +
                                                              std::to_string(i) + " is " + formatAST(*primary_key[i]) +
                                                              " while the sorting key has " + formatAST(*order_by[i]));
        definition.primary_key_size = primary_key.size();
    }
    if (storage.partition_by)
        definition.partition_key = std::make_shared<StorageExpressionCompiled>(storage.partition_by, header);
    if (!storage.ttl.empty())
    {
        if (storage.ttl.size() > 1 || storage.ttl[0]->mode != ASTTTLElement::Mode::Delete || storage.ttl[0]->where)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "Only one TTL ... DELETE rule without WHERE is supported yet");
        definition.ttl = compileTtl(storage.ttl[0]->expression, header);
    }
    for (size_t i = 0; i < create.columns.size(); ++i)
    {
        const auto & declaration = *create.columns[i];
        if (!declaration.ttl)
            continue;
        for (const auto & key : definition.sort_key)
            for (const auto & key_column : key->requiredColumns())
                if (key_column == declaration.name)
                    throw Exception(ErrorCode::ILLEGAL_COLUMN,
                                    "Column " + declaration.name + " is part of the sorting key and cannot have a TTL");
        definition.column_ttl.emplace_back(declaration.name, compileTtl(declaration.ttl, header));
    }
    definition.settings = mergeTreeSettingsFromAST(storage.settings);
    return std::make_shared<StorageMergeTree>(data_path, std::move(definition));
}

} // namespace pipit
