#pragma once

#include "engine/sql/ASTQueryWithOutput.h"

namespace pipit
{

/// EXISTS [TEMPORARY] [TABLE|DATABASE] [db.]name: returns one UInt8 row.
class ASTExistsQuery : public ASTQueryWithOutput
{
public:
    ASTExistsQuery()
        : ASTQueryWithOutput(ASTKind::ExistsQuery)
    {
    }

    bool is_database = false;
    std::string database;
    std::string table;

    ASTPtr clone() const override { return std::make_shared<ASTExistsQuery>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
