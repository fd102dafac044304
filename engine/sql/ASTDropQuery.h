#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// DROP TABLE|VIEW|DICTIONARY [IF EXISTS] [db.]name [SYNC], DROP DATABASE [IF EXISTS] name,
/// TRUNCATE [TABLE] [IF EXISTS] [db.]name, DETACH TABLE ... (kind Detach).
class ASTDropQuery : public ASTNode
{
public:
    ASTDropQuery()
        : ASTNode(ASTKind::DropQuery)
    {
    }

    enum class Kind
    {
        Drop,
        Truncate,
        Detach,
    };
    enum class Object
    {
        Table,
        View,
        Dictionary,
        Database,
    };

    Kind kind = Kind::Drop;
    Object object = Object::Table;
    bool if_exists = false;
    bool temporary = false;
    bool sync = false;
    /// For Object::Database the name is in `database` and `table` is empty.
    std::string database;
    std::string table;

    ASTPtr clone() const override { return std::make_shared<ASTDropQuery>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
