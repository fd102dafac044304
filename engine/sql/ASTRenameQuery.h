#pragma once

#include "engine/sql/ASTNode.h"

namespace pipit
{

/// RENAME TABLE [db.]a TO [db.]b [, [db.]c TO [db.]d ...]  (applied atomically, in order)
/// EXCHANGE TABLES [db.]a AND [db.]b                      (exchange = true, exactly one element: from <-> to)
class ASTRenameQuery : public ASTNode
{
public:
    ASTRenameQuery()
        : ASTNode(ASTKind::RenameQuery)
    {
    }

    struct Element
    {
        std::string from_database;
        std::string from_table;
        std::string to_database;
        std::string to_table;
    };

    bool exchange = false;
    std::vector<Element> elements;

    ASTPtr clone() const override { return std::make_shared<ASTRenameQuery>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
