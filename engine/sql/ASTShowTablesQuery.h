#pragma once

#include "engine/sql/ASTQueryWithOutput.h"

namespace pipit
{

/// SHOW [TEMPORARY] TABLES [FROM|IN db] [[NOT] [I]LIKE 'pattern'] [LIMIT n], SHOW DATABASES [...],
/// SHOW CREATE [TABLE] [db.]t (kind CreateTable).
class ASTShowTablesQuery : public ASTQueryWithOutput
{
public:
    ASTShowTablesQuery()
        : ASTQueryWithOutput(ASTKind::ShowTablesQuery)
    {
    }

    enum class Kind
    {
        Tables,
        Databases,
        CreateTable,
    };

    Kind kind = Kind::Tables;
    bool temporary = false;
    /// FROM db for Tables; the table's database for CreateTable.
    std::string database;
    /// The table for CreateTable.
    std::string table;
    /// LIKE pattern; empty when absent.
    std::string like;
    bool has_like = false;
    bool not_like = false;
    bool case_insensitive_like = false;
    ASTPtr limit;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTShowTablesQuery>(*this);
        res->limit = cloneAST(limit);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChild(visit, limit); }
};

} // namespace pipit
