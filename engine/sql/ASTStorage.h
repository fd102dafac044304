#pragma once

#include "engine/sql/ASTFunction.h"
#include "engine/sql/ASTTTLElement.h"
#include "engine/sql/SettingChange.h"

namespace pipit
{

/// The storage part of CREATE TABLE:
///   ENGINE = Name[(args)] [PARTITION BY e] [PRIMARY KEY e] [ORDER BY e] [SAMPLE BY e] [TTL rule, ...] [SETTINGS k = v, ...]
/// ORDER BY (a, b) is stored as tuple(a, b) (ASTFunction "tuple"), ORDER BY tuple() as an empty tuple.
class ASTStorage : public ASTNode
{
public:
    ASTStorage()
        : ASTNode(ASTKind::Storage)
    {
    }

    /// Engine name and arguments: MergeTree, ReplacingMergeTree(ver), SummingMergeTree((a, b)).
    /// Null when the ENGINE clause is absent (CREATE TABLE ... AS other / default engine).
    std::shared_ptr<ASTFunction> engine;
    /// `ENGINE = MergeTree()` vs `ENGINE = MergeTree` (for faithful formatting).
    bool engine_has_parentheses = false;
    ASTPtr partition_by;
    ASTPtr primary_key;
    ASTPtr order_by;
    ASTPtr sample_by;
    std::vector<std::shared_ptr<ASTTTLElement>> ttl;
    SettingsChanges settings;

    ASTPtr clone() const override
    {
        auto res = std::make_shared<ASTStorage>(*this);
        res->engine = cloneTyped(engine);
        res->partition_by = cloneAST(partition_by);
        res->primary_key = cloneAST(primary_key);
        res->order_by = cloneAST(order_by);
        res->sample_by = cloneAST(sample_by);
        res->ttl = cloneList(ttl);
        return res;
    }
    void forEachChild(const std::function<void(const ASTPtr &)> & visit) const override
    {
        visitChild(visit, engine);
        visitChild(visit, partition_by);
        visitChild(visit, primary_key);
        visitChild(visit, order_by);
        visitChild(visit, sample_by);
        visitChildren(visit, ttl);
    }
};

} // namespace pipit
