#pragma once

#include "engine/sql/ASTAlterCommand.h"

namespace pipit
{

/// ALTER TABLE [db.]t command, command, ...   (see ASTAlterCommand; e.g. ALTER TABLE t DELETE WHERE x = 1)
class ASTAlterQuery : public ASTNode
{
public:
    ASTAlterQuery()
        : ASTNode(ASTKind::AlterQuery)
    {
    }

    std::string database;
    std::string table;
    std::vector<std::shared_ptr<ASTAlterCommand>> commands;
    SettingsChanges settings;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTAlterQuery>(*this);
        res->commands = cloneList(commands);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override { visitChildren(visit, commands); }
};

} // namespace pipit
