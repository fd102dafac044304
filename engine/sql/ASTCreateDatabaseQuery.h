#pragma once

#include "engine/sql/ASTStorage.h"

namespace pipit
{

/// CREATE DATABASE [IF NOT EXISTS] name [ENGINE = Name(args)] [COMMENT 'c'].
class ASTCreateDatabaseQuery : public ASTNode
{
public:
    ASTCreateDatabaseQuery()
        : ASTNode(ASTKind::CreateDatabaseQuery)
    {
    }

    bool if_not_exists = false;
    std::string database;
    /// Null when no ENGINE clause.
    std::shared_ptr<ASTStorage> storage;
    std::string comment;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTCreateDatabaseQuery>(*this);
        res->storage = cloneTyped(storage);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChild(visit, storage); }
};

} // namespace pipit
