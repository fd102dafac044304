#pragma once

#include "engine/sql/ASTNode.h"
#include "engine/sql/SettingChange.h"

namespace pipit
{

/// SET k = v, k2 = v2 (session settings; `param_x = v` sets query parameter x).
class ASTSetQuery : public ASTNode
{
public:
    ASTSetQuery()
        : ASTNode(ASTKind::SetQuery)
    {
    }

    SettingsChanges changes;

    ASTPtr clone() const override { return std::make_shared<ASTSetQuery>(*this); }
    void forEachChild(const std::function<void(const ASTPtr &)> &) const override {}
};

} // namespace pipit
