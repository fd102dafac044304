#pragma once

#include "engine/sql/ASTNode.h"
#include "engine/sql/SettingChange.h"

namespace pipit
{

/// INSERT INTO [TABLE] [db.]t [(c1, c2)] [SETTINGS k = v, ...] then one of
///   VALUES (...), (...)      -> kind Values: `format` = "Values", data in the text at [data_begin, data_end)
///   FORMAT Name <data>       -> kind Format: data starts after the format name and ONE following whitespace char
///                               (a "\r\n" pair counts as one); `format` = Name
///   [WITH ...] SELECT ...    -> kind Select: `select` (ASTSelectWithUnionQuery)
/// The SQL parser never parses inline data: the format layer reads the bytes at [data_begin, data_end)
/// of the original text. For Values, data_begin is the first byte after the VALUES keyword.
/// data_end: with parseQuery, the end of the text (for Values: before a trailing ';' and whitespace);
/// in multi-statement input (parseQueryAt) Values data ends at the first ';' outside brackets and quotes,
/// Format data ends at the end of the line it starts on (like clickhouse-client).
class ASTInsertQuery : public ASTNode
{
public:
    ASTInsertQuery()
        : ASTNode(ASTKind::InsertQuery)
    {
    }

    enum class Kind
    {
        Values,
        Format,
        Select,
    };

    std::string database;
    std::string table;
    /// INSERT INTO FUNCTION f(...) (an ASTFunction); null for tables.
    ASTPtr table_function;
    /// Explicit column list; empty means all (non-materialized, non-alias) columns in table order.
    std::vector<std::string> columns;
    SettingsChanges settings;

    Kind kind = Kind::Values;
    std::string format;
    size_t data_begin = 0;
    size_t data_end = 0;
    ASTPtr select;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTInsertQuery>(*this);
        res->table_function = cloneAST(table_function);
        res->select = cloneAST(select);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, table_function);
        visitChild(visit, select);
    }
};

} // namespace pipit
