#pragma once

#include "engine/sql/ASTColumnDeclaration.h"
#include "engine/sql/ASTIndexDeclaration.h"
#include "engine/sql/ASTTTLElement.h"
#include "engine/sql/SettingChange.h"

namespace pipit
{

/// One command of ALTER TABLE. Which fields are set depends on `type`:
///   Delete:         DELETE WHERE predicate
///   Update:         UPDATE c1 = e1, c2 = e2 WHERE predicate            (update_assignments: name + expression)
///   AddColumn:      ADD COLUMN [IF NOT EXISTS] decl [AFTER c | FIRST]  (column, if_not_exists, after_column, first)
///   DropColumn:     DROP COLUMN [IF EXISTS] c                          (column_name, if_exists)
///   ModifyColumn:   MODIFY COLUMN [IF EXISTS] decl                     (column, if_exists)
///   RenameColumn:   RENAME COLUMN [IF EXISTS] c TO d                   (column_name, rename_to)
///   CommentColumn:  COMMENT COLUMN [IF EXISTS] c 'text'                (column_name, comment)
///   ClearColumn:    CLEAR COLUMN [IF EXISTS] c [IN PARTITION p]        (column_name, partition)
///   AddIndex:       ADD INDEX [IF NOT EXISTS] name expr TYPE t [GRANULARITY n]   (index)
///   DropIndex:      DROP INDEX [IF EXISTS] name                        (index_name)
///   MaterializeIndex: MATERIALIZE INDEX name [IN PARTITION p]
///   ModifyOrderBy:  MODIFY ORDER BY expr                               (order_by)
///   ModifyTTL:      MODIFY TTL rule, ...                               (ttl)
///   RemoveTTL:      REMOVE TTL
///   ModifySetting:  MODIFY SETTING k = v, ...                          (settings)
///   ModifyComment:  MODIFY COMMENT 'text'                              (comment)
///   DropPartition:  DROP PARTITION p | DROP PARTITION ID 'id'          (partition | partition_id)
class ASTAlterCommand : public ASTNode
{
public:
    ASTAlterCommand()
        : ASTNode(ASTKind::AlterCommand)
    {
    }

    enum class Type
    {
        Delete,
        Update,
        AddColumn,
        DropColumn,
        ModifyColumn,
        RenameColumn,
        CommentColumn,
        ClearColumn,
        AddIndex,
        DropIndex,
        MaterializeIndex,
        ModifyOrderBy,
        ModifyTTL,
        RemoveTTL,
        ModifySetting,
        ModifyComment,
        DropPartition,
    };

    Type type = Type::Delete;

    ASTPtr predicate;
    std::vector<std::pair<std::string, ASTPtr>> update_assignments;

    std::shared_ptr<ASTColumnDeclaration> column;
    std::string column_name;
    std::string rename_to;
    std::string after_column;
    bool first = false;
    bool if_exists = false;
    bool if_not_exists = false;

    std::shared_ptr<ASTIndexDeclaration> index;
    std::string index_name;

    ASTPtr order_by;
    std::vector<std::shared_ptr<ASTTTLElement>> ttl;
    SettingsChanges settings;
    std::string comment;

    ASTPtr partition;
    std::string partition_id;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTAlterCommand>(*this);
        res->predicate = cloneAST(predicate);
        for (auto & assignment : res->update_assignments)
            assignment.second = cloneAST(assignment.second);
        res->column = cloneTyped(column);
        res->index = cloneTyped(index);
        res->order_by = cloneAST(order_by);
        res->ttl = cloneList(ttl);
        res->partition = cloneAST(partition);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        for (const auto & assignment : update_assignments)
            visitChild(visit, assignment.second);
        visitChild(visit, predicate);
        visitChild(visit, column);
        visitChild(visit, index);
        visitChild(visit, order_by);
        visitChildren(visit, ttl);
        visitChild(visit, partition);
    }
};

} // namespace pipit
